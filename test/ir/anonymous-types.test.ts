// Naming anonymous types (ir/anonymous-types.ts): each gets the name it asks for, after where it
// is declared, or a number when that is taken; one that says the same as a type of that name
// shares it; a simple restriction with nothing to say is its base; a wrapper keeps its own type.
import { test } from "node:test";
import assert from "node:assert/strict";
import { nameAnonymousTypes } from "../../generator/ir/anonymous-types.js";
import { messageStyles } from "../../generator/ir/messages.js";
import { lowerIdioms } from "../../generator/ir/idioms.js";
import { elementsOf, type ComplexTypeDef, type Model, type TypeRef } from "../../generator/ir/model.js";
import { oneOperationWsdl, readOnly } from "../helpers/wsdl.js";

const NS = "urn:anon";
const ref = (r: TypeRef) => (r.kind === "named" ? r.qname.local : r.kind === "builtin" ? `xs:${r.name}` : `anonymous ${r.def.qname.local}`);
/** The member types of a named type, and of the request wrapper, after the pass. */
const members = (m: Model, local: string) => elementsOf((m.types.get(`{${NS}}${local}`) as ComplexTypeDef).content).map((e) => `${e.name}: ${ref(e.type)}`);
const request = (m: Model) => {
  const body = m.services[0]!.operations[0]!.input.body;
  return [
    ref(body.type),
    ...(body.type.kind === "anonymous" && body.type.def.kind === "complex" ? elementsOf(body.type.def.content).map((e) => `${e.name}: ${ref(e.type)}`) : []),
  ];
};
const run = async (wsdl: string) => nameAnonymousTypes(messageStyles(lowerIdioms(await readOnly(wsdl))));
/** oneOperationWsdl with a header `<Auth>` (anonymous type) bound in the request. */
const withHeader = (o: Parameters<typeof oneOperationWsdl>[0]) =>
  oneOperationWsdl({
    ...o,
    types: `<xs:element name="Auth"><xs:complexType><xs:sequence><xs:element name="Token" type="xs:string"/></xs:sequence></xs:complexType></xs:element>${o.types ?? ""}`,
  })
    .replace('<wsdl:message name="In">', '<wsdl:message name="H"><wsdl:part name="h" element="tns:Auth"/></wsdl:message><wsdl:message name="In">')
    .replace('<wsdl:input><soap:body use="literal"/>', '<wsdl:input><soap:body use="literal"/><soap:header message="tns:H" part="h" use="literal"/>');
const header = (m: Model) => ref(m.services[0]!.operations[0]!.input.headers[0]!.element.type);

const cases: { name: string; wsdl: string; want: (m: Model) => [unknown, unknown][] }[] = [
  {
    name: "a local element's anonymous type is Owner_element",
    wsdl: oneOperationWsdl({
      ns: NS,
      types: `<xs:complexType name="Order"><xs:sequence><xs:element name="Customer"><xs:complexType><xs:sequence><xs:element name="Email" type="xs:string"/></xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType>`,
      request: `<xs:element name="o" type="tns:Order"/>`,
    }),
    want: (m) => [
      [members(m, "Order"), ["Customer: Order_Customer"]],
      [members(m, "Order_Customer"), ["Email: xs:string"]],
    ],
  },
  {
    name: "a name a declared type has gets a number",
    wsdl: oneOperationWsdl({
      ns: NS,
      types:
        `<xs:complexType name="Order_Customer"><xs:sequence/></xs:complexType>` +
        `<xs:complexType name="Order"><xs:sequence><xs:element name="Customer"><xs:complexType><xs:sequence><xs:element name="Email" type="xs:string"/></xs:sequence></xs:complexType></xs:element><xs:element name="Other" type="tns:Order_Customer"/></xs:sequence></xs:complexType>`,
      request: `<xs:element name="o" type="tns:Order"/>`,
    }),
    want: (m) => [[members(m, "Order"), ["Customer: Order_Customer2", "Other: Order_Customer"]]],
  },
  {
    name: "a wrapper keeps its own type; the types it declares in place are named after it",
    wsdl: oneOperationWsdl({
      ns: NS,
      request: `<xs:element name="Item"><xs:complexType><xs:sequence><xs:element name="Id" type="xs:int"/></xs:sequence></xs:complexType></xs:element>`,
    }),
    want: (m) => [[request(m), ["anonymous Do", "Item: Do_Item"]]],
  },
  {
    name: "a restriction with no facet is its base; one with facets, or an enumeration, is named",
    wsdl: oneOperationWsdl({
      ns: NS,
      request:
        `<xs:element name="Plain"><xs:simpleType><xs:restriction base="xs:int"/></xs:simpleType></xs:element>` +
        `<xs:element name="Short"><xs:simpleType><xs:restriction base="xs:string"><xs:maxLength value="8"/></xs:restriction></xs:simpleType></xs:element>` +
        `<xs:element name="Status"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="new"/></xs:restriction></xs:simpleType></xs:element>`,
    }),
    want: (m) => [[request(m), ["anonymous Do", "Plain: xs:int", "Short: Do_Short", "Status: Do_Status"]]],
  },
  {
    name: "a header's anonymous type is named after its element",
    wsdl: withHeader({ ns: NS, request: `<xs:element name="Id" type="xs:int"/>` }),
    want: (m) => [[header(m), "Auth"]],
  },
  {
    name: "one that says the same as the type of its name shares it: a header that a member also refers to",
    wsdl: withHeader({ ns: NS, request: `<xs:element ref="tns:Auth"/>` }),
    want: (m) => [
      [header(m), "Auth"],
      [request(m), ["anonymous Do", "Auth: Auth"]],
      [[...m.types.keys()].filter((k) => k.includes("Auth")), [`{${NS}}Auth`]],
    ],
  },
  {
    name: "one that says something else is numbered",
    wsdl: withHeader({
      ns: NS,
      types: `<xs:complexType name="Auth"><xs:sequence><xs:element name="Other" type="xs:int"/></xs:sequence></xs:complexType>`,
      request: `<xs:element name="a" type="tns:Auth"/>`,
    }),
    want: (m) => [
      [header(m), "Auth2"],
      [members(m, "Auth"), ["Other: xs:int"]],
      [members(m, "Auth2"), ["Token: xs:string"]],
    ],
  },
];

for (const c of cases)
  test(`anonymous types: ${c.name}`, async () => {
    const m = await run(c.wsdl);
    for (const [got, want] of c.want(m)) assert.deepEqual(got, want);
  });
