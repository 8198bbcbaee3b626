// A call's options are typed by its client: `headers` takes the request headers the WSDL
// declares (a typo does not compile), `signal` and `timeout` as for every call.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT, typecheck } from "./helpers/cli.js";
import { tempDir } from "./helpers/temp.js";

test("CallOptions.headers is the client's request headers: a known header compiles, a typo does not", () => {
  const dir = tempDir("call-options-", ROOT);
  const file = path.join(dir, "calls.ts");
  const sdk = path.relative(dir, path.join(ROOT, "generated/services88/index.js")).split(path.sep).join("/");
  writeFileSync(
    file,
    `import { UserAgent, SoPrincipalAgent, type AgentCallOptions } from "${sdk}";
const user = new UserAgent({ endpoint: "http://x.example/User.svc" });
export const ok = [
  user.getUserPresenceStatus({}, { headers: { Credentials: { Ticket: "7T:x" } }, timeout: 5000 }),
  user.invoke("GetUserPresenceStatus", {}, { headers: { ApplicationToken: "t" }, signal: AbortSignal.timeout(1000) }),
];
const options: AgentCallOptions = { headers: { TimeZone: { SoTimeZoneId: 1 } } };
export const typed = user.getUserPresenceStatus({}, options);
// @ts-expect-error a header the WSDL does not declare
export const typo = user.getUserPresenceStatus({}, { headers: { Credentails: { Ticket: "7T:x" } } });
// @ts-expect-error a header of the wrong type
export const wrong = user.getUserPresenceStatus({}, { headers: { ApplicationToken: 42 } });
// @ts-expect-error SoPrincipal's calls take no ticket
export const other = new SoPrincipalAgent({ endpoint: "http://x.example/SoPrincipal.svc" }).authenticateUsernamePassword({ UserName: "u", Password: "p" }, { headers: { Credentials: {} } });
`,
  );
  const r = typecheck(file);
  assert.equal(r.code, 0, r.output);
});
