// `npm run conformance`: the generated clients against zeep 4.2 (Debian's python3-zeep), the
// reference SOAP implementation, on every WSDL of ../shared/wsdl-corpus that both read.
// For each operation zeep builds a request from filled values (scripts/conformance/zeep-messages.py);
// ours decodes it with the generated descriptors and encodes it again, and the two envelopes
// must be the same XML (names and namespaces by URI, prefixes aside, attribute order aside,
// QName values in xsi:type resolved). zeep also serialises a response, which ours must decode.
//
// Usage: npm run conformance -- [--filter REGEX] [--zeep FILE (reuse zeep's lines)] [--verbose]
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { elementTree, type XmlTree } from "../../test/helpers/xml.js";
import { DEFAULTS } from "../../generator/config.js";
import { generate } from "../../generator/generate.js";
import { decodeEnvelope } from "../../runtime/decode.js";
import { encodeEnvelope } from "../../runtime/encode.js";
import type { OperationInfo, TypeRegistry } from "../../runtime/schema.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CORPUS = path.resolve(ROOT, "../shared/wsdl-corpus");

interface ZeepLine {
  file: string;
  port?: string;
  soap?: "1.1" | "1.2";
  operation?: string;
  action?: string;
  request?: string;
  response?: string | null;
  error?: string;
}

const args = parseArgs({ options: { filter: { type: "string" }, zeep: { type: "string" }, verbose: { type: "boolean" } } }).values;

function zeepLines(): ZeepLine[] {
  if (args.zeep)
    return readFileSync(args.zeep, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ZeepLine);
  const r = spawnSync("/usr/bin/python3", [path.join(ROOT, "scripts/conformance/zeep-messages.py"), CORPUS, args.filter ?? ""], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`zeep-messages.py failed (is python3-zeep installed? bash scripts/ensure-interop.sh):\n${r.stderr}`);
  return r.stdout
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ZeepLine);
}

/** The Body's children (and the Header's) of an envelope, as trees. */
function parts(xml: string): { header: XmlTree[]; body: XmlTree[] } {
  const doc = new DOMParser({ onError: () => {} }).parseFromString(xml, "text/xml");
  const env = doc.documentElement!;
  const out = { header: [] as XmlTree[], body: [] as XmlTree[] };
  for (let c = env.firstChild; c; c = c.nextSibling)
    if (c.nodeType === 1) {
      const e = c as Element;
      const kids = Array.from({ length: e.childNodes.length }, (_, i) => e.childNodes.item(i)!)
        .filter((n) => n.nodeType === 1)
        .map((n) => elementTree(n as Element));
      if (e.localName === "Header") out.header = kids;
      else if (e.localName === "Body") out.body = kids;
    }
  return out;
}

/** Where two trees first differ, as a path and what each has; undefined when equal. */
function diff(a: XmlTree[], b: XmlTree[], at = ""): string | undefined {
  if (a.length !== b.length)
    return `${at}: zeep has ${a.length} elements (${a.map((n) => n.name).join(" ")}), ours ${b.length} (${b.map((n) => n.name).join(" ")})`;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const here = `${at}/${x.name}`;
    if (x.name !== y.name) return `${at}[${i}]: zeep <${x.name}>, ours <${y.name}>`;
    if (JSON.stringify(Object.entries(x.attributes).sort()) !== JSON.stringify(Object.entries(y.attributes).sort()))
      return `${here}: attributes zeep ${JSON.stringify(x.attributes)}, ours ${JSON.stringify(y.attributes)}`;
    if (x.text !== y.text) return `${here}: text zeep ${JSON.stringify(x.text.slice(0, 80))}, ours ${JSON.stringify(y.text.slice(0, 80))}`;
    const d = diff(x.children, y.children, here);
    if (d) return d;
  }
  return undefined;
}

type Agent = { ops: Record<string, OperationInfo>; types: TypeRegistry };

async function ourClient(file: string, dir: string): Promise<Agent[]> {
  const out = path.join(dir, "out");
  const config = {
    ...DEFAULTS,
    wsdl: [path.join(CORPUS, "wsdl", file)],
    out,
    runtime: path.join(ROOT, "runtime"),
    soapVersion: "both" as const,
    lenient: true,
  };
  const { files } = await generate(config, { typeCheck: false });
  mkdirSync(out, { recursive: true });
  for (const [name, text] of files) writeFileSync(path.join(out, name), text);
  const index = (await import(pathToFileURL(path.join(out, "index.ts")).href)) as Record<string, unknown>;
  let types: TypeRegistry = new Map();
  if (files.has("schema.ts")) types = ((await import(pathToFileURL(path.join(out, "schema.ts")).href)) as { types?: TypeRegistry }).types ?? types;
  return Object.entries(index)
    .filter(([k]) => k.endsWith("Operations"))
    .map(([, v]) => ({ ops: v as Record<string, OperationInfo>, types }));
}

