// A response is read from pieces of its text cut before a `<` (runtime/xml-reader.ts: xmlPieces),
// so that no string passes V8's 128 KB large-object line. Wherever the cuts fall, reading the
// pieces must give what reading the whole gives: the same value, or the same error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import { decodeEnvelope } from "../runtime/decode.js";
import { operations, particles, record, registry, sequence, wildcard, xsInt, xsString } from "../runtime/codegen.js";
import type { OperationInfo, TypeRegistry } from "../runtime/schema.js";
import { xmlPieces } from "../runtime/xml-reader.js";
import { types } from "../generated/services88/schema.js";
import { documentedResponses } from "./helpers/examples.js";
import { mutate, prng } from "./helpers/mutate.js";

type Outcome = { value: unknown } | { error: string };
const outcome = (xml: string | string[], op: OperationInfo, registry: TypeRegistry = types): Outcome => {
  try {
    return { value: decodeEnvelope(xml, op, registry) };
  } catch (e) {
    return { error: (e as { reason?: string }).reason ?? (e as Error).message };
  }
};

/** The text cut before each `<` that `keep` picks. */
function cut(xml: string, keep: (at: number) => boolean): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let at = xml.indexOf("<", 1); at !== -1; at = xml.indexOf("<", at + 1)) {
    if (!keep(at)) continue;
    pieces.push(xml.slice(start, at));
    start = at;
  }
  pieces.push(xml.slice(start));
  return pieces;
}

const examples = documentedResponses();

test("xmlPieces: every piece under 128 KB as a string, each after the first starting at <, together the whole text", () => {
  // Two-byte characters (a string of them takes two bytes each) and one four-byte one.
  const row = (n: number) => `<Row id="${n}"><Name>Ærlig Øst-Åsen ☃ ${"x".repeat(n % 50)}</Name><Sign>𝄞</Sign></Row>\n`;
  let xml = "<Rows>";
  for (let n = 0; xml.length < 400_000; n++) xml += row(n);
  xml += "</Rows>";
  const pieces = xmlPieces(new TextEncoder().encode(xml));
  assert.ok(pieces.length >= 8, `${pieces.length} pieces`);
  assert.equal(pieces.join(""), xml);
  for (const [k, p] of pieces.entries()) {
    assert.ok(p.length * 2 < 128 * 1024, `piece ${k}: ${p.length} characters`);
    if (k > 0) assert.equal(p[0], "<", `piece ${k}`);
  }
});

test("xmlPieces: a text run longer than a piece stays whole; a small document is one piece; invalid UTF-8 throws", () => {
  const run = "a".repeat(200_000);
  const xml = `<a><b>${run}</b><c>${run}</c></a>`;
  const pieces = xmlPieces(new TextEncoder().encode(xml));
  assert.equal(pieces.join(""), xml);
  assert.ok(pieces.some((p) => p.includes(run)));
  assert.deepEqual(xmlPieces(new TextEncoder().encode("<a>é</a>")), ["<a>é</a>"]);
  assert.deepEqual(xmlPieces(new Uint8Array()), [""]);
  const bad = new TextEncoder().encode(`<a>${"x".repeat(100_000)}<b>é</b></a>`);
  bad[bad.length - 9] = 0xff;
  assert.throws(() => xmlPieces(bad), TypeError);
});

test("every documented example reads the same from pieces cut before every <, and before every fifth", () => {
  const differ: string[] = [];
  for (const e of examples) {
    const whole = outcome(e.xml, e.op);
    assert.ok("value" in whole, e.name);
    for (const [how, keep] of [
      ["every <", () => true],
      ["every fifth <", (at: number) => at % 5 === 0],
    ] as const)
      if (!isDeepStrictEqual(outcome(cut(e.xml, keep), e.op), whole)) differ.push(`${e.name} (${how})`);
  }
  assert.deepEqual(differ, []);
});

test("seeded mutations of the examples read the same from random pieces: the same value, or the same error", () => {
  const r = prng(0x71ece5);
  const differ: string[] = [];
  let rejected = 0;
  for (let n = 0; n < 1500; n++) {
    const e = r.pick(examples);
    const { text, what } = mutate(e.xml, r);
    const whole = outcome(text, e.op);
    if ("error" in whole) rejected++;
    const pieces = outcome(
      cut(text, () => r.int(3) === 0),
      e.op,
    );
    if (!isDeepStrictEqual(pieces, whole))
      differ.push(`${e.name} (${what}): whole ${JSON.stringify(whole).slice(0, 200)}, pieces ${JSON.stringify(pieces).slice(0, 200)}`);
  }
  console.log(`  1500 mutated responses read in pieces: ${rejected} rejected, ${differ.length} differences`);
  assert.deepEqual(differ.slice(0, 5), []);
});

// A record of open content (xs:any): its elements come back as XML text, which may span pieces.
const NS = "urn:pieces";
const Open = record(NS, "Open", NS, undefined, () => [["count", xsInt, 0]], { model: () => particles(sequence([0, wildcard(0, Infinity)])) });
const openTypes = registry([Open]);
const ops = operations(
  NS,
  "",
  { in: [], out: [] },
  {
    Get: [
      [],
      [
        ["result", Open, 0],
        ["note", xsString, 0],
      ],
    ],
  },
);

test("tokens that hold < across a cut (comments, CDATA) and xs:any elements spanning pieces read as from the whole", () => {
  const xml =
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetResponse xmlns="${NS}">` +
    `<result><count>2</count><!-- a <comment> with <tags> --><x:extra xmlns:x="urn:x" a="1"><x:inner>one</x:inner><x:inner>two</x:inner></x:extra><more>3</more></result>` +
    `<note>a<![CDATA[ <not a tag> ]]>b<!-- <c> -->c</note>` +
    `</GetResponse></s:Body></s:Envelope>`;
  const whole = outcome(xml, ops.Get, openTypes);
  assert.deepEqual(whole, {
    value: {
      body: {
        result: {
          count: 2,
          $elements: [`<x:extra xmlns="${NS}" xmlns:x="urn:x" a="1"><x:inner>one</x:inner><x:inner>two</x:inner></x:extra>`, `<more xmlns="${NS}">3</more>`],
        },
        note: "a <not a tag> bc",
      },
      headers: {},
      fault: undefined,
      skipped: [],
    },
  });
  // Every way of cutting before a `<`: here up to 2^20 documents, so a sample of them.
  const r = prng(7);
  for (let n = 0; n < 300; n++)
    assert.deepEqual(
      outcome(
        cut(xml, () => r.int(2) === 0),
        ops.Get,
        openTypes,
      ),
      whole,
    );
  assert.deepEqual(
    outcome(
      cut(xml, () => true),
      ops.Get,
      openTypes,
    ),
    whole,
  );
});

test("errors name the same place from pieces: a bad character's offset counts the pieces before it; an unclosed comment is unclosed", () => {
  const xml = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetResponse xmlns="${NS}"><note>a\u0001</note></GetResponse></s:Body></s:Envelope>`;
  assert.deepEqual(
    outcome(
      cut(xml, () => true),
      ops.Get,
      openTypes,
    ),
    outcome(xml, ops.Get, openTypes),
  );
  assert.deepEqual(
    outcome(
      cut(xml, () => true),
      ops.Get,
      openTypes,
    ),
    { error: `character U+0001 at offset ${xml.indexOf("\u0001")} is not allowed in XML` },
  );
  const open = xml.replace("a\u0001", "<!-- <b> never closed <c>");
  assert.deepEqual(
    outcome(
      cut(open, () => true),
      ops.Get,
      openTypes,
    ),
    { error: "unterminated comment" },
  );
});
