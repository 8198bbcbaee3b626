// How XSD types become TypeScript types and descriptor expressions: a small model given, the
// strings the emitter prints.
import { test } from "node:test";
import assert from "node:assert/strict";
import { qnameKey, sequenceOf, type ComplexTypeDef, type ElementParticle, type Model, type TypeDef, type TypeRef } from "../generator/ir/model.js";
import { BUILTINS, builtinSymbol, fieldFlags, mapper, namespacePrefix, nameTypes } from "../generator/emit/type-mapping.js";
import { Scope } from "../generator/emit/naming.js";
import { xs, xsExtended } from "../runtime/xsd.js";
import * as codegen from "../runtime/codegen.js";

const NS = "urn:t";
const loc = { file: "given.xsd", line: 1, column: 1 };
const q = (local: string, ns = NS) => ({ ns, local });
const named = (local: string, ns = NS): TypeRef => ({ kind: "named", qname: q(local, ns) });
const builtin = (name: string): TypeRef => ({ kind: "builtin", name });
const member = (name: string, type: TypeRef, extra: Partial<ElementParticle> = {}): ElementParticle => ({
  kind: "element",
  name,
  ns: NS,
  type,
  minOccurs: 0,
  maxOccurs: 1,
  nillable: false,
  loc,
  ...extra,
});
const record = (local: string, elements: ElementParticle[], base?: string, ns = NS): ComplexTypeDef => ({
  kind: "complex",
  qname: q(local, ns),
  ...(base ? { base: q(base) } : {}),
  content: sequenceOf(elements, loc),
  shape: { kind: "record" },
  loc,
});

const defs: TypeDef[] = [
  record("Person", [member("Name", builtin("string"), { nillable: true })]),
  record("Step", []),
  record("WaitStep", [member("Until", builtin("dateTime"))], "Step"),
  {
    kind: "complex",
    qname: q("ArrayOfPerson"),
    shape: { kind: "array", item: member("Person", named("Person"), { nillable: true, maxOccurs: Infinity }) },
    loc,
  },
  { kind: "complex", qname: q("ArrayOfint"), shape: { kind: "array", item: member("int", builtin("int"), { maxOccurs: Infinity }) }, loc },
  {
    kind: "complex",
    qname: q("Tags"),
    shape: { kind: "dictionary", entry: "Pair", key: member("Key", builtin("string")), value: member("Value", builtin("long")) },
    loc,
  },
  { kind: "simple", qname: q("Color"), variety: "enum", base: builtin("string"), values: ["Red", "Blue"], loc },
  { kind: "simple", qname: q("Rights"), variety: "flags", base: builtin("string"), values: ["Read"], loc },
  { kind: "simple", qname: q("guid", "http://schemas.microsoft.com/2003/10/Serialization/"), variety: "restriction", base: builtin("string"), loc, values: [] },
  record("DSAParameters", [], undefined, "http://schemas.datacontract.org/2004/07/System.Security.Cryptography"),
];
const model: Model = {
  types: new Map(defs.map((d) => [qnameKey(d.qname), d])),
  subtypes: new Map([[qnameKey(q("Step")), [q("WaitStep")]]]),
  services: [],
  warnings: [],
  rescues: 0,
};

test("TypeScript types: records by name, arrays and dictionaries inline, a polymorphic type as its union, restrictions as their base", () => {
  const scope = new Scope();
  const m = mapper(nameTypes(model, NS, scope, "always"), "T.", "S.");
  const ts = (ref: TypeRef) => m.ts(ref, loc);
  assert.deepEqual(
    [
      named("Person"),
      named("ArrayOfPerson"),
      named("ArrayOfint"),
      named("Tags"),
      named("Color"),
      named("Rights"),
      named("guid", "http://schemas.microsoft.com/2003/10/Serialization/"),
      named("Step"),
      named("WaitStep"),
    ].map(ts),
    ["T.Person", "(T.Person | null)[]", "number[]", "Record<string, bigint>", "T.Color", "T.Rights", "string", "T.StepOrDerived", "T.WaitStep"],
  );
  assert.equal(m.element(member("X", named("Person"), { nillable: true })), "T.Person | null");
  assert.equal(m.element(member("X", builtin("anyType"), { nillable: true })), "unknown");
  assert.equal(m.desc(builtin("dateTime"), loc), "xsDateTime");
  assert.equal(m.desc(named("Person"), loc), "S.Person");
  assert.equal(m.xsd(named("ArrayOfint")), "ArrayOfint (array of xs:int)");
  assert.equal(m.xsd(named("Step")), "{@link T.Step} or a type derived from it (by `$type`)");
  assert.equal(m.ts(builtin("gYearMonth"), loc), "string");
  assert.throws(() => m.ts(builtin("dateTimeStamp"), loc), /unsupported XSD built-in type xs:dateTimeStamp/);
});

