// How the runtime behaves on a bad day. Every outcome is a typed SoapError, never a hang,
// a crash or a leaked credential.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import type { ServerResponse } from "node:http";
import {
  SoapAbortError,
  SoapDecodeError,
  SoapError,
  SoapFaultError,
  SoapHttpError,
  SoapServiceError,
  SoapTimeoutError,
  SoapTransportError,
  UserAgent,
  WebhookAgent,
} from "../generated/services88/index.js";
import { listen } from "./helpers/server.js";

const TICKET = "7T:SECRET-TICKET";
const TOKEN = "SECRET-APP-TOKEN";
const S88 = "http://www.superoffice.net/ws/crm/NetServer/Services88";

type Reply = (res: ServerResponse) => void;
let reply: Reply = (res) => res.end();
let srv: Awaited<ReturnType<typeof listen>>;
const seen: string[] = [];

before(async () => {
  srv = await listen((req, res) => {
    req.resume();
    reply(res);
  });
});
after(() => srv.close());

const xml =
  (body: string, status = 200, type = "text/xml; charset=utf-8"): Reply =>
  (res) => {
    res.writeHead(status, { "content-type": type });
    res.end(body);
  };
const agent = (options: object = {}) => new UserAgent({ endpoint: `${srv.url}/User.svc`, ticket: TICKET, applicationToken: TOKEN, ...options });

/** Runs a call that must fail with the given error class; checks no credential leaks into it. */
async function fails<E extends SoapError>(call: Promise<unknown>, type: new (...a: never[]) => E, check?: (e: E) => void): Promise<E> {
  let caught: unknown;
  try {
    await call;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof type, `expected ${type.name}, got ${inspect(caught)}`);
  const shown = `${caught.message} ${String(caught)} ${JSON.stringify(caught)} ${inspect(caught, { depth: 5 })}`;
  assert.doesNotMatch(shown, /SECRET/, "credentials must never appear in errors");
  seen.push(`${type.name}: ${caught.message}`);
  check?.(caught);
  return caught;
}

const envelope = (body: string, header = "") =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">${header ? `<s:Header>${header}</s:Header>` : ""}<s:Body>${body}</s:Body></s:Envelope>`;

test("WCF fault (HTTP 500, ExceptionDetail) -> SoapFaultError with parsed detail, nil members null", async () => {
  reply = xml(
    envelope(
      `<s:Fault><faultcode xmlns:a="http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher">a:InternalServiceFault</faultcode><faultstring xml:lang="en-US">Object reference not set</faultstring><detail><ExceptionDetail xmlns="http://schemas.datacontract.org/2004/07/System.ServiceModel" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><HelpLink i:nil="true"/><InnerException i:nil="true"/><Message>Object reference not set</Message><StackTrace>   at X.Y()</StackTrace><Type>System.NullReferenceException</Type></ExceptionDetail></detail></s:Fault>`,
    ),
    500,
  );
  await fails(agent().registerWithAccessGateway(), SoapFaultError, (e) => {
    assert.equal(e.faultcode, "a:InternalServiceFault");
    assert.equal(e.faultstring, "Object reference not set");
    assert.equal(e.status, 500);
    assert.equal(e.operation, "RegisterWithAccessGateway");
    assert.deepEqual(e.detail, {
      ExceptionDetail: {
        HelpLink: null,
        InnerException: null,
        Message: "Object reference not set",
        StackTrace: "at X.Y()",
        Type: "System.NullReferenceException",
      },
    });
  });
});

