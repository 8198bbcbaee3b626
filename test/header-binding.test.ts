// soap:header bindings: which parts go in the Body and which in the Header, and the same header
// bound twice.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULTS } from "../generator/config.js";
import { readModel } from "../generator/generate.js";
import { ROOT, runCli } from "./helpers/cli.js";
import { matchesSnapshot } from "./helpers/snapshot.js";
import { tempDir } from "./helpers/temp.js";

/** GetLastTradePrice as zeep's soap_header.wsdl has it: one message, a body part and two parts bound as headers. */
const wsdl = (inputBinding: string) => `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:stock" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:stock" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<wsdl:types><xs:schema targetNamespace="urn:stock" elementFormDefault="qualified">
  <xs:element name="TradePriceRequest"><xs:complexType><xs:sequence><xs:element name="tickerSymbol" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="TradePrice"><xs:complexType><xs:sequence><xs:element name="price" type="xs:float"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="RequestHeader"><xs:complexType><xs:sequence><xs:element name="user" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
  <xs:element name="Token" type="xs:string"/>
</xs:schema></wsdl:types>
<wsdl:message name="In"><wsdl:part name="header" element="tns:RequestHeader"/><wsdl:part name="body" element="tns:TradePriceRequest"/><wsdl:part name="token" element="tns:Token"/></wsdl:message>
<wsdl:message name="Out"><wsdl:part name="body" element="tns:TradePrice"/></wsdl:message>
<wsdl:portType name="Stock"><wsdl:operation name="GetLastTradePrice"><wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/></wsdl:operation></wsdl:portType>
<wsdl:binding name="B" type="tns:Stock"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
  <wsdl:operation name="GetLastTradePrice"><soap:operation soapAction="urn:stock/GetLastTradePrice"/>
    <wsdl:input>${inputBinding}</wsdl:input>
    <wsdl:output><soap:body use="literal"/></wsdl:output>
  </wsdl:operation>
</wsdl:binding>
<wsdl:service name="S"><wsdl:port name="P" binding="tns:B"><soap:address location="http://stock.example/"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;

const read = async (inputBinding: string) => {
  const file = path.join(tempDir("headers-"), "Stock.wsdl");
  writeFileSync(file, wsdl(inputBinding));
  return readModel({ ...DEFAULTS, wsdl: [file] });
};
const HEADER = '<soap:header message="tns:In" part="header" use="literal"/>';
const TOKEN = '<soap:header message="tns:In" part="token" use="literal"/>';

const cases: { name: string; binding: string; body: string[]; bare: boolean; headers: string[]; warning?: RegExp }[] = [
  {
    name: "no parts=: the parts bound as headers are not in the Body (WS-I BP R2210)",
    binding: `<soap:body use="literal"/>${HEADER}${TOKEN}`,
    body: ["TradePriceRequest"],
    bare: false,
    headers: ["RequestHeader", "Token"],
  },
  {
    name: "parts= names the Body's parts",
    binding: `<soap:body use="literal" parts="body"/>${HEADER}${TOKEN}`,
    body: ["TradePriceRequest"],
    bare: false,
    headers: ["RequestHeader", "Token"],
  },
  {
    name: "a part neither in parts= nor bound as a header is sent nowhere",
    binding: `<soap:body use="literal" parts="body"/>${HEADER}`,
    body: ["TradePriceRequest"],
    bare: false,
    headers: ["RequestHeader"],
  },
  {
    name: "the same header bound twice, identically: taken once, with a warning",
    binding: `<soap:body use="literal"/>${HEADER}${HEADER}${TOKEN}`,
    body: ["TradePriceRequest"],
    bare: false,
    headers: ["RequestHeader", "Token"],
    warning: /Stock\.wsdl:\d+:\d+: warning: header element RequestHeader is bound twice, identically, in wsdl:input of GetLastTradePrice: taken once/,
  },
];

for (const c of cases)
  test(`soap:header: ${c.name}`, async () => {
    const model = await read(c.binding);
    const input = model.services[0]!.operations[0]!.input;
    // One body part that is a wrapper element: document/literal wrapped.
    assert.deepEqual(
      {
        body: c.body.length === 1 && input.kind !== "bare" ? [input.body.qname.local] : [],
        bare: input.kind === "bare",
        headers: input.headers.map((h) => h.element.qname.local),
      },
      { body: c.body, bare: c.bare, headers: c.headers },
    );
    if (c.warning) assert.match(model.warnings.join("\n"), c.warning);
  });

test("soap:header: the same header bound twice, differently, is an error", async () => {
  await assert.rejects(
    read(`<soap:body use="literal"/>${HEADER}<soap:header message="tns:In" part="header" use="literal" namespace="urn:other"/>`),
    /header element RequestHeader is bound twice, differently, in wsdl:input of GetLastTradePrice/,
  );
});

test("soap:header bound twice, identically: the generated client sends it once (snapshot)", () => {
  const dir = tempDir("headers-gen-", ROOT);
  writeFileSync(path.join(dir, "Stock.wsdl"), wsdl(`<soap:body use="literal"/>${HEADER}${HEADER}${TOKEN}`));
  const r = runCli(["--wsdl", path.join(dir, "Stock.wsdl"), "--out", path.join(dir, "out"), "--profile", "generic"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /warning: header element RequestHeader is bound twice, identically/);
  matchesSnapshot(path.join(dir, "out", "stock.ts"), "HeaderBinding.duplicate.stock.ts.snap");
  matchesSnapshot(path.join(dir, "out", "stock.operations.ts"), "HeaderBinding.duplicate.stock.operations.ts.snap");
});
