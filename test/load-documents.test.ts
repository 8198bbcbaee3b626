// Reading WSDL documents: as lenient as XML allows (whitespace before the declaration, a BOM,
// CRLF), strict where it matters (undeclared prefixes named), and bounded when imports never end.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT, runCli } from "./helpers/cli.js";
import { listen } from "./helpers/server.js";
import { loadDocuments } from "../generator/wsdl/load-documents.js";
import { GeneratorError } from "../generator/diagnostics.js";

const UNQUALIFIED = readFileSync(path.join(ROOT, "test/fixtures/Unqualified.wsdl"), "utf8");

test("a leading newline before the XML declaration, a BOM and CRLF line ends are read as every other tool reads them", () => {
  const dir = mkdtempSync(path.join(ROOT, "scratch-lenient-"));
  try {
    const file = path.join(dir, "Lenient.wsdl");
    writeFileSync(file, "\uFEFF\r\n  " + UNQUALIFIED.replace(/\n/g, "\r\n"));
    const r = runCli(["--wsdl", file, "--out", path.join(dir, "out")]);
    assert.equal(r.code, 0, r.stderr);
    // Line numbers still point at the right place: a broken element further down is reported where it is.
    writeFileSync(file, "\n\n" + UNQUALIFIED.replace('<xs:element name="Id" type="xs:int" />', '<xs:element name="Id" type="q:int" />'));
    const bad = runCli(["--wsdl", file, "--out", path.join(dir, "out")]);
    const line = ("\n\n" + UNQUALIFIED).split("\n").findIndex((l) => l.includes('name="Id"')) + 1;
    assert.match(bad.stderr, new RegExp(`Lenient\\.wsdl:${line}:\\d+: error: type="q:int"`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an undeclared prefix on an attribute is named, with where it is", () => {
  const dir = mkdtempSync(path.join(ROOT, "scratch-prefix-"));
  try {
    const file = path.join(dir, "Prefix.wsdl");
    writeFileSync(file, UNQUALIFIED.replace('<xs:element name="Id" type="xs:int" />', '<xs:element name="Id" type="xs:int" mime:type="x" />'));
    const r = runCli(["--wsdl", file, "--out", path.join(dir, "out")]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /Prefix\.wsdl:\d+:\d+: error: malformed XML: namespace prefix "mime" is not declared/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("imports that never end stop at the document limit, naming the chain with short URLs", async () => {
  // Every WSDL imports the next one: /1.wsdl imports /2.wsdl, and so on without end.
  let served = 0;
  const srv = await listen((req, res) => {
    served++;
    const n = Number(/\/(\d+)\.wsdl/.exec(req.url ?? "")?.[1] ?? 0);
    res.setHeader("content-type", "text/xml");
    res.end(
      `<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" targetNamespace="urn:n${n}"><wsdl:import namespace="urn:n${n + 1}" location="/a/very/long/path/segment/${n + 1}.wsdl"/></wsdl:definitions>`,
    );
  });
  try {
    const started = Date.now();
    await assert.rejects(loadDocuments(`${srv.url}/a/very/long/path/segment/1.wsdl`, { maxBytes: 1e6, maxDocuments: 1000, maxDepth: 20 }), (e: unknown) => {
      assert.ok(e instanceof GeneratorError);
      assert.match(e.message, /imports nest deeper than 20 documents/);
      assert.match(e.message, /1\.wsdl -> 2\.wsdl -> .* -> 21\.wsdl/);
      assert.ok(!e.message.includes("/a/very/long/path/segment/"), "URLs are shortened in the chain");
      return true;
    });
    assert.ok(served <= 21, `stopped after ${served} documents`);
    assert.ok(Date.now() - started < 10_000);
    // Many documents side by side (not nested) stop at the document count.
    await assert.rejects(
      loadDocuments(`${srv.url}/a/very/long/path/segment/1.wsdl`, { maxBytes: 1e6, maxDocuments: 5, maxDepth: 100 }),
      /more than 5 documents/,
    );
  } finally {
    await srv.close();
  }
});

test("a server that never answers an import times out, naming the document", async () => {
  const srv = await listen(() => {
    /* never answers */
  });
  try {
    await assert.rejects(loadDocuments(`${srv.url}/slow.wsdl`, { maxBytes: 1e6, timeoutMs: 300 }), /slow\.wsdl.*timed out after 300 ms/s);
  } finally {
    await srv.close();
  }
});
