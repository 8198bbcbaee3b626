// The XSD reader: a small schema given, the intermediate model it gives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readSchemas, type SchemaContents } from "../generator/xsd/read-schema.js";
import { parseXml } from "../generator/xml/load.js";
import { GeneratorError } from "../generator/diagnostics.js";

const TNS = "urn:t";
const XS = "http://www.w3.org/2001/XMLSchema";
const SER = "http://schemas.microsoft.com/2003/10/Serialization/";

function read(body: string, attrs = `elementFormDefault="qualified"`): SchemaContents {
  const xml = `<xs:schema xmlns:xs="${XS}" xmlns:tns="${TNS}" targetNamespace="${TNS}" ${attrs}>${body}</xs:schema>`;
  return readSchemas([{ file: "given.xsd", schema: parseXml("given.xsd", xml).doc.documentElement! }]);
}
const type = (c: SchemaContents, local: string) =>
  JSON.parse(JSON.stringify(c.types.get(`{${TNS}}${local}`), (k, v) => (k === "loc" ? undefined : v === Infinity ? "unbounded" : v)));

test("complexType: sequence members with occurrence and nillability, extension base, QNames resolved where declared", () => {
  const c = read(`
    <xs:complexType name="Base"><xs:sequence><xs:element minOccurs="0" name="Id" type="xs:int"/></xs:sequence></xs:complexType>
    <xs:complexType name="Derived"><xs:complexContent mixed="false"><xs:extension base="tns:Base"><xs:sequence>
      <xs:element name="Name" nillable="true" type="xs:string"/>
      <xs:element minOccurs="0" name="Other" type="q1:Thing" xmlns:q1="urn:other"/>
    </xs:sequence></xs:extension></xs:complexContent></xs:complexType>`);
  assert.deepEqual(type(c, "Derived"), {
    kind: "complex",
    qname: { ns: TNS, local: "Derived" },
    base: { ns: TNS, local: "Base" },
    elements: [
      { name: "Name", ns: TNS, type: { kind: "builtin", name: "string" }, minOccurs: 1, maxOccurs: 1, nillable: true },
      { name: "Other", ns: TNS, type: { kind: "named", qname: { ns: "urn:other", local: "Thing" } }, minOccurs: 0, maxOccurs: 1, nillable: false },
    ],
    shape: { kind: "record" },
  });
});

test("WCF idioms: ArrayOfX is an array, IsDictionary a dictionary, an enumeration, a list of one (flags), a restriction", () => {
  const c = read(`
    <xs:complexType name="ArrayOfint"><xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="int" type="xs:int"/></xs:sequence></xs:complexType>
    <xs:complexType name="Dict"><xs:annotation><xs:appinfo><IsDictionary xmlns="${SER}">true</IsDictionary></xs:appinfo></xs:annotation>
      <xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="Pair"><xs:complexType><xs:sequence>
        <xs:element name="Key" type="xs:string"/><xs:element name="Value" nillable="true" type="xs:int"/>
      </xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType>
    <xs:simpleType name="Color"><xs:restriction base="xs:string"><xs:enumeration value="Red"/><xs:enumeration value="Blue"/></xs:restriction></xs:simpleType>
    <xs:simpleType name="Rights"><xs:list><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="Read"/><xs:enumeration value="Write"/></xs:restriction></xs:simpleType></xs:list></xs:simpleType>
    <xs:simpleType name="guid"><xs:restriction base="xs:string"><xs:pattern value="[\\da-f-]+"/></xs:restriction></xs:simpleType>`);
  assert.deepEqual(type(c, "ArrayOfint").shape, {
    kind: "array",
    item: { name: "int", ns: TNS, type: { kind: "builtin", name: "int" }, minOccurs: 0, maxOccurs: "unbounded", nillable: false },
  });
  const dict = type(c, "Dict").shape;
  assert.deepEqual([dict.kind, dict.entry, dict.key.name, dict.value.name, dict.value.nillable], ["dictionary", "Pair", "Key", "Value", true]);
  assert.deepEqual([type(c, "Color").variety, type(c, "Color").values], ["enum", ["Red", "Blue"]]);
  assert.deepEqual([type(c, "Rights").variety, type(c, "Rights").values], ["flags", ["Read", "Write"]]);
  assert.deepEqual([type(c, "guid").variety, type(c, "guid").base], ["restriction", { kind: "builtin", name: "string" }]);
});

test("elementFormDefault: unqualified members are in no namespace; form= overrides per member", () => {
  const c = read(
    `<xs:complexType name="T"><xs:sequence><xs:element name="A" type="xs:int"/><xs:element form="qualified" name="B" type="xs:int"/></xs:sequence></xs:complexType>`,
    "",
  );
  assert.deepEqual(
    type(c, "T").elements.map((e: { name: string; ns: string }) => [e.name, e.ns]),
    [
      ["A", ""],
      ["B", TNS],
    ],
  );
});

