// Examples/login-and-call.ts runs against a local server: it logs in, then calls two
// agents with the ticket. (npm test type-checks the example through tsconfig.json.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { ROOT } from "./helpers/cli.js";
import { listen } from "./helpers/server.js";

const S88 = "http://www.superoffice.net/ws/crm/NetServer/Services88";
const envelope = (body: string) => `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`;

test("the example logs in and calls the User and Contact agents", { timeout: 60_000 }, async () => {
  const calls: { path: string; action: string; ticket: string | undefined }[] = [];
  const srv = await listen((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const action = String(req.headers["soapaction"]).replace(/"/g, "");
      calls.push({ path: req.url!, action: action.slice(action.lastIndexOf("/") + 1), ticket: /<Ticket>([^<]*)<\/Ticket>/.exec(body)?.[1] });
      const answers: Record<string, string> = {
        AuthenticateUsernamePassword: `<AuthenticateResponse xmlns="${S88}"><Response><AssociateId>7</AssociateId><RoleName>Admin</RoleName></Response><Credentials><Ticket>7T:from-login</Ticket></Credentials><AuthenticationSucceeded>true</AuthenticationSucceeded></AuthenticateResponse>`,
        GetAccessGatewayInfo: `<GetAccessGatewayInfoResponse xmlns="${S88}"><Response><ClientId>gw-client</ClientId></Response></GetAccessGatewayInfoResponse>`,
        GetContactEntity: `<GetContactEntityResponse xmlns="${S88}"><Response><ContactId>42</ContactId><Name>Acme AS</Name><Persons><Person><PersonId>1</PersonId></Person><Person><PersonId>2</PersonId></Person></Persons></Response></GetContactEntityResponse>`,
      };
      res.writeHead(200, { "content-type": "text/xml; charset=utf-8" });
      res.end(envelope(answers[calls.at(-1)!.action] ?? ""));
    });
  });
  try {
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "examples/login-and-call.ts", "42"], {
        cwd: ROOT,
        env: { ...process.env, SO_BASE_URL: `${srv.url}/Remote/Services88`, SO_USER: "ada", SO_PASSWORD: "secret" },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, "logged in as associate 7 (Admin)\naccess gateway client: gw-client\ncontact 42: Acme AS, 2 persons\n");
    assert.deepEqual(calls, [
      { path: "/Remote/Services88/SoPrincipal.svc", action: "AuthenticateUsernamePassword", ticket: undefined },
      { path: "/Remote/Services88/User.svc", action: "GetAccessGatewayInfo", ticket: "7T:from-login" },
      { path: "/Remote/Services88/Contact.svc", action: "GetContactEntity", ticket: "7T:from-login" },
    ]);
  } finally {
    await srv.close();
  }
});