test("HTTP errors with an HTML or empty body -> SoapHttpError with status and excerpt", async () => {
  reply = xml("<html><body><h1>503 Service Unavailable</h1></body></html>", 503, "text/html");
  await fails(agent().registerWithAccessGateway(), SoapHttpError, (e) => {
    assert.equal(e.status, 503);
    assert.match(e.bodyExcerpt, /Service Unavailable/);
  });
  // An HTML page says its text in one short line of the message; the excerpt keeps the body as sent.
  const page503 = `<!DOCTYPE html>\n<html>\n<head><title>Down</title><style>body { color: red }</style></head>\n<body>\n  <h1>503   Service\n Unavailable</h1>\n  <p>${"Try again later. ".repeat(20)}</p>\n</body></html>`;
  reply = xml(page503, 503, "text/html; charset=utf-8");
  await fails(agent().registerWithAccessGateway(), SoapHttpError, (e) => {
    assert.equal(e.bodyExcerpt, page503.slice(0, 500));
    assert.match(e.message, /^RegisterWithAccessGateway: HTTP 503 Service Unavailable: Down 503 Service Unavailable Try again later\. Try again/);
    assert.doesNotMatch(e.message, /[\n<>]|color/);
    assert.ok(e.message.length < 200 && e.message.endsWith("…"), e.message);
  });
  reply = (res) => {
    res.writeHead(502);
    res.end();
  };
  await fails(agent().registerWithAccessGateway(), SoapHttpError, (e) => assert.equal(e.status, 502));
  // An XML error page of 200 KB is read in pieces: the excerpt is still its first 500 characters.
  const page = `<error>${"<line>Gateway failure</line>".repeat(8000)}</error>`;
  reply = xml(page, 500);
  await fails(agent().registerWithAccessGateway(), SoapHttpError, (e) => {
    assert.equal(e.status, 500);
    assert.equal(e.bodyExcerpt, page.slice(0, 500));
  });
});

test("a 200 response of the wrong content type -> SoapHttpError", async () => {
  reply = xml('{"error":"not soap"}', 200, "application/json");
  await fails(agent().registerWithAccessGateway(), SoapHttpError, (e) => assert.match(e.message, /expected a SOAP response, got application\/json/));
});

test("ExceptionInfo response header -> SoapServiceError by default, or the value with throwOnServiceError: false", async () => {
  const body = envelope(
    `<RegisterWithAccessGatewayResponse xmlns="${S88}"><Response i:nil="true" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"/></RegisterWithAccessGatewayResponse>`,
    `<ExceptionInfo xmlns="${S88}"><Message>Access denied</Message><ExceptionType>SoSecurityException</ExceptionType></ExceptionInfo><Succeeded xmlns="${S88}">false</Succeeded>`,
  );
  reply = xml(body);
  await fails(agent().registerWithAccessGateway(), SoapServiceError, (e) => {
    assert.equal(e.header, "ExceptionInfo");
    assert.deepEqual(e.info, { Message: "Access denied", ExceptionType: "SoSecurityException" });
    assert.match(e.message, /Access denied/);
  });
  const r = await agent({ throwOnServiceError: false }).invoke("RegisterWithAccessGateway", {});
  assert.deepEqual(r.headers, { ExceptionInfo: { Message: "Access denied", ExceptionType: "SoSecurityException" }, Succeeded: false });
  assert.deepEqual(r.body, { Response: null });
});

test("timeout -> SoapTimeoutError, and the socket is released", async () => {
  reply = () => {}; // never answers
  const closedBefore = srv.closedSockets();
  const started = Date.now();
  await fails(agent({ timeout: 150 }).registerWithAccessGateway(), SoapTimeoutError, (e) => assert.equal(e.timeoutMs, 150));
  assert.ok(Date.now() - started < 5000);
  for (let i = 0; i < 100 && srv.closedSockets() === closedBefore; i++) await new Promise((r) => setTimeout(r, 20));
  assert.ok(srv.closedSockets() > closedBefore, "the client closed its connection");
});

test("AbortSignal -> SoapAbortError", async () => {
  reply = () => {};
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 50);
  await fails(agent().registerWithAccessGateway({}, { signal: ac.signal }), SoapAbortError);
  await fails(agent().registerWithAccessGateway({}, { signal: AbortSignal.abort() }), SoapAbortError);
});

