// WS-Addressing: a binding that says addressing is in use (wsaw:UsingAddressing, or a
// wsam:Addressing assertion in a policy it references) makes every request carry wsa:Action (the
// operation's wsam:Action), a fresh wsa:MessageID and wsa:To (the endpoint). A wsam:Action alone,
// which WCF and JAX-WS put on every operation, sends none, as svcutil.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, runCli } from "./helpers/cli.js";
import { capturingFetch } from "./helpers/capture.js";
import { tempDir } from "./helpers/temp.js";
import { oneOperationWsdl } from "./helpers/wsdl.js";

const NS = "urn:wsa";
const WSA = "http://www.w3.org/2005/08/addressing";
const ENV = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><DoResponse xmlns="${NS}"/></s:Body></s:Envelope>`;
const POLICY = `<wsp:Policy xmlns:wsp="http://www.w3.org/ns/ws-policy" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" wsu:Id="P1"><wsp:ExactlyOne><wsp:All><wsam:Addressing xmlns:wsam="http://www.w3.org/2007/05/addressing/metadata"><wsp:Policy/></wsam:Addressing></wsp:All></wsp:ExactlyOne></wsp:Policy>`;

/** The WSDL with a wsam:Action on the input, and `binding` added as the binding's first child. */
const wsdl = (binding: string, policy = "") =>
  oneOperationWsdl({ ns: NS })
    .replace(
      '<wsdl:input message="tns:In"/>',
      '<wsdl:input message="tns:In" xmlns:wsam="http://www.w3.org/2007/05/addressing/metadata" wsam:Action="urn:wsa/DoIn"/>',
    )
    .replace('<soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>', `${binding}<soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>`)
    .replace("<wsdl:types>", `${policy}<wsdl:types>`);

async function headersSent(text: string): Promise<string[]> {
  const dir = tempDir("wsa-", ROOT);
  writeFileSync(path.join(dir, "Wsa.wsdl"), text);
  const r = runCli(["--wsdl", path.join(dir, "Wsa.wsdl"), "--out", path.join(dir, "out"), "--no-typecheck"]);
  assert.equal(r.code, 0, r.stderr);
  const { SvcAgent } = (await import(pathToFileURL(path.join(dir, "out/index.ts")).href)) as { SvcAgent: new (o: object) => { do(): Promise<unknown> } };
  const { fetch, calls } = capturingFetch(ENV);
  await new SvcAgent({ fetch, endpoint: "http://svc.example/a?b&c" }).do();
  await new SvcAgent({ fetch, endpoint: "http://svc.example/a?b&c" }).do();
  return calls.map((c) => /<s:Header>(.*)<\/s:Header>/.exec(c.body)?.[1] ?? "");
}

const cases: { name: string; binding: string; policy?: string; sends: boolean }[] = [
  { name: "wsaw:UsingAddressing on the binding", binding: '<wsaw:UsingAddressing xmlns:wsaw="http://www.w3.org/2006/05/addressing/wsdl"/>', sends: true },
  {
    name: "a wsam:Addressing policy the binding references",
    binding: '<wsp:PolicyReference xmlns:wsp="http://www.w3.org/ns/ws-policy" URI="#P1"/>',
    policy: POLICY,
    sends: true,
  },
  { name: "a wsam:Action alone (WCF's BasicHttpBinding, JAX-WS)", binding: "", sends: false },
];

for (const c of cases)
  test(`WS-Addressing: ${c.name} ${c.sends ? "sends" : "sends no"} wsa headers`, async () => {
    const [first, second] = await headersSent(wsdl(c.binding, c.policy));
    if (!c.sends) return assert.equal(first, "");
    const id = /<wsa:MessageID xmlns:wsa="[^"]+">(urn:uuid:[0-9a-f-]{36})<\/wsa:MessageID>/;
    assert.match(first!, new RegExp(`^<wsa:Action xmlns:wsa="${WSA}">urn:wsa/DoIn</wsa:Action><wsa:MessageID`));
    assert.match(first!, /<wsa:To xmlns:wsa="[^"]+">http:\/\/svc\.example\/a\?b&amp;c<\/wsa:To>$/);
    assert.notEqual(id.exec(first!)![1], id.exec(second!)![1], "a fresh MessageID per request");
  });
