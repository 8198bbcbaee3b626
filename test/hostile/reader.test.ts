// Shapes of XML built to make a reader slow (many attributes, thousands of namespace
// declarations, long tokens across pieces): read right, in time linear in their size. Their speed
// is in the benchmark (npm run bench, "Hostile response"); here, that they read correctly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { XmlReader, xmlPieces, DecodeFailure } from "../../runtime/xml-reader.js";

const reader = (xml: string) => new XmlReader(xmlPieces(new TextEncoder().encode(xml)), new Map(), 256);

test("100,000 attributes on one element: all read; a duplicate among them is refused", () => {
  const attrs = Array.from({ length: 100_000 }, (_, i) => ` a${i}="${i}"`).join("");
  const tag = reader(`<r${attrs}/>`).root("r");
  assert.equal(tag.attrs.length, 200_000);
  assert.equal(tag.attrs[199_999], "99999");
  assert.throws(
    () => reader(`<r${attrs} a77777="again"/>`).root("r"),
    (e: unknown) => e instanceof DecodeFailure && e.reason === "attribute a77777 appears twice on <r>",
  );
  assert.throws(() => reader(`<r a="1" b="2" a="3"/>`).root("r"), /attribute a appears twice on <r>/);
});

test("thousands of prefixes in scope: inner declarations shadow the outer ones and end with their element", () => {
  const many = Array.from({ length: 10_000 }, (_, i) => ` xmlns:p${i}="urn:${i}"`).join("");
  const r = reader(
    `<r${many}><p1:a xmlns:p1="urn:inner"><p1:b/><p9999:c/></p1:a><p1:d/>${Array.from({ length: 1000 }, (_, i) => `<k xmlns:c${i}="urn:c${i}"><c${i}:x/></k>`).join("")}</r>`,
  );
  r.root("r");
  const seen: string[] = [];
  const walk = (): void => {
    for (;;) {
      r.skipWhitespaceContent();
      if (r.atEndTag()) return;
      const t = r.startTag();
      seen.push(`${t.local}=${t.uri}`);
      if (!t.empty) walk();
      r.endTag(t);
    }
  };
  walk();
  assert.deepEqual(seen.slice(0, 4), ["a=urn:inner", "b=urn:inner", "c=urn:9999", "d=urn:1"]);
  assert.deepEqual(seen.slice(-2), ["k=", "x=urn:c999"]);
  assert.equal(seen.length, 4 + 2000);
});

test("comments and CDATA holding < across many pieces: read whole, and an unterminated one refused", () => {
  const body = "<a>".repeat(200_000);
  const cdata = reader(`<r><![CDATA[${body}]]></r>`);
  const tag = cdata.root("r");
  assert.ok(cdata.pieces.length > 1 || body.length < 48 * 1024);
  assert.equal(cdata.text(), body);
  cdata.endTag(tag);
  const comment = reader(`<r><!--${body}-->x</r>`);
  comment.root("r");
  assert.equal(comment.text(), "x");
  assert.throws(() => {
    const open = reader(`<r>x<!--${body}</r>`);
    open.root("r");
    open.text();
  }, /unterminated comment/);
  assert.throws(() => {
    const open = reader(`<r><![CDATA[${body}</r>`);
    open.root("r");
    open.text();
  }, /unterminated CDATA section/);
});