/**
 * The deliberate differences (README, "Limits"), each a rewrite of both sides that makes them
 * equal; a request equal only after some is counted under their names, not as a difference.
 * - rpc/encoded: ours sends each part's type (xsi:type), the SOAP encoding's array attributes
 *   and the wrapper's encodingStyle, which zeep leaves out.
 * - WS-Addressing: zeep sends wsa headers whenever an operation has a wsam:Action; ours only when
 *   the binding says addressing is in use, as svcutil (WCF and JAX-WS put the action everywhere).
 * - xs:anyType: ours sends a value's type (xsi:type), zeep sends text without one.
 * - xs:float/double: zeep writes Python's form (1.0), ours JavaScript's (1).
 * - an rpc response of no parts: zeep's Body is empty, ours holds the empty wrapper.
 */
type Rewrite = (nodes: XmlTree[]) => XmlTree[];
const everywhere =
  (f: (n: XmlTree) => XmlTree): Rewrite =>
  (nodes) =>
    nodes.map((n) => f({ ...n, children: everywhere(f)(n.children) }));
const ENCODING_ATTRS =
  /^\{(http:\/\/www\.w3\.org\/2001\/XMLSchema-instance\}type|http:\/\/schemas\.xmlsoap\.org\/soap\/(envelope\/\}encodingStyle|encoding\/\}arrayType)|http:\/\/www\.w3\.org\/2003\/05\/soap-(envelope\}encodingStyle|encoding\}(itemType|arraySize)))$/;
const WSA = "{http://www.w3.org/2005/08/addressing}";
const DELIBERATE: { name: string; applies: (op: OperationInfo) => boolean; header?: true; rewrite: Rewrite }[] = [
  {
    name: "rpc/encoded types",
    applies: (op) => op.encoded !== undefined,
    rewrite: everywhere((n) => ({ ...n, attributes: Object.fromEntries(Object.entries(n.attributes).filter(([k]) => !ENCODING_ATTRS.test(k))) })),
  },
  { name: "WS-Addressing", applies: (op) => op.addressing === undefined, header: true, rewrite: (nodes) => nodes.filter((n) => !n.name.startsWith(WSA)) },
  {
    name: "xs:anyType's xsi:type",
    applies: () => true,
    rewrite: everywhere((n) => ({
      ...n,
      attributes: Object.fromEntries(Object.entries(n.attributes).filter(([k]) => k !== "{http://www.w3.org/2001/XMLSchema-instance}type")),
    })),
  },
  { name: "float lexical form", applies: () => true, rewrite: everywhere((n) => (/^-?\d+\.0$/.test(n.text) ? { ...n, text: n.text.slice(0, -2) } : n)) },
  // zeep sends an rpc output of no parts as an empty Body; ours keeps the wrapper WS-I asks for (R2729), and reads both.
  { name: "rpc response of no parts", applies: (op) => op.rpc, rewrite: (nodes) => nodes.filter((n) => n.children.length || n.text) },
];
const messageIds: Rewrite = (nodes) => nodes.map((n) => (n.name === `${WSA}MessageID` ? { ...n, text: "urn:uuid:*" } : n));

/** Whether zeep's and our request are the same, or the names of the deliberate differences that make them so. */
function compareRequests(op: OperationInfo, z: { header: XmlTree[]; body: XmlTree[] }, ours: { header: XmlTree[]; body: XmlTree[] }): true | string[] | string {
  const first = diff(z.body, ours.body) ?? diff(messageIds(z.header), messageIds(ours.header), "Header");
  if (!first) return true;
  const applied: string[] = [];
  let [zb, ob, zh, oh] = [z.body, ours.body, messageIds(z.header), messageIds(ours.header)];
  for (const d of DELIBERATE) {
    if (!d.applies(op)) continue;
    if (d.header) zh = d.rewrite(zh);
    else [zb, ob] = [d.rewrite(zb), d.rewrite(ob)];
    applied.push(d.name);
    if (!diff(zb, ob) && !diff(zh, oh)) return applied;
  }
  return first;
}

