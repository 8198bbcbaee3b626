// Which SOAP port each portType's agent is made from, and its address (generator/wsdl/ports.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readDocument } from "../helpers/wsdl.js";

const NS = "urn:ports";
const SOAP11 = "http://schemas.xmlsoap.org/wsdl/soap/";
const SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/";

/** A WSDL of one portType, with the given bindings (`soap`/`soap12` prefixes bound) and service ports. */
const wsdl = (bindings: string, ports: string) => `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="${NS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="${SOAP11}" xmlns:soap12="${SOAP12}" xmlns:tns="${NS}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<wsdl:types><xs:schema targetNamespace="${NS}"><xs:element name="Ping" type="xs:string"/></xs:schema></wsdl:types>
<wsdl:message name="M"><wsdl:part name="p" element="tns:Ping"/></wsdl:message>
<wsdl:portType name="Svc"><wsdl:operation name="Ping"><wsdl:input message="tns:M"/><wsdl:output message="tns:M"/></wsdl:operation></wsdl:portType>
${bindings}
<wsdl:service name="S">${ports}</wsdl:service>
</wsdl:definitions>`;
const binding = (name: string, prefix: "soap" | "soap12", transport = "http://schemas.xmlsoap.org/soap/http") =>
  `<wsdl:binding name="${name}" type="tns:Svc"><${prefix}:binding transport="${transport}"/><wsdl:operation name="Ping"><${prefix}:operation soapAction="a"/><wsdl:input><${prefix}:body use="literal"/></wsdl:input><wsdl:output><${prefix}:body use="literal"/></wsdl:output></wsdl:operation></wsdl:binding>`;
const port = (name: string, b: string, prefix: "soap" | "soap12", location = `http://svc.example/${name}`) =>
  `<wsdl:port name="${name}" binding="tns:${b}"><${prefix}:address location="${location}"/></wsdl:port>`;

const cases: { name: string; wsdl: string; soapVersion?: "1.1" | "1.2" | "both"; want: string[]; warning?: RegExp }[] = [
  { name: "a SOAP 1.1 port", wsdl: wsdl(binding("B", "soap"), port("P", "B", "soap")), want: ["Svc 1.1 P http://svc.example/P"] },
  {
    name: "the SOAP 1.2 binding's own HTTP transport URI (CXF, JAX-WS)",
    wsdl: wsdl(binding("B", "soap12", "http://www.w3.org/2003/05/soap/bindings/HTTP/"), port("P", "B", "soap12")),
    want: ["Svc 1.2 P http://svc.example/P"],
  },
  {
    name: "1.1 preferred when a portType is bound both ways; 1.2 when asked; both as two agents",
    wsdl: wsdl(binding("B11", "soap") + binding("B12", "soap12"), port("P12", "B12", "soap12") + port("P11", "B11", "soap")),
    want: ["Svc 1.1 P11 http://svc.example/P11"],
  },
  {
    name: "soapVersion 1.2",
    soapVersion: "1.2",
    wsdl: wsdl(binding("B11", "soap") + binding("B12", "soap12"), port("P12", "B12", "soap12") + port("P11", "B11", "soap")),
    want: ["Svc 1.2 P12 http://svc.example/P12"],
  },
  {
    name: "soapVersion both",
    soapVersion: "both",
    wsdl: wsdl(binding("B11", "soap") + binding("B12", "soap12"), port("P12", "B12", "soap12") + port("P11", "B11", "soap")),
    want: ["Svc 1.1 P11 http://svc.example/P11", "SvcSoap12 1.2 P12 http://svc.example/P12"],
  },
  { name: "a binding no port reaches: an agent without an address", wsdl: wsdl(binding("B", "soap"), ""), want: ["Svc 1.1 B "] },
  {
    name: "a port's localhost address is kept, with a warning",
    wsdl: wsdl(binding("B", "soap"), port("P", "B", "soap", "http://localhost:8080/svc")),
    want: ["Svc 1.1 P http://localhost:8080/svc"],
    warning: /soap:address http:\/\/localhost:8080\/svc is the publishing machine's own address/,
  },
  {
    name: "a port naming an undefined binding is left out, with a warning; its portType's binding still gets an agent",
    wsdl: wsdl(binding("B", "soap"), `<wsdl:port name="Gone" binding="tns:Nowhere"><soap:address location="http://x.example/"/></wsdl:port>`),
    want: ["Svc 1.1 B "],
    warning: /port Gone names binding \{urn:ports\}Nowhere, which the WSDL does not define: left out \(bindings defined: B\)/,
  },
];

for (const c of cases)
  test(`ports: ${c.name}`, async () => {
    const r = await readDocument(c.wsdl, c.soapVersion ? { soapVersion: c.soapVersion } : {});
    assert.deepEqual(
      r.services.map((s) => `${s.name} ${s.soapVersion} ${s.portName} ${s.address}`),
      c.want,
    );
    if (c.warning)
      assert.ok(
        r.warnings.some((w) => c.warning!.test(w.message)),
        r.warnings.map((w) => w.message).join("\n"),
      );
  });

test("ports: no SOAP port over HTTP is an error saying what each binding is instead", async () => {
  await assert.rejects(
    readDocument(wsdl(binding("B", "soap", "http://www.example.org/jms"), port("P", "B", "soap"))),
    /no wsdl:port with a SOAP 1\.1 or 1\.2 binding over HTTP .*: B is SOAP over http:\/\/www\.example\.org\/jms, not HTTP/,
  );
});
