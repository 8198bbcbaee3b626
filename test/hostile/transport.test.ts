// What a server can do to the transports: redirect a call elsewhere, or see credentials shown.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { nodeHttp } from "../../runtime/node-http.js";
import type { FetchLike } from "../../runtime/transport.js";
import { SoapError, SoapRedirectError, SoapTransportError, UserAgent } from "../../generated/services88/index.js";
import { listen } from "../helpers/server.js";

const TICKET = "7T:SECRET-TICKET";
const TOKEN = "SECRET-APP-TOKEN";

let endpoint: Awaited<ReturnType<typeof listen>>;
let elsewhere: Awaited<ReturnType<typeof listen>>;
const reached: string[] = [];
let status = 307;

before(async () => {
  // Another host: anything that reaches it is a leak.
  elsewhere = await listen((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      reached.push(body);
      res.writeHead(200, { "Content-Type": "text/xml" });
      res.end(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>`);
    });
  });
  endpoint = await listen((req, res) => {
    req.resume();
    res.writeHead(status, { Location: `${elsewhere.url.replace("//", "//admin:hunter2@")}/User.svc` });
    res.end();
  });
});
after(async () => {
  await endpoint.close();
  await elsewhere.close();
});

const transports: [string, FetchLike][] = [
  ["nodeHttp()", nodeHttp()],
  ["global fetch (the browser default)", globalThis.fetch as unknown as FetchLike],
];

for (const [name, fetch] of transports)
  for (const code of [301, 302, 303, 307, 308])
    test(`${name}: HTTP ${code} from the endpoint is a SoapRedirectError naming the Location; nothing reaches the other host`, async () => {
      status = code;
      reached.length = 0;
      const agent = new UserAgent({ endpoint: `${endpoint.url}/User.svc`, ticket: TICKET, applicationToken: TOKEN, fetch });
      const e: unknown = await agent.getUserPresenceStatus().catch((x: unknown) => x);
      assert.ok(e instanceof SoapRedirectError, String(e));
      assert.equal(e.status, code);
      assert.equal(e.location, `${elsewhere.url.replace("//", "//admin:hunter2@")}/User.svc`);
      assert.match(e.message, new RegExp(`redirects \\(HTTP ${code}\\) to http://\\*\\*\\*@127\\.0\\.0\\.1:\\d+/User\\.svc; redirects are not followed`));
      assert.doesNotMatch(e.message, /hunter2|SECRET/);
      assert.deepEqual(reached, [], "the envelope (ticket and token) never went to the other host");
    });

test("a browser's opaque redirect (status 0) is a SoapRedirectError too", async () => {
  const opaque: FetchLike = async () => ({
    status: 0,
    statusText: "",
    type: "opaqueredirect",
    headers: { get: () => null },
    body: null,
    arrayBuffer: async () => new ArrayBuffer(0),
  });
  const agent = new UserAgent({ endpoint: "https://crm.example/User.svc", fetch: opaque });
  const e: unknown = await agent.getUserPresenceStatus().catch((x: unknown) => x);
  assert.ok(e instanceof SoapRedirectError, String(e));
  assert.match(e.message, /the endpoint redirects \(HTTP 3xx\); redirects are not followed/);
});

test("user:password in an endpoint URL is never shown: toString, JSON, inspect, transport errors", async () => {
  const url = "http://svc-user:P4ssw0rd-SECRET@127.0.0.1:9/Remote/Services88/User.svc";
  for (const fetch of [nodeHttp(), globalThis.fetch as unknown as FetchLike]) {
    const agent = new UserAgent({ endpoint: url, fetch });
    for (const shown of [String(agent), JSON.stringify(agent), inspect(agent, { depth: 10, showHidden: true })]) {
      assert.doesNotMatch(shown, /SECRET|svc-user/);
      assert.match(shown, /http:\/\/\*\*\*@127\.0\.0\.1:9\/Remote/);
    }
    const e: unknown = await agent.getUserPresenceStatus().catch((x: unknown) => x);
    assert.ok(e instanceof SoapError, String(e));
    assert.ok(e instanceof SoapTransportError, String(e));
    assert.doesNotMatch(e.message, /SECRET|svc-user/, e.message);
  }
});

// Compressed and concurrent answers, through the Node transport.
const S88 = "http://www.superoffice.net/ws/crm/NetServer/Services88";
const presence = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetUserPresenceStatusResponse xmlns="${S88}"><Response><Message>${"x".repeat(2000)}</Message></Response></GetUserPresenceStatusResponse></s:Body></s:Envelope>`;

test("gzip and deflate responses are asked for and read; the size limit counts the decompressed bytes; another encoding is named", async () => {
  const zlib = await import("node:zlib");
  let encoding = "gzip";
  let body: Buffer = Buffer.alloc(0);
  let asked = "";
  const srv = await listen((req, res) => {
    asked = String(req.headers["accept-encoding"]);
    req.resume();
    res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8", "Content-Encoding": encoding });
    res.end(body);
  });
  try {
    const agent = (options: object = {}) => new UserAgent({ endpoint: `${srv.url}/User.svc`, ...options });
    for (const [enc, compress] of [
      ["gzip", zlib.gzipSync],
      ["deflate", zlib.deflateSync],
    ] as const) {
      encoding = enc;
      body = compress(presence);
      const status = await agent().getUserPresenceStatus();
      assert.equal(asked, "gzip, deflate");
      assert.equal(status?.Message, "x".repeat(2000), enc);
    }
    // A bomb: 40 KB that expands to 20 MB, against a 1 MB limit.
    encoding = "gzip";
    body = zlib.gzipSync(presence.replace("x".repeat(2000), "x".repeat(20 * 1024 * 1024)));
    assert.ok(body.length < 64 * 1024);
    const big = await agent({ maxResponseBytes: 1024 * 1024 })
      .getUserPresenceStatus()
      .catch((e: unknown) => e);
    assert.match(String(big), /response body is larger than maxResponseBytes \(1048576\)/);
    encoding = "gzip";
    body = Buffer.from("not gzip at all");
    assert.match(
      String(
        await agent()
          .getUserPresenceStatus()
          .catch((e: unknown) => e),
      ),
      /SoapTransportError.*the gzip response body is corrupt/,
    );
    encoding = "br";
    body = zlib.brotliCompressSync(presence);
    assert.match(
      String(
        await agent()
          .getUserPresenceStatus()
          .catch((e: unknown) => e),
      ),
      /the response is compressed as "br", which this client cannot read \(it asks for gzip or deflate\)/,
    );
  } finally {
    await srv.close();
  }
});

test("1,000 calls at once share a bounded number of connections (32 by default, or maxSockets)", async () => {
  for (const [fetch, limit] of [
    [nodeHttp(), 32],
    [nodeHttp({ maxSockets: 4 }), 4],
  ] as const) {
    let open = 0;
    let most = 0;
    // A server per case: keep-alive connections of the one before stay open.
    const srv = await listen((req, res) => {
      req.resume();
      res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8" });
      res.end(presence);
    });
    srv.server.on("connection", (s) => {
      most = Math.max(most, ++open);
      s.on("close", () => open--);
    });
    try {
      const agent = new UserAgent({ endpoint: `${srv.url}/User.svc`, fetch });
      const all = await Promise.all(Array.from({ length: 1000 }, () => agent.getUserPresenceStatus()));
      assert.equal(all.length, 1000);
      assert.ok(most <= limit && most > 0, `${most} connections at most, limit ${limit}`);
    } finally {
      await srv.close();
    }
  }
});
