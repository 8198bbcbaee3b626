// Content models that are not a plain sequence, end to end (test/fixtures/Shapes.wsdl, bound
// document/literal over SOAP 1.1 and 1.2 and rpc/literal): the generated types and descriptors
// (snapshots), what type-checks and what does not, and on the wire, against zeep (Debian's
// python3-zeep, the reference client), each request validated by xmllint:
// - zeep's request for the same values is ours, element for element, and ours decodes it back;
// - zeep reads our request and writes the same one again;
// - a response zeep writes (or one written here where zeep cannot) decodes to the values, and
//   encodes again to the same XML.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, runCli, typecheck } from "./helpers/cli.js";
import { capturingFetch } from "./helpers/capture.js";
import { envelopeParts, extractSchemas } from "./helpers/schemas.js";
import { matchesSnapshot } from "./helpers/snapshot.js";
import { tempDir } from "./helpers/temp.js";
import { xmlTree, type XmlTree } from "./helpers/xml.js";
import { decodeEnvelope } from "../runtime/decode.js";
import { encodeEnvelope } from "../runtime/encode.js";
import type { OperationInfo, TypeRegistry } from "../runtime/schema.js";

const FIXTURE = path.join(ROOT, "test/fixtures/Shapes.wsdl");
const NS = "urn:shapes";
const S11 = "http://schemas.xmlsoap.org/soap/envelope/";
const S12 = "http://www.w3.org/2003/05/soap-envelope";

type Client = { invoke(name: string, request: object): Promise<{ body: unknown }> };
type Ctor = new (o: object) => Client;
let out: string;
let clients: Record<"Soap11" | "Soap12" | "Rpc", { Client: Ctor; ops: Record<string, OperationInfo> }>;
let types: TypeRegistry;

before(async () => {
  out = tempDir("shapes-", ROOT);
  const config = path.join(out, "soap-ts-gen.config.json");
  writeFileSync(config, JSON.stringify({ wsdl: [FIXTURE], out: "out", runtime: path.join(ROOT, "runtime"), soapVersion: "both" }));
  const r = runCli(["--config", config]);
  assert.equal(r.code, 0, r.stderr);
  const index = (await import(pathToFileURL(path.join(out, "out/index.ts")).href)) as Record<string, unknown>;
  const pick = (client: string, ops: string) => ({ Client: index[client] as Ctor, ops: index[ops] as Record<string, OperationInfo> });
  clients = {
    Soap11: pick("ShapesClient", "ShapesOperations"),
    Soap12: pick("ShapesSoap12Client", "ShapesSoap12Operations"),
    Rpc: pick("RpcShapesClient", "RpcShapesOperations"),
  };
  types = ((await import(pathToFileURL(path.join(out, "out/schema.ts")).href)) as { types: TypeRegistry }).types;
});

test("generated: unions for choices, arrays of entries for repeated groups, the particle tree in the descriptors (snapshots)", () => {
  matchesSnapshot(path.join(out, "out/types.ts"), "Shapes.types.ts.snap");
  matchesSnapshot(path.join(out, "out/schema.ts"), "Shapes.schema.ts.snap");
  matchesSnapshot(path.join(out, "out/shapes.ts"), "Shapes.shapes.ts.snap");
  matchesSnapshot(path.join(out, "out/shapes.operations.ts"), "Shapes.shapes.operations.ts.snap");
  matchesSnapshot(path.join(out, "out/rpc-shapes.operations.ts"), "Shapes.rpc-shapes.operations.ts.snap");
});