test("the caller's AbortSignal.timeout() -> SoapTimeoutError, its duration unknown to the client", async () => {
  reply = () => {};
  await fails(agent().registerWithAccessGateway({}, { signal: AbortSignal.timeout(50) }), SoapTimeoutError, (e) => {
    assert.equal(e.timeoutMs, undefined);
    assert.match(e.message, /no response before the signal's timeout/);
  });
});

test("connection refused -> SoapTransportError", async () => {
  const dead = await listen();
  const url = dead.url;
  await dead.close();
  await fails(new UserAgent({ endpoint: url, ticket: TICKET }).registerWithAccessGateway(), SoapTransportError);
});

test("DOCTYPE and entity declarations are refused, nothing is expanded", async () => {
  const laughs =
    `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>` +
    envelope(`<RegisterWithAccessGatewayResponse xmlns="${S88}"><Response><ClientId>&lol2;</ClientId></Response></RegisterWithAccessGatewayResponse>`);
  reply = xml(laughs);
  await fails(agent().registerWithAccessGateway(), SoapDecodeError, (e) => assert.match(e.reason, /DOCTYPE/));
  reply = xml(
    `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` +
      envelope(`<RegisterWithAccessGatewayResponse xmlns="${S88}"><Response><ClientId>&xxe;</ClientId></Response></RegisterWithAccessGatewayResponse>`),
  );
  await fails(agent().registerWithAccessGateway(), SoapDecodeError, (e) => assert.doesNotMatch(e.message, /root:/));
});

test("response size limit -> SoapDecodeError, without reading the whole body", async () => {
  reply = (res) => {
    res.writeHead(200, { "content-type": "text/xml" });
    const chunk = "<!-- " + "x".repeat(64 * 1024) + " -->";
    let sent = 0;
    const pump = () => {
      while (sent < 400 && res.write(chunk)) sent++;
      if (sent < 400) res.once("drain", pump);
      else res.end();
    };
    pump();
  };
  await fails(agent({ maxResponseBytes: 1024 * 1024 }).registerWithAccessGateway(), SoapDecodeError, (e) =>
    assert.match(e.reason, /larger than maxResponseBytes/),
  );
  reply = (res) => {
    res.writeHead(200, { "content-type": "text/xml", "content-length": String(50 * 1024 * 1024) });
    res.end();
  };
  await fails(agent({ maxResponseBytes: 1024 * 1024 }).registerWithAccessGateway(), SoapDecodeError);
});

test("nesting depth is bounded", async () => {
  const deep = "<a>".repeat(5000) + "</a>".repeat(5000);
  reply = xml(envelope(`<RegisterWithAccessGatewayResponse xmlns="${S88}"><Response>${deep}</Response></RegisterWithAccessGatewayResponse>`));
  await fails(agent().registerWithAccessGateway(), SoapDecodeError, (e) => assert.match(e.reason, /deeper than 256/));
});

test("truncated body, invalid UTF-8, garbage -> SoapDecodeError", async () => {
  const full = envelope(`<RegisterWithAccessGatewayResponse xmlns="${S88}"><Response><ClientId>abc</ClientId></Response></RegisterWithAccessGatewayResponse>`);
  reply = xml(full.slice(0, full.length - 40));
  await fails(agent().registerWithAccessGateway(), SoapDecodeError);
  reply = (res) => {
    res.writeHead(200, { "content-type": "text/xml; charset=utf-8" });
    const bytes = Buffer.from(full.replace("abc", "ab\u0001c"));
    bytes[bytes.indexOf(1)] = 0xc3; // a lone UTF-8 lead byte
    res.end(bytes);
  };
  await fails(agent().registerWithAccessGateway(), SoapDecodeError, (e) => assert.match(e.reason, /not valid utf-8/));
  reply = xml("<not-soap/>");
  await fails(agent().registerWithAccessGateway(), SoapDecodeError, (e) => assert.match(e.reason, /expected a SOAP Envelope/));
  reply = xml(envelope(`<Other xmlns="${S88}"/>`));
  await fails(agent().registerWithAccessGateway(), SoapDecodeError, (e) => assert.match(e.reason, /expected <RegisterWithAccessGatewayResponse>/));
  reply = xml(envelope(`<GetRoleEntityResponse xmlns="${S88}"><Response><RoleId>twelve</RoleId></Response></GetRoleEntityResponse>`));
  await fails(agent().getRoleEntity({ RoleEntityId: 1 }), SoapDecodeError, (e) => {
    assert.equal(e.path, "Envelope/Body/GetRoleEntityResponse/Response/RoleId");
    assert.match(e.reason, /not a valid int/);
  });
});

test("clients never show credentials: toString, JSON and inspect", () => {
  const a = agent();
  for (const shown of [String(a), JSON.stringify(a), inspect(a, { depth: 10, showHidden: true })]) assert.doesNotMatch(shown, /SECRET/);
});

test("WCF-shaped responses: s:/i:/a: prefixes, xmlns at odd levels, xsi:type on values, all four headers", async () => {
  reply = xml(
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>` +
      `<ExceptionInfo i:nil="true" xmlns="${S88}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"/>` +
      `<h:ExtraInfo xmlns:h="${S88}"><h:ExtraInfoNameValuePair><h:Key>build</h:Key><h:Value>10.4</h:Value></h:ExtraInfoNameValuePair></h:ExtraInfo>` +
      `<Succeeded xmlns="${S88}">true</Succeeded>` +
      `<TimeZone xmlns="${S88}"><SoTimeZoneId>15</SoTimeZoneId><SoTimeZoneLocationCode>NO</SoTimeZoneLocationCode></TimeZone>` +
      `</s:Header><s:Body xmlns:x="http://www.w3.org/2001/XMLSchema">` +
      `<GetWebhookResponse xmlns="${S88}"><Response xmlns:a="${S88}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type="a:Webhook">` +
      `<a:WebhookId>12</a:WebhookId><a:Name>Sync</a:Name>` +
      `<a:Events xmlns:b="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><b:string>contact.created</b:string><b:string i:nil="true"/></a:Events>` +
      `<TargetUrl>https://hooks.example/x?a=1&amp;b=2</TargetUrl>` +
      `<State>Active</State>` +
      `<Headers><StringKeyValuePair><Key>X-Api</Key><Value>v1</Value></StringKeyValuePair></Headers>` +
      `<Properties>` +
      `<StringObjectKeyValuePair><Key>count</Key><Value i:type="x:int">42</Value></StringObjectKeyValuePair>` +
      `<StringObjectKeyValuePair><Key>ratio</Key><Value i:type="c:double" xmlns:c="http://www.w3.org/2001/XMLSchema">0.5</Value></StringObjectKeyValuePair>` +
      `<StringObjectKeyValuePair><Key>big</Key><Value i:type="x:long">9007199254740993</Value></StringObjectKeyValuePair>` +
      `<StringObjectKeyValuePair><Key>on</Key><Value i:type="x:boolean">true</Value></StringObjectKeyValuePair>` +
      `<StringObjectKeyValuePair><Key>name</Key><Value i:type="x:string">Ada</Value></StringObjectKeyValuePair>` +
      `<StringObjectKeyValuePair><Key>none</Key><Value i:nil="true"/></StringObjectKeyValuePair>` +
      `</Properties>` +
      `<Registered>2024-03-01T10:00:00.1234567+01:00</Registered>` +
      `<a:UnknownFutureMember><Nested>ignored</Nested></a:UnknownFutureMember>` +
      `</Response></GetWebhookResponse></s:Body></s:Envelope>`,
  );
  const hooks = new WebhookAgent({ endpoint: `${srv.url}/Webhook.svc`, ticket: TICKET });
  const r = await hooks.invoke("GetWebhook", { WebhookId: 12 });
  assert.deepEqual(r.body.Response, {
    WebhookId: 12,
    Name: "Sync",
    Events: ["contact.created", null],
    TargetUrl: "https://hooks.example/x?a=1&b=2",
    State: "Active",
    Headers: { "X-Api": "v1" },
    Properties: { count: 42, ratio: 0.5, big: 9007199254740993n, on: true, name: "Ada", none: null },
    Registered: "2024-03-01T10:00:00.1234567+01:00",
  });
  assert.deepEqual(r.headers, {
    ExceptionInfo: null,
    ExtraInfo: { build: "10.4" },
    Succeeded: true,
    TimeZone: { SoTimeZoneId: 15, SoTimeZoneLocationCode: "NO" },
  });
});

test("summary of hostile and failing responses tried", () => {
  console.log(seen.map((s) => `  ${s}`).join("\n"));
  assert.ok(seen.length >= 15);
});
