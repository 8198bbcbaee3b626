// The XSD reader: a small schema given, the intermediate model it gives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readSchemas, type SchemaContents } from "../generator/xsd/read-schema.js";
import { parseXml } from "../generator/xml/load.js";
import { GeneratorError } from "../generator/diagnostics.js";
import type { ComplexTypeDef } from "../generator/ir/model.js";
import { describe } from "./helpers/particles.js";

const TNS = "urn:t";
const XS = "http://www.w3.org/2001/XMLSchema";
const SER = "http://schemas.microsoft.com/2003/10/Serialization/";

function read(body: string, attrs = `elementFormDefault="qualified"`): SchemaContents {
  const xml = `<xs:schema xmlns:xs="${XS}" xmlns:tns="${TNS}" targetNamespace="${TNS}" ${attrs}>${body}</xs:schema>`;
  return readSchemas([{ file: "given.xsd", schema: parseXml("given.xsd", xml).doc.documentElement! }]);
}
const type = (c: SchemaContents, local: string) =>
  JSON.parse(JSON.stringify(c.types.get(`{${TNS}}${local}`), (k, v) => (k === "loc" ? undefined : v === Infinity ? "unbounded" : v)));
/** A complex type's content model in a line (see helpers/particles.ts). */
const model = (c: SchemaContents, local: string) => describe((c.types.get(`{${TNS}}${local}`) as ComplexTypeDef).content);

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
    content: {
      kind: "sequence",
      minOccurs: 1,
      maxOccurs: 1,
      particles: [
        { kind: "element", name: "Name", ns: TNS, type: { kind: "builtin", name: "string" }, minOccurs: 1, maxOccurs: 1, nillable: true },
        {
          kind: "element",
          name: "Other",
          ns: TNS,
          type: { kind: "named", qname: { ns: "urn:other", local: "Thing" } },
          minOccurs: 0,
          maxOccurs: 1,
          nillable: false,
        },
      ],
    },
    shape: { kind: "record" },
  });
});

test("WCF annotations and SOAP arrays are read as written, for the idioms pass; simple types: an enumeration, a list of one (flags), a restriction", () => {
  const c = read(`
    <xs:complexType name="ArrayOfint"><xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="int" type="xs:int"/></xs:sequence></xs:complexType>
    <xs:complexType name="Dict"><xs:annotation><xs:appinfo><IsDictionary xmlns="${SER}">true</IsDictionary></xs:appinfo></xs:annotation>
      <xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="Pair"><xs:complexType><xs:sequence>
        <xs:element name="Key" type="xs:string"/><xs:element name="Value" nillable="true" type="xs:int"/>
      </xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType>
    <xs:complexType name="Strings" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"><xs:complexContent>
      <xs:restriction base="soapenc:Array"><xs:attribute ref="soapenc:arrayType" wsdl:arrayType="xs:string[]"/></xs:restriction></xs:complexContent></xs:complexType>
    <xs:simpleType name="Color"><xs:restriction base="xs:string"><xs:enumeration value="Red"/><xs:enumeration value="Blue"/></xs:restriction></xs:simpleType>
    <xs:simpleType name="Rights"><xs:list><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="Read"/><xs:enumeration value="Write"/></xs:restriction></xs:simpleType></xs:list></xs:simpleType>
    <xs:simpleType name="guid"><xs:restriction base="xs:string"><xs:pattern value="[\\da-f-]+"/></xs:restriction></xs:simpleType>`);
  // The reader says "record" for every complex type: ir/idioms.ts decides arrays and dictionaries.
  assert.deepEqual([type(c, "ArrayOfint").shape, model(c, "ArrayOfint")], [{ kind: "record" }, "seq(int*)"]);
  assert.deepEqual([type(c, "Dict").isDictionary, model(c, "Dict"), type(c, "Dict").content.particles[0].type.kind], [true, "seq(Pair*)", "anonymous"]);
  assert.deepEqual(type(c, "Strings").soapArray, {
    encoding: "http://schemas.xmlsoap.org/soap/encoding/",
    item: { kind: "element", name: "item", ns: "", type: { kind: "builtin", name: "string" }, minOccurs: 0, maxOccurs: "unbounded", nillable: true },
  });
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
    type(c, "T").content.particles.map((e: { name: string; ns: string }) => [e.name, e.ns]),
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
      `<xs:complexType name="T"><xs:sequence><xs:element name="A" type="xs:int"/></xs:sequence><xs:choice><xs:element name="B" type="xs:int"/></xs:choice></xs:complexType>`,
      /invalid XSD: T has more than one model group/,
    ],
    [`<xs:complexType name="T"><xs:sequence><xs:any namespace="##any urn:x"/></xs:sequence></xs:complexType>`, /##any may not stand in a list/],
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
    // A declaration that cannot be read is kept as why (an error only where an operation needs it); the schema as a whole may not be read at all.
    let error: unknown;
    try {
      error = [...read(body).unread.values()][0];
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof GeneratorError, `${body}: no error`);
    assert.match(error.message, reason);
    assert.match(error.format(), /^given\.xsd:1:\d+: error: /);
  }
});

test("a global declaration that cannot be read is kept apart, by kind and QName, and the others are read", () => {
  const c = read(
    `<xs:complexType name="Broken"><xs:attribute ref="tns:nowhere"/></xs:complexType><xs:complexType name="Fine"><xs:sequence><xs:element name="a" type="xs:int"/></xs:sequence></xs:complexType>` +
      `<xs:element name="Lost"><xs:complexType><xs:sequence><xs:element ref="tns:Gone"/></xs:sequence></xs:complexType></xs:element>`,
  );
  assert.deepEqual([...c.unread.keys()], [`type {${TNS}}Broken`, `element {${TNS}}Lost`]);
  assert.match(c.unread.get(`type {${TNS}}Broken`)!.message, /attribute \{urn:t\}nowhere is not declared/);
  assert.equal(model(c, "Fine"), "seq(a)");
});

