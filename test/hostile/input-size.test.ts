// Inputs too large to read: refused at the limit, without reading them whole first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULTS } from "../../generator/config.js";
import { GeneratorError } from "../../generator/diagnostics.js";
import { readModel } from "../../generator/generate.js";
import { listen } from "../helpers/server.js";

test("a WSDL served as an endless stream is refused at maxInputBytes, having read little more", async () => {
  let sent = 0;
  let closed: () => void;
  const gone = new Promise<void>((resolve) => (closed = resolve));
  const srv = await listen((_req, res) => {
    res.writeHead(200, { "content-type": "text/xml" });
    const chunk = Buffer.from(`<!-- ${"x".repeat(16 * 1024)} -->`);
    res.write('<?xml version="1.0"?><wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">');
    // Writes only as the client reads: an endless body that never outruns the reader.
    const more = () => {
      while (res.write(chunk)) sent += chunk.length;
      sent += chunk.length;
    };
    res.on("drain", more);
    res.on("close", () => closed());
    more();
  });
  try {
    const limit = 1024 * 1024;
    await assert.rejects(readModel({ ...DEFAULTS, wsdl: [`${srv.url}/endless?wsdl`], maxInputBytes: limit }), (e: unknown) => {
      assert.ok(e instanceof GeneratorError, String(e));
      assert.match(e.format(), /endless\?wsdl: error: document is more than 1048576 bytes, over the 1048576-byte limit; raise maxInputBytes/);
      return true;
    });
    await gone; // the client let go of the connection
    assert.ok(sent < 16 * limit, `stopped reading near the limit (${sent} bytes sent)`);
  } finally {
    await srv.close();
  }
});

test("a declared Content-Length over the limit is refused before the body is read", async () => {
  const srv = await listen((_req, res) => {
    res.writeHead(200, { "content-type": "text/xml", "content-length": String(64 * 1024 * 1024) });
    res.write("<x/>");
  });
  try {
    await assert.rejects(
      readModel({ ...DEFAULTS, wsdl: [`${srv.url}/big?wsdl`], maxInputBytes: 1000 }),
      /document is 67108864 bytes, over the 1000-byte limit/,
    );
  } finally {
    await srv.close();
  }
});

test("a document with more elements than maxXmlElements is refused where it passes the limit, before it is parsed", async () => {
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const path = await import("node:path");
  const file = path.join(mkdtempSync(path.join(tmpdir(), "elements-")), "Many.wsdl");
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">\n${"<wsdl:documentation>d</wsdl:documentation>\n".repeat(600)}</wsdl:definitions>`,
  );
  await assert.rejects(readModel({ ...DEFAULTS, wsdl: [file], maxXmlElements: 1000 }), (e: unknown) => {
    assert.ok(e instanceof GeneratorError);
    assert.match(e.format(), /Many\.wsdl:502:1: error: the document holds more than 1000 elements \(one past the limit here\); .*raise maxXmlElements/);
    return true;
  });
});

test("a WSDL URL that redirects to file: is refused by name; one that redirects without end is stopped", async () => {
  const srv = await listen((req, res) => {
    res.writeHead(302, { location: req.url === "/file" ? "file:///etc/passwd" : "/loop" });
    res.end();
  });
  try {
    await assert.rejects(
      readModel({ ...DEFAULTS, wsdl: [`${srv.url}/file`] }),
      /cannot read .*\/file: it redirects to a file: URL; only http and https are followed/,
    );
    await assert.rejects(readModel({ ...DEFAULTS, wsdl: [`${srv.url}/loop`] }), /cannot read .*\/loop: more than 5 redirects/);
  } finally {
    await srv.close();
  }
});