test("every schema-valid value type-checks, and values the schema refuses do not", () => {
  const file = path.join(out, "out/values.ts");
  writeFileSync(
    file,
    `import type * as T from "./types.js";
import type { PickRequest } from "./shapes.js";
export const ok: unknown[] = [
  { Scope: "s", ByName: "n" } satisfies T.Lookup,
  { ById: 1 } satisfies T.Lookup,
  { MaxPrice: "1" } satisfies T.PriceFilter,
  { MinPrice: "1", MaxPrice: "2" } satisfies T.PriceFilter,
  { ByName: "x" } satisfies PickRequest,
  { Name: "n", $sequence: [{ Key: "k", Value: 1 }] } satisfies T.Pairs,
  { Range: [{ From: 1, To: 2 }, { From: 3, To: 4 }] } satisfies T.Ranges,
  { $choice: [{ Message: { Subject: "s", From: "f" } }, { Item: { $type: "CalendarItemType", Subject: "c", Start: "2026-01-01T00:00:00Z" } }] } satisfies T.Items,
  { Note: "a", Extra: 1, Note2: "b" } satisfies T.Renoted,
  { Ack: "ok", MsgSubID: "1", AuthorizationCode: "A", MsgSubID2: "2", $elements: ["<x/>"] } satisfies T.AuthorizeResponseType,
  { $content: ["text ", { b: "bold" }, { i: "it" }] } satisfies T.Paragraph,
];
// @ts-expect-error two alternatives of one choice
export const both: T.Lookup = { ById: 1, Scope: "s", ByName: "n" };
// @ts-expect-error the scope's alternative without its inner choice
export const half: T.Lookup = { Scope: "s" };
// @ts-expect-error both alternatives of the inner choice
export const inner: T.Lookup = { Scope: "s", ByName: "n", ByCode: "c" };
// @ts-expect-error a choice that must be made
export const none: PickRequest = {};
// @ts-expect-error an entry of a repeated sequence without its Value
export const pair: T.Pairs = { Name: "n", $sequence: [{ Key: "k" }] };
// @ts-expect-error an entry of a repeated choice holding two alternatives
export const two: T.Items = { $choice: [{ Item: { Subject: "s" }, Message: { Subject: "s", From: "f" } }] };
// @ts-expect-error a required repeated group left out
export const noRange: T.Ranges = {};
`,
  );
  const r = typecheck(file);
  assert.equal(r.code, 0, r.output);
});

/** One exchange: our values and zeep's for the request and the response (null: zeep cannot say them; `why`). */
interface Case {
  name: string;
  port: "Soap11" | "Soap12" | "Rpc";
  op: string;
  request: object;
  zeepRequest: object | null;
  response: object;
  zeepResponse: object | null;
  /** A response body written here, where zeep cannot write one. */
  responseXml?: string;
  why?: string;
}

