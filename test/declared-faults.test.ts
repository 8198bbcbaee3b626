// Declared faults (wsdl:fault) as a discriminated union: a client's isFault(e, operation) narrows
// a caught error to SoapFaultError of that operation, whose `fault.name` narrows `fault.value`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, runCli, typecheck } from "./helpers/cli.js";
import { capturingFetch } from "./helpers/capture.js";
import { tempDir } from "./helpers/temp.js";

const NS = "urn:faults:orders";
const WSDL = `<?xml version="1.0"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="${NS}" targetNamespace="${NS}">
  <wsdl:types>
    <xs:schema targetNamespace="${NS}" elementFormDefault="qualified">
      <xs:element name="GetOrder"><xs:complexType><xs:sequence><xs:element name="id" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="GetOrderResponse"><xs:complexType><xs:sequence><xs:element name="status" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Ping"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
      <xs:element name="PingResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
      <xs:element name="NotFound"><xs:complexType><xs:sequence><xs:element name="orderId" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Denied" type="xs:string" nillable="true"/>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="GetOrderIn"><wsdl:part name="p" element="tns:GetOrder"/></wsdl:message>
  <wsdl:message name="GetOrderOut"><wsdl:part name="p" element="tns:GetOrderResponse"/></wsdl:message>
  <wsdl:message name="PingIn"><wsdl:part name="p" element="tns:Ping"/></wsdl:message>
  <wsdl:message name="PingOut"><wsdl:part name="p" element="tns:PingResponse"/></wsdl:message>
  <wsdl:message name="NotFoundMsg"><wsdl:part name="f" element="tns:NotFound"/></wsdl:message>
  <wsdl:message name="DeniedMsg"><wsdl:part name="f" element="tns:Denied"/></wsdl:message>
  <wsdl:portType name="Orders">
    <wsdl:operation name="GetOrder"><wsdl:input message="tns:GetOrderIn"/><wsdl:output message="tns:GetOrderOut"/>
      <wsdl:fault name="OrderNotFound" message="tns:NotFoundMsg"/><wsdl:fault name="AccessDenied" message="tns:DeniedMsg"/></wsdl:operation>
    <wsdl:operation name="Ping"><wsdl:input message="tns:PingIn"/><wsdl:output message="tns:PingOut"/></wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="OrdersBinding" type="tns:Orders">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="GetOrder"><soap:operation soapAction="urn:GetOrder"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output>
      <wsdl:fault name="OrderNotFound"><soap:fault name="OrderNotFound" use="literal"/></wsdl:fault>
      <wsdl:fault name="AccessDenied"><soap:fault name="AccessDenied" use="literal"/></wsdl:fault></wsdl:operation>
    <wsdl:operation name="Ping"><soap:operation soapAction="urn:Ping"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="OrdersService"><wsdl:port name="OrdersPort" binding="tns:OrdersBinding"><soap:address location="http://orders.example/soap"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;

const fault = (detail: string) =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>no</faultstring><detail>${detail}</detail></s:Fault></s:Body></s:Envelope>`;

function generate() {
  const dir = tempDir("declared-faults-", ROOT);
  const wsdl = path.join(dir, "Orders.wsdl");
  writeFileSync(wsdl, WSDL);
  const out = path.join(dir, "orders");
  const r = runCli(["--wsdl", wsdl, "--out", out, "--profile", "generic"]);
  assert.equal(r.code, 0, r.stderr);
  return { dir, out };
}

test("isFault narrows to the operation's declared faults: fault.name selects fault.value's type, and a wrong guess does not compile", () => {
  const { dir } = generate();
  const app = path.join(dir, "app.ts");
  writeFileSync(
    app,
    `import { OrdersClient } from "./orders/index.js";
import type { OrdersOperationMap } from "./orders/orders.js";
const c = new OrdersClient();
export async function lookup(): Promise<string> {
  try {
    return await c.getOrder({ id: 1 });
  } catch (e) {
    if (c.isFault(e, "GetOrder")) {
      if (e.fault?.name === "OrderNotFound") return String(e.fault.value.orderId satisfies number);
      if (e.fault?.name === "AccessDenied") return e.fault.value ?? "denied, no reason";
      // @ts-expect-error: GetOrder declares no fault of this name
      if (e.fault?.name === "Timeout") return "";
      return e.faultstring;
    }
    if (c.isFault(e, "Ping")) {
      // Ping declares no faults: only the generic detail is there.
      const none: undefined = e.fault;
      return String(none) + JSON.stringify(e.detail);
    }
    // @ts-expect-error: no such operation
    c.isFault(e, "Nope");
    throw e;
  }
}
export type Declared = OrdersOperationMap["GetOrder"]["fault"]["name"];
export const name: Declared = "AccessDenied";
`,
  );
  const r = typecheck(app);
  assert.equal(r.code, 0, r.output);
});

test("isFault at run time: the operation's own faults only, declared or not; other errors and other operations are not", async () => {
  const { out } = generate();
  const { OrdersClient } = (await import(pathToFileURL(path.join(out, "index.ts")).href)) as {
    OrdersClient: new (o: object) => {
      getOrder(r: object): Promise<unknown>;
      ping(r?: object): Promise<unknown>;
      isFault(e: unknown, name: string): boolean;
    };
  };
  const caught = async (detail: string, call: (c: InstanceType<typeof OrdersClient>) => Promise<unknown>) => {
    const c = new OrdersClient({ fetch: capturingFetch(fault(detail), { status: 500 }).fetch });
    return {
      c,
      e: await call(c).then(
        () => assert.fail("no fault"),
        (e: unknown) => e,
      ),
    };
  };
  const cases: Array<{ detail: string; call: "getOrder" | "ping"; want: Record<string, boolean>; fault?: unknown }> = [
    {
      detail: `<NotFound xmlns="${NS}"><orderId>7</orderId></NotFound>`,
      call: "getOrder",
      want: { GetOrder: true, Ping: false },
      fault: { name: "OrderNotFound", value: { orderId: 7 } },
    },
    {
      detail: `<Denied xmlns="${NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:nil="true"/>`,
      call: "getOrder",
      want: { GetOrder: true, Ping: false },
      fault: { name: "AccessDenied", value: null },
    },
    { detail: `<Other><A>1</A></Other>`, call: "getOrder", want: { GetOrder: true, Ping: false }, fault: undefined },
    { detail: `<Other><A>1</A></Other>`, call: "ping", want: { GetOrder: false, Ping: true }, fault: undefined },
    { detail: `<NotFound xmlns="${NS}"><orderId>7</orderId></NotFound>`, call: "ping", want: { GetOrder: false, Ping: true }, fault: undefined },
  ];
  for (const { detail, call, want, fault: f } of cases) {
    const { c, e } = await caught(detail, (cl) => (call === "getOrder" ? cl.getOrder({ id: 1 }) : cl.ping()));
    for (const [op, expected] of Object.entries(want)) assert.equal(c.isFault(e, op), expected, `${call} answering ${detail}: isFault(e, ${op})`);
    assert.deepEqual((e as { fault?: unknown }).fault, f, detail);
  }
  const c = new OrdersClient({ fetch: capturingFetch("nope", { status: 503 }).fetch });
  const http = await c.getOrder({ id: 1 }).catch((e: unknown) => e);
  assert.equal(c.isFault(http, "GetOrder"), false, "an HTTP error is not a fault");
  assert.equal(c.isFault(new Error("x"), "GetOrder"), false);
  assert.equal(c.isFault(undefined, "GetOrder"), false);
  assert.equal(c.isFault(http, "__proto__"), false);
});
