// The WCF idioms decided over the whole model (ir/idioms.ts): a type whose content is one
// repeated element is an array (ArrayOfX) only when nothing extends it and its items are not,
// through other lists, itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { ComplexTypeDef } from "../../generator/ir/model.js";
import { modelOf, oneOperationWsdl } from "../helpers/wsdl.js";

const NS = "urn:idioms";
const list = (name: string, item: string) =>
  `<xs:complexType name="${name}"><xs:sequence><xs:element name="item" type="${item}" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>`;
const extending = (name: string, base: string) =>
  `<xs:complexType name="${name}"><xs:complexContent><xs:extension base="tns:${base}"><xs:sequence><xs:element name="more" type="xs:string"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>`;

const cases: { name: string; types: string; uses: string; want: Record<string, "array" | "record"> }[] = [
  { name: "ArrayOfX is an array", types: list("ArrayOfInt", "xs:int"), uses: "ArrayOfInt", want: { ArrayOfInt: "array" } },
  {
    name: "a list type others extend is a record with a repeated member",
    types: list("RecordList", "xs:string") + extending("Detailed", "RecordList"),
    uses: "RecordList",
    want: { RecordList: "record", Detailed: "record" },
  },
  {
    name: "a list extended only further down stays a record too",
    types: list("Base", "xs:int") + extending("Mid", "Base") + extending("Leaf", "Mid"),
    uses: "Leaf",
    want: { Base: "record" },
  },
  { name: "a list of itself is a record", types: list("Loop", "tns:Loop"), uses: "Loop", want: { Loop: "record" } },
  {
    name: "lists of each other: the one in the loop is a record",
    types: list("A", "tns:B") + list("B", "tns:A"),
    uses: "A",
    want: { A: "record", B: "array" },
  },
];

for (const c of cases)
  test(`idioms: ${c.name}`, async () => {
    const m = await modelOf(oneOperationWsdl({ ns: NS, types: c.types, request: `<xs:element name="v" type="tns:${c.uses}"/>` }));
    for (const [name, shape] of Object.entries(c.want)) assert.equal((m.types.get(`{${NS}}${name}`) as ComplexTypeDef).shape.kind, shape, name);
  });