const pairs = {
  Name: "n",
  $sequence: [
    { Key: "a", Value: 1 },
    { Key: "b & <c>", Value: -2 },
  ],
};
const zeepPairs = {
  Name: "n",
  _value_1: [
    { Key: "a", Value: 1 },
    { Key: "b & <c>", Value: -2 },
  ],
};
const items = {
  $choice: [
    { Message: { Subject: "s", From: "f" } },
    { Item: { $type: "ItemType", Subject: "x" } },
    { CalendarItem: { Subject: "c", Start: "2026-12-08T10:00:00Z" } },
    { Item: { $type: "ItemType", Subject: "y" } },
  ],
};
const zeepItems = {
  _value_1: [
    { Message: { Subject: "s", From: "f" } },
    { Item: { Subject: "x" } },
    { CalendarItem: { Subject: "c", Start: "2026-12-08T10:00:00Z" } },
    { Item: { Subject: "y" } },
  ],
};
const doc = (port: Case["port"]): Case[] => [
  {
    name: "a repeated sequence: key/value pairs in order",
    port,
    op: "Pairs",
    request: { Value: pairs },
    zeepRequest: { Value: zeepPairs },
    response: { Value: pairs },
    zeepResponse: { Value: zeepPairs },
  },
  {
    name: "a repeated choice: items of three kinds in the order sent",
    port,
    op: "Items",
    request: { Value: items },
    zeepRequest: { Value: zeepItems },
    response: { Value: items },
    zeepResponse: { Value: zeepItems },
  },
  {
    name: "a choice within an alternative, and one name in two alternatives (the first)",
    port,
    op: "Find",
    request: { Lookup: { Scope: "s", ByCode: "c" }, Price: { MinPrice: "1.50", MaxPrice: "9" } },
    zeepRequest: { Lookup: { Scope: "s", ByCode: "c" }, Price: { MinPrice: "1.50", MaxPrice: "9" } },
    response: { Lookup: { ById: 3 }, Price: { MinPrice: "2" } },
    zeepResponse: { Lookup: { ById: 3 }, Price: { MinPrice: "2" } },
  },
  {
    name: "the same name in a base and its extension, each its own member",
    port,
    op: "Note",
    request: { Value: { Note: "a", Extra: 1, Note2: "b" }, Base: { $type: "Noted", Note: "c" } },
    zeepRequest: { Value: { Note: "a", Extra: 1, Note__1: "b" }, Base: { Note: "c" } },
    response: { Value: { Note: "a", Extra: 2, Note2: "b" }, Base: { $type: "Noted", Note: "c" } },
    zeepResponse: { Value: { Note: "a", Extra: 2, Note__1: "b" }, Base: { Note: "c" } },
  },
  {
    name: "open content where the base's wildcard stands, before the extension's members; a name in base and extension",
    port,
    op: "Authorize",
    request: { Request: { Version: "1", $elements: ["<extra>1</extra>"], Amount: "2.5" } },
    zeepRequest: { Request: { Version: "1", _value_1: "<extra>1</extra>", Amount: "2.5" } },
    response: { Response: { Ack: "Success", MsgSubID: "m1", $elements: ["<note>x</note>"], AuthorizationCode: "A1", MsgSubID2: "m2" } },
    zeepResponse: { Response: { Ack: "Success", MsgSubID: "m1", _value_1: "<note>x</note>", AuthorizationCode: "A1", MsgSubID__1: "m2" } },
  },
  {
    name: "a wrapper that is a choice, and one that is a repeated sequence",
    port,
    op: "Pick",
    request: { ByName: "x" },
    zeepRequest: { ByName: "x" },
    response: {
      $sequence: [
        { Id: 1, Name: "a" },
        { Id: 2, Name: "b" },
      ],
    },
    zeepResponse: {
      _value_1: [
        { Id: 1, Name: "a" },
        { Id: 2, Name: "b" },
      ],
    },
  },
  {
    name: "a repeated group ref: ranges in order",
    port,
    op: "Ranges",
    request: {
      Value: {
        Range: [
          { From: 1, To: 2 },
          { From: 5, To: 9 },
        ],
        Unit: "m",
      },
    },
    zeepRequest: null,
    response: {
      Value: {
        Range: [
          { From: 1, To: 2 },
          { From: 5, To: 9 },
        ],
      },
    },
    zeepResponse: null,
    responseXml: `<RangesResponse xmlns="${NS}"><Value><From>1</From><To>2</To><From>5</From><To>9</To></Value></RangesResponse>`,
    why: "zeep reads a repeated xs:group ref as occurring once",
  },
  {
    name: "one name in two alternatives (the second)",
    port,
    op: "Find",
    request: { Lookup: { ById: 3 }, Price: { MaxPrice: "5" } },
    zeepRequest: null,
    response: { Lookup: { Scope: "s", ByName: "n" }, Price: { MaxPrice: "5" } },
    zeepResponse: null,
    responseXml: `<FindResponse xmlns="${NS}"><Lookup><Scope>s</Scope><ByName>n</ByName></Lookup><Price><MaxPrice>5</MaxPrice></Price></FindResponse>`,
    why: "zeep writes the second alternative's MaxPrice__1 as an empty <Price/>",
  },
  {
    name: "mixed content: text and elements in order",
    port,
    op: "Text",
    request: { Value: { $content: ["Hello ", { b: "big" }, " and ", { i: "it" }, "."] } },
    zeepRequest: null,
    response: { Value: { $content: ["a ", { i: "b" }, " c"] } },
    zeepResponse: null,
    responseXml: `<TextResponse xmlns="${NS}"><Value>a <i>b</i> c</Value></TextResponse>`,
    why: "zeep drops the text of mixed content",
  },
];
const cases: Case[] = [
  ...doc("Soap11"),
  ...doc("Soap12"),
  {
    name: "rpc/literal parts holding a repeated sequence and a repeated group",
    port: "Rpc",
    op: "RpcPairs",
    request: { pairs, ranges: { Range: [{ From: 1, To: 2 }] } },
    zeepRequest: null,
    response: { return: pairs },
    zeepResponse: { return: zeepPairs },
    why: "zeep cannot build an rpc part holding an xs:group ref",
  },
  {
    name: "rpc/literal part holding a repeated choice",
    port: "Rpc",
    op: "RpcItems",
    request: { items },
    zeepRequest: { items: zeepItems },
    response: { return: items },
    zeepResponse: { return: zeepItems },
  },
];

