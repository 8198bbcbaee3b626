// How content models are held by generated code (emit/layout.ts): a given schema's types, the
// property keys, whether the runtime walks the tree, and the tree as the descriptor spells it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { GeneratorError } from "../../generator/diagnostics.js";
import { Layouts, type Layout, type ObjectShape } from "../../generator/emit/layout.js";
import { modelExpression } from "../../generator/emit/views/content.js";
import { FileImports } from "../../generator/emit/imports.js";
import { qnameKey, type ComplexTypeDef, type Model } from "../../generator/ir/model.js";
import { modelOf, oneOperationWsdl } from "../helpers/wsdl.js";

const NS = "urn:layout";

/** The object shape in a line: `{ a, b? } & ( { c } | { d } )`, entries as `key?: [ ... ]`. */
function shape(o: ObjectShape): string {
  const props = o.props.map((p) => {
    const opt = p.kind === "mixed" || p.optional ? "?" : "";
    if (p.kind === "member") return `${p.member.key}${opt}`;
    if (p.kind === "open") return `$elements${opt}`;
    if (p.kind === "mixed") return "$content?";
    return `${p.key}${opt}: [${shape(p.entry)}]`;
  });
  const unions = o.unions.map((u) => `(${u.alternatives.map(shape).join(" | ")})`);
  return [`{ ${props.join(", ")} }`, ...unions].join(" & ");
}

async function layouts(types: string, uses: string[]): Promise<{ m: Model; of: (local: string) => Layout }> {
  const m = await modelOf(oneOperationWsdl({ ns: NS, types, request: uses.map((u, i) => `<xs:element name="m${i}" type="tns:${u}"/>`).join("") }));
  const lookup = (q: { ns: string; local: string }) => m.types.get(qnameKey(q)) as ComplexTypeDef | undefined;
  const l = new Layouts(lookup);
  return { m, of: (local) => l.of(lookup({ ns: NS, local })!) };
}
const expr = (layout: Layout) => modelExpression(layout, new FileImports(), JSON.stringify);

const seq = (name: string, body: string, attrs = "") => `<xs:complexType name="${name}"${attrs}><xs:sequence>${body}</xs:sequence></xs:complexType>`;
const el = (name: string, extra = "") => `<xs:element name="${name}" type="xs:string"${extra}/>`;

