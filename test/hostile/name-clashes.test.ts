// Types, a namespace and an agent named like what generated modules import or declare themselves
// (every runtime export, NS0, types, S, T, lazyAgents, ...): the output compiles, keeps the
// WSDL's type names (PascalCase), and calls work.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { RUNTIME_NAMES } from "../../generator/emit/symbols.js";
import { GLOBAL_TYPE_NAMES } from "../../generator/emit/type-mapping.js";
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
  // Globals the generated files name: a type named like one must not hide it.
  "Date",
  "Uint8Array",
  "Record",
  "Promise",
];
const NAMES = [...new Set([...RUNTIME_NAMES, ...GENERATED])].sort();
const NS = "urn:clash/lazyAgents";

const wsdl = () => {
  const types = NAMES.map(
    (n) =>
      `<xs:complexType name="${n}"><xs:sequence><xs:element name="v" minOccurs="0" type="xs:string"/><xs:element name="d" minOccurs="0" type="xs:dateTime"/><xs:element name="b" minOccurs="0" type="xs:base64Binary"/></xs:sequence><xs:attribute name="at" type="xs:int"/></xs:complexType>`,
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
  // PascalCase, or as written where that is taken (a twin, or a global such as Record).
  const declared = new Set([...types.matchAll(/^export interface (\S+) \{/gm)].map((m) => m[1]));
  for (const n of NAMES) {
    const pascal = n.charAt(0).toUpperCase() + n.slice(1);
    if (GLOBAL_TYPE_NAMES.includes(n)) assert.ok(declared.has(`${n}2`) && !declared.has(n), `type ${n} does not hide the global ${n}`);
    else assert.ok(declared.has(pascal) || declared.has(n), `type ${n} keeps its name (${pascal} or ${n})`);
  }
  assert.equal(declared.size, NAMES.length);
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
