// Invalid schemas that lead the generator round in circles or down without end: each is a
// GeneratorError at file:line:col naming the construct, never a hang or a stack overflow.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULTS } from "../../generator/config.js";
import { GeneratorError } from "../../generator/diagnostics.js";
import { readModel } from "../../generator/generate.js";
import { tempDir } from "../helpers/temp.js";

/** One operation whose request member is of type tns:A, with `types` in the schema. */
const wsdl = (types: string) => `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:c" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:c" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<wsdl:types><xs:schema targetNamespace="urn:c" elementFormDefault="qualified">
${types}
<xs:element name="Do"><xs:complexType><xs:sequence><xs:element name="V" type="tns:A"/></xs:sequence></xs:complexType></xs:element>
<xs:element name="DoResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
</xs:schema></wsdl:types>
<wsdl:message name="In"><wsdl:part name="p" element="tns:Do"/></wsdl:message>
<wsdl:message name="Out"><wsdl:part name="p" element="tns:DoResponse"/></wsdl:message>
<wsdl:portType name="C"><wsdl:operation name="Do"><wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/></wsdl:operation></wsdl:portType>
<wsdl:binding name="B" type="tns:C"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/><wsdl:operation name="Do"><soap:operation soapAction="urn:c/Do"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation></wsdl:binding>
<wsdl:service name="S"><wsdl:port name="P" binding="tns:B"><soap:address location="http://svc.example/c"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;

const ext = (name: string, base: string, content = "complexContent") =>
  `<xs:complexType name="${name}"><xs:${content}><xs:extension base="${base}"/></xs:${content}></xs:complexType>`;
const nested = (n: number) =>
  `<xs:complexType name="A"><xs:sequence>${'<xs:element name="e"><xs:complexType><xs:sequence>'.repeat(n)}<xs:element name="x" type="xs:int"/>${"</xs:sequence></xs:complexType></xs:element>".repeat(n)}</xs:sequence></xs:complexType>`;

const cases: { name: string; types: string; want: RegExp | undefined; maxXmlElements?: number }[] = [
  { name: "extension of itself", types: ext("A", "tns:A"), want: /:4:1: error: type A is derived from itself \(A -> A\)/ },
  { name: "A extends B extends A", types: ext("A", "tns:B") + ext("B", "tns:A"), want: /type A is derived from itself \(A -> B -> A\).*invalid XSD/ },
  {
    name: "simple content through each other",
    types: ext("A", "tns:B", "simpleContent") + ext("B", "tns:A", "simpleContent"),
    want: /type A is derived from itself \(A -> B -> A\)/,
  },
  {
    name: "simpleType restriction cycle",
    types: `<xs:simpleType name="A"><xs:restriction base="tns:B"/></xs:simpleType><xs:simpleType name="B"><xs:restriction base="tns:A"/></xs:simpleType>`,
    want: /type A is derived from itself \(A -> B -> A\)/,
  },
  { name: "a list of itself", types: `<xs:simpleType name="A"><xs:list itemType="tns:A"/></xs:simpleType>`, want: /type A is derived from itself \(A -> A\)/ },
  {
    name: "a group that refers to itself",
    types: `<xs:group name="G"><xs:sequence><xs:element name="x" type="xs:int"/><xs:group ref="tns:G" minOccurs="0"/></xs:sequence></xs:group><xs:complexType name="A"><xs:sequence><xs:group ref="tns:G"/></xs:sequence></xs:complexType>`,
    want: /:4:\d+: error: xs:group G contains itself \(G -> G\): a model group must not refer to itself/,
  },
  {
    name: "groups that refer to each other",
    types: `<xs:group name="G"><xs:sequence><xs:group ref="tns:H"/></xs:sequence></xs:group><xs:group name="H"><xs:choice><xs:group ref="tns:G"/></xs:choice></xs:group><xs:complexType name="A"><xs:sequence><xs:group ref="tns:G"/></xs:sequence></xs:complexType>`,
    want: /xs:group G contains itself \(G -> H -> G\)/,
  },
  {
    name: "attribute groups that refer to each other",
    types: `<xs:attributeGroup name="G"><xs:attributeGroup ref="tns:H"/></xs:attributeGroup><xs:attributeGroup name="H"><xs:attributeGroup ref="tns:G"/></xs:attributeGroup><xs:complexType name="A"><xs:sequence/><xs:attributeGroup ref="tns:G"/></xs:complexType>`,
    want: /xs:attributeGroup G contains itself \(G -> H -> G\): an attribute group must not refer to itself/,
  },
  // 300,000 elements: past the element limit too, which is raised here so the nesting is what stops it.
  { name: "50,000 nested anonymous types", types: nested(50_000), want: /:4:\d+: error: elements nest more than 256 deep here/, maxXmlElements: 1_000_000 },
  // Valid look-alikes stay valid: one group used twice, a type whose member is of its own type, nesting a schema may need.
  {
    name: "(valid) one group used twice, not inside itself",
    types: `<xs:group name="G"><xs:sequence><xs:element name="x" type="xs:int"/></xs:sequence></xs:group><xs:complexType name="A"><xs:sequence><xs:group ref="tns:G"/><xs:element name="y"><xs:complexType><xs:sequence><xs:group ref="tns:G"/></xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType>`,
    want: undefined,
  },
  {
    name: "(valid) a member of the type's own type, and a base shared by two",
    types: `<xs:complexType name="Z"><xs:sequence><xs:element name="z" minOccurs="0" type="tns:Z"/></xs:sequence></xs:complexType>${ext("A", "tns:Z")}${ext("B", "tns:Z")}`,
    want: undefined,
  },
  { name: "(valid) 60 nested anonymous types", types: nested(60), want: undefined },
];

for (const c of cases)
  test(`schema: ${c.name}`, async () => {
    const file = path.join(tempDir("cycles-"), "C.wsdl");
    writeFileSync(file, wsdl(c.types));
    const run = readModel({ ...DEFAULTS, wsdl: [file], maxXmlElements: c.maxXmlElements ?? DEFAULTS.maxXmlElements });
    if (!c.want) {
      const model = await run;
      assert.equal(model.services[0]!.operations.length, 1);
      return;
    }
    await assert.rejects(run, (e: unknown) => {
      assert.ok(e instanceof GeneratorError, String(e));
      assert.match(e.format(), c.want!);
      assert.ok(e.format().startsWith(file), e.format());
      return true;
    });
  });
