// Types, a namespace and an agent named like what generated modules import or declare themselves
// (every runtime export, NS0, types, S, T, lazyAgents, ...): the output compiles, keeps the
// WSDL's type names, and calls work.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { RUNTIME_NAMES } from "../../generator/emit/symbols.js";
import { ROOT, runCli } from "../helpers/cli.js";
import { capturingFetch } from "../helpers/capture.js";
import { tempDir } from "../helpers/temp.js";
import { oneOperationWsdl } from "../helpers/wsdl.js";

const GENERATED = [
  "types",
  "NS",
  "NS0",
  "NS1",
  "NS2",
  "S",
  "T",
  "ACTION",
  "NO_HEADERS",
  "AgentBase",
  "AgentOptions",
  "RequestHeaders",
  "ResponseHeaders",
  "Field",
  // The types schema.ts declares its descriptors with, and the operations tables with.
  "RecordType",
  "ArrayType",
  "DictionaryType",
  "EnumType",
  "ScalarType",
  "TypeRegistry",
  "OperationInfo",
];
const NAMES = [...new Set([...RUNTIME_NAMES, ...GENERATED])].sort();
const NS = "urn:clash/lazyAgents";

const wsdl = () => {
  const types = NAMES.map(
    (n) =>
      `<xs:complexType name="${n}"><xs:sequence><xs:element name="v" minOccurs="0" type="xs:string"/></xs:sequence><xs:attribute name="at" type="xs:int"/></xs:complexType>`,
  ).join("");
  const members = NAMES.map((n) => `<xs:element name="m_${n}" minOccurs="0" type="tns:${n}"/>`).join("");
  return oneOperationWsdl({ ns: NS, op: "record", portType: "lazyAgents", types, request: members, response: members });
};

test(`types named like all ${NAMES.length} runtime exports and generated identifiers: compiles (strict), keeps the names, calls work`, async () => {
  const dir = tempDir("clash-", ROOT);
  const file = path.join(dir, "Clash.wsdl");
  writeFileSync(file, wsdl());
  const out = path.join(dir, "out");
  const r = runCli(["--wsdl", file, "--out", out]); // the generator type-checks what it writes
  assert.equal(r.code, 0, r.stderr);
  const types = readFileSync(path.join(out, "types.ts"), "utf8");
  for (const n of NAMES) assert.match(types, new RegExp(`^export interface ${n.replace("$", "\\$")} \\{`, "m"), `type ${n} keeps its name`);
  const mod = (await import(pathToFileURL(path.join(out, "index.ts")).href)) as Record<string, unknown>;
  const Agent = mod["LazyAgentsAgent"] as new (o: object) => { invoke(op: string, r: object): Promise<{ body: Record<string, unknown> }> };
  assert.equal(typeof Agent, "function");
  const echo = (req: { body: string }) =>
    req.body
      .replace(/<s:Envelope[^>]*>/, '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">')
      .replace(`<record xmlns="${NS}">`, `<recordResponse xmlns="${NS}">`)
      .replace("</record>", "</recordResponse>");
  const { fetch, calls } = capturingFetch(echo);
  const request = Object.fromEntries(NAMES.map((n, i) => [`m_${n}`, { v: n, at: i }]));
  const { body } = await new Agent({ fetch }).invoke("record", request);
  assert.match(calls[0]!.body, /<m_record at="\d+"><v>record<\/v><\/m_record>/);
  assert.deepEqual(body, request);
});
