// Definitions across a document set (generator/wsdl/definitions.ts): an imported WSDL's messages,
// portTypes and bindings by their own namespace, a definition given twice, and lenient rescues.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readDocument } from "../helpers/wsdl.js";

const head = (tns: string) =>
  `<?xml version="1.0"?><wsdl:definitions targetNamespace="${tns}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema"`;
/** An abstract WSDL (types, messages, portType) in its own namespace. */
const abstract = `${head("urn:abstract")} xmlns:a="urn:abstract">
<wsdl:types><xs:schema targetNamespace="urn:abstract"><xs:element name="V" type="xs:int"/></xs:schema></wsdl:types>
<wsdl:message name="M"><wsdl:part name="p" element="a:V"/></wsdl:message>
<wsdl:portType name="Svc"><wsdl:operation name="Get"><wsdl:input message="a:M"/><wsdl:output message="a:M"/></wsdl:operation></wsdl:portType>
</wsdl:definitions>`;
const binding = (prefix: string, name = "B") =>
  `<wsdl:binding name="${name}" type="${prefix}:Svc"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/><wsdl:operation name="Get"><soap:operation soapAction="g"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation></wsdl:binding>`;
const concrete = (bindings: string) => `${head("urn:concrete")} xmlns:a="urn:abstract" xmlns:c="urn:concrete">
<wsdl:import namespace="urn:abstract" location="Abstract.wsdl"/>
${bindings}
<wsdl:service name="S"><wsdl:port name="P" binding="c:B"><soap:address location="http://x.example/"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;

test("definitions: an imported WSDL's portType and messages, each by its own document's namespace", async () => {
  const r = await readDocument(concrete(binding("a")), {}, { "Abstract.wsdl": abstract });
  const s = r.services[0]!;
  assert.deepEqual([s.name, s.targetNamespace, s.operations.map((o) => o.name)], ["Svc", "urn:abstract", ["Get"]]);
});

test("definitions: a reference to a definition nobody makes names what was looked for and who asked", async () => {
  await assert.rejects(
    readDocument(concrete(binding("c")), {}, { "Abstract.wsdl": abstract }),
    /portType \{urn:concrete\}Svc not found \(referred to by <wsdl:binding name="B">\)/,
  );
});

test("definitions: a binding defined twice is an error; lenient keeps the SOAP one, with a warning", async () => {
  const http = `<wsdl:binding name="B" type="a:Svc" xmlns:http="http://schemas.xmlsoap.org/wsdl/http/"><http:binding verb="POST"/></wsdl:binding>`;
  const text = concrete(http + binding("a"));
  await assert.rejects(readDocument(text, {}, { "Abstract.wsdl": abstract }), /wsdl:binding B is defined twice/);
  const r = await readDocument(text, { lenient: true }, { "Abstract.wsdl": abstract });
  assert.deepEqual(
    r.services[0]!.operations.map((o) => o.name),
    ["Get"],
  );
  assert.match(r.warnings.map((w) => w.message).join("\n"), /wsdl:binding B is defined twice: the second, a SOAP binding, is kept \(--lenient\)/);
});

test("definitions: lenient, an unprefixed message= is the referring document's targetNamespace", async () => {
  const text = abstract
    .replace('<wsdl:input message="a:M"/>', '<wsdl:input message="M"/>')
    .replace(
      "</wsdl:definitions>",
      `${binding("a")}<wsdl:service name="S"><wsdl:port name="P" binding="a:B"><soap:address location="http://x.example/"/></wsdl:port></wsdl:service></wsdl:definitions>`,
    );
  await assert.rejects(readDocument(text), /message \{\}M not found/);
  const r = await readDocument(text, { lenient: true });
  assert.equal(r.services[0]!.operations.length, 1);
  assert.match(r.warnings.map((w) => w.message).join("\n"), /M has no prefix and no default namespace is declared: taken as \{urn:abstract\}M/);
});
