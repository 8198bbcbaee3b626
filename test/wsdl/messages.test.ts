// What a binding operation's input and output carry, as the WSDL says it (generator/wsdl/messages.ts):
// a document message's parts (whether it is wrapped is the messages pass's), an rpc message's
// accessors in a wrapper named after the operation, and the soap:header blocks.
import { test } from "node:test";
import assert from "node:assert/strict";
import { elementsOf, type MessageUse } from "../../generator/ir/model.js";
import { readDocument } from "../helpers/wsdl.js";

const NS = "urn:messages";
const wsdl = (o: { style?: string; parts: string; body: string; headers?: string; headerParts?: string }) => `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="${NS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${NS}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<wsdl:types><xs:schema targetNamespace="${NS}" elementFormDefault="qualified">
<xs:element name="A" type="xs:int"/><xs:element name="B" type="xs:string"/><xs:element name="Auth" type="xs:string"/>
</xs:schema></wsdl:types>
<wsdl:message name="In">${o.parts}</wsdl:message>
<wsdl:message name="H">${o.headerParts ?? '<wsdl:part name="auth" element="tns:Auth"/>'}</wsdl:message>
<wsdl:portType name="Svc"><wsdl:operation name="Do"><wsdl:input message="tns:In"/></wsdl:operation></wsdl:portType>
<wsdl:binding name="B" type="tns:Svc"><soap:binding style="${o.style ?? "document"}" transport="http://schemas.xmlsoap.org/soap/http"/>
<wsdl:operation name="Do"><soap:operation soapAction="a"/><wsdl:input>${o.body}${o.headers ?? ""}</wsdl:input></wsdl:operation></wsdl:binding>
<wsdl:service name="S"><wsdl:port name="P" binding="tns:B"><soap:address location="http://x.example/"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;

/** A message use in a line: its kind, what its Body holds, and its headers. */
function describe(u: MessageUse): string {
  const headers = u.headers.length ? ` headers ${u.headers.map((h) => `${h.part}=${h.element.qname.local}`).join(", ")}` : "";
  if (u.kind === "document")
    return `document parts ${u.parts.map((p) => `${p.name}=${p.element.qname.ns ? "" : "{}"}${p.element.qname.local}`).join(", ")}${headers}`;
  const t = u.body.type;
  const members = t.kind === "anonymous" && t.def.kind === "complex" ? elementsOf(t.def.content) : [];
  const encoded = u.kind === "rpc" && u.encoded ? ` encoded ${u.encoded}` : "";
  return `${u.kind} <{${u.body.qname.ns}}${u.body.qname.local}> ${members.map((m) => `${m.ns ? "" : "{}"}${m.name}${m.nillable ? " nillable" : ""}`).join(", ")}${encoded}${headers}`;
}

const cases: { name: string; given: Parameters<typeof wsdl>[0]; want: string; warning?: RegExp }[] = [
  {
    name: "document: the parts' elements, in the message's order",
    given: { parts: '<wsdl:part name="a" element="tns:A"/><wsdl:part name="b" element="tns:B"/>', body: '<soap:body use="literal"/>' },
    want: "document parts a=A, b=B",
  },
  {
    name: "parts= picks and orders the Body's parts",
    given: { parts: '<wsdl:part name="a" element="tns:A"/><wsdl:part name="b" element="tns:B"/>', body: '<soap:body use="literal" parts="b a"/>' },
    want: "document parts b=B, a=A",
  },
  {
    name: "a part a soap:header binds is not in the Body (WS-I R2210)",
    given: {
      parts: '<wsdl:part name="a" element="tns:A"/><wsdl:part name="auth" element="tns:Auth"/>',
      body: '<soap:body use="literal"/>',
      headers: '<soap:header message="tns:In" part="auth" use="literal"/>',
    },
    want: "document parts a=A headers auth=Auth",
  },
  {
    name: "a part typed with type=: an unqualified element named after it",
    given: { parts: '<wsdl:part name="count" type="xs:int"/>', body: '<soap:body use="literal"/>' },
    want: "document parts count={}count",
  },
  {
    name: "rpc/literal: a wrapper in the soap:body namespace, an unqualified accessor per part",
    given: {
      style: "rpc",
      parts: '<wsdl:part name="x" type="xs:int"/><wsdl:part name="y" type="xs:string"/>',
      body: '<soap:body use="literal" namespace="urn:rpc"/>',
    },
    want: "rpc <{urn:rpc}Do> {}x, {}y",
  },
  {
    name: "rpc/encoded: every accessor nillable, the encoding style kept",
    given: {
      style: "rpc",
      parts: '<wsdl:part name="x" type="xs:int"/>',
      body: '<soap:body use="encoded" namespace="urn:rpc" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/>',
    },
    want: "rpc <{urn:rpc}Do> {}x nillable encoded http://schemas.xmlsoap.org/soap/encoding/",
  },
  {
    name: "rpc without namespace=: the wrapper is unqualified, with a warning",
    given: { style: "rpc", parts: '<wsdl:part name="x" type="xs:int"/>', body: '<soap:body use="literal"/>' },
    want: "rpc <{}Do> {}x",
    warning: /soap:body of rpc-style Do \(wsdl:input\) has no namespace=: its wrapper <Do> is unqualified/,
  },
  {
    name: "the same header bound twice, identically: once, with a warning",
    given: {
      parts: '<wsdl:part name="a" element="tns:A"/>',
      body: '<soap:body use="literal"/>',
      headers: '<soap:header message="tns:H" part="auth" use="literal"/><soap:header message="tns:H" part="auth" use="literal"/>',
    },
    want: "document parts a=A headers auth=Auth",
    warning: /header element Auth is bound twice, identically, in wsdl:input of Do: taken once/,
  },
];

for (const c of cases)
  test(`messages: ${c.name}`, async () => {
    const r = await readDocument(wsdl(c.given));
    assert.equal(describe(r.services[0]!.operations[0]!.input), c.want);
    if (c.warning)
      assert.ok(
        r.warnings.some((w) => c.warning!.test(w.message)),
        r.warnings.map((w) => w.message).join("\n"),
      );
  });

test("messages: what a binding cannot mean is an error naming it", async () => {
  const refused: [Parameters<typeof wsdl>[0], RegExp][] = [
    [
      { parts: '<wsdl:part name="a" element="tns:A"/>', body: '<soap:body use="encoded"/>' },
      /soap:body use="encoded" in document-style Do: document\/encoded is not supported/,
    ],
    [
      { parts: '<wsdl:part name="a" element="tns:A"/>', body: '<soap:body use="literal" parts="ghost"/>' },
      /soap:body names part ghost, which message In does not have/,
    ],
    [{ parts: '<wsdl:part name="a" element="tns:A"/>', body: "" }, /wsdl:input of operation Do has no soap:body/],
    [
      {
        parts: '<wsdl:part name="a" element="tns:A"/>',
        body: '<soap:body use="literal"/>',
        headers: '<soap:header message="tns:H" part="nope" use="literal"/>',
      },
      /soap:header names part nope, which message H does not have/,
    ],
  ];
  for (const [given, reason] of refused) await assert.rejects(readDocument(wsdl(given)), reason);
});
