// The Node transport (runtime/node-http.ts), the default in Node, behaves like fetch for the
// client: same requests, same typed errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { nodeHttp } from "../runtime/node-http.js";
import { SoapAbortError, SoapDecodeError, SoapFaultError, SoapTimeoutError, UserAgent } from "../generated/services88/index.js";
import { listen } from "./helpers/server.js";

const S88 = "http://www.superoffice.net/ws/crm/NetServer/Services88";
const ok = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><RegisterWithAccessGatewayResponse xmlns="${S88}"><Response><ClientId>node-http</ClientId></Response></RegisterWithAccessGatewayResponse></s:Body></s:Envelope>`;

test("nodeHttp: requests, responses, faults, limits, timeouts and aborts", async () => {
  let mode = "ok";
  const seen: { action: string; type: string; body: string }[] = [];
  const srv = await listen((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      seen.push({ action: String(req.headers["soapaction"]), type: String(req.headers["content-type"]), body });
      if (mode === "hang") return;
      if (mode === "big") {
        res.writeHead(200, { "content-type": "text/xml" });
        res.end("<!--" + "x".repeat(3 * 1024 * 1024) + "-->");
        return;
      }
      if (mode === "fault") {
        res.writeHead(500, { "content-type": "text/xml" });
        res.end(
          `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>boom</faultstring></s:Fault></s:Body></s:Envelope>`,
        );
        return;
      }
      res.writeHead(200, { "content-type": "text/xml; charset=utf-8" });
      res.end(ok);
    });
  });
  try {
    const agent = new UserAgent({ endpoint: `${srv.url}/User.svc`, ticket: "t", fetch: nodeHttp(), maxResponseBytes: 1024 * 1024 });
    for (let i = 0; i < 3; i++) assert.deepEqual(await agent.registerWithAccessGateway({ RedirectUri: "x" }), { ClientId: "node-http" });
    assert.equal(seen[0]!.action, `"${S88}/User/RegisterWithAccessGateway"`);
    assert.equal(seen[0]!.type, "text/xml; charset=utf-8");
    assert.match(seen[0]!.body, /<Ticket>t<\/Ticket>/);
    mode = "fault";
    await assert.rejects(agent.registerWithAccessGateway(), SoapFaultError);
    mode = "big";
    await assert.rejects(agent.registerWithAccessGateway(), (e: unknown) => e instanceof SoapDecodeError && /maxResponseBytes/.test(e.message));
    mode = "hang";
    await assert.rejects(agent.registerWithAccessGateway({}, { timeout: 100 }), SoapTimeoutError);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    await assert.rejects(agent.registerWithAccessGateway({}, { signal: ac.signal }), SoapAbortError);
  } finally {
    await srv.close();
  }
});

test("in Node a client without a fetch option goes through nodeHttp(), never the global fetch", async () => {
  const srv = await listen((_req, res) => {
    res.writeHead(200, { "content-type": "text/xml; charset=utf-8" });
    res.end(ok);
  });
  const global = globalThis.fetch;
  let globalCalls = 0;
  globalThis.fetch = (async (...args: Parameters<typeof fetch>) => {
    globalCalls++;
    return global(...args);
  }) as typeof fetch;
  try {
    const agent = new UserAgent({ endpoint: `${srv.url}/User.svc` });
    assert.deepEqual(await agent.registerWithAccessGateway({}), { ClientId: "node-http" });
    assert.equal(globalCalls, 0);
    // A fetch passed in always wins.
    const passed = new UserAgent({ endpoint: `${srv.url}/User.svc`, fetch: globalThis.fetch as never });
    assert.deepEqual(await passed.registerWithAccessGateway({}), { ClientId: "node-http" });
    assert.equal(globalCalls, 1);
  } finally {
    globalThis.fetch = global;
    await srv.close();
  }
});
