// The golden test of issue 2: RegisterWithAccessGateway, from generated TypeScript to the wire and back.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { Project } from "ts-morph";
import { UserAgent } from "../generated/services88/index.js";
import { capturingFetch, SHARED, TENANT } from "./helpers/capture.js";
import { xmlTree } from "./helpers/xml.js";

const GOLDEN = new URL("./golden/", import.meta.url);
const GENERATED = new URL("../generated/services88/", import.meta.url);
const USER_WSDL = new URL("services88/wsdl/User.wsdl", SHARED);

/** Compares with a checked-in golden file; UPDATE_GOLDEN=1 rewrites it instead. */
function matchGolden(name: string, actual: string): void {
  const file = new URL(name, GOLDEN);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, "utf8"), `${name} drifted; if intended, rerun with UPDATE_GOLDEN=1 and review the diff`);
}

function soapActionFromWsdl(op: string): string {
  const wsdl = readFileSync(USER_WSDL, "utf8");
  const m = new RegExp(`<wsdl:operation name="${op}">\\s*<soap:operation soapAction="([^"]+)"`).exec(wsdl);
  assert.ok(m, `soapAction of ${op} not found in User.wsdl`);
  return m[1]!;
}

test("generated TypeScript for RegisterWithAccessGateway matches the golden snapshot", () => {
  const project = new Project({ skipAddingFilesFromTsConfig: true });
  const types = project.addSourceFileAtPath(new URL("types.ts", GENERATED).pathname);
  const user = project.addSourceFileAtPath(new URL("user.ts", GENERATED).pathname);
  const parts = [
    types.getInterfaceOrThrow("Carrier").getText(true),
    types.getInterfaceOrThrow("AccessGatewayInfo").getText(true),
    user.getInterfaceOrThrow("RegisterWithAccessGatewayRequest").getText(true),
    user.getInterfaceOrThrow("RegisterWithAccessGatewayResponse").getText(true),
    user.getInterfaceOrThrow("UserAgent").getMethodOrThrow("registerWithAccessGateway").getText(true),
  ];
  matchGolden("RegisterWithAccessGateway.ts.snap", parts.map((p) => p.trim()).join("\n\n") + "\n");
});

test("registerWithAccessGateway sends one SOAP 1.1 POST with credentials in the Header", async () => {
  const { fetch, calls } = capturingFetch(readFileSync(new URL("RegisterWithAccessGateway.full-response.xml", GOLDEN), "utf8"));
  const agent = new UserAgent({
    endpoint: "https://tenant.example/Remote/Services88/User.svc",
    applicationToken: "app-token-123",
    ticket: "7T:ticket==",
    fetch,
  });
  await agent.registerWithAccessGateway({ RedirectUri: "https://example.com/callback" });

  assert.equal(calls.length, 1);
  const [call] = calls;
  assert.equal(call!.url, "https://tenant.example/Remote/Services88/User.svc");
  assert.equal(call!.method, "POST");
  assert.equal(call!.headers["Content-Type"], "text/xml; charset=utf-8");
  // SOAP 1.1 sends the action as a quoted string, as WCF and svcutil do.
  assert.equal(call!.headers["SOAPAction"], `"${soapActionFromWsdl("RegisterWithAccessGateway")}"`);
  assert.deepEqual(xmlTree(call!.body), xmlTree(readFileSync(new URL("RegisterWithAccessGateway.request.xml", GOLDEN), "utf8")));
});

test("the WSDL's address is a placeholder tenant: an agent needs baseUrl or endpoint, and baseUrl gives the agent's own .svc", async () => {
  const { fetch, calls } = capturingFetch(readFileSync(new URL("RegisterWithAccessGateway.full-response.xml", GOLDEN), "utf8"));
  assert.throws(
    () => new UserAgent({ fetch, ticket: "t" }),
    (e: unknown) => {
      assert.ok(e instanceof TypeError);
      assert.match(e.message, /^UserAgent needs baseUrl \(https:\/\/<host>\/<tenant>\/Remote\/Services88\/\) or endpoint: .*placeholder tenant/);
      return true;
    },
  );
  const address = /<soap:address location="([^"]+)"/.exec(readFileSync(USER_WSDL, "utf8"))![1]!;
  await new UserAgent({ baseUrl: TENANT, fetch }).registerWithAccessGateway();
  assert.equal(calls[0]!.url, new URL(address.slice(address.lastIndexOf("/") + 1), TENANT).href);
  assert.doesNotMatch(calls[0]!.body, /Header/, "no credentials configured, so no header is sent");
  await new UserAgent({ endpoint: "https://elsewhere.example/User.svc", fetch }).registerWithAccessGateway();
  assert.equal(calls[1]!.url, "https://elsewhere.example/User.svc");
});

test("the documented response (SOAP 1.2 envelope, read from ../shared/seed) decodes", async () => {
  // The runtime accepts SOAP 1.2 envelopes on responses as well as the binding's SOAP 1.1, so the
  // documented example is used exactly as published.
  const page = readFileSync(new URL("seed/RegisterWithAccessGateway.md", SHARED), "utf8");
  const blocks = [...page.matchAll(/## RegisterWithAccessGateway Response\s+```xml\n([\s\S]*?)```/g)];
  assert.equal(blocks.length, 1, "the seed page has one response example");
  const { fetch } = capturingFetch(blocks[0]![1]!);
  const agent = new UserAgent({ baseUrl: TENANT, fetch });
  assert.deepEqual(await agent.registerWithAccessGateway({ RedirectUri: "https://example.com/callback" }), { ClientId: "", RedirectUri: "" });
});

test("a realistic SOAP 1.1 response with the inherited Carrier members decodes to the full typed value", async () => {
  const { fetch } = capturingFetch(readFileSync(new URL("RegisterWithAccessGateway.full-response.xml", GOLDEN), "utf8"));
  const agent = new UserAgent({ baseUrl: TENANT, fetch, ticket: "t" });
  const result = await agent.invoke("RegisterWithAccessGateway", { RedirectUri: "https://example.com/callback" });
  assert.deepEqual(result.body.Response, {
    TableRight: { Mask: ["Select", "Update", "Insert", "Delete"], Reason: "" },
    FieldProperties: {
      ClientId: { FieldRight: { Mask: ["Read"], Reason: null }, FieldType: "System.String", FieldLength: 255 },
      RedirectUri: { FieldRight: { Mask: ["Read", "Write"], Reason: "Set by the administrator" }, FieldType: "System.String", FieldLength: 1024 },
    },
    ClientId: "9f3c2a7e-client",
    RedirectUri: "https://example.com/callback",
  });
  assert.deepEqual(result.headers, { Succeeded: true, ExceptionInfo: null });
  assert.equal(result.status, 200);
});