/** zeep's envelopes for our values, and what it makes of ours. */
function zeep(jobs: object): { build: { request?: string; response?: string; error?: string }[]; read: { envelope?: string; error?: string }[] } {
  const r = spawnSync("/usr/bin/python3", [path.join(ROOT, "test/interop/zeep_messages.py"), FIXTURE], { input: JSON.stringify(jobs), encoding: "utf8" });
  assert.equal(r.status, 0, `zeep_messages.py failed (python3-zeep is installed by scripts/ensure-interop.sh): ${r.stderr}`);
  return JSON.parse(r.stdout) as ReturnType<typeof zeep>;
}

/** The Body's one child of an envelope, as a tree. */
const bodyOf = (envelope: string): XmlTree => {
  const env = xmlTree(envelope);
  const body = env.children.find((c) => c.name.endsWith("}Body"))!;
  assert.equal(body.children.length, 1, envelope);
  return body.children[0]!;
};

function validated(envelope: string): void {
  const dir = tempDir("shapes-lint-");
  const main = extractSchemas(readFileSync(FIXTURE, "utf8"), dir);
  const { body } = envelopeParts(envelope);
  // rpc wrappers are not schema elements: their parts are validated one by one, by type, in place.
  const lint = (xml: string) => {
    writeFileSync(path.join(dir, "body.xml"), xml);
    const r = spawnSync("xmllint", ["--noout", "--schema", main, path.join(dir, "body.xml")], { encoding: "utf8" });
    assert.equal(r.status, 0, `${r.stderr}\n${xml}`);
  };
  if (xmlTree(body).name.startsWith(`{${NS}:rpc}`)) return;
  lint(body);
}

test("requests and responses of every shape against zeep, SOAP 1.1 and 1.2 and rpc/literal; every request valid by xmllint", async () => {
  // Ours first: zeep reads them in the same run.
  const ours: string[] = [];
  for (const c of cases) {
    const { fetch, calls } = capturingFetch(`<s:Envelope xmlns:s="${c.port === "Soap12" ? S12 : S11}"><s:Body/></s:Envelope>`);
    await new clients[c.port].Client({ fetch, endpoint: "http://shapes.test/" }).invoke(c.op, c.request).catch(() => undefined);
    ours.push(calls[0]!.body);
  }
  const z = zeep({
    service: "ShapesService",
    build: cases.map((c) => ({ port: c.port, op: c.op, request: c.zeepRequest, response: c.zeepResponse })),
    read: cases.flatMap((c, i) => (c.zeepRequest ? [{ port: c.port, op: c.op, envelope: ours[i] }] : [])),
  });
  let read = 0;
  const seen = { zeepRequests: 0, zeepResponses: 0, written: 0 };
  for (const [i, c] of cases.entries()) {
    const where = `${c.port} ${c.op}: ${c.name}`;
    const op = clients[c.port].ops[c.op]!;
    validated(ours[i]!);
    const built = z.build[i]!;
    assert.equal(built.error, undefined, `${where}: zeep: ${built.error}`);
    if (c.zeepRequest) {
      seen.zeepRequests++;
      // zeep's request is ours, element for element,
      assert.deepEqual(bodyOf(ours[i]!), bodyOf(built.request!), where);
      // ours decodes it to the values,
      const decoded = decodeEnvelope(built.request!, { ...op, output: op.input, faults: undefined, oneWay: false }, types);
      assert.deepEqual(decoded.body, c.request, where);
      // and zeep reads ours and writes it again the same.
      const again = z.read[read++]!;
      assert.equal(again.error, undefined, `${where}: zeep reading ours: ${again.error}`);
      assert.deepEqual(bodyOf(again.envelope!), bodyOf(ours[i]!), `${where}: zeep's reading of ours`);
    }
    // The response: zeep's, or one written here; decoded to the values and encoded again to the same XML.
    const responseBody = c.zeepResponse ? built.response! : `<s:Envelope xmlns:s="${op.soap12 ? S12 : S11}"><s:Body>${c.responseXml}</s:Body></s:Envelope>`;
    if (c.zeepResponse) seen.zeepResponses++;
    else seen.written++;
    validated(responseBody);
    const { fetch } = capturingFetch(responseBody.replace(op.soap12 ? S11 : S12, op.soap12 ? S12 : S11));
    const { body } = await new clients[c.port].Client({ fetch, endpoint: "http://shapes.test/" }).invoke(c.op, c.request);
    assert.deepEqual(body, c.response, `${where}: response`);
    const encoded = encodeEnvelope({ ...op, input: op.output, encoded: undefined, addressing: undefined }, body as object, {}, types);
    if (c.responseXml)
      assert.equal(envelopeParts(encoded).body.replace(/ xmlns(:\w+)?="[^"]*"/g, ""), c.responseXml.replace(/ xmlns(:\w+)?="[^"]*"/g, ""), where);
    // zeep names an rpc response's wrapper after the output message; WS-I (and ours) after the operation.
    else if (c.port === "Rpc") assert.deepEqual(bodyOf(encoded).children, bodyOf(responseBody).children, `${where}: the response encoded again`);
    else assert.deepEqual(bodyOf(encoded), bodyOf(responseBody), `${where}: the response encoded again`);
  }
  console.log(
    `shapes: ${cases.length} exchanges; ${seen.zeepRequests} requests equal to zeep's both ways, ${seen.zeepResponses} of zeep's responses decoded and encoded again, ${seen.written} where zeep cannot (${[...new Set(cases.flatMap((c) => (c.why ? [c.why] : [])))].join("; ")})`,
  );
});

