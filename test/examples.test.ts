// Every documented response example decodes through its agent's client.
// The examples use the SOAP 1.2 envelope namespace; the runtime accepts SOAP 1.2 envelopes on
// responses (as well as SOAP 1.1), so they are used unchanged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as sdk from "../generated/services88/index.js";
import { capturingFetch, SHARED, TENANT } from "./helpers/capture.js";
import { withoutPlaceholders } from "./helpers/examples.js";

const EXAMPLES = new URL("services88/examples/", SHARED);
type AgentCtor = new (options: object) => { invoke(name: string, request: object): Promise<{ body: object }> };

test("every documented response example decodes without error", async () => {
  let decoded = 0;
  const failures: string[] = [];
  for (const agent of readdirSync(EXAMPLES).sort()) {
    const Agent = (sdk as unknown as Record<string, AgentCtor>)[`${agent}Agent`];
    assert.ok(Agent, `no generated agent for examples/${agent}`);
    for (const file of readdirSync(new URL(`${agent}/`, EXAMPLES))
      .filter((f) => f.endsWith(".response.xml"))
      .sort()) {
      const op = file.slice(0, -".response.xml".length);
      const { fetch } = capturingFetch(withoutPlaceholders(readFileSync(new URL(`${agent}/${file}`, EXAMPLES), "utf8")));
      try {
        const { body } = await new Agent({ baseUrl: TENANT, fetch }).invoke(op, {});
        assert.equal(typeof body, "object");
        decoded++;
      } catch (e) {
        failures.push(`${agent}/${file}: ${(e as Error).message}`);
      }
    }
  }
  console.log(`decoded ${decoded} documented response examples`);
  assert.deepEqual(failures, []);
  assert.equal(decoded, 1964);
});

test("a documented example decodes to the values it shows (User.GetRoleEntity)", async () => {
  const { fetch } = capturingFetch(readFileSync(new URL("User/GetRoleEntity.response.xml", EXAMPLES), "utf8"));
  const role = await new sdk.UserAgent({ baseUrl: TENANT, fetch }).getRoleEntity({ RoleEntityId: 1 });
  assert.ok(role);
  assert.equal(role.RoleType, "Employee");
  assert.equal(role.Created, "2025-11-26T12:08:54Z");
  assert.equal(role.CreatedBy?.Type, "Unknown");
  assert.deepEqual(role.CreatedBy?.ExtraFields, { "": "" });
});