test("content models as the schema writes them: groups nest, with their occurrence, group refs named, wildcards with their namespaces", () => {
  const cases: { name: string; given: string; want: string }[] = [
    {
      name: "a plain sequence",
      given: `<xs:sequence><xs:element name="A" type="xs:int"/><xs:element name="B" type="xs:int" minOccurs="0"/></xs:sequence>`,
      want: "seq(A, B?)",
    },
    {
      name: "a repeated sequence stays one group",
      given: `<xs:sequence maxOccurs="unbounded"><xs:element name="Key" type="xs:string"/><xs:element name="Value" type="xs:string"/></xs:sequence>`,
      want: "seq(Key, Value)+",
    },
    {
      name: "a choice of elements and sequences",
      given: `<xs:choice><xs:element name="A" type="xs:int"/><xs:sequence><xs:element name="B" type="xs:int"/><xs:element name="C" type="xs:int"/></xs:sequence></xs:choice>`,
      want: "choice(A, seq(B, C))",
    },
    {
      name: "a choice inside a choice",
      given: `<xs:choice minOccurs="0"><xs:element name="ById" type="xs:int"/><xs:choice><xs:element name="ByName" type="xs:string"/><xs:element name="ByCode" type="xs:string"/></xs:choice></xs:choice>`,
      want: "choice(ById, choice(ByName, ByCode))?",
    },
    {
      name: "one name in two alternatives",
      given: `<xs:choice><xs:sequence><xs:element name="MinPrice" type="xs:int"/><xs:element name="MaxPrice" type="xs:int" minOccurs="0"/></xs:sequence><xs:element name="MaxPrice" type="xs:int"/></xs:choice>`,
      want: "choice(seq(MinPrice, MaxPrice?), MaxPrice)",
    },
    {
      name: "a group ref keeps its group's name and takes the ref's occurrence",
      given: `<xs:sequence><xs:element name="Id" type="xs:int"/><xs:group ref="tns:Pair" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>`,
      want: "seq(Id, Pair:seq(Key, Value)*)",
    },
    {
      name: "wildcards: any, ##other, ##local and a list",
      given: `<xs:sequence><xs:any/><xs:any namespace="##other" minOccurs="0"/><xs:any namespace="##local" maxOccurs="unbounded"/><xs:any namespace="##targetNamespace urn:x" minOccurs="0"/></xs:sequence>`,
      want: `seq(any, any[not ${TNS} ##local]?, any[##local]+, any[${TNS} urn:x]?)`,
    },
    { name: "xs:all", given: `<xs:all><xs:element name="X" type="xs:int"/><xs:element name="Y" type="xs:int" minOccurs="0"/></xs:all>`, want: "all(X, Y?)" },
    {
      name: "a particle that may not occur is not there",
      given: `<xs:sequence><xs:element name="A" type="xs:int" maxOccurs="0"/><xs:element name="B" type="xs:int"/></xs:sequence>`,
      want: "seq(B)",
    },
    {
      name: ".NET's DataSet: an inline schema and its data are open content",
      given: `<xs:sequence><xs:element ref="xs:schema"/><xs:any/></xs:sequence>`,
      want: "seq(any, any)",
    },
  ];
  for (const c of cases) {
    const s = read(
      `<xs:group name="Pair"><xs:sequence><xs:element name="Key" type="xs:string"/><xs:element name="Value" type="xs:string"/></xs:sequence></xs:group>` +
        `<xs:complexType name="T">${c.given}</xs:complexType>`,
    );
    assert.equal(model(s, "T"), c.want, c.name);
  }
});

test("substitution groups: a ref to the head is a choice among it (unless abstract) and its members", () => {
  const c = read(`
    <xs:element name="Shape" type="xs:string" abstract="true"/>
    <xs:element name="Circle" type="xs:string" substitutionGroup="tns:Shape"/>
    <xs:element name="Square" type="xs:string" substitutionGroup="tns:Shape"/>
    <xs:complexType name="T"><xs:sequence><xs:element ref="tns:Shape" maxOccurs="unbounded"/></xs:sequence></xs:complexType>`);
  assert.equal(model(c, "T"), "seq(choice(Circle, Square)+)");
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

test("anonymous types stay in place with the name they want; an element ref names the global element's type", () => {
  const c = read(`
    <xs:complexType name="Order_Customer"><xs:sequence/></xs:complexType>
    <xs:element name="Audit"><xs:complexType><xs:sequence><xs:element name="By" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
    <xs:complexType name="Order"><xs:sequence>
      <xs:element name="Customer"><xs:complexType><xs:sequence><xs:element name="Email" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Status"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="new"/></xs:restriction></xs:simpleType></xs:element>
      <xs:element ref="tns:Audit" minOccurs="0"/>
    </xs:sequence></xs:complexType>`);
  const members = type(c, "Order").content.particles.map((e: { name: string; type: { kind: string; def?: { qname: unknown }; qname?: unknown } }) => [
    e.name,
    e.type.kind,
    e.type.def?.qname ?? e.type.qname,
  ]);
  assert.deepEqual(members, [
    // ir/anonymous-types.ts gives it its name (Order_Customer is taken: Order_Customer2).
    ["Customer", "anonymous", { ns: TNS, local: "Order_Customer" }],
    ["Status", "anonymous", { ns: TNS, local: "Order_Status" }],
    // A global element's anonymous type is named after it, which a ref (and the element itself) refers to.
    ["Audit", "named", { ns: TNS, local: "Audit" }],
  ]);
  assert.equal(model(c, "Audit"), "seq(By)");
});
