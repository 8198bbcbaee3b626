// Pruning (ir/prune.ts): the types the operations reach are kept, with every type derived from a
// declared type (it may arrive in its place), and those are listed as its subtypes; a reference to
// a type nobody declares is an error naming where it stands.
import { test } from "node:test";
import assert from "node:assert/strict";
import { GeneratorError } from "../../generator/diagnostics.js";
import { modelOf, oneOperationWsdl } from "../helpers/wsdl.js";

const NS = "urn:prune";
const ext = (name: string, base: string) =>
  `<xs:complexType name="${name}"><xs:complexContent><xs:extension base="tns:${base}"><xs:sequence><xs:element name="${name}Only" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>`;
const rec = (name: string, member = "") => `<xs:complexType name="${name}"><xs:sequence>${member}</xs:sequence></xs:complexType>`;

const cases: { name: string; types: string; request: string; kept: string[]; subtypes: Record<string, string[]> }[] = [
  {
    name: "a type no operation reaches is left out",
    types: rec("Used") + rec("Unused"),
    request: `<xs:element name="u" type="tns:Used"/>`,
    kept: ["Used"],
    subtypes: {},
  },
  {
    name: "what a reached type refers to is reached",
    types: rec("Outer", `<xs:element name="in" type="tns:Inner"/>`) + rec("Inner"),
    request: `<xs:element name="o" type="tns:Outer"/>`,
    kept: ["Inner", "Outer"],
    subtypes: {},
  },
  {
    name: "a type derived from a declared type is kept, and is a subtype",
    types: rec("Animal") + ext("Dog", "Animal") + ext("Puppy", "Dog"),
    request: `<xs:element name="a" type="tns:Animal"/>`,
    kept: ["Animal", "Dog", "Puppy"],
    subtypes: { Animal: ["Dog"], Dog: ["Puppy"] },
  },
  {
    name: "a base only extended is kept as a base, not polymorphic",
    types: rec("Base") + ext("Leaf", "Base"),
    request: `<xs:element name="l" type="tns:Leaf"/>`,
    kept: ["Base", "Leaf"],
    subtypes: {},
  },
];

for (const c of cases)
  test(`prune: ${c.name}`, async () => {
    const m = await modelOf(oneOperationWsdl({ ns: NS, types: c.types, request: c.request }));
    assert.deepEqual(
      [...m.types.values()].map((t) => t.qname.local),
      c.kept,
    );
    assert.deepEqual(Object.fromEntries([...m.subtypes].map(([k, v]) => [k.slice(k.indexOf("}") + 1), v.map((q) => q.local)])), c.subtypes);
  });

test("prune: a reference to a type nobody declares names where it stands", async () => {
  await assert.rejects(
    modelOf(oneOperationWsdl({ ns: NS, types: rec("T", `<xs:element name="lost" type="tns:Gone"/>`), request: `<xs:element name="t" type="tns:T"/>` })),
    /type \{urn:prune\}Gone not found \(referred to by element lost of complexType T\)/,
  );
});

test("prune: a declaration that could not be read is the error where an operation reaches it, and a warning where none does", async () => {
  const broken = `<xs:complexType name="Broken"><xs:sequence/><xs:attribute ref="tns:nowhere"/></xs:complexType>`;
  await assert.rejects(
    modelOf(oneOperationWsdl({ ns: NS, types: broken, request: `<xs:element name="b" type="tns:Broken"/>` })),
    (e: unknown) =>
      e instanceof GeneratorError && /^.*Test\.wsdl:\d+:\d+: error: attribute \{urn:prune\}nowhere is not declared in any schema of the WSDL/.test(e.format()),
  );
  const m = await modelOf(oneOperationWsdl({ ns: NS, types: broken + rec("Used"), request: `<xs:element name="u" type="tns:Used"/>` }));
  assert.deepEqual(
    [...m.types.values()].map((t) => t.qname.local),
    ["Used"],
  );
  assert.ok(
    m.warnings.some((w) => /:\d+:\d+: warning: attribute \{urn:prune\}nowhere is not declared .*; no operation uses it, so it is left out/.test(w)),
    m.warnings.join("\n"),
  );
});
