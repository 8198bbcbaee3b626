// Refusals that say which cause applies and where: a WSDL the generator cannot serve gets an
// error naming what it has instead, with what it noticed on the way as notes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULTS } from "../generator/config.js";
import { GeneratorError } from "../generator/diagnostics.js";
import { readModel } from "../generator/generate.js";
import { tempDir } from "./helpers/temp.js";

const SOAP11 = "http://schemas.xmlsoap.org/wsdl/soap/";
const SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/";
const HTTP = "http://schemas.xmlsoap.org/wsdl/http/";

const wsdl = (opts: { types?: string; binding?: string; service?: string; portType?: boolean }) => `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:r" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="${SOAP11}" xmlns:soap12="${SOAP12}" xmlns:http="${HTTP}" xmlns:tns="urn:r" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<wsdl:types>${
  opts.types ??
  `<xs:schema targetNamespace="urn:r" elementFormDefault="qualified"><xs:element name="Get"><xs:complexType><xs:sequence/></xs:complexType></xs:element><xs:element name="GetResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element></xs:schema>`
}</wsdl:types>
${
  opts.portType === false
    ? ""
    : `<wsdl:message name="In"><wsdl:part name="p" element="tns:Get"/></wsdl:message><wsdl:message name="Out"><wsdl:part name="p" element="tns:GetResponse"/></wsdl:message>
<wsdl:portType name="R"><wsdl:operation name="Get"><wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/></wsdl:operation></wsdl:portType>`
}
${opts.binding ?? ""}
${opts.service ?? ""}
</wsdl:definitions>`;

const op = (inner: string) => `<wsdl:operation name="Get">${inner}<wsdl:input>{body}</wsdl:input><wsdl:output>{body}</wsdl:output></wsdl:operation>`;
const soapBinding = (transport: string) =>
  `<wsdl:binding name="B" type="tns:R"><soap:binding transport="${transport}"/>${op('<soap:operation soapAction="urn:r/Get"/>').replace(/\{body\}/g, '<soap:body use="literal"/>')}</wsdl:binding>`;

const cases: { name: string; given: Parameters<typeof wsdl>[0]; want: RegExp }[] = [
  {
    name: "a types-only file",
    given: { portType: false },
    want: /R\.wsdl:2:1: error: no wsdl:port with a SOAP 1\.1 or 1\.2 binding over HTTP .*: it has no wsdl:binding and no wsdl:service: a types-only \(or abstract\) file has nothing to call/,
  },
  {
    name: "an HTTP GET binding only",
    given: {
      binding: `<wsdl:binding name="HttpGet" type="tns:R"><http:binding verb="GET"/>${op('<http:operation location="/Get"/>').replace(/\{body\}/g, "<http:urlEncoded/>")}</wsdl:binding>`,
      service: `<wsdl:service name="S"><wsdl:port name="P" binding="tns:HttpGet"><http:address location="http://r.example/"/></wsdl:port></wsdl:service>`,
    },
    want: /: HttpGet is an HTTP GET binding \(http:binding\), not SOAP/,
  },
  { name: "SOAP over SMTP", given: { binding: soapBinding("http://example.org/smtp") }, want: /: B is SOAP over http:\/\/example\.org\/smtp, not HTTP/ },
  {
    name: "a port naming a binding nobody defines",
    given: { service: `<wsdl:service name="S"><wsdl:port name="P" binding="tns:Nope"><soap:address location="http://r.example/"/></wsdl:port></wsdl:service>` },
    want: /: the WSDL defines no wsdl:binding at all\n {2}note: .*R\.wsdl:\d+:\d+: port P names binding \{urn:r\}Nope, which the WSDL does not define: left out$/,
  },
  {
    name: "a soap12:binding whose soap:body is SOAP 1.1's",
    given: {
      binding: `<wsdl:binding name="B" type="tns:R"><soap12:binding transport="http://schemas.xmlsoap.org/soap/http"/>${op('<soap12:operation soapAction="urn:r/Get"/>').replace(/\{body\}/g, '<soap:body use="literal"/>')}</wsdl:binding>`,
    },
    want: /wsdl:input of operation Get has its soap:body in the SOAP 1\.1 binding namespace \(http:\/\/schemas\.xmlsoap\.org\/wsdl\/soap\/\), while its binding is SOAP 1\.2 .*: use one SOAP version's namespace throughout the binding/,
  },
  {
    name: "an xs:import directly under wsdl:types (WS-I BP R2003)",
    given: {
      types: `<xs:import namespace="urn:elsewhere" schemaLocation="elsewhere.xsd"/><xs:schema targetNamespace="urn:r" xmlns:e="urn:elsewhere" elementFormDefault="qualified"><xs:element name="Get" type="e:Thing"/><xs:element name="GetResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element></xs:schema>`,
      binding: soapBinding("http://schemas.xmlsoap.org/soap/http"),
    },
    want: /\n {2}note: .*R\.wsdl:3:\d+: xs:import directly under wsdl:types, outside any xs:schema, brings in nothing \(WS-I BP R2003\): the types it was meant to bring are not loaded; move it into an xs:schema/,
  },
  {
    name: "a schema in the obsolete 2000/10 XMLSchema namespace",
    given: {
      types: `<xsd:schema xmlns:xsd="http://www.w3.org/2000/10/XMLSchema" targetNamespace="urn:r"><xsd:element name="Get"><xsd:complexType/></xsd:element><xsd:element name="GetResponse"><xsd:complexType/></xsd:element></xsd:schema>`,
      binding: soapBinding("http://schemas.xmlsoap.org/soap/http"),
    },
    want: /element \{urn:r\}Get not found .*\n {2}note: .*R\.wsdl:3:\d+: this schema is in http:\/\/www\.w3\.org\/2000\/10\/XMLSchema, a draft of XML Schema that nothing reads any more: its declarations are not loaded; declare it in http:\/\/www\.w3\.org\/2001\/XMLSchema/,
  },
  {
    name: "a complexType standing directly in a sequence (invalid XSD)",
    given: {
      types: `<xs:schema targetNamespace="urn:r" elementFormDefault="qualified"><xs:element name="Get"><xs:complexType><xs:sequence><xs:complexType name="Inner"/></xs:sequence></xs:complexType></xs:element><xs:element name="GetResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element></xs:schema>`,
      binding: soapBinding("http://schemas.xmlsoap.org/soap/http"),
    },
    want: /error: invalid XSD: xs:complexType cannot stand directly in xs:sequence \(of Get\); a model group holds xs:element, xs:group, xs:choice, xs:sequence and xs:any: declare the type inside an xs:element/,
  },
];

