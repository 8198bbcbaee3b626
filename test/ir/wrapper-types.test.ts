// Named types used only as wrappers (ir/wrapper-types.ts): JAX-WS's `<element name="getOrder"
// type="tns:getOrder"/>` is a wrapper with its type inline, not a wrapper beside a second type.
import { test } from "node:test";
import assert from "node:assert/strict";
import { inlineWrapperTypes } from "../../generator/ir/wrapper-types.js";
import { lowerIdioms } from "../../generator/ir/idioms.js";
import { messageStyles } from "../../generator/ir/messages.js";
import { elementsOf, qnameKey, type ReadModel } from "../../generator/ir/model.js";
import { modelOf, readOnly } from "../helpers/wsdl.js";

const NS = "urn:jaxws";
/** Operation getOrder with request element getOrder and response getOrderResponse, declared by `types`; `extra` adds messages, portType operations and binding operations. */
const wsdl = (types: string, extra: { messages?: string; ops?: string; bindingOps?: string } = {}) => `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="${NS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${NS}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<wsdl:types><xs:schema targetNamespace="${NS}">${types}</xs:schema></wsdl:types>
<wsdl:message name="In"><wsdl:part name="parameters" element="tns:getOrder"/></wsdl:message>
<wsdl:message name="Out"><wsdl:part name="parameters" element="tns:getOrderResponse"/></wsdl:message>${extra.messages ?? ""}
<wsdl:portType name="Orders"><wsdl:operation name="getOrder"><wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/></wsdl:operation>${extra.ops ?? ""}</wsdl:portType>
<wsdl:binding name="B" type="tns:Orders"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
<wsdl:operation name="getOrder"><soap:operation soapAction=""/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>${extra.bindingOps ?? ""}</wsdl:binding>
<wsdl:service name="S"><wsdl:port name="P" binding="tns:B"><soap:address location="http://x.example/"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;

const wrappers = `<xs:element name="getOrder" type="tns:getOrder"/><xs:element name="getOrderResponse" type="tns:getOrderResponse"/>
<xs:complexType name="getOrder"><xs:sequence><xs:element name="id" type="xs:long"/></xs:sequence></xs:complexType>`;
const listResponse = `<xs:complexType name="getOrderResponse"><xs:sequence><xs:element name="return" type="xs:string" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>`;

/** What the passes make of the operation: each message as `wrapped <El>: members` (or `type T` when it names a type) or `bare ...`. */
function describe(m: ReadModel): string {
  const after = messageStyles(lowerIdioms(inlineWrapperTypes(m)));
  const op = after.services[0]!.operations[0]!;
  const msg = (u: typeof op.input) => {
    const t = u.body.type;
    const members =
      t.kind === "anonymous" && t.def.kind === "complex"
        ? elementsOf(t.def.content).map((e) => e.name)
        : [`type ${t.kind === "named" ? t.qname.local : t.kind}`];
    return `${u.kind} <${u.body.qname.local}>: ${members.join(", ")}`;
  };
  return [msg(op.input), msg(op.output)].join("; ");
}

const cases: { name: string; types: string; extra?: Parameters<typeof wsdl>[1]; want: string }[] = [
  {
    name: "JAX-WS: each wrapper's type named after it and used nowhere else is inlined, a one-member list response stays a wrapper",
    types: wrappers + listResponse,
    want: "wrapped <getOrder>: id; wrapped <getOrderResponse>: return",
  },
  {
    name: "a wrapper type another type also uses stays a type",
    types: wrappers + listResponse + `<xs:complexType name="Audit"><xs:sequence><xs:element name="of" type="tns:getOrder"/></xs:sequence></xs:complexType>`,
    want: "wrapped <getOrder>: type getOrder; wrapped <getOrderResponse>: return",
  },
  {
    name: "a wrapper type something extends stays a type",
    types:
      wrappers +
      listResponse +
      `<xs:complexType name="More"><xs:complexContent><xs:extension base="tns:getOrder"><xs:sequence><xs:element name="x" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>`,
    want: "wrapped <getOrder>: type getOrder; wrapped <getOrderResponse>: return",
  },
  {
    name: "a type named otherwise than its element (WCF's ArrayOfX as a message) is left to the idioms",
    types: `<xs:element name="getOrder" type="tns:Req"/><xs:element name="getOrderResponse" type="tns:ArrayOfstring"/>
<xs:complexType name="Req"><xs:sequence><xs:element name="id" type="xs:long"/></xs:sequence></xs:complexType>
<xs:complexType name="ArrayOfstring"><xs:sequence><xs:element name="string" type="xs:string" maxOccurs="unbounded"/></xs:sequence></xs:complexType>`,
    want: "wrapped <getOrder>: type Req; bare <getOrderResponse>: getOrderResponse",
  },
  {
    name: "the wrapper's element also a fault's: its type stays",
    types: wrappers + listResponse,
    extra: {
      messages: `<wsdl:message name="F"><wsdl:part name="f" element="tns:getOrder"/></wsdl:message>`,
      ops: `<wsdl:operation name="other"><wsdl:input message="tns:Out"/><wsdl:output message="tns:Out"/><wsdl:fault name="f" message="tns:F"/></wsdl:operation>`,
      bindingOps: `<wsdl:operation name="other"><soap:operation soapAction=""/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output><wsdl:fault name="f"><soap:fault name="f" use="literal"/></wsdl:fault></wsdl:operation>`,
    },
    want: "wrapped <getOrder>: type getOrder; wrapped <getOrderResponse>: return",
  },
];

for (const c of cases)
  test(`wrapper types: ${c.name}`, async () => {
    const read = await readOnly(wsdl(c.types, c.extra));
    assert.equal(describe(read), c.want);
  });

test("wrapper types: the whole build leaves no second type and generates the wrapper's members", async () => {
  const m = await modelOf(wsdl(wrappers + listResponse));
  assert.equal(m.types.has(qnameKey({ ns: NS, local: "getOrder" })), false);
  assert.equal(m.types.has(qnameKey({ ns: NS, local: "getOrderResponse" })), false);
});