const deliberate = new Map<string, number>();
const tally = {
  entries: 0,
  ops: 0,
  requestsEqual: 0,
  requestsDeliberate: 0,
  responsesDecoded: 0,
  responsesEqual: 0,
  responsesDeliberate: 0,
  responses: 0,
  zeepFailed: 0,
  oursRefused: 0,
  notFound: 0,
};
const differences: string[] = [];
const lines = zeepLines();
const byFile = new Map<string, ZeepLine[]>();
for (const l of lines) byFile.set(l.file, [...(byFile.get(l.file) ?? []), l]);
const work = mkdtempSync(path.join(os.tmpdir(), "conformance-"));
try {
  for (const [file, ls] of byFile) {
    const ops = ls.filter((l) => l.operation && l.request);
    if (!ops.length) {
      tally.zeepFailed++;
      continue;
    }
    let agents: Agent[];
    try {
      agents = await ourClient(file, mkdtempSync(path.join(work, "e-")));
    } catch (e) {
      tally.oursRefused++;
      if (args.verbose) console.log(`REFUSED ${file}: ${(e as Error).message.split("\n")[0]}`);
      continue;
    }
    tally.entries++;
    const candidates = agents.flatMap((a) => Object.values(a.ops).map((op) => ({ op, types: a.types })));
    for (const l of ops) {
      const z = parts(l.request!);
      const wrapper = z.body[0]?.name;
      const found =
        candidates.find(({ op }) => op.name === l.operation && op.soap12 === (l.soap === "1.2") && `{${op.input.body.ns}}${op.input.body.name}` === wrapper) ??
        candidates.find(({ op }) => op.name === l.operation && op.soap12 === (l.soap === "1.2"));
      if (!found) {
        tally.notFound++;
        continue;
      }
      tally.ops++;
      const { op, types } = found;
      const where = `${file} ${l.port} ${l.operation}`;
      try {
        const asResponse = { ...op, output: op.input, faults: undefined, oneWay: false };
        const decoded = decodeEnvelope(l.request!, asResponse, types);
        const ours = parts(encodeEnvelope(op, decoded.body ?? {}, decoded.headers, types));
        const same = compareRequests(op, z, ours);
        if (same === true) tally.requestsEqual++;
        else if (Array.isArray(same)) {
          tally.requestsDeliberate++;
          const key = same.at(-1)!;
          deliberate.set(key, (deliberate.get(key) ?? 0) + 1);
        } else differences.push(`request  ${where}: ${same}`);
      } catch (e) {
        differences.push(`request  ${where}: ${(e as Error).message.split("\n")[0]}`);
      }
      if (l.response && !op.oneWay) {
        tally.responses++;
        try {
          // Both ways: zeep's response decodes, and the values encode again to the same XML.
          const decoded = decodeEnvelope(l.response, op, types);
          tally.responsesDecoded++;
          const again = parts(
            encodeEnvelope({ ...op, input: op.output, encoded: undefined, addressing: undefined }, decoded.body ?? {}, decoded.headers, types),
          );
          const z = parts(l.response);
          // zeep names an rpc response's wrapper after the output message; WS-I (and ours) after the operation.
          if (op.rpc && z.body[0] && again.body[0]) again.body[0] = { ...again.body[0], name: z.body[0].name };
          const same = compareRequests(op, { header: [], body: z.body }, { header: [], body: again.body });
          if (same === true) tally.responsesEqual++;
          else if (Array.isArray(same)) {
            tally.responsesDeliberate++;
            const key = same.at(-1)!;
            deliberate.set(key, (deliberate.get(key) ?? 0) + 1);
          } else differences.push(`response ${where}: encoded again: ${same}`);
        } catch (e) {
          differences.push(`response ${where}: ${(e as Error).message.split("\n")[0]}`);
        }
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
for (const d of differences) console.log(d);
console.log(
  `conformance vs zeep: zeep builds a request for ${byFile.size - tally.zeepFailed}/${byFile.size} WSDLs; ${tally.entries} both read (${tally.oursRefused} ours refused); requests equal ${tally.requestsEqual}/${tally.ops}, and ${tally.requestsDeliberate} more but for deliberate differences; responses decoded ${tally.responsesDecoded}/${tally.responses}, encoded again equal ${tally.responsesEqual}, and ${tally.responsesDeliberate} more but for deliberate differences (${[...deliberate].map(([k, n]) => `${k}: ${n}`).join(", ") || "none"})${tally.notFound ? `; ${tally.notFound} of zeep's operations have no match in ours` : ""}`,
);

// The project's own fixtures of content models (test/fixtures/Shapes.wsdl), with values zeep is
// given one by one: the test that holds them to zeep both ways, and its line.
if (!args.filter) {
  const shapes = spawnSync(
    process.execPath,
    ["--conditions=soap-ts-source", "--import", "tsx", "--test", "--test-reporter=tap", path.join(ROOT, "test/content-model-shapes.test.ts")],
    {
      cwd: ROOT,
      encoding: "utf8",
    },
  );
  const line = /shapes: .*/.exec(shapes.stdout)?.[0];
  console.log(
    shapes.status === 0 && line ? `conformance vs zeep, own fixtures: ${line.slice("shapes: ".length)}` : `own fixtures: FAILED\n${shapes.stdout.slice(-3000)}`,
  );
}