const cases: { name: string; types: string; type: string; want: { shape: string; model?: string } }[] = [
  {
    name: "a plain sequence: its names, the flat path",
    types: seq("T", el("a") + el("b", ' minOccurs="0"') + el("c", ' maxOccurs="unbounded"')),
    type: "T",
    want: { shape: "{ a, b?, c }" },
  },
  {
    name: "a name that occurs again: the later one is name2, and the tree reads them in order",
    types: seq("T", el("at") + el("to") + el("at")),
    type: "T",
    want: { shape: "{ at, to, at2 }", model: "particles(sequence([0, 1, 2]))" },
  },
  {
    name: "a choice: a union of its alternatives",
    types: `<xs:complexType name="T"><xs:sequence>${el("id")}<xs:choice>${el("Pickup")}<xs:sequence>${el("Street")}${el("Zip")}</xs:sequence></xs:choice></xs:sequence></xs:complexType>`,
    type: "T",
    want: { shape: "{ id } & ({ Pickup } | { Street, Zip })", model: "particles(sequence([0, choice([1, sequence([2, 3])])]))" },
  },
  {
    name: "a choice that may be left out has an alternative of none",
    types: `<xs:complexType name="T"><xs:choice minOccurs="0">${el("a")}${el("b")}</xs:choice></xs:complexType>`,
    type: "T",
    want: { shape: "{  } & ({ a } | { b } | {  })", model: "particles(sequence([choice([0, 1], 0)]))" },
  },
  {
    name: "a choice inside a choice's sequence nests",
    types: `<xs:complexType name="T"><xs:choice>${el("ById")}<xs:sequence>${el("Scope")}<xs:choice>${el("ByName")}${el("ByCode")}</xs:choice></xs:sequence></xs:choice></xs:complexType>`,
    type: "T",
    want: { shape: "{  } & ({ ById } | { Scope } & ({ ByName } | { ByCode }))", model: "particles(choice([0, sequence([1, choice([2, 3])])]))" },
  },
  {
    name: "a choice inside a choice is one union",
    types: `<xs:complexType name="T"><xs:choice>${el("ById")}<xs:choice>${el("ByName")}${el("ByCode")}</xs:choice></xs:choice></xs:complexType>`,
    type: "T",
    want: { shape: "{  } & ({ ById } | { ByName } | { ByCode })", model: "particles(choice([0, 1, 2]))" },
  },
  {
    name: "one name in two alternatives keeps one key",
    types: `<xs:complexType name="T"><xs:choice><xs:sequence>${el("MinPrice")}${el("MaxPrice", ' minOccurs="0"')}</xs:sequence>${el("MaxPrice")}</xs:choice></xs:complexType>`,
    type: "T",
    want: { shape: "{  } & ({ MinPrice, MaxPrice? } | { MaxPrice })", model: "particles(choice([sequence([0, 1]), 2]))" },
  },
  {
    name: "a repeated sequence: an array of entries, in order",
    types: `<xs:complexType name="T"><xs:sequence>${el("id")}<xs:sequence maxOccurs="unbounded">${el("Key")}${el("Value")}</xs:sequence></xs:sequence></xs:complexType>`,
    type: "T",
    want: { shape: "{ id, $sequence: [{ Key, Value }] }", model: 'particles(sequence([0, sequence([1, 2], 1, Infinity, "$sequence")]))' },
  },
  {
    name: "a repeated choice: an array of alternatives, in order",
    types: `<xs:complexType name="T"><xs:choice minOccurs="0" maxOccurs="unbounded">${el("Item")}${el("Message")}</xs:choice></xs:complexType>`,
    type: "T",
    want: { shape: "{ $choice?: [{  } & ({ Item } | { Message })] }", model: 'particles(sequence([choice([0, 1], 0, Infinity, "$choice")]))' },
  },
  {
    name: "a repeated group ref is named after its group",
    types:
      `<xs:group name="Pair"><xs:sequence>${el("Key")}${el("Value")}</xs:sequence></xs:group>` +
      `<xs:complexType name="T"><xs:sequence><xs:group ref="tns:Pair" maxOccurs="3"/></xs:sequence></xs:complexType>`,
    type: "T",
    want: { shape: "{ Pair: [{ Key, Value }] }", model: 'particles(sequence([sequence([0, 1], 1, 3, "Pair")]))' },
  },
  {
    name: "an optional sequence that requires members: all of them or none",
    types: `<xs:complexType name="T"><xs:sequence>${el("a")}<xs:sequence minOccurs="0">${el("b")}${el("c")}</xs:sequence></xs:sequence></xs:complexType>`,
    type: "T",
    want: { shape: "{ a } & ({ b, c } | {  })", model: "particles(sequence([0, sequence([1, 2], 0)]))" },
  },
  {
    name: "a wildcard where it stands, with its namespaces",
    types: `<xs:complexType name="T"><xs:sequence>${el("a")}<xs:any namespace="##other" minOccurs="0" maxOccurs="unbounded"/>${el("b")}</xs:sequence></xs:complexType>`,
    type: "T",
    want: { shape: "{ a, $elements?, b }", model: `particles(sequence([0, wildcard(0, Infinity, undefined, ["${NS}", ""]), 1]))` },
  },
  {
    name: "the same name in a base and its extension: the extension's is name2",
    types:
      seq("Base", el("Note")) +
      `<xs:complexType name="T"><xs:complexContent><xs:extension base="tns:Base"><xs:sequence>${el("Note")}</xs:sequence></xs:extension></xs:complexContent></xs:complexType>`,
    type: "T",
    want: { shape: "{ Note2 }", model: "particles(sequence([0]))" },
  },
  {
    name: "an extension of a base with a choice is walked as a tree too",
    types:
      `<xs:complexType name="Base"><xs:choice>${el("x")}${el("y")}</xs:choice></xs:complexType>` +
      `<xs:complexType name="T"><xs:complexContent><xs:extension base="tns:Base"><xs:sequence>${el("z")}</xs:sequence></xs:extension></xs:complexContent></xs:complexType>`,
    type: "T",
    want: { shape: "{ z }", model: "particles(sequence([0]))" },
  },
  {
    name: "mixed content with elements: text and elements in order",
    types: seq("T", el("b") + el("i"), ' mixed="true"'),
    type: "T",
    want: { shape: "{ $content? }", model: "particles(sequence([0, 1]), true)" },
  },
  {
    name: "an attribute named like an element is nameAttribute",
    types: `<xs:complexType name="T"><xs:sequence>${el("Note")}</xs:sequence><xs:attribute name="Note" type="xs:string"/></xs:complexType>`,
    type: "T",
    want: { shape: "{ NoteAttribute?, Note }" },
  },
];

for (const c of cases)
  test(`layout: ${c.name}`, async () => {
    const { of } = await layouts(c.types, [c.type]);
    const layout = of(c.type);
    assert.equal(shape(layout.shape), c.want.shape);
    assert.equal(expr(layout), c.want.model);
  });

test("layout: an element name one could match at two places is refused as not deterministic", async () => {
  const { of } = await layouts(seq("T", el("A", ' minOccurs="0"') + el("B", ' minOccurs="0"') + el("A")), ["T"]);
  assert.throws(
    () => of("T"),
    (e: unknown) =>
      e instanceof GeneratorError &&
      /content model of T is not deterministic: an <A> could be either of its two declarations \(lines \d+ and \d+\), which breaks Unique Particle Attribution/.test(
        e.message,
      ),
  );
});
