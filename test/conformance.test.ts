// Every operation's request, fully populated from the IR, is valid against the
// schemas of its own WSDL according to xmllint --schema.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readModel } from "../generator/generate.js";
import { DEFAULTS } from "../generator/config.js";
import type { Service } from "../generator/ir/model.js";
import { wrapperType } from "./helpers/sample.js";
import * as sdk from "../generated/services88/index.js";
import { capturingFetch, SHARED, TENANT } from "./helpers/capture.js";
import { SampleBuilder } from "./helpers/sample.js";
import { envelopeParts, extractSchemas } from "./helpers/schemas.js";
import { tempDir } from "./helpers/temp.js";

const WSDL_DIR = fileURLToPath(new URL("services88/wsdl/", SHARED));

type AgentCtor = new (options: object) => { invoke(name: string, request: object): Promise<unknown> };

test("every operation's request validates against its WSDL's schemas (xmllint --schema)", async () => {
  const xmllint = spawnSync("xmllint", ["--version"], { encoding: "utf8" });
  assert.equal(xmllint.status, 0, "xmllint is missing: `npm test` installs libxml2-utils through scripts/ensure-xmllint.sh");

  const model = await readModel({ ...DEFAULTS, wsdl: [WSDL_DIR] });
  const builder = new SampleBuilder(model, 3);
  const work = tempDir("conformance-");
  const byAgent = new Map<Service, string[]>();
  let requests = 0;

  const send = async (service: Service, opName: string, sample: object) => {
    const Agent = (sdk as unknown as Record<string, AgentCtor>)[`${service.name}Agent`]!;
    const op = service.operations.find((o) => o.name === opName)!;
    const response = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><${op.output.body.qname.local} xmlns="${op.output.body.qname.ns}"/></s:Body></s:Envelope>`;
    const { fetch, calls } = capturingFetch(response);
    const agent = new Agent({
      baseUrl: TENANT,
      fetch,
      applicationToken: "token <&>",
      ticket: "7T:ticket==",
      timeZone: { SoTimeZoneId: 42, SoTimeZoneLocationCode: "NO" },
    });
    await agent.invoke(opName, sample);
    const { headers, body } = envelopeParts(calls[0]!.body);
    const dir = path.join(work, service.name);
    const files = byAgent.get(service)!;
    for (const [i, xml] of [body, ...headers].entries()) {
      const file = path.join(dir, `${opName}.${requests}.${i}.xml`);
      writeFileSync(file, xml);
      files.push(file);
    }
    requests++;
  };

  const reaches = new Map<string, { service: Service; op: string }[]>();
  for (const service of model.services) {
    mkdirSync(path.join(work, service.name));
    byAgent.set(service, []);
    for (const op of service.operations) {
      builder.touched = new Set();
      await send(service, op.name, builder.complex(wrapperType(op.input.body), 0) as object);
      for (const key of builder.touched) reaches.set(key, [...(reaches.get(key) ?? []), { service, op: op.name }]);
    }
  }
  // Enumerations with values left, and polymorphic types with derived types not yet sent: sample
  // an operation that reaches them again until all are used. A derived type sampled here can
  // reach enumerations no first sample reached, so this repeats until nothing new turns up.
  const usedCount = () => [...builder.used.values()].reduce((n, u) => n + u.size, 0);
  for (let round = 0; round < 8 && builder.unused().size; round++) {
    for (const [key, values] of builder.unused()) {
      const candidates = reaches.get(key)!;
      for (let tries = 0; tries < values.length * 64 && builder.unused().has(key); tries++) {
        const { service, op } = candidates[tries % candidates.length]!;
        const operation = service.operations.find((o) => o.name === op)!;
        const before = usedCount();
        builder.shift();
        builder.touched = new Set();
        const sample = builder.complex(wrapperType(operation.input.body), 0) as object;
        for (const k of builder.touched)
          if (!reaches.get(k)?.some((r) => r.op === op && r.service === service)) reaches.set(k, [...(reaches.get(k) ?? []), { service, op }]);
        // Sent whenever it uses anything new, so every value counted as used went out.
        if (usedCount() > before) await send(service, op, sample);
      }
    }
  }

  let validated = 0;
  const failures: string[] = [];
  for (const service of model.services) {
    const main = extractSchemas(readFileSync(path.join(WSDL_DIR, path.basename(service.source.file)), "utf8"), path.join(work, service.name));
    const files = byAgent.get(service)!;
    for (let i = 0; i < files.length; i += 500) {
      const r = spawnSync("xmllint", ["--noout", "--schema", main, ...files.slice(i, i + 500)], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      validated += (r.stderr.match(/ validates$/gm) ?? []).length;
      failures.push(...r.stderr.split("\n").filter((l) => l && !l.endsWith(" validates")));
    }
  }
  const operations = model.services.reduce((n, s) => n + s.operations.length, 0);
  console.log(`xmllint: ${operations} operations, ${requests} requests, ${validated} body and header elements validated, ${failures.length} failure lines`);
  assert.deepEqual(failures.slice(0, 20), []);
  assert.equal(operations, 1964);
  assert.equal(
    validated,
    [...byAgent.values()].reduce((n, f) => n + f.length, 0),
  );
  assert.deepEqual(
    Object.fromEntries(builder.unused()),
    {},
    "every enumeration value, and every type derived from a member's type (sent with xsi:type), reachable from a request is used by some request",
  );
  const derivedSent = [...model.subtypes.keys()].filter((key) => builder.used.has(key)).reduce((n, key) => n + builder.used.get(key)!.size - 1, 0);
  console.log(`derived types sent in the place of their base: ${derivedSent}`);
  assert.ok(derivedSent >= 18, "the 15 types derived from WorkflowStepBase and the 3 from BoardViewSettingsBase go out in requests");
});
