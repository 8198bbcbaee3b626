// WSDLs as Java stacks (CXF, Axis2, Metro/JAX-WS, JBossWS, Spring-WS) publish them, one small
// fixture of each class a strict run once refused: each generates in strict mode, compiles, its
// agent is snapshot-tested, and a call's request is zeep's for the same values (zeep, Debian's
// python3-zeep, reading the same WSDL).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, runCli, typecheck } from "./helpers/cli.js";
import { capturingFetch } from "./helpers/capture.js";
import { matchesSnapshot } from "./helpers/snapshot.js";
import { tempDir } from "./helpers/temp.js";
import { xmlTree, type XmlTree } from "./helpers/xml.js";

const NS = "urn:java";
const head = (extra = "") =>
  `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="Orders" targetNamespace="${NS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:tns="${NS}" xmlns:xs="http://www.w3.org/2001/XMLSchema"${extra}>`;
const types = (body: string) => `<wsdl:types><xs:schema targetNamespace="${NS}" elementFormDefault="qualified">${body}</xs:schema></wsdl:types>`;
/** Messages, a portType and a document/literal binding of one operation, getOrder(id) -> order, over `soap` (1.1) or `soap12`. */
const operation = (prefix: "soap" | "soap12" = "soap", transport = "http://schemas.xmlsoap.org/soap/http") => `
<wsdl:message name="getOrder"><wsdl:part name="parameters" element="tns:getOrder"/></wsdl:message>
<wsdl:message name="getOrderResponse"><wsdl:part name="parameters" element="tns:getOrderResponse"/></wsdl:message>
<wsdl:portType name="OrderService"><wsdl:operation name="getOrder"><wsdl:input message="tns:getOrder"/><wsdl:output message="tns:getOrderResponse"/></wsdl:operation></wsdl:portType>
<wsdl:binding name="OrderServiceBinding" type="tns:OrderService"><${prefix}:binding style="document" transport="${transport}"/>
<wsdl:operation name="getOrder"><${prefix}:operation soapAction=""/><wsdl:input><${prefix}:body use="literal"/></wsdl:input><wsdl:output><${prefix}:body use="literal"/></wsdl:output></wsdl:operation></wsdl:binding>
<wsdl:service name="OrderService"><wsdl:port name="OrderServicePort" binding="tns:OrderServiceBinding"><${prefix}:address location="http://orders.example/ws"/></wsdl:port></wsdl:service>`;
const wrappers = `<xs:element name="getOrder"><xs:complexType><xs:sequence><xs:element name="id" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
<xs:element name="getOrderResponse"><xs:complexType><xs:sequence><xs:element name="return" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType></xs:element>`;

interface Fixture {
  /** The class of the issue, and what the fixture holds. */
  name: string;
  snapshot: string;
  /** Main.wsdl and the documents beside it. */
  files: Record<string, string>;
  /** The agent's file to snapshot, and its class. */
  agent: string;
  client: string;
  op: string;
  request: object;
  zeepRequest: object;
  /** What the generator must say of it (a warning, where it stands). */
  warning?: RegExp;
  /** The WSDL as zeep is given it, where zeep cannot read the fixture itself. */
  forZeep?: (wsdl: string) => string;
}

