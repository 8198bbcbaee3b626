// What decoding refuses and what it skips: a response whose elements are not where the schema
// puts them (missing, or in another namespace) must not decode to a silent {} when the schema
// requires them; members the WSDL does not define are skipped and reported, or refused (strict).
import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeEnvelope, DecodeFailure } from "../runtime/decode.js";
import { A, message, O, operation, record } from "../runtime/schema.js";
import { xs } from "../runtime/xsd.js";
import { decodeEnvelope as referenceDecode } from "./helpers/reference-decoder.js";

const NS = "urn:shop";
const item = record(NS, "Item", NS, undefined, () => [
  ["Id", xs.int, 0],
  ["Name", xs.string, O],
]);
const wrapper = record(NS, "GetItemResponse", NS, undefined, () => [["Item", item, 0]]);
const op = operation(
  "GetItem",
  "urn:shop/GetItem",
  message(
    record(NS, "GetItem", NS, undefined, () => []),
    [],
  ),
  message(wrapper, []),
);
const env = (body: string) => `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`;
const types = new Map();

test("required members present: decoded; optional ones may be absent", () => {
  const xml = env(`<GetItemResponse xmlns="${NS}"><Item><Id>7</Id></Item></GetItemResponse>`);
  assert.deepEqual(decodeEnvelope(xml, op, types).body, { Item: { Id: 7 } });
  assert.deepEqual(referenceDecode(xml, op, types).body, { Item: { Id: 7 } });
});

test("a required member missing, or sent in another namespace, is a decode error with the path", () => {
  const cases: [string, string, RegExp][] = [
    [
      `<GetItemResponse xmlns="${NS}"><Item><Name>x</Name></Item></GetItemResponse>`,
      "Envelope/Body/GetItemResponse/Item",
      /required member <Id> in namespace urn:shop of Item is missing/,
    ],
    // Unqualified where the schema wants them qualified: every member is "unknown", none is there.
    [
      `<s:GetItemResponse xmlns:s2="x" xmlns:s="${NS}"><Item><Id>7</Id></Item></s:GetItemResponse>`,
      "Envelope/Body/GetItemResponse",
      /required member <Item> in namespace urn:shop of GetItemResponse is missing/,
    ],
    [`<GetItemResponse xmlns="${NS}"/>`, "Envelope/Body/GetItemResponse", /required member <Item>/],
  ];
  for (const [body, path, reason] of cases) {
    assert.throws(
      () => decodeEnvelope(env(body), op, types),
      (e: unknown) => {
        assert.ok(e instanceof DecodeFailure);
        assert.match(e.reason, reason);
        assert.equal(e.path, path);
        return true;
      },
    );
    assert.throws(() => referenceDecode(env(body), op, types), DecodeFailure, "the reference decoder agrees");
  }
});

test("members the WSDL does not define are skipped and reported by invoke(); strict: true refuses them", async () => {
  const { WebhookAgent, SoapDecodeError } = await import("../generated/services88/index.js");
  const { capturingFetch, TENANT } = await import("./helpers/capture.js");
  const S88 = "http://www.superoffice.net/ws/crm/NetServer/Services88";
  const response = env(
    `<GetWebhookResponse xmlns="${S88}"><Response><WebhookId>3</WebhookId><AddedInV11>x</AddedInV11><Events><string xmlns="http://schemas.microsoft.com/2003/10/Serialization/Arrays">a</string><Other/></Events></Response></GetWebhookResponse>`,
  );
  const { fetch } = capturingFetch(response);
  const result = await new WebhookAgent({ baseUrl: TENANT, fetch }).invoke("GetWebhook", { WebhookId: 3 });
  assert.deepEqual(result.body.Response, { WebhookId: 3, Events: ["a"] });
  assert.deepEqual(result.skipped, ["Envelope/Body/GetWebhookResponse/Response/AddedInV11", "Envelope/Body/GetWebhookResponse/Response/Events/Other"]);
  assert.deepEqual(referenceDecode(response, (await import("../generated/services88/webhook.js")).WebhookOperations.GetWebhook, types).skipped, result.skipped);
  await assert.rejects(new WebhookAgent({ baseUrl: TENANT, fetch, strict: true }).getWebhook({ WebhookId: 3 }), (e: unknown) => {
    assert.ok(e instanceof SoapDecodeError);
    assert.match(
      e.reason,
      /<AddedInV11> in namespace "http:\/\/www\.superoffice\.net\/ws\/crm\/NetServer\/Services88" is no member the WSDL defines \(strict\)/,
    );
    assert.equal(e.path, "Envelope/Body/GetWebhookResponse/Response/AddedInV11");
    return true;
  });
});

