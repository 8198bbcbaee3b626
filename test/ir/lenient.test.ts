// --lenient: each defect a strict run refuses is worked round as zeep does, with a warning that
// says what was dropped or assumed; the same WSDL stays an error without it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { elementsOf, hasWildcard, type ComplexTypeDef, type Model } from "../../generator/ir/model.js";
import { modelOf, oneOperationWsdl } from "../helpers/wsdl.js";

const NS = "urn:lenient";
const type = (m: Model, local: string) => m.types.get(`{${NS}}${local}`);
const ops = (m: Model) => m.services.flatMap((s) => s.operations.map((o) => o.name));
const members = (def: ComplexTypeDef | undefined) => elementsOf(def?.content).map((e) => e.name);

/** Two operations, Do and Other, with `defect` applied to the WSDL text of Do's part of it. */
const twoOps = (edit: (wsdl: string) => string) =>
  edit(
    oneOperationWsdl({ ns: NS, request: '<xs:element name="a" type="xs:int"/>' })
      .replace(
        "</xs:schema>",
        '<xs:element name="Other"><xs:complexType/></xs:element><xs:element name="OtherResponse"><xs:complexType/></xs:element></xs:schema>',
      )
      .replace(
        '<wsdl:portType name="Svc">',
        '<wsdl:message name="OIn"><wsdl:part name="p" element="tns:Other"/></wsdl:message><wsdl:message name="OOut"><wsdl:part name="p" element="tns:OtherResponse"/></wsdl:message><wsdl:portType name="Svc"><wsdl:operation name="Other"><wsdl:input message="tns:OIn"/><wsdl:output message="tns:OOut"/></wsdl:operation>',
      )
      .replace(
        '<wsdl:operation name="Do"><soap:operation',
        '<wsdl:operation name="Other"><soap:operation soapAction="o"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation><wsdl:operation name="Do"><soap:operation',
      ),
  );

