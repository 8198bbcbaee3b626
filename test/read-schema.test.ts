// The XSD reader: a small schema given, the intermediate model it gives.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readSchema, type SchemaContents } from "../generator/xsd/read-schema.js";
import { parseXml } from "../generator/xml/load.js";
import { GeneratorError } from "../generator/diagnostics.js";

const TNS = "urn:t";
const XS = "http://www.w3.org/2001/XMLSchema";
const SER = "http://schemas.microsoft.com/2003/10/Serialization/";

function read(body: string, attrs = `elementFormDefault="qualified"`): SchemaContents {
  const xml = `<xs:schema xmlns:xs="${XS}" xmlns:tns="${TNS}" targetNamespace="${TNS}" ${attrs}>${body}</xs:schema>`;
  const into: SchemaContents = { types: new Map(), elements: new Map() };
  readSchema("given.xsd", parseXml("given.xsd", xml).doc.documentElement!, into);
  return into;
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
    [`<xs:complexType name="T"><xs:choice><xs:element name="A" type="xs:int"/></xs:choice></xs:complexType>`, /xs:choice in complexType T/],
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
