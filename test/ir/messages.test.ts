// document/literal messages as wrapped or bare (ir/messages.ts): a message of one part whose
// element is a sequence of members is wrapped; any other is bare, its parts the Body's children.
import { test } from "node:test";
import assert from "node:assert/strict";
import { lowerIdioms } from "../../generator/ir/idioms.js";
import { messageStyles } from "../../generator/ir/messages.js";
import { elementsOf } from "../../generator/ir/model.js";
import { readOnly } from "../helpers/wsdl.js";

const NS = "urn:msg";
/** A WSDL whose operation Do takes a message of the given parts (element= or type=), with the given schema. */
const wsdl = (types: string, parts: string) => `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="${NS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${NS}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<wsdl:types><xs:schema targetNamespace="${NS}" elementFormDefault="qualified">${types}</xs:schema></wsdl:types>
<wsdl:message name="In">${parts}</wsdl:message>
<wsdl:portType name="Svc"><wsdl:operation name="Do"><wsdl:input message="tns:In"/></wsdl:operation></wsdl:portType>
<wsdl:binding name="B" type="tns:Svc"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/><wsdl:operation name="Do"><soap:operation soapAction="a"/><wsdl:input><soap:body use="literal"/></wsdl:input></wsdl:operation></wsdl:binding>
<wsdl:service name="S"><wsdl:port name="P" binding="tns:B"><soap:address location="http://x.example/"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;

const cases: { name: string; types: string; parts: string; want: string }[] = [
  {
    name: "one part, an element of an anonymous sequence: wrapped",
    types: `<xs:element name="Do"><xs:complexType><xs:sequence><xs:element name="a" type="xs:int"/></xs:sequence></xs:complexType></xs:element>`,
    parts: `<wsdl:part name="p" element="tns:Do"/>`,
    want: "wrapped <Do>",
  },
  {
    name: "one part, an element of a named record type: wrapped",
    types: `<xs:complexType name="T"><xs:sequence><xs:element name="a" type="xs:int"/></xs:sequence></xs:complexType><xs:element name="Req" type="tns:T"/>`,
    parts: `<wsdl:part name="p" element="tns:Req"/>`,
    want: "wrapped <Req>",
  },
  {
    name: "one part of an ArrayOfX type (an array once the idioms ran): bare",
    types: `<xs:complexType name="ArrayOfInt"><xs:sequence><xs:element name="int" type="xs:int" maxOccurs="unbounded"/></xs:sequence></xs:complexType><xs:element name="Ids" type="tns:ArrayOfInt"/>`,
    parts: `<wsdl:part name="p" element="tns:Ids"/>`,
    want: "bare <Do>: Ids",
  },
  {
    name: "one part of a simple type: bare",
    types: `<xs:element name="Count" type="xs:int"/>`,
    parts: `<wsdl:part name="p" element="tns:Count"/>`,
    want: "bare <Do>: Count",
  },
  {
    name: "one part whose element has attributes: bare",
    types: `<xs:element name="Tagged"><xs:complexType><xs:sequence/><xs:attribute name="id" type="xs:int"/></xs:complexType></xs:element>`,
    parts: `<wsdl:part name="p" element="tns:Tagged"/>`,
    want: "bare <Do>: Tagged",
  },
  {
    name: "two parts: bare, in part order",
    types: `<xs:element name="A" type="xs:int"/><xs:element name="B" type="xs:string"/>`,
    parts: `<wsdl:part name="b" element="tns:B"/><wsdl:part name="a" element="tns:A"/>`,
    want: "bare <Do>: B, A",
  },
  { name: "no parts: bare and empty", types: ``, parts: ``, want: "bare <Do>: " },
  {
    name: "a part typed with type= in a document binding: an unqualified element named after the part",
    types: ``,
    parts: `<wsdl:part name="count" type="xs:int"/>`,
    want: "bare <Do>: count",
  },
];

for (const c of cases)
  test(`messages: ${c.name}`, async () => {
    const read = await readOnly(wsdl(c.types, c.parts));
    assert.equal(read.services[0]!.operations[0]!.input.kind, "document");
    const input = messageStyles(lowerIdioms(read)).services[0]!.operations[0]!.input;
    const members = input.body.type.kind === "anonymous" && input.body.type.def.kind === "complex" ? elementsOf(input.body.type.def.content) : [];
    const got =
      input.kind === "wrapped" ? `wrapped <${input.body.qname.local}>` : `${input.kind} <${input.body.qname.local}>: ${members.map((e) => e.name).join(", ")}`;
    assert.equal(got, c.want);
  });
