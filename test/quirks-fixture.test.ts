// test/fixtures/Quirks.wsdl: the quirks of published WSDLs where zeep and ours used to differ,
// as one fixture of our own. The generated clients match their snapshots, the document/literal
// request and its header blocks validate against the fixture's schema (xmllint), and each quirk
// is on the wire as zeep sends it.
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

const FIXTURE = path.join(ROOT, "test/fixtures/Quirks.wsdl");
const NS = "urn:quirks";
const ENV = (body: string) => `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`;
type Clients = {
  QuotesClient: new (o: object) => { getLastTradePrice(r: object, o?: object): Promise<unknown> };
  EchoClient: new (o: object) => { echo(r: object): Promise<unknown> };
};
let out: string;
let stderr: string;
let clients: Clients;

before(async () => {
  out = tempDir("quirks-", ROOT);
  const r = runCli(["--wsdl", FIXTURE, "--out", out, "--profile", "generic"]);
  assert.equal(r.code, 0, r.stderr);
  stderr = r.stderr;
  clients = (await import(pathToFileURL(path.join(out, "index.ts")).href)) as Clients;
});

/** Each document validated against the fixture's schema with xmllint. */
function validate(...docs: string[]) {
  const dir = tempDir("quirks-lint-");
  const main = extractSchemas(readFileSync(FIXTURE, "utf8"), dir);
  for (const [i, doc] of docs.entries()) {
    writeFileSync(path.join(dir, `doc${i}.xml`), doc);
    const lint = spawnSync("xmllint", ["--noout", "--schema", main, path.join(dir, `doc${i}.xml`)], { encoding: "utf8" });
    assert.equal(lint.status, 0, lint.stderr);
  }
}

test("generated clients (snapshot), and the warnings that name what was taken as written", () => {
  matchesSnapshot(path.join(out, "quotes.ts"), "Quirks.quotes.ts.snap");
  matchesSnapshot(path.join(out, "echo.ts"), "Quirks.echo.ts.snap");
  matchesSnapshot(path.join(out, "quotes.operations.ts"), "Quirks.quotes.operations.ts.snap");
  matchesSnapshot(path.join(out, "echo.operations.ts"), "Quirks.echo.operations.ts.snap");
  assert.match(stderr, /Quirks\.wsdl:10:\d+: warning: .*XML Schema namespace/);
  assert.match(
    stderr,
    /warning: soap:body of rpc-style Echo \(wsdl:input\) has no namespace=: its wrapper <Echo> is unqualified, as the WSDL says \(WS-I Basic Profile R2717/,
  );
});

test("parts bound to soap:header go in the Header only; the Body holds the rest; <ResultCode > is <ResultCode>", async () => {
  const { fetch, calls } = capturingFetch(ENV(`<TradePrice xmlns="${NS}"><price>1.5</price><ResultCode>7</ResultCode></TradePrice>`));
  const answer = await new clients.QuotesClient({ fetch }).getLastTradePrice({ tickerSymbol: "NOK" }, { headers: { Header: { client: "c" }, Token: "t" } });
  assert.deepEqual(answer, { price: 1.5, ResultCode: 7 });
  const { headers, body } = envelopeParts(calls[0]!.body);
  validate(body, ...headers);
  assert.deepEqual(
    headers.map((h) => xmlTree(h).name),
    [`{${NS}}Header`, `{${NS}}Token`],
  );
  assert.equal(xmlTree(body).name, `{${NS}}TradePriceRequest`);
});

test("rpc/literal without namespace=: the wrapper and its part are unqualified, and the answer reads", async () => {
  const { fetch, calls } = capturingFetch(ENV(`<EchoResponse><text>hi</text></EchoResponse>`));
  assert.equal(await new clients.EchoClient({ fetch }).echo({ text: "hi" }), "hi");
  const body = xmlTree(envelopeParts(calls[0]!.body).body);
  assert.equal(body.name, "{}Echo");
  assert.deepEqual(
    body.children.map((c) => c.name),
    ["{}text"],
  );
});
