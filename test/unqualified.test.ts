// elementFormDefault="unqualified", the XSD default: members go on the wire in no namespace, as
// the schema says (xmllint checks it), and are read back from there.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, runCli } from "./helpers/cli.js";
import { capturingFetch } from "./helpers/capture.js";
import { envelopeParts, extractSchemas } from "./helpers/schemas.js";
import { xmlTree } from "./helpers/xml.js";
import { tempDir } from "./helpers/temp.js";

const FIXTURE = path.join(ROOT, "test/fixtures/Unqualified.wsdl");

test("unqualified members are sent and read in no namespace; the request validates against the schema", async () => {
  const out = mkdtempSync(path.join(ROOT, "scratch-unqualified-"));
  try {
    const r = runCli(["--wsdl", FIXTURE, "--out", out]);
    assert.equal(r.code, 0, r.stderr);
    const { OrdersAgent } = (await import(pathToFileURL(path.join(out, "index.ts")).href)) as {
      OrdersAgent: new (o: object) => { placeOrder(r: object): Promise<unknown> };
    };
    const { fetch, calls } = capturingFetch(
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><p:PlaceOrderResponse xmlns:p="urn:plain"><Response><Id>7</Id><Note>ok</Note></Response></p:PlaceOrderResponse></s:Body></s:Envelope>`,
    );
    const answer = await new OrdersAgent({ fetch }).placeOrder({ Order: { Id: 7, Note: "fast" }, Priority: 1 });
    assert.deepEqual(answer, { Id: 7, Note: "ok" });

    const body = xmlTree(calls[0]!.body).children[0]!.children[0]!;
    const names = (t: typeof body): unknown => [t.name, ...t.children.map(names)];
    assert.deepEqual(names(body), ["{urn:plain}PlaceOrder", ["{}Order", ["{}Id"], ["{}Note"]], ["{}Priority"]]);

    const dir = tempDir("unqualified-");
    const main = extractSchemas(readFileSync(FIXTURE, "utf8"), dir);
    writeFileSync(path.join(dir, "body.xml"), envelopeParts(calls[0]!.body).body);
    const lint = spawnSync("xmllint", ["--noout", "--schema", main, path.join(dir, "body.xml")], { encoding: "utf8" });
    assert.equal(lint.status, 0, lint.stderr);

    // Qualified members where the schema has them unqualified are not the members it asks for.
    const wrong = capturingFetch(
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><PlaceOrderResponse xmlns="urn:plain"><Response><Id>7</Id></Response></PlaceOrderResponse></s:Body></s:Envelope>`,
    );
    await assert.rejects(
      new OrdersAgent({ fetch: wrong.fetch }).placeOrder({ Order: { Id: 1 }, Priority: 1 }),
      /required member <Response> \(no namespace\) of PlaceOrderResponse is missing/,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