test("a request value the schema refuses is an error naming where, before anything is sent", async () => {
  const { fetch, calls } = capturingFetch("");
  const client = new clients.Soap11.Client({ fetch, endpoint: "http://shapes.test/" });
  const refused: [string, object, RegExp][] = [
    ["Pick", {}, /one of <ById>, <ByName> is required \(an xs:choice\)/],
    ["Pairs", { Value: { Name: "n", $sequence: [{ Key: "k" }] } }, /Value\/\$sequence\[0\]\/Value: required member Value is missing/],
    ["Ranges", { Value: { Range: [] } }, /Value\/Range: at least 1 entries are required, got 0/],
    ["Items", { Value: { $choice: { Item: { Subject: "s" } } } }, /Value\/\$choice: expected an array of entries/],
  ];
  for (const [op, value, reason] of refused) await assert.rejects(client.invoke(op, value), (e: Error) => (assert.match(e.message, reason), true), op);
  assert.equal(calls.length, 0);
});

test("a response out of the schema's order, or missing what a choice requires, is an error naming the element", async () => {
  const answer = (body: string) => capturingFetch(`<s:Envelope xmlns:s="${S11}"><s:Body>${body}</s:Body></s:Envelope>`).fetch;
  const call = (body: string, op: string, value: object) =>
    new clients.Soap11.Client({ fetch: answer(body), endpoint: "http://shapes.test/" }).invoke(op, value);
  await assert.rejects(
    call(`<PairsResponse xmlns="${NS}"><Value><Name>n</Name><Value>1</Value><Key>a</Key></Value></PairsResponse>`, "Pairs", { Value: pairs }),
    /<Value> is not expected here in Pairs/,
  );
  await assert.rejects(
    call(`<FindResponse xmlns="${NS}"><Lookup><Scope>s</Scope></Lookup></FindResponse>`, "Find", { Lookup: { ById: 1 } }),
    /Lookup requires one of <ByName>, <ByCode> here; found the end of Lookup/,
  );
  // An element the schema does not know is skipped where it stands, as the flat path does.
  const skipped = await call(`<PickResponse xmlns="${NS}"><Id>1</Id><New>?</New><Name>a</Name></PickResponse>`, "Pick", { ById: 1 });
  assert.deepEqual(skipped.body, { $sequence: [{ Id: 1, Name: "a" }] });
});
