// Logs in with a user name and password, then calls two agents with the ticket it got.
//
//   SO_BASE_URL=https://sod.superoffice.com/Cust12345/Remote/Services88/ \
//   SO_USER=... SO_PASSWORD=... SO_APP_TOKEN=... npx tsx examples/login-and-call.ts 42
import { SoapError, services88 } from "../generated/services88/index.js";

const baseUrl = process.env["SO_BASE_URL"] ?? "https://sod.superoffice.com/Cust12345/Remote/Services88/";
const applicationToken = process.env["SO_APP_TOKEN"];
const contactId = Number(process.argv[2] ?? 1);

try {
  // Each agent appends its own <Agent>.svc to baseUrl, and is created when first used.
  const anonymous = services88({ baseUrl, ...(applicationToken ? { applicationToken } : {}) });
  const login = await anonymous.soPrincipal.authenticateUsernamePassword({
    UserName: process.env["SO_USER"] ?? "",
    Password: process.env["SO_PASSWORD"] ?? "",
  });
  const ticket = login.Credentials?.Ticket;
  if (!login.AuthenticationSucceeded || !ticket) throw new Error("authentication failed");
  console.log(`logged in as associate ${login.Response?.AssociateId} (${login.Response?.RoleName})`);

  // Every agent takes the same ticket.
  const so = services88({ baseUrl, ticket, ...(applicationToken ? { applicationToken } : {}), timeout: 30_000 });
  const gateway = await so.user.getAccessGatewayInfo();
  console.log(`access gateway client: ${gateway?.ClientId ?? "(none)"}`);
  const contact = await so.contact.getContactEntity({ ContactEntityId: contactId });
  console.log(`contact ${contactId}: ${contact?.Name ?? "(not found)"}, ${contact?.Persons?.length ?? 0} persons`);
} catch (e) {
  // SoapError covers faults, HTTP errors, timeouts and bad responses; none carries the ticket.
  if (e instanceof SoapError) console.error(`${e.name}: ${e.message}`);
  else throw e;
  process.exitCode = 1;
}
