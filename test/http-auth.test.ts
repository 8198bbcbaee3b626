// HTTP headers and authentication (runtime/auth.ts, ClientOptions/CallOptions.httpHeaders),
// checked by a server on 127.0.0.1 that looks at what it receives, through both transports.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { IncomingHttpHeaders } from "node:http";
import { basicAuth, bearerAuth } from "../runtime/index.js";
import { nodeHttp } from "../runtime/node-http.js";
import type { FetchLike } from "../runtime/transport.js";
import { SoapHttpError, UserAgent } from "../generated/services88/index.js";
import { listen } from "./helpers/server.js";

const S88 = "http://www.superoffice.net/ws/crm/NetServer/Services88";
const OK = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetUserPresenceStatusResponse xmlns="${S88}"><Response><Message>hi</Message></Response></GetUserPresenceStatusResponse></s:Body></s:Envelope>`;

let srv: Awaited<ReturnType<typeof listen>>;
let seen: IncomingHttpHeaders[] = [];
let contentType = "text/xml; charset=utf-8";
let body = OK;
before(async () => {
  srv = await listen((req, res) => {
    seen.push(req.headers);
    req.resume();
    // The server checks Basic credentials as a gateway would.
    const auth = req.headers.authorization ?? "";
    if (auth.startsWith("Basic ") && Buffer.from(auth.slice(6), "base64").toString("utf8") !== "ünï:pa:ss wörd") {
      res.writeHead(401, { "WWW-Authenticate": 'Basic realm="x"' });
      return res.end();
    }
    res.writeHead(200, { "Content-Type": contentType });
    res.end(body);
  });
});
after(() => srv.close());

const transports: [string, FetchLike][] = [
  ["nodeHttp()", nodeHttp()],
  ["global fetch", globalThis.fetch as unknown as FetchLike],
];
const agent = (fetch: FetchLike, options: object = {}) => new UserAgent({ endpoint: `${srv.url}/User.svc`, fetch, ...options });

for (const [name, fetch] of transports) {
  test(`${name}: basicAuth sends RFC 7617 credentials (UTF-8), a wrong one is the server's 401`, async () => {
    seen = [];
    assert.equal((await agent(fetch, { httpHeaders: basicAuth("ünï", "pa:ss wörd") }).getUserPresenceStatus())?.Message, "hi");
    assert.equal(seen[0]!.authorization, `Basic ${Buffer.from("ünï:pa:ss wörd").toString("base64")}`);
    const e = await agent(fetch, { httpHeaders: basicAuth("ünï", "wrong") })
      .getUserPresenceStatus()
      .catch((x: unknown) => x);
    assert.ok(e instanceof SoapHttpError && e.status === 401, String(e));
  });

  test(`${name}: bearerAuth asks its function before each call; per-call headers win over the client's; Content-Type and SOAPAction stay the client's`, async () => {
    seen = [];
    let n = 0;
    const a = agent(fetch, { httpHeaders: { ...{ "X-Tenant": "t1", soapaction: "evil", "content-type": "text/plain" } } });
    await a.getUserPresenceStatus({}, { httpHeaders: bearerAuth(async () => `token-${++n}`) });
    await a.getUserPresenceStatus({}, { httpHeaders: { "X-Tenant": "t2" } });
    const b = agent(fetch, { httpHeaders: bearerAuth(() => `token-${++n}`) });
    await b.getUserPresenceStatus();
    await b.getUserPresenceStatus();
    assert.deepEqual(
      seen.map((h) => [h.authorization, h["x-tenant"], h.soapaction, h["content-type"]]),
      [
        ["Bearer token-1", "t1", `"${S88}/User/GetUserPresenceStatus"`, "text/xml; charset=utf-8"],
        [undefined, "t2", `"${S88}/User/GetUserPresenceStatus"`, "text/xml; charset=utf-8"],
        ["Bearer token-2", undefined, `"${S88}/User/GetUserPresenceStatus"`, "text/xml; charset=utf-8"],
        ["Bearer token-3", undefined, `"${S88}/User/GetUserPresenceStatus"`, "text/xml; charset=utf-8"],
      ],
    );
  });

  test(`${name}: a 200 whose body is an Envelope is read whatever its Content-Type says; one that is not stays an HTTP error`, async () => {
    for (const type of ["text/plain", "text/html; charset=utf-8", ""]) {
      contentType = type;
      body = `<?xml version="1.0"?>\n<!-- served as ${type} -->\n${OK}`;
      assert.equal((await agent(fetch).getUserPresenceStatus())?.Message, "hi", type);
      body = "<html><body>Service unavailable</body></html>";
      const e = await agent(fetch)
        .getUserPresenceStatus()
        .catch((x: unknown) => x);
      assert.ok(e instanceof SoapHttpError, `${type}: ${String(e)}`);
    }
    contentType = "text/xml; charset=utf-8";
    body = OK;
  });
}