for (const c of cases)
  test(`refused: ${c.name}`, async () => {
    const file = path.join(tempDir("refusals-"), "R.wsdl");
    writeFileSync(file, wsdl(c.given));
    await assert.rejects(readModel({ ...DEFAULTS, wsdl: [file] }), (e: unknown) => {
      assert.ok(e instanceof GeneratorError, String(e));
      assert.match(e.format(), c.want);
      return true;
    });
  });

test("refused: a type that does not resolve, behind an element ref=, is reported where the element declares it", async () => {
  const dir = tempDir("typeref-");
  writeFileSync(
    path.join(dir, "ns2.xsd"),
    `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:ns2" xmlns:ns2="urn:ns2">\n\n  <xs:element name="LineItem" type="ns2:LineItemType"/>\n</xs:schema>`,
  );
  writeFileSync(
    path.join(dir, "R.wsdl"),
    wsdl({
      types: `<xs:schema targetNamespace="urn:r" xmlns:ns2="urn:ns2" elementFormDefault="qualified"><xs:import namespace="urn:ns2" schemaLocation="ns2.xsd"/><xs:element name="Get"><xs:complexType><xs:sequence><xs:element ref="ns2:LineItem"/></xs:sequence></xs:complexType></xs:element><xs:element name="GetResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element></xs:schema>`,
      binding: soapBinding("http://schemas.xmlsoap.org/soap/http"),
    }),
  );
  await assert.rejects(readModel({ ...DEFAULTS, wsdl: [path.join(dir, "R.wsdl")] }), (e: unknown) => {
    assert.ok(e instanceof GeneratorError, String(e));
    assert.match(
      e.format(),
      /ns2\.xsd:4:3: error: type \{urn:ns2\}LineItemType not found \(referred to by element LineItem, used in element Get at .*R\.wsdl:3:\d+\)/,
    );
    return true;
  });
});