const fixtures: Fixture[] = [
  {
    name: "the SOAP 1.2 binding's own HTTP transport URI",
    snapshot: "JavaStacks.soap12-transport",
    files: { "Main.wsdl": `${head()}${types(wrappers)}${operation("soap12", "http://www.w3.org/2003/05/soap/bindings/HTTP/")}</wsdl:definitions>` },
    agent: "order-service",
    client: "OrderServiceAgent",
    op: "getOrder",
    request: { id: 7 },
    zeepRequest: { id: 7 },
  },
  {
    name: "a wsdl:import of an XSD document",
    snapshot: "JavaStacks.wsdl-import-xsd",
    files: {
      "Types.xsd": `<?xml version="1.0"?><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${NS}" elementFormDefault="qualified">${wrappers}</xs:schema>`,
      "Main.wsdl": `${head()}<wsdl:import namespace="${NS}" location="Types.xsd"/>${operation()}</wsdl:definitions>`,
    },
    agent: "order-service",
    client: "OrderServiceAgent",
    op: "getOrder",
    request: { id: 7 },
    zeepRequest: { id: 7 },
    warning: /Main\.wsdl:\d+:\d+: warning: wsdl:import of Types\.xsd, an XML Schema document: read as a schema of this WSDL/,
  },
  {
    name: "wsdl:import cycles: policy documents that import each other",
    snapshot: "JavaStacks.import-cycle",
    files: {
      "PolicyA.wsdl": `${head()}<wsdl:import namespace="${NS}" location="PolicyB.wsdl"/></wsdl:definitions>`,
      "PolicyB.wsdl": `${head()}<wsdl:import namespace="${NS}" location="PolicyA.wsdl"/></wsdl:definitions>`,
      "Main.wsdl": `${head()}<wsdl:import namespace="${NS}" location="PolicyA.wsdl"/>${types(wrappers)}${operation()}</wsdl:definitions>`,
    },
    agent: "order-service",
    client: "OrderServiceAgent",
    op: "getOrder",
    request: { id: 7 },
    zeepRequest: { id: 7 },
  },
  {
    name: "a DOCTYPE inside a comment, one naming an external DTD, an empty internal subset: ignored, nothing fetched",
    snapshot: "JavaStacks.doctype",
    files: {
      "ws-addr.xsd": `<?xml version="1.0"?>\n<!-- <!DOCTYPE xs:schema PUBLIC "-//W3C//DTD XMLSCHEMA 200102//EN" "http://www.w3.org/2001/XMLSchema.dtd"> -->\n<!DOCTYPE xs:schema PUBLIC "-//W3C//DTD XMLSCHEMA 200102//EN" "http://unreachable.invalid/XMLSchema.dtd" [ ]>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:addr" elementFormDefault="qualified"><xs:element name="To" type="xs:string"/></xs:schema>`,
      "Main.wsdl": `<?xml version="1.0"?>\n<!DOCTYPE wsdl:definitions SYSTEM "http://unreachable.invalid/wsdl.dtd">\n${head().slice(head().indexOf("<wsdl:definitions"))}${types(`<xs:import namespace="urn:addr" schemaLocation="ws-addr.xsd"/>${wrappers}`)}${operation()}</wsdl:definitions>`,
    },
    agent: "order-service",
    client: "OrderServiceAgent",
    op: "getOrder",
    request: { id: 7 },
    zeepRequest: { id: 7 },
  },
  {
    name: "defects in what the SOAP port never uses: an HTTP binding's untyped part, an unreached type's undeclared attribute, a message only an unused binding names",
    snapshot: "JavaStacks.unused-defects",
    files: {
      "Main.wsdl": `${head(' xmlns:http="http://schemas.xmlsoap.org/wsdl/http/" xmlns:mime="http://schemas.xmlsoap.org/wsdl/mime/"')}${types(
        `${wrappers}<xs:complexType name="Unused"><xs:sequence><xs:element name="a" type="xs:int"/></xs:sequence><xs:attribute ref="tns:nowhere"/></xs:complexType>`,
      )}
<wsdl:message name="getOrderHttp"><wsdl:part name="id"/></wsdl:message>
<wsdl:message name="ghost"><wsdl:part name="p" element="tns:notDeclared"/></wsdl:message>
<wsdl:portType name="OrderHttp"><wsdl:operation name="getOrder"><wsdl:input message="tns:getOrderHttp"/><wsdl:output message="tns:ghost"/></wsdl:operation></wsdl:portType>
<wsdl:binding name="OrderHttpBinding" type="tns:OrderHttp"><http:binding verb="GET"/><wsdl:operation name="getOrder"><http:operation location="/order"/><wsdl:input><http:urlEncoded/></wsdl:input><wsdl:output><mime:mimeXml/></wsdl:output></wsdl:operation></wsdl:binding>
${operation()}</wsdl:definitions>`,
    },
    agent: "order-service",
    client: "OrderServiceAgent",
    op: "getOrder",
    request: { id: 7 },
    zeepRequest: { id: 7 },
    warning: /Main\.wsdl:\d+:\d+: warning: part id of message getOrderHttp has neither element= nor type=; no SOAP operation uses it, so it is left out/,
    // zeep 4.2 resolves an unused type's attribute ref too ("Unable to resolve attribute {urn:java}nowhere"): it gets the WSDL without that type.
    forZeep: (wsdl) => wsdl.replace(/<xs:complexType name="Unused">.*?<\/xs:complexType>/, ""),
  },
  {
    name: "rpc/literal: a fault whose part uses type=, and soap:body parts= naming the header's part",
    snapshot: "JavaStacks.rpc-fault",
    files: {
      "Main.wsdl": `${head()}${types(`<xs:complexType name="OrderFault"><xs:sequence><xs:element name="code" type="xs:int"/></xs:sequence></xs:complexType>`)}
<wsdl:message name="cancel"><wsdl:part name="id" type="xs:int"/></wsdl:message>
<wsdl:message name="auth"><wsdl:part name="token" type="xs:string"/></wsdl:message>
<wsdl:message name="cancelResponse"><wsdl:part name="return" type="xs:boolean"/></wsdl:message>
<wsdl:message name="notFound"><wsdl:part name="fault" type="tns:OrderFault"/></wsdl:message>
<wsdl:portType name="OrderRpc"><wsdl:operation name="cancel"><wsdl:input message="tns:cancel"/><wsdl:output message="tns:cancelResponse"/><wsdl:fault name="NotFound" message="tns:notFound"/></wsdl:operation></wsdl:portType>
<wsdl:binding name="OrderRpcBinding" type="tns:OrderRpc"><soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
<wsdl:operation name="cancel"><soap:operation soapAction=""/><wsdl:input><soap:body use="literal" namespace="${NS}" parts="id token"/><soap:header message="tns:auth" part="token" use="literal" namespace="${NS}"/></wsdl:input>
<wsdl:output><soap:body use="literal" namespace="${NS}"/></wsdl:output><wsdl:fault name="NotFound"><soap:fault name="NotFound" use="literal" namespace="${NS}"/></wsdl:fault></wsdl:operation></wsdl:binding>
<wsdl:service name="OrderRpc"><wsdl:port name="OrderRpcPort" binding="tns:OrderRpcBinding"><soap:address location="http://orders.example/rpc"/></wsdl:port></wsdl:service></wsdl:definitions>`,
    },
    agent: "order-rpc",
    client: "OrderRpcAgent",
    op: "cancel",
    request: { id: 7 },
    zeepRequest: { id: 7 },
    warning: /warning: soap:body names part token, which message cancel does not have: a soap:header of cancel binds it, so it is sent there/,
  },
  {
    name: "one element name twice in a content model, once inside a choice (xmldsig's PGPDataType)",
    snapshot: "JavaStacks.name-in-choice",
    files: {
      "Main.wsdl": `${head()}${types(`<xs:complexType name="PGPDataType"><xs:choice>
  <xs:sequence><xs:element name="PGPKeyID" type="xs:string"/><xs:element name="PGPKeyPacket" type="xs:string" minOccurs="0"/><xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
  <xs:sequence><xs:element name="PGPKeyPacket" type="xs:string"/><xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
</xs:choice></xs:complexType>
<xs:element name="getOrder"><xs:complexType><xs:sequence><xs:element name="id" type="xs:int"/><xs:element name="key" type="tns:PGPDataType"/></xs:sequence></xs:complexType></xs:element>
<xs:element name="getOrderResponse"><xs:complexType><xs:sequence><xs:element name="return" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType></xs:element>`)}${operation()}</wsdl:definitions>`,
    },
    agent: "order-service",
    client: "OrderServiceAgent",
    op: "getOrder",
    // zeep writes the first alternative only (a name in two, as in test/content-model-shapes.test.ts).
    request: { id: 7, key: { PGPKeyID: "id", PGPKeyPacket: "packet" } },
    zeepRequest: { id: 7, key: { PGPKeyID: "id", PGPKeyPacket: "packet" } },
  },
];