test("namespacePrefix: a path or URN by its last word, a host alone (a Java package) from the left, generic words and versions passed over", () => {
  const cases: Array<[given: string, want: string]> = [
    ["http://schemas.microsoft.com/2003/10/Serialization/Arrays", "Arrays"],
    ["http://schemas.microsoft.com/2003/10/Serialization/", "Serialization"],
    ["http://schemas.datacontract.org/2004/07/System.Security.Cryptography", "Cryptography"],
    ["http://www.superoffice.net/ws/crm/NetServer/Services88", "Services88"],
    ["http://types.orders.acme.com/", "Orders"],
    ["http://service.orders.acme.com/", "Orders"],
    ["http://billing.acme.com/", "Billing"],
    ["http://acme.com", "Acme"],
    ["http://tempuri.org/", "Tempuri"],
    ["http://localhost:8080/", "Localhost"],
    ["http://acme.com/orders/types/v2", "Orders"],
    ["http://acme.com/2024/01/", "Acme"],
    ["urn:a:b", "B"],
    ["urn:faults:orders", "Orders"],
    ["http://x/", "X"],
    ["", "Ns"],
  ];
  for (const [given, want] of cases) assert.equal(namespacePrefix(given), want, given);
});

test("names: PascalCase; other namespaces prefixed always (superoffice) or only on a clash (generic); flags name the runtime's constants", () => {
  const JAVA = "http://types.orders.acme.com/";
  const BILLING = "http://billing.acme.com/";
  const given: Model = {
    ...model,
    types: new Map(
      [
        record("order", []),
        record("orderItem", []),
        record("order", [], undefined, JAVA),
        record("invoice", [], undefined, BILLING),
        record("Order", [], undefined, BILLING),
      ].map((d) => [qnameKey(d.qname), d]),
    ),
    subtypes: new Map(),
  };
  const cases: Array<{ prefix: "always" | "clash"; want: Record<string, string> }> = [
    {
      prefix: "clash",
      want: {
        [`{${NS}}order`]: "Order",
        [`{${NS}}orderItem`]: "OrderItem",
        [`{${JAVA}}order`]: "OrdersOrder",
        [`{${BILLING}}invoice`]: "Invoice",
        [`{${BILLING}}Order`]: "BillingOrder",
      },
    },
    {
      prefix: "always",
      want: {
        [`{${NS}}order`]: "Order",
        [`{${NS}}orderItem`]: "OrderItem",
        [`{${JAVA}}order`]: "OrdersOrder",
        [`{${BILLING}}invoice`]: "BillingInvoice",
        [`{${BILLING}}Order`]: "BillingOrder",
      },
    },
  ];
  for (const { prefix, want } of cases) {
    const names = nameTypes(given, NS, new Scope(), prefix);
    assert.deepEqual(Object.fromEntries([...given.types.values()].map((d) => [qnameKey(d.qname), names.name(d.qname)])), want, prefix);
  }
  const names = nameTypes(model, NS, new Scope(), "always");
  assert.equal(names.name(q("DSAParameters", "http://schemas.datacontract.org/2004/07/System.Security.Cryptography")), "CryptographyDSAParameters");
  assert.equal(names.union(q("Step")), "StepOrDerived");
  assert.equal(names.union(q("Person")), undefined);
  assert.deepEqual(
    [
      [0, false],
      [0, true],
      [1, true],
      [1, false],
    ].map(([minOccurs, nillable]) => fieldFlags({ minOccurs: minOccurs as number, nillable: nillable as boolean })),
    [["O"], ["ON"], ["N"], []],
  );
  assert.deepEqual(fieldFlags({ minOccurs: 0, nillable: false, maxOccurs: Infinity }), ["O", "R"]);
  assert.deepEqual(fieldFlags({ minOccurs: 1, nillable: false, sort: "attribute" }), ["A"]);
  assert.deepEqual(fieldFlags({ minOccurs: 1, nillable: false, sort: "text" }), ["T"]);
});

test("the generator knows exactly the runtime's built-in types", () => {
  assert.deepEqual(Object.keys(BUILTINS).sort(), [...Object.keys(xs), ...Object.keys(xsExtended)].sort());
  // Each is its own export of the runtime's contract, the very descriptor of the tables (bundles keep only those a client names).
  const tables: Record<string, unknown> = { ...xs, ...xsExtended };
  for (const name of Object.keys(BUILTINS) as (keyof typeof BUILTINS)[]) assert.equal(codegen[builtinSymbol(name)], tables[name], name);
});
