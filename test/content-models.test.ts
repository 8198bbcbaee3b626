// Generated clients from the kinds of WSDL the corpus showed failing: a list type that other
// types extend and an element name repeated in a content model (valid XSD: once lowered to an
// array, or refused), and a WSDL with a member of an undeclared type (a defect: --lenient keeps
// its XML as open content). Each generates, type-checks under strict tsc, and carries its values
// both ways.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, runCli, typecheck } from "./helpers/cli.js";
import { capturingFetch } from "./helpers/capture.js";
import { matchesSnapshot } from "./helpers/snapshot.js";
import { tempDir } from "./helpers/temp.js";
import { oneOperationWsdl } from "./helpers/wsdl.js";

const NS = "urn:lists";
const ENV = (body: string) => `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`;
type Svc = new (o: object) => { do(r: object): Promise<Record<string, unknown>> };

/** Generates from `wsdl`, checks the generated types against `snapshot`, and imports the client. */
async function client(wsdl: string, snapshot: string, args: string[] = [], snapshotted = "types.ts") {
  const dir = tempDir("lenient-", ROOT);
  const file = path.join(dir, "Lists.wsdl");
  writeFileSync(file, wsdl);
  const out = path.join(dir, "out");
  const r = runCli(["--wsdl", file, "--out", out, ...args]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(typecheck(path.join(out, "index.ts")).code, 0);
  matchesSnapshot(path.join(out, snapshotted), snapshot);
  const { SvcAgent } = (await import(pathToFileURL(path.join(out, "index.ts")).href)) as { SvcAgent: Svc };
  return { SvcAgent, stderr: r.stderr, out };
}

test("a list type that others extend: a record with a repeated member, and the derived type's members on top", async () => {
  const { SvcAgent } = await client(
    oneOperationWsdl({
      ns: NS,
      types:
        '<xs:complexType name="Names"><xs:sequence><xs:element name="Name" type="xs:string" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>' +
        '<xs:complexType name="TaggedNames"><xs:complexContent><xs:extension base="tns:Names"><xs:sequence><xs:element name="Tag" type="xs:string"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>',
      request: '<xs:element name="In" type="tns:Names"/>',
      response: '<xs:element name="Out" type="tns:Names"/>',
    }),
    "ContentModels.extended-list.types.ts.snap",
  );
  const { fetch, calls } = capturingFetch(
    ENV(
      `<DoResponse xmlns="${NS}"><Out xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type="TaggedNames"><Name>a</Name><Name>b</Name><Tag>t</Tag></Out></DoResponse>`,
    ),
  );
  const answer = await new SvcAgent({ fetch }).do({ In: { Name: ["x", "y"] } });
  assert.match(calls[0]!.body, /<In><Name>x<\/Name><Name>y<\/Name><\/In>/);
  assert.deepEqual(answer, { Out: { $type: "TaggedNames", Name: ["a", "b"], Tag: "t" } });
});

test("an element name repeated in a content model: a member per occurrence, sent and read in schema order", async () => {
  const { SvcAgent, out } = await client(
    oneOperationWsdl({
      ns: NS,
      request:
        '<xs:element name="at" type="xs:string"/><xs:element name="via" type="xs:string" minOccurs="0"/><xs:element name="to" type="xs:string"/><xs:element name="at" type="xs:int"/>',
      response: '<xs:element name="at" type="xs:string"/><xs:element name="to" type="xs:string"/><xs:element name="at" type="xs:int"/>',
    }),
    "ContentModels.repeated-names.svc.ts.snap",
    [],
    "svc.ts",
  );
  // The fields' keys (at, at2) are in the operations table, a file of its own.
  matchesSnapshot(path.join(out, "svc.operations.ts"), "ContentModels.repeated-names.svc.operations.ts.snap");
  const { fetch, calls } = capturingFetch(ENV(`<DoResponse xmlns="${NS}"><at>noon</at><to>Oslo</to><at>12</at></DoResponse>`));
  const answer = await new SvcAgent({ fetch }).do({ at: "dawn", to: "Bergen", at2: 6 });
  assert.match(calls[0]!.body, /<Do xmlns="urn:lists"><at>dawn<\/at><to>Bergen<\/to><at>6<\/at><\/Do>/);
  assert.deepEqual(answer, { at: "noon", to: "Oslo", at2: 12 });
});

test("--lenient: a member of an undeclared type arrives as its XML in $elements and is sent as given", async () => {
  const wsdl = oneOperationWsdl({
    ns: NS,
    types:
      '<xs:complexType name="Rec"><xs:sequence><xs:element name="id" type="xs:int"/><xs:element name="extra" type="tns:Undeclared"/></xs:sequence></xs:complexType>',
    request: '<xs:element name="In" type="tns:Rec"/>',
    response: '<xs:element name="Out" type="tns:Rec"/>',
  });
  const dir = tempDir("strict-", ROOT);
  writeFileSync(path.join(dir, "Lists.wsdl"), wsdl);
  const strict = runCli(["--wsdl", path.join(dir, "Lists.wsdl"), "--out", path.join(dir, "out")]);
  assert.equal(strict.code, 1);
  assert.match(strict.stderr, /error: type \{urn:lists\}Undeclared not found/);

  const { SvcAgent, stderr } = await client(wsdl, "ContentModels.lenient.types.ts.snap", ["--lenient"]);
  assert.match(stderr, /warning: type \{urn:lists\}Undeclared of element extra in complexType Rec not found: it is kept as open content/);
  assert.match(stderr, /lenient: worked round 1 defect in the WSDL/);
  const { fetch, calls } = capturingFetch(ENV(`<DoResponse xmlns="${NS}"><Out><id>1</id><extra><deep a="1">v</deep></extra></Out></DoResponse>`));
  const answer = await new SvcAgent({ fetch }).do({ In: { id: 2, $elements: [`<extra xmlns="${NS}">sent</extra>`] } });
  assert.match(calls[0]!.body, /<In><id>2<\/id><extra xmlns="urn:lists">sent<\/extra><\/In>/);
  assert.deepEqual(answer, { Out: { id: 1, $elements: ['<extra xmlns="urn:lists"><deep a="1">v</deep></extra>'] } });
});

test("JAX-RPC's collection types: list and arrayList extend an encoded array, and are that array (once exit 3: Cannot find name 'InternalCollection')", async () => {
  // The shape JAX-RPC RI publishes in {http://java.sun.com/jax-rpc-ri/internal} for java.util collections.
  const INTERNAL = "http://java.sun.com/jax-rpc-ri/internal";
  const wsdl = `<?xml version="1.0"?>
<definitions name="Journal" targetNamespace="urn:journal" xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="urn:journal" xmlns:ns2="${INTERNAL}"
  xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap11-enc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">
  <types>
    <schema targetNamespace="${INTERNAL}" xmlns="http://www.w3.org/2001/XMLSchema" xmlns:tns="${INTERNAL}">
      <import namespace="http://schemas.xmlsoap.org/soap/encoding/"/>
      <complexType name="collection"><complexContent><restriction base="soap11-enc:Array"><attribute ref="soap11-enc:arrayType" wsdl:arrayType="anyType[]"/></restriction></complexContent></complexType>
      <complexType name="list"><complexContent><extension base="tns:collection"><sequence/></extension></complexContent></complexType>
      <complexType name="arrayList"><complexContent><extension base="tns:list"><sequence/></extension></complexContent></complexType>
    </schema>
  </types>
  <message name="getEntries"><part name="int_1" type="xsd:int"/></message>
  <message name="getEntriesResponse"><part name="result" type="ns2:collection"/></message>
  <message name="putEntries"><part name="arrayList_1" type="ns2:arrayList"/></message>
  <message name="putEntriesResponse"/>
  <portType name="JournalIF">
    <operation name="getEntries"><input message="tns:getEntries"/><output message="tns:getEntriesResponse"/></operation>
    <operation name="putEntries"><input message="tns:putEntries"/><output message="tns:putEntriesResponse"/></operation>
  </portType>
  <binding name="JournalIFBinding" type="tns:JournalIF">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="rpc"/>
    <operation name="getEntries"><soap:operation soapAction=""/><input><soap:body encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" use="encoded" namespace="urn:journal"/></input><output><soap:body encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" use="encoded" namespace="urn:journal"/></output></operation>
    <operation name="putEntries"><soap:operation soapAction=""/><input><soap:body encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" use="encoded" namespace="urn:journal"/></input><output><soap:body encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" use="encoded" namespace="urn:journal"/></output></operation>
  </binding>
  <service name="Journal"><port name="JournalIFPort" binding="tns:JournalIFBinding"><soap:address location="http://journal.example/jaxrpc/JournalIF"/></port></service>
</definitions>`;
  const dir = tempDir("jaxrpc-", ROOT);
  writeFileSync(path.join(dir, "Journal.wsdl"), wsdl);
  const out = path.join(dir, "out");
  const r = runCli(["--wsdl", path.join(dir, "Journal.wsdl"), "--out", out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(typecheck(path.join(out, "index.ts")).code, 0);
  type Journal = new (o: object) => { getEntries(r: object): Promise<unknown>; putEntries(r: object): Promise<unknown> };
  const { JournalIFAgent } = (await import(pathToFileURL(path.join(out, "index.ts")).href)) as { JournalIFAgent: Journal };
  const { fetch, calls } = capturingFetch(
    ENV(
      `<ns0:getEntriesResponse xmlns:ns0="urn:journal" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:enc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:ns2="${INTERNAL}">` +
        `<result xsi:type="ns2:arrayList" enc:arrayType="xsd:anyType[2]"><item xsi:type="xsd:string">first</item><item xsi:type="xsd:int">2</item></result></ns0:getEntriesResponse>`,
    ),
  );
  // An arrayList where a collection is declared reads as the collection: the items, by their xsi:type.
  assert.deepEqual(await new JournalIFAgent({ fetch }).getEntries({ int_1: 7 }), { result: ["first", 2] });
  assert.match(calls[0]!.body, /<int_1 xmlns="" xsi:type="xs:int">7<\/int_1>/);
  // An arrayList goes as its own type, an encoded array of typed items.
  const put = capturingFetch(ENV(`<ns0:putEntriesResponse xmlns:ns0="urn:journal"/>`));
  await new JournalIFAgent({ fetch: put.fetch }).putEntries({ arrayList_1: ["a", 1] });
  assert.match(
    put.calls[0]!.body,
    /<arrayList_1 xmlns="" xmlns:enc="http:\/\/schemas\.xmlsoap\.org\/soap\/encoding\/" enc:arrayType="xs:anyType\[2\]" xsi:type="t:arrayList" xmlns:t="http:\/\/java\.sun\.com\/jax-rpc-ri\/internal"><item xsi:type="xs:string">a<\/item><item xsi:type="xs:int">1<\/item><\/arrayList_1>/,
  );
});