test("what the reader does not support is an error naming the construct and where it is", () => {
  const cases: [string, RegExp][] = [
    [
      `<xs:complexType name="T"><xs:sequence><xs:element name="A" type="xs:int"/></xs:sequence><xs:assert test="true()"/></xs:complexType>`,
      /xs:assert in complexType T/,
    ],
    [`<xs:redefine schemaLocation="x.xsd"/>`, /xs:redefine/],
    [
      `<xs:complexType name="T"><xs:sequence><xs:element ref="tns:Nowhere"/></xs:sequence></xs:complexType>`,
      /element \{urn:t\}Nowhere is not declared in any schema/,
    ],
    [
      `<xs:complexType name="T"><xs:sequence><xs:element name="A" type="xs:int" minOccurs="0"/><xs:element name="B" type="xs:int" minOccurs="0"/><xs:element name="A" type="xs:string"/></xs:sequence></xs:complexType>`,
      /content model of T is not deterministic: an <A> could be either of its two declarations \(lines 1 and 1\), which breaks Unique Particle Attribution/,
    ],
    [
      `<xs:complexType name="T"><xs:sequence><xs:element name="A" type="xs:int"/><xs:choice><xs:element name="A" type="xs:int"/><xs:element name="B" type="xs:int"/></xs:choice></xs:sequence></xs:complexType>`,
      /unsupported XSD construct: the element name A in two places of T, one of them in an xs:choice/,
    ],
    [
      `<xs:complexType name="T"><xs:attribute name="a" use="sometimes"/></xs:complexType>`,
      /use="sometimes" on <xs:attribute> must be optional, required or prohibited/,
    ],
    [
      `<xs:complexType name="T"><xs:sequence><xs:element name="A" type="q:X"/></xs:sequence></xs:complexType>`,
      /type="q:X" on <xs:element> uses prefix "q", which is not declared in scope/,
    ],
    [
      `<xs:complexType name="T"><xs:sequence><xs:element name="A" nillable="yes" type="xs:int"/></xs:sequence></xs:complexType>`,
      /nillable="yes" on <xs:element> is not a boolean/,
    ],
  ];
  for (const [body, reason] of cases) {
    assert.throws(
      () => read(body),
      (e: unknown) => {
        assert.ok(e instanceof GeneratorError);
        assert.match(e.message, reason);
        assert.match(e.format(), /^given\.xsd:1:\d+: error: /);
        return true;
      },
    );
  }
});

const strip = (v: unknown) => JSON.parse(JSON.stringify(v, (k, x) => (k === "loc" ? undefined : x === Infinity ? "unbounded" : x)));

test("particles: repeated elements in place, xs:all, group refs, choice alternatives optional and marked", () => {
  const c = read(`
    <xs:group name="G"><xs:sequence><xs:element name="G1" type="xs:int"/></xs:sequence></xs:group>
    <xs:complexType name="T"><xs:sequence>
      <xs:element name="Items" type="xs:string" maxOccurs="unbounded"/>
      <xs:group ref="tns:G" minOccurs="0"/>
      <xs:choice><xs:element name="A" type="xs:int"/><xs:sequence><xs:element name="B" type="xs:int"/><xs:element name="C" type="xs:int"/></xs:sequence></xs:choice>
      <xs:sequence maxOccurs="2"><xs:element name="D" type="xs:int"/></xs:sequence>
    </xs:sequence></xs:complexType>
    <xs:complexType name="U"><xs:all><xs:element name="X" type="xs:int"/><xs:element name="Y" type="xs:int" minOccurs="0"/></xs:all></xs:complexType>`);
  const t = type(c, "T");
  assert.equal(t.shape.kind, "record");
  assert.deepEqual(
    t.elements.map((e: { name: string; minOccurs: number; maxOccurs: number | string; choice?: object }) => [
      e.name,
      e.minOccurs,
      e.maxOccurs,
      e.choice ?? null,
    ]),
    [
      ["Items", 1, "unbounded", null],
      ["G1", 0, 1, null],
      ["A", 0, 1, { id: 0, alt: 0, required: true, absent: false, repeated: false }],
      ["B", 0, 1, { id: 0, alt: 1, required: true, absent: false, repeated: false }],
      ["C", 0, 1, { id: 0, alt: 1, required: true, absent: false, repeated: false }],
      ["D", 1, "unbounded", null],
    ],
  );
  assert.deepEqual(
    type(c, "U").elements.map((e: { name: string; minOccurs: number }) => [e.name, e.minOccurs]),
    [
      ["X", 1],
      ["Y", 0],
    ],
  );
});

