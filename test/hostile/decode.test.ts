// What a hostile or broken server can send, read by the decoder: each ends in a DecodeFailure
// with the path, never a wrong value.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeEnvelope, DecodeFailure } from "../../runtime/decode.js";
import { encodeEnvelope, EncodeFailure } from "../../runtime/encode.js";
import { O, operations, type FieldSpec } from "../../runtime/schema.js";
import * as xsd from "../../runtime/xsd.js";

const NS = "urn:hostile";
const scalarOp = (type: FieldSpec[1]) => operations(NS, "urn:hostile/", { in: [], out: [] }, { Get: [[["V", type, O]], [["V", type, O]]] }).Get;
const envelope = (inner: string) =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetResponse xmlns="${NS}">${inner}</GetResponse></s:Body></s:Envelope>`;
const decoded = (type: FieldSpec[1], text: string) => {
  const op = scalarOp(type);
  try {
    return { value: decodeEnvelope(envelope(`<V>${text}</V>`), op, new Map()).body!["V"] };
  } catch (e) {
    if (!(e instanceof DecodeFailure)) throw e;
    return { error: `${e.path}: ${e.reason}` };
  }
};

// [type, text received, value wanted (undefined: refused)]
const lexical: [string, FieldSpec[1], string, unknown][] = [
  ["int", xsd.xsInt, "0x10", undefined],
  ["int", xsd.xsInt, "1e3", undefined],
  ["int", xsd.xsInt, "0b11", undefined],
  ["int", xsd.xsInt, "", undefined],
  ["int", xsd.xsInt, "1.0", undefined],
  ["int", xsd.xsInt, " +42 ", 42],
  ["int", xsd.xsInt, "-7", -7],
  ["long", xsd.xsLong, "0x10", undefined],
  ["long", xsd.xsLong, "", undefined],
  ["long", xsd.xsLong, "9007199254740993", 9007199254740993n],
  ["double", xsd.xsDouble, "Infinity", undefined],
  ["double", xsd.xsDouble, "0x1", undefined],
  ["double", xsd.xsDouble, "", undefined],
  ["double", xsd.xsDouble, "1e3", 1000],
  ["double", xsd.xsDouble, "-INF", -Infinity],
  ["decimal", xsd.xsDecimal, "abc", undefined],
  ["decimal", xsd.xsDecimal, "12,5", undefined],
  ["decimal", xsd.xsDecimal, "", undefined],
  ["decimal", xsd.xsDecimal, "0.10000000000000000001", "0.10000000000000000001"],
  ["dateTime", xsd.xsDateTime, "yesterday", undefined],
  ["dateTime", xsd.xsDateTime, "2024-13-45T25:61:00", undefined],
  ["dateTime", xsd.xsDateTime, "2024-01-01", undefined],
  ["dateTime", xsd.xsDateTime, "2024-01-01T10:00:00.1234567", "2024-01-01T10:00:00.1234567"],
  ["dateTime", xsd.xsDateTime, "2024-01-01T10:00:00+14:00", "2024-01-01T10:00:00+14:00"],
  ["date", xsd.xsDate, "2024-1-1", undefined],
  ["date", xsd.xsDate, "2024-01-01Z", "2024-01-01Z"],
  ["time", xsd.xsTime, "25:00:00", undefined],
  ["gMonthDay", xsd.xsGMonthDay, "--12-31", "--12-31"],
  ["duration", xsd.xsDuration, "", undefined],
  ["duration", xsd.xsDuration, "P", undefined],
  ["duration", xsd.xsDuration, "PT1H30M", "PT1H30M"],
  ["boolean", xsd.xsBoolean, "yes", undefined],
  ["base64Binary", xsd.xsBase64Binary, "abc", undefined],
  ["NCName", xsd.xsNCName, "a:b", undefined],
  ["language", xsd.xsLanguage, "en-GB", "en-GB"],
];

for (const [name, type, text, want] of lexical)
  test(`decode xs:${name} ${JSON.stringify(text)}: ${want === undefined ? "refused with the path" : "read"}`, () => {
    const got = decoded(type, text);
    if (want === undefined) assert.match(String(got.error), new RegExp(`^Envelope/Body/GetResponse/V: ".*" is not a valid ${name}$`));
    else assert.deepEqual(got, { value: want });
  });

test("encode refuses the same lexical forms it refuses on decode", () => {
  for (const [name, type, text, want] of lexical) {
    if (typeof want !== "string" && want !== undefined) continue;
    if (!["decimal", "dateTime", "date", "time", "duration", "NCName", "language", "gMonthDay"].includes(name)) continue;
    const op = scalarOp(type);
    const run = () => encodeEnvelope(op, { V: text }, {});
    if (want === undefined) assert.throws(run, (e: unknown) => e instanceof EncodeFailure && /is not a valid/.test(e.reason), `${name} ${text}`);
    else assert.match(run(), new RegExp(`<V>${text.replace(/[.+]/g, "\\$&")}</V>`));
  }
});

test("entities named like Object.prototype's members are undefined entities", () => {
  for (const e of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"]) {
    const got = decoded(xsd.xsString, `a&${e};b`);
    assert.match(String(got.error), new RegExp(`undefined entity &${e};`), e);
  }
  assert.deepEqual(decoded(xsd.xsString, "&lt;&amp;&gt;&quot;&apos;&#x41;&#66;"), { value: `<&>"'AB` });
});

test("a single-valued member sent twice is refused, not overwritten", () => {
  const op = scalarOp(xsd.xsInt);
  assert.throws(
    () => decodeEnvelope(envelope("<V>1</V><V>2</V>"), op, new Map()),
    (e: unknown) => e instanceof DecodeFailure && /^<V> occurs more than once in GetResponse, where the schema allows it once$/.test(e.reason),
  );
});
