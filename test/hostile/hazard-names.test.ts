// Names from a WSDL that JavaScript gives a meaning of its own: Object.prototype's members,
// __proto__, and then (which makes any object a thenable). They are data, never behaviour.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, runCli } from "../helpers/cli.js";
import { capturingFetch } from "../helpers/capture.js";
import { tempDir } from "../helpers/temp.js";

const INHERITED = ["constructor", "toString", "valueOf", "hasOwnProperty", "__proto__"];
const OPERATIONS = ["__proto__", "then", "constructor", "toString"];

const element = (op: string) =>
  `<xs:element name="${op}"><xs:complexType><xs:sequence>${INHERITED.map((n) => `<xs:element minOccurs="0" name="${n}" type="xs:string"/>`).join("")}` +
  `<xs:element name="Id" type="xs:int"/></xs:sequence></xs:complexType></xs:element>` +
  `<xs:element name="${op}Response"><xs:complexType><xs:sequence>${INHERITED.map((n) => `<xs:element name="${n}" type="xs:string"/>`).join("")}` +
  `<xs:element minOccurs="0" maxOccurs="unbounded" name="valueOfs" type="xs:int"/></xs:sequence></xs:complexType></xs:element>`;

const WSDL = `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:hazard" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:hazard" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <wsdl:types><xs:schema targetNamespace="urn:hazard" elementFormDefault="qualified">${OPERATIONS.map(element).join("")}</xs:schema></wsdl:types>
  ${OPERATIONS.map((op) => `<wsdl:message name="${op}In"><wsdl:part name="p" element="tns:${op}"/></wsdl:message><wsdl:message name="${op}Out"><wsdl:part name="p" element="tns:${op}Response"/></wsdl:message>`).join("\n  ")}
  <wsdl:portType name="Hazard">${OPERATIONS.map((op) => `<wsdl:operation name="${op}"><wsdl:input message="tns:${op}In"/><wsdl:output message="tns:${op}Out"/></wsdl:operation>`).join("")}</wsdl:portType>
  <wsdl:binding name="HazardSoap" type="tns:Hazard"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    ${OPERATIONS.map((op) => `<wsdl:operation name="${op}"><soap:operation soapAction="urn:hazard/${op}"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>`).join("\n    ")}
  </wsdl:binding>
  <wsdl:service name="HazardService"><wsdl:port name="HazardSoap" binding="tns:HazardSoap"><soap:address location="http://hazard.example/svc"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;

const response = (op: string, members: string) =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><${op}Response xmlns="urn:hazard">${members}</${op}Response></s:Body></s:Envelope>`;
const allMembers = INHERITED.map((n) => `<${n}>${n}!</${n}>`).join("");

type Client = Record<string, (r?: object) => Promise<unknown>> & { invoke(name: string, r: object): Promise<{ body: Record<string, unknown> }> };
let loaded: Promise<{ Agent: new (o: object) => Client; dir: string }> | undefined;
/** Generated (and type-checked by the generator) once, inside the repository so it resolves the runtime. */
function generated() {
  return (loaded ??= (async () => {
    const dir = tempDir("hazard-", ROOT);
    const wsdl = path.join(dir, "Hazard.wsdl");
    writeFileSync(wsdl, WSDL);
    const r = runCli(["--wsdl", wsdl, "--out", path.join(dir, "out")]);
    assert.equal(r.code, 0, r.stderr);
    const mod = (await import(pathToFileURL(path.join(dir, "out/index.ts")).href)) as Record<string, unknown>;
    const name = Object.keys(mod).find((k) => k.startsWith("Hazard") && typeof mod[k] === "function" && !k.endsWith("Operations"))!;
    return { Agent: mod[name] as new (o: object) => Client, dir };
  })());
}

