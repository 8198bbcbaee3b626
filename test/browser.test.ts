// The generated client runs in a browser. The User client is bundled with esbuild (tree-shaken),
// served on 127.0.0.1 with a SOAP endpoint beside it, and driven in headless Chromium (Debian's
// package, through playwright-core).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { ROOT } from "./helpers/cli.js";
import { listen } from "./helpers/server.js";

const CHROMIUM = "/usr/bin/chromium";
const S88 = "http://www.superoffice.net/ws/crm/NetServer/Services88";

test("the User client, bundled for the browser, calls registerWithAccessGateway from a page", { timeout: 120_000 }, async () => {
  assert.ok(existsSync(CHROMIUM), "chromium is missing: `npm test` installs it through scripts/ensure-chromium.sh");
  const bundle = await build({
    entryPoints: [path.join(ROOT, "test/browser/page.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    write: false,
  });
  const js = bundle.outputFiles[0]!.text;
  console.log(`browser bundle of the User client: ${js.length} bytes minified, ${gzipSync(js).length} gzipped`);
  // package.json "browser" swaps the Node transport for the global fetch: no node: module inside.
  assert.doesNotMatch(js, /node:(http|https|net|tls)/);
  // Descriptors are tree-shaken: the User agent's types only (all 912 came to 198 KB before).
  assert.ok(js.length < 100_000, `the one-agent bundle carries only what it reaches (${js.length} bytes)`);

  const received: { soapAction?: string; contentType?: string; body: string }[] = [];
  const srv = await listen((req, res) => {
    if (req.method === "POST" && req.url === "/Remote/Services88/User.svc") {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        received.push({ soapAction: req.headers["soapaction"] as string, contentType: req.headers["content-type"], body });
        res.writeHead(200, { "content-type": "text/xml; charset=utf-8" });
        res.end(
          `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><Succeeded xmlns="${S88}">true</Succeeded></s:Header><s:Body><RegisterWithAccessGatewayResponse xmlns="${S88}"><Response><ClientId>browser-client</ClientId><RedirectUri>https://example.com/callback</RedirectUri></Response></RegisterWithAccessGatewayResponse></s:Body></s:Envelope>`,
        );
      });
      return;
    }
    if (req.url === "/app.js") {
      res.writeHead(200, { "content-type": "text/javascript" });
      res.end(js);
      return;
    }
    res.writeHead(200, { "content-type": "text/html" });
    res.end(
      `<!doctype html><meta charset="utf-8"><title>soap-ts-gen</title><pre id="out" data-state="pending">pending</pre><script type="module" src="/app.js"></script>`,
    );
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(srv.url);
    await page.waitForSelector('#out:not([data-state="pending"])', { timeout: 30_000 });
    const text = await page.textContent("#out");
    assert.deepEqual(errors, []);
    assert.equal(await page.getAttribute("#out", "data-state"), "done", text ?? "");
    assert.deepEqual(JSON.parse(text!), { ClientId: "browser-client", RedirectUri: "https://example.com/callback" });
    assert.equal(received.length, 1);
    assert.equal(received[0]!.soapAction, `"${S88}/User/RegisterWithAccessGateway"`);
    assert.equal(received[0]!.contentType, "text/xml; charset=utf-8");
    assert.match(received[0]!.body, /<Ticket>browser-ticket<\/Ticket>/);
  } finally {
    await browser.close();
    await srv.close();
  }
});
