// Binding operations (generator/wsdl/operations.ts): the portType operation each binds, its style,
// SOAPAction, faults, one-way and WS-Addressing; operations no client can call are left out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readDocument } from "../helpers/wsdl.js";

const NS = "urn:ops";
const wsdl = (o: { portType: string; binding: string; bindingAttrs?: string; extra?: string }) => `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="${NS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${NS}" xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:wsaw="http://www.w3.org/2006/05/addressing/wsdl" xmlns:wsam="http://www.w3.org/2007/05/addressing/metadata" xmlns:wsp="http://www.w3.org/ns/ws-policy">
<wsdl:types><xs:schema targetNamespace="${NS}"><xs:element name="V" type="xs:int"/><xs:element name="Oops" type="xs:string"/></xs:schema></wsdl:types>
<wsdl:message name="M"><wsdl:part name="p" element="tns:V"/></wsdl:message>
<wsdl:message name="F"><wsdl:part name="f" element="tns:Oops"/></wsdl:message>
${o.extra ?? ""}
<wsdl:portType name="Svc">${o.portType}</wsdl:portType>
<wsdl:binding name="B" type="tns:Svc"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"${o.bindingAttrs ?? ""}/>${o.binding}</wsdl:binding>
<wsdl:service name="S"><wsdl:port name="P" binding="tns:B"><soap:address location="http://x.example/"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;
const bound = (
  name: string,
  io = '<wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output>',
  op = `<soap:operation soapAction="urn:${name}"/>`,
) => `<wsdl:operation name="${name}">${op}${io}</wsdl:operation>`;
const abstract = (name: string, io = '<wsdl:input message="tns:M"/><wsdl:output message="tns:M"/>') => `<wsdl:operation name="${name}">${io}</wsdl:operation>`;

test("operations: each with its SOAPAction, faults, and one-way when it has no output", async () => {
  const r = await readDocument(
    wsdl({
      portType:
        abstract("Get", '<wsdl:input message="tns:M"/><wsdl:output message="tns:M"/><wsdl:fault name="Bad" message="tns:F"/>') +
        abstract("Log", '<wsdl:input message="tns:M"/>'),
      binding: bound("Get") + bound("Log", '<wsdl:input><soap:body use="literal"/></wsdl:input>'),
    }),
  );
  const ops = r.services[0]!.operations;
  assert.deepEqual(
    ops.map((o) => [o.name, o.soapAction, o.oneWay === true, o.faults.map((f) => `${f.name}=${f.element.qname.local}`)]),
    [
      ["Get", "urn:Get", false, ["Bad=Oops"]],
      ["Log", "urn:Log", true, []],
    ],
  );
  assert.equal(ops[1]!.output.kind, "bare");
});

test("operations: one no client can call is left out with a warning, and the rest are read", async () => {
  const r = await readDocument(
    wsdl({
      portType: abstract("Get") + abstract("Notify", '<wsdl:output message="tns:M"/>'),
      binding: bound("Get") + bound("Notify", '<wsdl:output><soap:body use="literal"/></wsdl:output>') + bound("Extra"),
    }),
  );
  assert.deepEqual(
    r.services[0]!.operations.map((o) => o.name),
    ["Get"],
  );
  const warnings = r.warnings.map((w) => w.message).join("\n");
  assert.match(warnings, /operation Notify has no wsdl:input: left out \(notification and solicit-response operations/);
  assert.match(warnings, /binding operation Extra is not in portType Svc: left out/);
});

test("operations: WS-Addressing in use (UsingAddressing, or a policy's Addressing): each operation's action", async () => {
  const policy = `<wsp:Policy wsu:Id="Addr" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"><wsam:Addressing/></wsp:Policy>`;
  const cases: [string, Parameters<typeof wsdl>[0], (string | undefined)[]][] = [
    [
      "wsaw:UsingAddressing: the input's wsam:Action, else the SOAPAction",
      {
        portType: abstract("Get", '<wsdl:input message="tns:M" wsam:Action="urn:act:Get"/><wsdl:output message="tns:M"/>') + abstract("Put"),
        binding: "<wsaw:UsingAddressing/>" + bound("Get") + bound("Put"),
      },
      ["urn:act:Get", "urn:Put"],
    ],
    ["a policy's wsam:Addressing", { extra: policy, portType: abstract("Get"), binding: '<wsp:PolicyReference URI="#Addr"/>' + bound("Get") }, ["urn:Get"]],
    [
      "a wsam:Action alone: no addressing (as svcutil)",
      { portType: abstract("Get", '<wsdl:input message="tns:M" wsam:Action="urn:act:Get"/><wsdl:output message="tns:M"/>'), binding: bound("Get") },
      [undefined],
    ],
  ];
  for (const [name, given, want] of cases) {
    const r = await readDocument(wsdl(given));
    assert.deepEqual(
      r.services[0]!.operations.map((o) => o.addressing),
      want,
      name,
    );
  }
});

test("operations: what cannot be called as written is an error naming it", async () => {
  const refused: [Parameters<typeof wsdl>[0], RegExp][] = [
    [{ portType: abstract("Get"), binding: bound("Get") + bound("Get") }, /binding operation Get is defined twice \(overloaded operations are not supported\)/],
    [
      { portType: abstract("Get"), binding: bound("Get", undefined, '<soap:operation soapAction="a" style="message"/>') },
      /operation Get has style="message"; expected document or rpc/,
    ],
    [
      {
        portType: abstract("Get", '<wsdl:input message="tns:M"/><wsdl:output message="tns:M"/><wsdl:fault name="Bad" message="tns:Gone"/>'),
        binding: bound("Get"),
      },
      /message \{urn:ops\}Gone not found \(referred to by <wsdl:fault name="Bad">\)/,
    ],
  ];
  for (const [given, reason] of refused) await assert.rejects(readDocument(wsdl(given)), reason);
  // Lenient: such an operation is left out, and the rest are read.
  const r = await readDocument(
    wsdl({ portType: abstract("Get", '<wsdl:input message="tns:Gone"/>') + abstract("Put"), binding: bound("Get") + bound("Put") }),
    { lenient: true },
  );
  assert.deepEqual(
    r.services[0]!.operations.map((o) => o.name),
    ["Put"],
  );
  assert.match(r.warnings.map((w) => w.message).join("\n"), /message \{urn:ops\}Gone not found .*: operation Get is left out \(--lenient\)/);
});
