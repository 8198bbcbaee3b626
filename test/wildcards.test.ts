// xs:any as zeep sends it (test/fixtures/Wildcards.wsdl): open content directly in a wrapper is
// kept and sent, `$elements` go where the wildcard stands (before a member that follows it),
// and an unqualified element sent inside a qualified parent is undeclared (xmlns=""), so a
// `##local` wildcard's elements stay in no namespace. Every request validates with xmllint.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, runCli } from "./helpers/cli.js";
import { capturingFetch } from "./helpers/capture.js";
import { envelopeParts, extractSchemas } from "./helpers/schemas.js";
import { matchesSnapshot } from "./helpers/snapshot.js";
import { tempDir } from "./helpers/temp.js";
import { xmlTree } from "./helpers/xml.js";

const FIXTURE = path.join(ROOT, "test/fixtures/Wildcards.wsdl");
const NS = "urn:wild";
const ENV = (body: string) => `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`;
type Wild = new (o: object) => { get(r: object): Promise<unknown>; set(r: object): Promise<unknown> };
let out: string;
let WildAgent: Wild;

before(async () => {
  out = tempDir("wildcards-", ROOT);
  const r = runCli(["--wsdl", FIXTURE, "--out", out]);
  assert.equal(r.code, 0, r.stderr);
  ({ WildAgent } = (await import(pathToFileURL(path.join(out, "index.ts")).href)) as { WildAgent: Wild });
});

/** The request's Body child (the wrapper), after checking it against the fixture's schema with xmllint. */
function validated(envelope: string) {
  const body = envelopeParts(envelope).body;
  const dir = tempDir("wildcards-lint-");
  const main = extractSchemas(readFileSync(FIXTURE, "utf8"), dir);
  writeFileSync(path.join(dir, "body.xml"), body);
  const lint = spawnSync("xmllint", ["--noout", "--schema", main, path.join(dir, "body.xml")], { encoding: "utf8" });
  assert.equal(lint.status, 0, lint.stderr);
  return xmlTree(body);
}

test("generated: $elements on the wrappers and the types with xs:any, and where each wildcard stands (snapshot)", () => {
  matchesSnapshot(path.join(out, "wild.ts"), "Wildcards.wild.ts.snap");
  matchesSnapshot(path.join(out, "wild.operations.ts"), "Wildcards.wild.operations.ts.snap");
  matchesSnapshot(path.join(out, "schema.ts"), "Wildcards.schema.ts.snap");
});

test("xs:any in a wrapper: sent after the token, and a response's extra elements kept", async () => {
  const { fetch, calls } = capturingFetch(
    ENV(
      `<GetResponse xmlns="${NS}" xmlns:x="urn:x"><Config><Name>n</Name><x:a>1</x:a><Extension>e</Extension></Config><Local><Id>1</Id><extra3 xmlns="">v</extra3></Local><x:extra1>one</x:extra1></GetResponse>`,
    ),
  );
  const answer = await new WildAgent({ fetch }).get({ Token: "t", $elements: ['<x:extra1 xmlns:x="urn:x">one</x:extra1>'] });
  const get = validated(calls[0]!.body);
  assert.deepEqual(
    get.children.map((c) => c.name),
    [`{${NS}}Token`, "{urn:x}extra1"],
  );
  assert.deepEqual(answer, {
    Config: { Name: "n", Extension: "e", $elements: ['<x:a xmlns="urn:wild" xmlns:x="urn:x">1</x:a>'] },
    Local: { Id: 1, $elements: ['<extra3 xmlns="">v</extra3>'] },
    $elements: ['<x:extra1 xmlns="urn:wild" xmlns:x="urn:x">one</x:extra1>'],
  });
});

test("$elements go where the wildcard stands, and ##local elements are sent in no namespace", async () => {
  const { fetch, calls } = capturingFetch(ENV(`<SetResponse xmlns="${NS}"/>`));
  await new WildAgent({ fetch }).set({
    Config: { Name: "n", Extension: "e", $elements: ['<x:a xmlns:x="urn:x">1</x:a>', "<!-- kept --><b>2</b>"] },
    Local: { Id: 1, $elements: ["<extra3>v</extra3>", '<extra4 a="xmlns=">w</extra4>'] },
  });
  const set = validated(calls[0]!.body);
  assert.deepEqual(
    set.children[0]!.children.map((c) => c.name),
    [`{${NS}}Name`, "{urn:x}a", "{}b", `{${NS}}Extension`],
  );
  assert.deepEqual(
    set.children[1]!.children.map((c) => c.name),
    [`{${NS}}Id`, "{}extra3", "{}extra4"],
  );
  assert.match(calls[0]!.body, /<extra3 xmlns="">v<\/extra3><extra4 xmlns="" a="xmlns=">w<\/extra4>/);
});