const cases: { name: string; wsdl: string; strict: RegExp; warning: RegExp; want: (m: Model) => void }[] = [
  {
    name: "a member of an undeclared type is open content",
    wsdl: oneOperationWsdl({
      ns: NS,
      types:
        '<xs:complexType name="T"><xs:sequence><xs:element name="a" type="xs:int"/><xs:element name="lost" type="tns:Missing"/></xs:sequence></xs:complexType>',
      request: '<xs:element name="t" type="tns:T"/>',
    }),
    strict: /type \{urn:lenient\}Missing not found \(referred to by element lost of complexType T\)/,
    warning: /:3:\d+: warning: type \{urn:lenient\}Missing of element lost in complexType T not found: it is kept as open content \(\$elements/,
    want: (m) => {
      const t = type(m, "T") as ComplexTypeDef;
      assert.deepEqual(members(t), ["a"]);
      assert.equal(hasWildcard(t.content), true);
    },
  },
  {
    name: "an undeclared base: what it adds is open content",
    wsdl: oneOperationWsdl({
      ns: NS,
      types:
        '<xs:complexType name="T"><xs:complexContent><xs:extension base="tns:Gone"><xs:sequence><xs:element name="a" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>',
      request: '<xs:element name="t" type="tns:T"/>',
    }),
    strict: /type \{urn:lenient\}Gone not found \(referred to by the extension base of complexType T\)/,
    warning: /warning: base type \{urn:lenient\}Gone of complexType T not found/,
    want: (m) => {
      const t = type(m, "T") as ComplexTypeDef;
      assert.equal(t.base, undefined);
      assert.equal(hasWildcard(t.content), true);
    },
  },
  {
    name: "a simpleType restricting an undeclared type is text",
    wsdl: oneOperationWsdl({
      ns: NS,
      types: '<xs:simpleType name="Code"><xs:restriction base="tns:Gone"/></xs:simpleType>',
      request: '<xs:element name="c" type="tns:Code"/>',
    }),
    strict: /type \{urn:lenient\}Gone not found \(referred to by simpleType Code\)/,
    warning: /warning: base type \{urn:lenient\}Gone of simpleType Code not found: its values are kept as text/,
    want: (m) => assert.deepEqual(type(m, "Code")?.kind === "simple" && type(m, "Code")!.base, { kind: "builtin", name: "anySimpleType" }),
  },
  {
    name: "type= without a prefix and no default namespace is the targetNamespace's",
    wsdl: oneOperationWsdl({
      ns: NS,
      types: '<xs:complexType name="T"><xs:sequence><xs:element name="a" type="xs:int"/></xs:sequence></xs:complexType>',
      request: '<xs:element name="t" type="T"/>',
    }),
    strict: /type \{\}T not found/,
    warning: /warning: type "T" has no prefix and no default namespace is declared: taken as \{urn:lenient\}T, in the targetNamespace/,
    want: (m) => assert.deepEqual(members(type(m, "T") as ComplexTypeDef), ["a"]),
  },
  {
    name: "an operation whose message is undeclared is left out, the others generate",
    wsdl: twoOps((w) => w.replace('<wsdl:output message="tns:Out"/>', '<wsdl:output message="tns:Nowhere"/>')),
    strict: /message \{urn:lenient\}Nowhere not found/,
    warning: /warning: message \{urn:lenient\}Nowhere not found \(referred to by <wsdl:output>\): operation Do is left out \(--lenient\)/,
    want: (m) => assert.deepEqual(ops(m), ["Other"]),
  },
  {
    name: "an operation whose part element is undeclared is left out",
    wsdl: twoOps((w) => w.replace('element="tns:DoResponse"', 'element="tns:Elsewhere"')),
    strict: /element \{urn:lenient\}Elsewhere not found in the WSDL's schemas/,
    warning: /operation Do is left out/,
    want: (m) => assert.deepEqual(ops(m), ["Other"]),
  },
  {
    name: "an operation whose body element has an undeclared type is left out",
    wsdl: twoOps((w) => w.replace(/<xs:element name="DoResponse">.*?<\/xs:element>/, '<xs:element name="DoResponse" type="tns:Gone"/>')),
    strict: /type \{urn:lenient\}Gone not found \(referred to by element DoResponse/,
    warning: /warning: type \{urn:lenient\}Gone of element DoResponse not found: operation Do of Svc is left out/,
    want: (m) => assert.deepEqual(ops(m), ["Other"]),
  },
  {
    name: "soap:body parts= naming no part is ignored",
    wsdl: oneOperationWsdl({ ns: NS }).replace('<wsdl:output><soap:body use="literal"/>', '<wsdl:output><soap:body use="literal" parts="p ghost"/>'),
    strict: /soap:body names part ghost, which message Out does not have/,
    warning: /warning: soap:body names part ghost, which message Out does not have: the name is ignored \(--lenient\)/,
    want: (m) => assert.deepEqual(ops(m), ["Do"]),
  },
  {
    name: "a binding defined twice keeps the SOAP one",
    wsdl: oneOperationWsdl({ ns: NS }).replace(
      '<wsdl:binding name="B"',
      '<wsdl:binding name="B" type="tns:Svc" xmlns:http="http://schemas.xmlsoap.org/wsdl/http/"><http:binding verb="POST"/></wsdl:binding><wsdl:binding name="B"',
    ),
    strict: /wsdl:binding B is defined twice/,
    warning: /warning: wsdl:binding B is defined twice: the second, a SOAP binding, is kept \(--lenient\)/,
    want: (m) => assert.deepEqual(ops(m), ["Do"]),
  },
];

for (const c of cases)
  test(`lenient: ${c.name}`, async () => {
    await assert.rejects(modelOf(c.wsdl), (e: Error) => (assert.match(e.message, c.strict), true));
    const m = await modelOf(c.wsdl, "Test.wsdl", { lenient: true });
    assert.ok(
      m.warnings.some((w) => c.warning.test(w)),
      `no warning like ${c.warning} in:\n${m.warnings.join("\n")}`,
    );
    assert.ok(m.rescues >= 1);
    c.want(m);
  });

test("lenient changes nothing for a valid WSDL: the same model, no rescues", async () => {
  const wsdl = oneOperationWsdl({
    ns: NS,
    types: '<xs:complexType name="T"><xs:sequence><xs:element name="a" type="xs:int"/></xs:sequence></xs:complexType>',
    request: '<xs:element name="t" type="tns:T"/>',
  });
  const strict = await modelOf(wsdl);
  const lenient = await modelOf(wsdl, "Test.wsdl", { lenient: true });
  const json = (m: Model) => JSON.stringify(m, (k, v) => (v instanceof Map ? [...v] : k === "file" || k === "sha256" ? undefined : v));
  assert.equal(json(lenient), json(strict));
  assert.equal(lenient.rescues, 0);
});
