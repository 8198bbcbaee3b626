// For every named type, generated values survive encode -> decode unchanged.
// Property-based with fast-check, a fixed seed and bounded runs, so failures reproduce.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { decodeEnvelope } from "../runtime/decode.js";
import { encodeEnvelope } from "../runtime/encode.js";
import { message, N, operation, record, type RecordType, type SoapType } from "../runtime/schema.js";
import { types } from "../generated/services88/schema.js";

const SEED = 20261128;
const RUNS = 20;
const MAX_DEPTH = 3;

const text = fc.string({
  unit: fc.constantFrom("a", "Z", "0", " ", "<", ">", "&", '"', "'", "\r", "\n", "\t", "é", "€", "😀", "]]>", "<![CDATA["),
  maxLength: 12,
});
const dateTime = fc
  .tuple(
    fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }),
    fc.integer({ min: 0, max: 9999999 }),
    fc.constantFrom("", "Z", "+01:00", "-05:30"),
  )
  .map(([d, ticks, zone]) => `${d.toISOString().slice(0, 19)}.${String(ticks).padStart(7, "0")}${zone}`);
const noNegativeZero = (x: number) => (Object.is(x, -0) ? 0 : x);

const SCALARS: Record<string, fc.Arbitrary<unknown>> = {
  string: text,
  anyURI: fc.webUrl(),
  boolean: fc.boolean(),
  byte: fc.integer({ min: -128, max: 127 }),
  unsignedByte: fc.integer({ min: 0, max: 255 }),
  short: fc.integer({ min: -32768, max: 32767 }),
  unsignedShort: fc.integer({ min: 0, max: 65535 }),
  int: fc.integer({ min: -2147483648, max: 2147483647 }),
  unsignedInt: fc.integer({ min: 0, max: 4294967295 }),
  long: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  unsignedLong: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  float: fc.double().map(noNegativeZero),
  double: fc.double().map(noNegativeZero),
  decimal: fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.nat({ max: 999999 })).map(([i, f]) => `${i}.${f}`),
  dateTime,
  duration: fc.constantFrom("PT0S", "P1DT2H3M4.5S", "-PT10M", "P10675199DT2H48M5.4775807S"),
  base64Binary: fc.uint8Array({ maxLength: 24 }),
  // Microsoft serialization restrictions
  guid: fc.uuid(),
  char: fc.integer({ min: 0, max: 65535 }),
};
const anyValue = fc.oneof(
  text,
  fc.integer({ min: -2147483648, max: 2147483647 }),
  fc.double({ noDefaultInfinity: true, noNaN: true }).filter((x) => !Number.isInteger(x)),
  fc.boolean(),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
);

/** fast-check builds null-prototype objects; decoded values are ordinary objects. */
const plain = (o: object) => ({ ...o });

const memo = new Map<string, fc.Arbitrary<unknown>>();
function arbitrary(t: SoapType, depth: number): fc.Arbitrary<unknown> {
  const key = `${t.ns} ${t.name} ${depth}`;
  let arb = memo.get(key);
  if (arb) return arb;
  const member = (type: SoapType, nillable: boolean, d: number) => {
    const inner = d > MAX_DEPTH ? (nillable ? fc.constant(null) : arbitrary(type, d)) : arbitrary(type, d);
    return nillable ? fc.option(inner, { nil: null, freq: 4 }) : inner;
  };
  switch (t.kind) {
    case "scalar":
      arb = SCALARS[t.name];
      if (!arb) throw new Error(`no arbitrary for scalar ${t.name}`);
      break;
    case "any":
      arb = anyValue;
      break;
    case "enum":
      arb = t.flags ? fc.subarray([...t.values]) : fc.constantFrom(...t.values);
      break;
    case "array":
      arb = depth > MAX_DEPTH ? fc.constant([]) : fc.array(member(t.item.type, t.item.nillable, depth + 1), { maxLength: 3 });
      break;
    case "dictionary": {
      const keyArb = t.key.type.kind === "scalar" ? SCALARS[t.key.type.name]!.map(String) : text;
      arb =
        depth > MAX_DEPTH
          ? fc.constant({})
          : fc.dictionary(keyArb as fc.Arbitrary<string>, member(t.value.type, t.value.nillable, depth + 1), { maxKeys: 3 }).map(plain);
      break;
    }
    case "record": {
      const members = (r: RecordType) => {
        const fields = r.fields.filter((f) => !(depth > MAX_DEPTH && f.optional));
        return fc
          .record(Object.fromEntries(fields.map((f) => [f.name, member(f.type, f.nillable, depth + 1)])), {
            requiredKeys: fields.filter((f) => !f.optional).map((f) => f.name),
          })
          .map(plain);
      };
      // A polymorphic type's value is it or any type derived from it, marked by $type.
      arb = t.polymorphic ? fc.oneof(...[...t.family.byTag.values()].map((r) => members(r).map((v) => ({ $type: r.tag, ...v })))) : members(t);
      break;
    }
  }
  memo.set(key, arb);
  return arb;
}

test("every named type round-trips through encode and decode (fast-check, fixed seed)", () => {
  let checked = 0;
  for (const t of types.values()) {
    const wrapper = record("urn:roundtrip", "RoundTrip", "urn:roundtrip", undefined, () => [["Value", t, N]]);
    const op = operation("RoundTrip", "urn:roundtrip", message(wrapper, []), message(wrapper, []));
    fc.assert(
      fc.property(arbitrary(t, 0), (value) => {
        const xml = encodeEnvelope(op, { Value: value }, {}, types);
        const decoded = decodeEnvelope(xml, op, types);
        assert.deepStrictEqual(decoded.body, { Value: value });
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    checked++;
  }
  console.log(`round-tripped ${checked} named types x ${RUNS} runs (seed ${SEED})`);
  assert.equal(checked, types.size);
});