test("attributes: own, from groups and by ref; form, use, default and fixed; simpleContent keeps the text type", () => {
  const c = read(
    `
    <xs:attribute name="lang" type="xs:language"/>
    <xs:attributeGroup name="AG"><xs:attribute name="rev" type="xs:int" default="1"/></xs:attributeGroup>
    <xs:complexType name="Money"><xs:simpleContent><xs:extension base="xs:decimal">
      <xs:attribute name="currency" type="xs:string" use="required"/>
      <xs:attribute name="gone" type="xs:string" use="prohibited"/>
      <xs:attribute name="q" type="xs:string" form="qualified" fixed="x"/>
      <xs:attribute ref="tns:lang"/>
      <xs:attributeGroup ref="tns:AG"/>
      <xs:anyAttribute/>
    </xs:extension></xs:simpleContent></xs:complexType>
    <xs:complexType name="Price"><xs:simpleContent><xs:extension base="tns:Money"><xs:attribute name="net" type="xs:boolean"/></xs:extension></xs:simpleContent></xs:complexType>`,
  );
  const money = type(c, "Money");
  assert.deepEqual(money.text, { kind: "builtin", name: "decimal" });
  assert.deepEqual(
    money.attributes.map((a: { name: string; ns: string; required: boolean; default?: string; fixed?: string }) => [
      a.name,
      a.ns,
      a.required,
      a.default ?? a.fixed ?? null,
    ]),
    [
      ["currency", "", true, null],
      ["q", TNS, false, "x"],
      ["lang", TNS, false, null],
      ["rev", "", false, "1"],
    ],
  );
  const price = type(c, "Price");
  assert.deepEqual([price.base, price.text, price.attributes.length], [{ ns: TNS, local: "Money" }, undefined, 1]);
});

test("anonymous types are named from their place; element refs take the global element's name, namespace and type", () => {
  const c = read(`
    <xs:complexType name="Order_Customer"><xs:sequence/></xs:complexType>
    <xs:element name="Audit"><xs:complexType><xs:sequence><xs:element name="By" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
    <xs:complexType name="Order"><xs:sequence>
      <xs:element name="Customer"><xs:complexType><xs:sequence><xs:element name="Email" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Status"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="new"/></xs:restriction></xs:simpleType></xs:element>
      <xs:element name="Code"><xs:simpleType><xs:restriction base="xs:string"><xs:maxLength value="8"/></xs:restriction></xs:simpleType></xs:element>
      <xs:element ref="tns:Audit" minOccurs="0"/>
    </xs:sequence></xs:complexType>`);
  const members = type(c, "Order").elements.map((e: { name: string; ns: string; type: unknown; minOccurs: number }) => [e.name, e.ns, e.type, e.minOccurs]);
  assert.deepEqual(members, [
    ["Customer", TNS, { kind: "named", qname: { ns: TNS, local: "Order_Customer2" } }, 1],
    ["Status", TNS, { kind: "named", qname: { ns: TNS, local: "Order_Status" } }, 1],
    // A restriction with facets keeps a name, so its TSDoc can say them.
    ["Code", TNS, { kind: "named", qname: { ns: TNS, local: "Order_Code" } }, 1],
    ["Audit", TNS, { kind: "named", qname: { ns: TNS, local: "Audit" } }, 0],
  ]);
  assert.deepEqual(strip(c.types.get(`{${TNS}}Order_Status`)).values, ["new"]);
  assert.deepEqual(type(c, "Audit").elements[0].name, "By");
});

test("an element name repeated in a deterministic content model: a member per occurrence, in schema order, the later ones keyed name2", () => {
  const cases: { given: string; want: [name: string, key: string | undefined][] }[] = [
    {
      given: `<xs:element name="A" type="xs:int"/><xs:element name="B" type="xs:int"/><xs:element name="A" type="xs:string"/>`,
      want: [
        ["A", undefined],
        ["B", undefined],
        ["A", "A2"],
      ],
    },
    {
      given: `<xs:element name="A" type="xs:int" minOccurs="0"/><xs:element name="B" type="xs:int"/><xs:element name="A" type="xs:int"/><xs:element name="A" type="xs:int"/>`,
      want: [
        ["A", undefined],
        ["B", undefined],
        ["A", "A2"],
        ["A", "A3"],
      ],
    },
    {
      given: `<xs:element name="A2" type="xs:int"/><xs:element name="A" type="xs:int"/><xs:element name="A" type="xs:int"/>`,
      want: [
        ["A2", undefined],
        ["A", undefined],
        ["A", "A2_"],
      ],
    },
  ];
  for (const c of cases) {
    const t = type(read(`<xs:complexType name="T"><xs:sequence>${c.given}</xs:sequence></xs:complexType>`), "T");
    assert.deepEqual(
      t.elements.map((e: { name: string; key?: string }) => [e.name, e.key]),
      c.want,
      c.given,
    );
  }
});
