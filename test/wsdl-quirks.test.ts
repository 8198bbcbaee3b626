// What published WSDLs do that schema processors read one way: names with stray whitespace, and
// an import of the XML Schema namespace itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULTS } from "../generator/config.js";
import { readModel } from "../generator/generate.js";
import { decodeEnvelope } from "../runtime/decode.js";
import { operations } from "../runtime/schema.js";
import { xsInt } from "../runtime/xsd.js";
import { listen } from "./helpers/server.js";
import { tempDir } from "./helpers/temp.js";

const wsdl = (schemaExtra: string, member: string) => `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:q" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:q" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
<wsdl:types><xsd:schema targetNamespace="urn:q" elementFormDefault="qualified">${schemaExtra}
  <xsd:element name="Get"><xsd:complexType><xsd:sequence/></xsd:complexType></xsd:element>
  <xsd:element name="GetResponse"><xsd:complexType><xsd:sequence>${member}</xsd:sequence></xsd:complexType></xsd:element>
</xsd:schema></wsdl:types>
<wsdl:message name="In"><wsdl:part name="p" element="tns:Get"/></wsdl:message>
<wsdl:message name="Out"><wsdl:part name="p" element="tns:GetResponse"/></wsdl:message>
<wsdl:portType name="Q"><wsdl:operation name="Get"><wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/></wsdl:operation></wsdl:portType>
<wsdl:binding name="B" type="tns:Q"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/><wsdl:operation name="Get"><soap:operation soapAction="urn:q/Get"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation></wsdl:binding>
<wsdl:service name="S"><wsdl:port name="P" binding="tns:B"><soap:address location="http://q.example/"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;

const read = async (text: string) => {
  const file = path.join(tempDir("quirks-"), "Q.wsdl");
  writeFileSync(file, text);
  return readModel({ ...DEFAULTS, wsdl: [file] });
};

test('name="ResultCode " is the NCName ResultCode (whitespace collapsed), and <ResultCode> decodes', async () => {
  const model = await read(wsdl("", '<xsd:element name="ResultCode " type="xsd:int"/><xsd:element name="\tOther\n" type="xsd:int"/>'));
  const members = model.services[0]!.operations[0]!.output.body;
  const type = members.type as { elements?: readonly { name: string }[] };
  assert.deepEqual(
    (type.elements ?? []).map((e) => e.name),
    ["ResultCode", "Other"],
  );
  // As the generated descriptors then have it, a server's <ResultCode> is read.
  const op = operations(
    "urn:q",
    "",
    { in: [], out: [] },
    {
      Get: [
        [],
        [
          ["ResultCode", xsInt, 0],
          ["Other", xsInt, 0],
        ],
      ],
    },
  ).Get;
  const env = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetResponse xmlns="urn:q"><ResultCode>7</ResultCode><Other>8</Other></GetResponse></s:Body></s:Envelope>`;
  assert.deepEqual(decodeEnvelope(env, op, new Map()).body, { ResultCode: 7, Other: 8 });
});

test("an xs:import of the XML Schema namespace is not fetched: its types are built in, and a warning says so", async () => {
  let fetched = 0;
  const srv = await listen((_req, res) => {
    fetched++;
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<html><body>Mono's help page</body></html>");
  });
  try {
    const model = await read(
      wsdl(`<xsd:import namespace="http://www.w3.org/2001/XMLSchema" schemaLocation="${srv.url}/svc?xsd="/>`, '<xsd:element name="When" type="xsd:dateTime"/>'),
    );
    assert.equal(fetched, 0);
    assert.equal(model.services[0]!.operations.length, 1);
    assert.match(
      model.warnings.join("\n"),
      /Q\.wsdl:3:\d+: warning: xs:import of the XML Schema namespace itself \(schemaLocation="http:\/\/127\.0\.0\.1:\d+\/svc\?xsd="\): its types are built in, so it is not fetched/,
    );
  } finally {
    await srv.close();
  }
});
