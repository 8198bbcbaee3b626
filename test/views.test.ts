// The view builders: a small WSDL given, the views the templates print.
import { test } from "node:test";
import { SUPEROFFICE } from "../generator/emit/profile.js";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { buildModel } from "../generator/ir/build-model.js";
import { buildViews, type SdkView } from "../generator/emit/view-model.js";
import { render } from "../generator/emit/render.js";
import { loadDocuments } from "../generator/wsdl/load-documents.js";
import { readWsdl } from "../generator/wsdl/read-wsdl.js";
import { tempDir } from "./helpers/temp.js";

const NS = "urn:shop/Shop";
const op = (name: string, action = `urn:shop/Shop/Shop/${name}`) =>
  `<wsdl:operation name="${name}"><soap:operation soapAction="${action}" style="document"/><wsdl:input><soap:header message="tns:Token" part="Token" use="literal"/><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>`;
const WSDL = `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions targetNamespace="${NS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${NS}">
  <wsdl:types>
    <xs:schema elementFormDefault="qualified" targetNamespace="${NS}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:complexType name="Item"><xs:sequence><xs:element minOccurs="0" name="Id" type="xs:int"/><xs:element minOccurs="0" name="Color" type="tns:Color"/></xs:sequence></xs:complexType>
      <xs:complexType name="Book"><xs:complexContent><xs:extension base="tns:Item"><xs:sequence><xs:element minOccurs="0" name="Isbn" nillable="true" type="xs:string"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>
      <xs:simpleType name="Color"><xs:restriction base="xs:string"><xs:enumeration value="Red"/><xs:enumeration value="Blue"/></xs:restriction></xs:simpleType>
      <xs:element name="Token" type="xs:string"/>
      <xs:element name="GetItem"><xs:complexType><xs:sequence><xs:element name="Id" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="GetItemResponse"><xs:complexType><xs:sequence><xs:element minOccurs="0" name="Response" nillable="true" type="tns:Item"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Delete"><xs:complexType><xs:sequence><xs:element minOccurs="0" name="Id" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="DeleteResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="Token"><wsdl:part name="Token" element="tns:Token"/></wsdl:message>
  <wsdl:message name="GetItemIn"><wsdl:part name="parameters" element="tns:GetItem"/></wsdl:message>
  <wsdl:message name="GetItemOut"><wsdl:part name="parameters" element="tns:GetItemResponse"/></wsdl:message>
  <wsdl:message name="DeleteIn"><wsdl:part name="parameters" element="tns:Delete"/></wsdl:message>
  <wsdl:message name="DeleteOut"><wsdl:part name="parameters" element="tns:DeleteResponse"/></wsdl:message>
  <wsdl:portType name="Shop">
    <wsdl:operation name="GetItem"><wsdl:input message="tns:GetItemIn"/><wsdl:output message="tns:GetItemOut"/></wsdl:operation>
    <wsdl:operation name="Delete"><wsdl:input message="tns:DeleteIn"/><wsdl:output message="tns:DeleteOut"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="b" type="tns:Shop"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>${op("GetItem")}${op("Delete", "urn:shop/Shop/Shop/Remove")}</wsdl:binding>
  <wsdl:service name="ShopService"><wsdl:port name="p" binding="tns:b"><soap:address location="https://shop.example/Shop.svc"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;

async function views(): Promise<SdkView> {
  const dir = tempDir("views-");
  writeFileSync(path.join(dir, "Shop.wsdl"), WSDL);
  const model = buildModel([readWsdl(await loadDocuments(path.join(dir, "Shop.wsdl"), { maxBytes: 1 << 20 }), "Shop.wsdl")]);
  return buildViews(model, "../rt/codegen.js", SUPEROFFICE);
}

test("shared view: bases before derived types; interfaces, unions and descriptors with their imports", async () => {
  const { shared } = await views();
  assert.deepEqual(
    shared.types.map((t) => [t.name, t.base ?? "", t.union ?? "", t.polymorphic?.name ?? ""]),
    [
      ["Item", "", "", "ItemOrDerived"],
      ["Book", "Item", "", ""],
      ["Color", "", '"Red" | "Blue"', ""],
    ],
  );
  assert.deepEqual(shared.types[0]!.polymorphic!.variants, [
    { type: "Item", tag: '"Item"', optional: true },
    { type: "Book", tag: '"Book"', optional: false },
  ]);
  assert.deepEqual(
    shared.descriptors.map((d) => [d.name, d.kind, d.base, d.derived, d.fields.map((f) => `${f.name} ${f.desc} ${f.flags}`)]),
    [
      ["Item", "record", "undefined", ["Book"], ['"Id" xsInt O', '"Color" Color O']],
      ["Book", "record", "Item", [], ['"Isbn" xsString ON']],
      ["Color", "enumeration", "undefined", [], []],
    ],
  );
  // The descriptors' declared types are imported as types.
  assert.equal(shared.runtimeImports, "enumeration, O, ON, record, registry, xsInt, xsString, type EnumType, type RecordType, type TypeRegistry");
});

test("agent view: methods named by the runtime, departures from conventions spelled out, imports as used", async () => {
  const [agent] = (await views()).agents;
  assert.equal(agent!.className, "ShopAgent");
  assert.equal(agent!.actionPrefix, '"urn:shop/Shop/Shop/"');
  assert.deepEqual(
    agent!.operations.map((o) => [o.method, o.request, o.returns, o.requestOptional, o.options]),
    [
      ["getItem", "GetItemRequest", "T.ItemOrDerived | null", false, ""],
      ["delete", "DeleteRequest", "void", true, '{ action: "urn:shop/Shop/Shop/Remove" }'],
    ],
  );
  assert.deepEqual([agent!.defaultIn, agent!.defaultOut, agent!.headerSetsUsed], ["HEADERS_Token", "NO_HEADERS", ["HEADERS_Token", "NO_HEADERS"]]);
  assert.deepEqual([agent!.runtimeImports, agent!.usesTypes, agent!.usesSchema], ["O, ON, operations, RESPONSE, xsInt", true, true]);
  // The lone <Response> the method returns is named by the runtime's constant; other members by their names.
  assert.deepEqual(
    agent!.operations.map((o) => o.responseFields.map((f) => f.name)),
    [["RESPONSE"], []],
  );
  assert.equal(agent!.unwraps, true);
  assert.deepEqual([agent!.headerImports.runtime, agent!.headerImports.types, agent!.headerImports.schema], [new Set(["xsString"]), false, false]);
});

test("base and index views: one group is the AgentBase; the factory is named after the namespace", async () => {
  const { bases, index } = await views();
  assert.deepEqual(
    bases.map((b) => [b.file, b.className, b.optionsName, b.requestHeadersName, b.runtimeImports, b.agents]),
    [
      [
        "agent-base",
        "AgentBase",
        "AgentOptions",
        "RequestHeaders",
        "element, SoapClient, xsString, type CallOptions, type ClientOptions, type Field, type OperationInfo",
        "ShopAgent",
      ],
    ],
  );
  assert.deepEqual(bases[0]!.namespaces, [{ id: "NS0", uri: '"urn:shop/Shop"' }]);
  assert.deepEqual(
    bases[0]!.headerSets.map((h) => h.elements.map((e) => e.ns)),
    [[], ["NS0"]],
  );
  assert.deepEqual(index.factory, {
    name: "shop",
    typeName: "Shop",
    optionsName: "ShopOptions",
    baseOptions: ["AgentOptions"],
    example: [
      '`const so = shop({ baseUrl: "https://<host>/<tenant>/Remote/Services88/", applicationToken, ticket });`',
      "then `await so.user.registerWithAccessGateway({ ... })`.",
    ],
  });
  assert.deepEqual(
    index.agents.map((a) => [a.property, a.className, a.file]),
    [["shop", "ShopAgent", "shop"]],
  );
  assert.match(index.header[0]!, /^Generated by soap-ts-gen [\d.]+ from Shop\.wsdl \(inputs sha256:[0-9a-f]{16}\)\. Do not edit/);
});

test("render: each file handed over as it is rendered, in order, the descriptor tables marked", async () => {
  const view = await views();
  const seen: [string, boolean][] = [];
  const files = render(view, (file, text, descriptors) => {
    seen.push([file, descriptors]);
    assert.ok(text.endsWith("\n") && !text.includes("\n\n\n"), `${file} is folded before it is handed over`);
  });
  assert.deepEqual(seen, [
    ["types.ts", false],
    ["schema.ts", true],
    ["agent-base.ts", false],
    ["shop.operations.ts", true],
    ["shop.ts", false],
    ["index.ts", false],
    ["api.json", false],
  ]);
  assert.deepEqual(
    [...files.keys()],
    seen.map(([f]) => f),
  );
  // A descriptor constant says its type: a checked file that names it costs the compiler nothing.
  assert.match(files.get("schema.ts")!, /^export const Item: RecordType = \/\*#__PURE__\*\/ record\(/m);
  assert.match(files.get("shop.operations.ts")!, /^export const ShopOperations: Readonly<Record<keyof ShopOperationMap, OperationInfo>> = /m);
  assert.match(files.get("shop.ts")!, /^import \{ ShopOperations \} from "\.\/shop\.operations\.js";\n\nexport \{ ShopOperations \};$/m);
});