/** The Body's child of an envelope, as a tree. */
const bodyOf = (envelope: string): XmlTree => xmlTree(envelope).children.find((c) => c.name.endsWith("}Body"))!.children[0]!;

for (const f of fixtures)
  test(`Java stacks: ${f.name}`, async () => {
    const dir = tempDir("java-", ROOT);
    for (const [name, text] of Object.entries(f.files)) writeFileSync(path.join(dir, name), text);
    const out = path.join(dir, "out");
    const r = runCli(["--wsdl", path.join(dir, "Main.wsdl"), "--out", out]);
    assert.equal(r.code, 0, r.stderr);
    if (f.warning) assert.match(r.stderr, f.warning);
    assert.equal(typecheck(path.join(out, "index.ts")).code, 0);
    matchesSnapshot(path.join(out, `${f.agent}.ts`), `${f.snapshot}.${f.agent}.ts.snap`);
    // Our request for the values, and zeep's.
    const index = (await import(pathToFileURL(path.join(out, "index.ts")).href)) as Record<
      string,
      new (o: object) => { invoke(op: string, r: object, o?: object): Promise<unknown> }
    >;
    const { fetch, calls } = capturingFetch("<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body/></s:Envelope>");
    const options = f.op === "cancel" ? { headers: { token: "t0k" } } : {};
    await new index[f.client]!({ fetch }).invoke(f.op, f.request, options).catch(() => undefined);
    const port = /<wsdl:port name="(\w+)"/.exec(f.files["Main.wsdl"]!)![1]!;
    const service = /<wsdl:service name="(\w+)"/.exec(f.files["Main.wsdl"]!)![1]!;
    const jobs = { service, build: [{ port, op: f.op, request: { ...f.zeepRequest, ...(f.op === "cancel" ? { _soapheaders: { token: "t0k" } } : {}) } }] };
    if (f.forZeep) writeFileSync(path.join(dir, "Zeep.wsdl"), f.forZeep(f.files["Main.wsdl"]!));
    const z = spawnSync("/usr/bin/python3", [path.join(ROOT, "test/interop/zeep_messages.py"), path.join(dir, f.forZeep ? "Zeep.wsdl" : "Main.wsdl")], {
      input: JSON.stringify(jobs),
      encoding: "utf8",
    });
    assert.equal(z.status, 0, z.stderr);
    const built = (JSON.parse(z.stdout) as { build: { request?: string; error?: string }[] }).build[0]!;
    assert.equal(built.error, undefined, built.error);
    assert.deepEqual(bodyOf(calls[0]!.body), bodyOf(built.request!));
  });
