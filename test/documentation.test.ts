// The WSDL's own documentation in the TSDoc: wsdl:documentation of the service, its port, the
// portType, each operation and message part; xs:documentation of types, elements, attributes and
// enumeration values. Escaped where it lands: it never ends the comment, adds a tag or a link.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { ROOT, runCli } from "./helpers/cli.js";
import { matchesSnapshot } from "./helpers/snapshot.js";
import { tempDir } from "./helpers/temp.js";

const FIXTURE = path.join(ROOT, "test/fixtures/Documented.wsdl");

function generated(): string {
  const out = path.join(tempDir("documented-", ROOT), "orders");
  const r = runCli(["--wsdl", FIXTURE, "--out", out, "--profile", "generic"]);
  assert.equal(r.code, 0, r.stderr);
  return out;
}

/** Each declaration's (and member's) TSDoc as the TypeScript compiler reads it, tags included. */
function tsdocOf(file: string): Map<string, string> {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const docs = new Map<string, string>();
  const visit = (node: ts.Node, owner: string) => {
    const name = (node as { name?: ts.Node }).name;
    const here = name && ts.isIdentifier(name) ? (owner ? `${owner}.${name.text}` : name.text) : owner;
    const jsdoc = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
    // The first declaration of a name: a client's class, not the interface that merges with it.
    if (jsdoc.length && here !== owner && !docs.has(here)) {
      const text = jsdoc
        .map((d) =>
          [ts.getTextOfJSDocComment(d.comment) ?? "", ...(d.tags ?? []).map((t) => `@${t.tagName.text} ${ts.getTextOfJSDocComment(t.comment) ?? ""}`)].join(
            "\n",
          ),
        )
        .join("\n");
      docs.set(here, text);
    }
    ts.forEachChild(node, (c) => visit(c, here));
  };
  visit(source, "");
  return docs;
}

test("documentation: the WSDL's text in types.ts and the client, escaped, and the same every run (snapshots)", () => {
  const out = generated();
  matchesSnapshot(path.join(out, "types.ts"), "Documented.types.ts.snap");
  matchesSnapshot(path.join(out, "orders.ts"), "Documented.orders.ts.snap");
});

test("documentation: what a reader's editor shows, by declaration (the compiler's own reading of the TSDoc)", () => {
  const out = generated();
  const types = tsdocOf(path.join(out, "types.ts"));
  const client = tsdocOf(path.join(out, "orders.ts"));
  const cases: Array<[docs: Map<string, string>, name: string, want: RegExp]> = [
    [types, "Order", /^An order as placed\.\nIts lines keep the order they were added in\.\n\nXSD complexType Order\./],
    [types, "Order.id", /^The order number; never reused\.\n\n`<id>` xs:long, required\./],
    [types, "Order.note", /^A free-text note \(the global element's text, used where a ref= has none\)\./],
    [types, "Order.channel", /^Where the order came from: web & phone\./],
    [
      types,
      "OrderStatus",
      /^Where an order is\.\n\nXSD simpleType OrderStatus: an enumeration\.\nAllowed values: `NEW`, `SHIPPED`, `CANCELLED`\.\n- `NEW`: Placed, not yet paid\.\n- `CANCELLED`: Cancelled by the buyer or the shop\.$/,
    ],
    [client, "OrderDeskClient", /^Served from the shop's own data centre\.\n\nThe SOAP 1\.1 port\.\n\nThe shop's order desk\.\n\nClient of portType Orders:/],
    [
      client,
      "OrderDeskClient.getOrder",
      /^Reads one order\.\n\nUnknown numbers are a fault\.\n\nCalls Orders\.GetOrder \(SOAP 1\.1, SOAPAction `urn:documented\/GetOrder`\)\./,
    ],
    [
      client,
      "OrderDeskClient.count",
      /^Counts the orders \(said on the binding only\)\.\n\nCalls Orders\.Count \(SOAP 1\.1, document\/literal bare, an empty SOAPAction \(""\)\)\./,
    ],
    [client, "GetOrderRequest", /^The request wrapper\.\n\nThe `<GetOrder>` request wrapper of Orders\./],
    [client, "GetOrderRequest.id", /^Which order\./],
    [client, "CountRequest.Limit", /^The most to count; 0 for no limit\./],
  ];
  for (const [docs, name, want] of cases) assert.match(docs.get(name) ?? `(no TSDoc on ${name}: ${[...docs.keys()].join(", ")})`, want, name);
  // The hostile comment: the comment is not ended, no @param tag and no link are made of it.
  const comment = types.get("Order.comment")!;
  assert.match(comment, /^Ends a comment: \*\\\/ then\n\\@param x is not a tag, nor is \{\\@link Nope\}; bold stays text\./);
  assert.doesNotMatch(comment, /^@param/m);
});