test("a descriptor with attributes or open attributes but no content hooks fails when used, rather than dropping them", () => {
  const withAttribute = record(NS, "Tagged", NS, undefined, () => [["id", xs.string, A]]);
  assert.throws(() => withAttribute.attributes, /Tagged has attributes or text but no content hooks \(runtime\/content\.ts\); regenerate the client/);
  assert.throws(() => record(NS, "Open", NS, undefined, () => [], { openAttributes: true }), /Open has attributes or text but no content hooks/);
});

test("a response wrapper with no members may come as an empty Body; an rpc wrapper is read whatever its name", () => {
  const empty = operation(
    "Ping",
    "p",
    message(
      record(NS, "Ping", NS, undefined, () => []),
      [],
    ),
    message(
      record(NS, "PingResponse", NS, undefined, () => []),
      [],
    ),
  );
  assert.deepEqual(decodeEnvelope(env(""), empty, types).body, {});
  assert.deepEqual(referenceDecode(env(""), empty, types).body, {});
  assert.throws(() => decodeEnvelope(env(""), op, types), /the Body has no <GetItemResponse>/);

  const rpcWrapper = record("urn:rpc", "sayHelloResponse", "", undefined, () => [["greeting", xs.string, 0]], { anyNs: true });
  const rpc = operation(
    "sayHello",
    "s",
    message(
      record("urn:rpc", "sayHello", "", undefined, () => []),
      [],
    ),
    message(rpcWrapper, []),
    undefined,
    undefined,
    false,
    false,
    true,
  );
  // zeep names the response wrapper after the output message.
  const named = env(`<m:SayHelloResponse xmlns:m="urn:other"><greeting>hi</greeting></m:SayHelloResponse>`);
  assert.deepEqual(decodeEnvelope(named, rpc, types).body, { greeting: "hi" });
  assert.throws(
    () => decodeEnvelope(env(`<m:A xmlns:m="urn:rpc"><greeting>1</greeting></m:A><m:B xmlns:m="urn:rpc"/>`), rpc, types),
    /expected <sayHelloResponse>/,
  );
});

test("an enumeration value the WSDL does not list is a decode error naming it, in an element, a flags list and an attribute", async () => {
  const { enumeration, flags } = await import("../runtime/schema.js");
  const { extendedContent } = await import("../runtime/content.js");
  const Status = enumeration(NS, "Status", ["NEW", "SHIPPED", "CANCELLED"]);
  const Tags = flags(NS, "Tags", ["Gift", "Rush"]);
  const order = record(
    NS,
    "Order",
    NS,
    undefined,
    () => [
      ["Status", Status, 0],
      ["Tags", Tags, O],
      ["state", Status, A | O],
    ],
    { content: extendedContent },
  );
  const orderOp = operation(
    "GetOrder",
    "",
    message(
      record(NS, "GetOrder", NS, undefined, () => []),
      [],
    ),
    message(
      record(NS, "GetOrderResponse", NS, undefined, () => [["Order", order, 0]]),
      [],
    ),
  );
  const decode = (inner: string, attrs = "") =>
    decodeEnvelope(env(`<GetOrderResponse xmlns="${NS}"><Order${attrs}>${inner}</Order></GetOrderResponse>`), orderOp, types);
  assert.deepEqual(decode("<Status>SHIPPED</Status><Tags>Gift Rush</Tags>", ' state="NEW"').body, {
    Order: { state: "NEW", Status: "SHIPPED", Tags: ["Gift", "Rush"] },
  });
  const cases: [string, string, string][] = [
    ["<Status>LOST</Status>", "", "Envelope/Body/GetOrderResponse/Order/Status"],
    ["<Status>NEW</Status><Tags>Gift LOST</Tags>", "", "Envelope/Body/GetOrderResponse/Order/Tags"],
    ["<Status>NEW</Status>", ' state="LOST"', "Envelope/Body/GetOrderResponse/Order"],
  ];
  for (const [inner, attrs, path] of cases)
    assert.throws(
      () => decode(inner, attrs),
      (e: unknown) =>
        e instanceof DecodeFailure &&
        e.path === path &&
        /"LOST" is not a value of (Status|Tags) \((NEW, SHIPPED, CANCELLED|Gift, Rush)\); if the service has new values, regenerate the client/.test(e.reason),
      inner + attrs,
    );
});