const cases: { name: string; op: string; method: string }[] = [
  { name: "an operation named __proto__ is a method and an operations entry, not the prototype", op: "__proto__", method: "__proto___" },
  { name: "an operation named then does not make the client a thenable", op: "then", method: "then_" },
  { name: "an operation named constructor", op: "constructor", method: "constructor_" },
  { name: "an operation named toString", op: "toString", method: "toString_" },
];

for (const c of cases)
  test(c.name, async () => {
    const { Agent } = await generated();
    const { fetch, calls } = capturingFetch(response(c.op, allMembers));
    const agent = new Agent({ fetch });
    assert.equal(typeof (agent as unknown as { then?: unknown }).then, "undefined", "not a thenable");
    assert.equal(await Promise.resolve(agent), agent, "awaiting the client gives the client, no call");
    assert.equal(calls.length, 0);
    const value = (await agent[c.method]!({ Id: 1 })) as Record<string, unknown>;
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.headers["SOAPAction"], `"urn:hazard/${c.op}"`);
    assert.match(calls[0]!.body, new RegExp(`<s:Body><${c.op} xmlns="urn:hazard"><Id>1</Id></${c.op}></s:Body>`));
    for (const n of INHERITED) assert.equal(Object.getOwnPropertyDescriptor(value, n)?.value, `${n}!`, n);
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    const whole = await agent.invoke(c.op, { Id: 2 });
    assert.equal(Object.getOwnPropertyDescriptor(whole.body, "toString")?.value, "toString!");
  });

test("optional request members named like Object.prototype's are sent only when set as own properties", async () => {
  const { Agent } = await generated();
  const { fetch, calls } = capturingFetch(response("then", allMembers));
  const agent = new Agent({ fetch });
  await agent["then_"]!({ Id: 1 });
  assert.match(calls[0]!.body, /<then xmlns="urn:hazard"><Id>1<\/Id><\/then>/, "inherited constructor/toString/valueOf are not members");
  const given: Record<string, unknown> = { Id: 3, constructor: "c", toString: "t", valueOf: "v", hasOwnProperty: "h" };
  Object.defineProperty(given, "__proto__", { value: "p", enumerable: true });
  await agent["then_"]!(given);
  assert.match(
    calls[1]!.body,
    /<then xmlns="urn:hazard"><constructor>c<\/constructor><toString>t<\/toString><valueOf>v<\/valueOf><hasOwnProperty>h<\/hasOwnProperty><__proto__>p<\/__proto__><Id>3<\/Id><\/then>/,
  );
});

test("a required response member named like Object.prototype's is missing when the server leaves it out", async () => {
  const { Agent } = await generated();
  for (const n of INHERITED) {
    const { fetch } = capturingFetch(
      response(
        "then",
        INHERITED.filter((m) => m !== n)
          .map((m) => `<${m}>x</${m}>`)
          .join(""),
      ),
    );
    const e = await new Agent({ fetch })["then_"]!({ Id: 1 }).catch((x: unknown) => x);
    assert.match(String(e), new RegExp(`required member <${n}> in namespace urn:hazard of thenResponse is missing`), n);
  }
});

test("a repeated member named like an inherited one collects its items; a single one sent twice is an error", async () => {
  const { Agent } = await generated();
  const ok = capturingFetch(response("then", `${allMembers}<valueOfs>1</valueOfs><valueOfs>2</valueOfs>`));
  const value = (await new Agent({ fetch: ok.fetch })["then_"]!({ Id: 1 })) as Record<string, unknown>;
  assert.deepEqual(value["valueOfs"], [1, 2]);
  for (const n of ["constructor", "toString"]) {
    const twice = capturingFetch(response("then", `${allMembers.replace(`<${n}>${n}!</${n}>`, `<${n}>a</${n}><${n}>b</${n}>`)}`));
    const e = await new Agent({ fetch: twice.fetch })["then_"]!({ Id: 1 }).catch((x: unknown) => x);
    assert.match(String(e), new RegExp(`<${n}> occurs more than once in thenResponse, where the schema allows it once`));
  }
});