test("a header value with a line break (header injection) or an invalid name is refused before anything is sent", async () => {
  seen = [];
  for (const httpHeaders of [{ "X-A": "a\r\nX-Injected: 1" }, { "X A": "v" }]) {
    await assert.rejects(agent(nodeHttp(), { httpHeaders }).getUserPresenceStatus(), /must be a token name with a string value on one line/);
  }
  assert.equal(seen.length, 0);
  assert.throws(() => basicAuth("a:b", "c"), /may not hold ':'/);
});

// WS-Security, checked the way a server checks it (OASIS UsernameToken Profile 1.1): the digest
// recomputed from the nonce, creation time and the password it knows; a stale or unknown token
// is a wsse:FailedAuthentication fault.
test("wsSecurity: a UsernameToken with PasswordDigest (and a Timestamp) that a verifying server accepts; a wrong password is its fault", async () => {
  const { createHash } = await import("node:crypto");
  const { wsSecurity } = await import("../runtime/index.js");
  const { SoapFaultError } = await import("../generated/services88/index.js");
  const PASSWORD = "s3cr<e>t&ü";
  const NOW = new Date("2026-12-02T10:00:00.123Z");
  const bodies: string[] = [];
  const wss = await listen((req, res) => {
    let xml = "";
    req.on("data", (c) => (xml += c));
    req.on("end", () => {
      bodies.push(xml);
      const pick = (re: RegExp) => re.exec(xml)?.[1] ?? "";
      const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
      const type = pick(/<wsse:Password Type="[^"#]*#(\w+)">/);
      const given = unescape(pick(/<wsse:Password [^>]*>([^<]*)</));
      const nonce = Buffer.from(pick(/<wsse:Nonce [^>]*>([^<]*)</), "base64");
      const created = pick(/<wsse:UsernameToken[^]*<wsu:Created>([^<]*)</);
      const expected =
        type === "PasswordDigest"
          ? createHash("sha1")
              .update(Buffer.concat([nonce, Buffer.from(created + PASSWORD, "utf8")]))
              .digest("base64")
          : PASSWORD;
      const fresh = Math.abs(Date.parse(created) - NOW.getTime()) < 300_000 && Date.parse(pick(/<wsu:Expires>([^<]*)</)) > NOW.getTime();
      const ok =
        unescape(pick(/<wsse:Username>([^<]*)</)) === "svc&user" && nonce.length === 16 && given === expected && fresh && /s:mustUnderstand="1"/.test(xml);
      res.writeHead(ok ? 200 : 500, { "Content-Type": "text/xml; charset=utf-8" });
      res.end(
        ok
          ? OK
          : `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">wsse:FailedAuthentication</faultcode><faultstring>The security token could not be authenticated</faultstring></s:Fault></s:Body></s:Envelope>`,
      );
    });
  });
  try {
    const call = (options: Parameters<typeof wsSecurity>[0]) =>
      new UserAgent({ endpoint: `${wss.url}/User.svc`, securityHeader: wsSecurity({ now: () => NOW, ...options }) }).getUserPresenceStatus();
    assert.equal((await call({ username: "svc&user", password: PASSWORD }))?.Message, "hi");
    assert.equal((await call({ username: "svc&user", password: PASSWORD, passwordType: "PasswordText" }))?.Message, "hi");
    assert.doesNotMatch(bodies[0]!, /s3cr/, "a digest never sends the password");
    const nonces = new Set(bodies.map((b) => /<wsse:Nonce [^>]*>([^<]*)</.exec(b)![1]));
    assert.equal(nonces.size, bodies.length, "a fresh nonce per request");
    const e = await call({ username: "svc&user", password: "wrong" }).catch((x: unknown) => x);
    assert.ok(e instanceof SoapFaultError && e.faultcode === "wsse:FailedAuthentication", String(e));
    assert.doesNotMatch(String(e), /wrong|s3cr/);
    const stale = await call({ username: "svc&user", password: PASSWORD, now: () => new Date(NOW.getTime() - 3_600_000) }).catch((x: unknown) => x);
    assert.ok(stale instanceof SoapFaultError, String(stale));
  } finally {
    await wss.close();
  }
});

test("per-call SOAP headers (CallOptions.headers) go out over the client's, for that call only", async () => {
  const bodies: string[] = [];
  const { fetch } = await import("./helpers/capture.js").then((m) => m.capturingFetch((r) => (bodies.push(r.body), OK)));
  const a = new UserAgent({ endpoint: "http://crm.example/User.svc", ticket: "client-ticket", fetch });
  await a.getUserPresenceStatus({}, { headers: { Credentials: { Ticket: "impersonated" } } });
  await a.getUserPresenceStatus();
  assert.match(bodies[0]!, /<Credentials xmlns="[^"]+"><Ticket>impersonated<\/Ticket><\/Credentials>/);
  assert.match(bodies[1]!, /<Credentials xmlns="[^"]+"><Ticket>client-ticket<\/Ticket><\/Credentials>/);
});
