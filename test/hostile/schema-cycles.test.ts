// Invalid schemas that lead the generator round in circles or down without end: each is a
// GeneratorError at file:line:col naming the construct, never a hang or a stack overflow.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULTS } from "../../generator/config.js";
import { GeneratorError } from "../../generator/diagnostics.js";
import { modelOf, oneOperationWsdl } from "../helpers/wsdl.js";

/** One operation whose request member is of type tns:A, with `types` in the schema. */
const wsdl = (types: string) => oneOperationWsdl({ ns: "urn:c", types, request: '<xs:element name="V" type="tns:A"/>' });

const ext = (name: string, base: string, content = "complexContent") =>
  `<xs:complexType name="${name}"><xs:${content}><xs:extension base="${base}"/></xs:${content}></xs:complexType>`;
const nested = (n: number) =>
  `<xs:complexType name="A"><xs:sequence>${'<xs:element name="e"><xs:complexType><xs:sequence>'.repeat(n)}<xs:element name="x" type="xs:int"/>${"</xs:sequence></xs:complexType></xs:element>".repeat(n)}</xs:sequence></xs:complexType>`;

const cases: { name: string; types: string; want: RegExp | undefined; maxXmlElements?: number }[] = [
  { name: "extension of itself", types: ext("A", "tns:A"), want: /:3:79: error: type A is derived from itself \(A -> A\)/ },
  { name: "A extends B extends A", types: ext("A", "tns:B") + ext("B", "tns:A"), want: /type A is derived from itself \(A -> B -> A\).*invalid XSD/ },
  {
    name: "simple content through each other",
    types: ext("A", "tns:B", "simpleContent") + ext("B", "tns:A", "simpleContent"),
    want: /type A is derived from itself \(A -> B -> A\)/,
  },
  {
    name: "simpleType restriction cycle",
    types: `<xs:simpleType name="A"><xs:restriction base="tns:B"/></xs:simpleType><xs:simpleType name="B"><xs:restriction base="tns:A"/></xs:simpleType>`,
    want: /type A is derived from itself \(A -> B -> A\)/,
  },
  { name: "a list of itself", types: `<xs:simpleType name="A"><xs:list itemType="tns:A"/></xs:simpleType>`, want: /type A is derived from itself \(A -> A\)/ },
  {
    name: "a group that refers to itself",
    types: `<xs:group name="G"><xs:sequence><xs:element name="x" type="xs:int"/><xs:group ref="tns:G" minOccurs="0"/></xs:sequence></xs:group><xs:complexType name="A"><xs:sequence><xs:group ref="tns:G"/></xs:sequence></xs:complexType>`,
    want: /:3:\d+: error: xs:group G contains itself \(G -> G\): a model group must not refer to itself/,
  },
  {
    name: "groups that refer to each other",
    types: `<xs:group name="G"><xs:sequence><xs:group ref="tns:H"/></xs:sequence></xs:group><xs:group name="H"><xs:choice><xs:group ref="tns:G"/></xs:choice></xs:group><xs:complexType name="A"><xs:sequence><xs:group ref="tns:G"/></xs:sequence></xs:complexType>`,
    want: /xs:group G contains itself \(G -> H -> G\)/,
  },
  {
    name: "attribute groups that refer to each other",
    types: `<xs:attributeGroup name="G"><xs:attributeGroup ref="tns:H"/></xs:attributeGroup><xs:attributeGroup name="H"><xs:attributeGroup ref="tns:G"/></xs:attributeGroup><xs:complexType name="A"><xs:sequence/><xs:attributeGroup ref="tns:G"/></xs:complexType>`,
    want: /xs:attributeGroup G contains itself \(G -> H -> G\): an attribute group must not refer to itself/,
  },
  // 300,000 elements: past the element limit too, which is raised here so the nesting is what stops it.
  { name: "50,000 nested anonymous types", types: nested(50_000), want: /:3:\d+: error: elements nest more than 256 deep here/, maxXmlElements: 1_000_000 },
  // Valid look-alikes stay valid: one group used twice, a type whose member is of its own type, nesting a schema may need.
  {
    name: "(valid) one group used twice, not inside itself",
    types: `<xs:group name="G"><xs:sequence><xs:element name="x" type="xs:int"/></xs:sequence></xs:group><xs:complexType name="A"><xs:sequence><xs:group ref="tns:G"/><xs:element name="y"><xs:complexType><xs:sequence><xs:group ref="tns:G"/></xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType>`,
    want: undefined,
  },
  {
    name: "(valid) a member of the type's own type, and a base shared by two",
    types: `<xs:complexType name="Z"><xs:sequence><xs:element name="z" minOccurs="0" type="tns:Z"/></xs:sequence></xs:complexType>${ext("A", "tns:Z")}${ext("B", "tns:Z")}`,
    want: undefined,
  },
  { name: "(valid) 60 nested anonymous types", types: nested(60), want: undefined },
];

for (const c of cases)
  test(`schema: ${c.name}`, async () => {
    const run = modelOf(wsdl(c.types), "C.wsdl", { maxXmlElements: c.maxXmlElements ?? DEFAULTS.maxXmlElements });
    if (!c.want) {
      const model = await run;
      assert.equal(model.services[0]!.operations.length, 1);
      return;
    }
    await assert.rejects(run, (e: unknown) => {
      assert.ok(e instanceof GeneratorError, String(e));
      assert.match(e.format(), c.want!);
      assert.match(e.format(), /^\/.*\/C\.wsdl:/);
      return true;
    });
  });
