// The workspace packages as a consumer resolves them: "superoffice-services88" (the Services88 SDK)
// and "soap-ts-runtime", through their package.json "exports", as ES modules with type
// declarations, under moduleResolution node16, nodenext and bundler. (Linked here, for speed;
// test/install.test.ts installs the packed tarballs.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./helpers/cli.js";
import { tempDir } from "./helpers/temp.js";

const nameOf = (folder: string) => (JSON.parse(readFileSync(path.join(ROOT, folder, "package.json"), "utf8")) as { name: string }).name;
const SDK = nameOf("generated");
const RUNTIME = nameOf("runtime");

function consumer(): string {
  const dir = tempDir("consumer-", tmpdir());
  mkdirSync(path.join(dir, "node_modules"));
  symlinkSync(path.join(ROOT, "generated"), path.join(dir, "node_modules", SDK), "dir");
  symlinkSync(path.join(ROOT, "runtime"), path.join(dir, "node_modules", RUNTIME), "dir");
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", type: "module", private: true }));
  writeFileSync(
    path.join(dir, "app.ts"),
    `import { UserAgent, ContactAgent, SoapFaultError, services88, type AccessGatewayInfo, type ContactEntity } from "${SDK}";
import { SoapError, type ClientOptions } from "${RUNTIME}";
import type { RegisterWithAccessGatewayRequest } from "${SDK}/user";
const request: RegisterWithAccessGatewayRequest = { RedirectUri: "https://example.com/cb" };
const info: Promise<AccessGatewayInfo | null> = new UserAgent({ baseUrl: "https://tenant.example/Cust1/Remote/Services88/", ticket: "t" }).registerWithAccessGateway(request);
const contact: Promise<ContactEntity | null> = new ContactAgent().getContactEntity({ ContactEntityId: 1 });
// @ts-expect-error: the members are typed
new UserAgent().registerWithAccessGateway({ RedirectUri: 42 });
// Every agent from one set of options.
const so = services88({ baseUrl: "https://tenant.example/Remote/Services88/", ticket: "t" });
const viaFactory: Promise<AccessGatewayInfo | null> = so.user.registerWithAccessGateway(request);
const options: ClientOptions = { timeout: 1000 };
export { info, contact, viaFactory, options, SoapFaultError, SoapError };
`,
  );
  // The runtime's public entry has what users need, not the descriptor helpers generated code uses.
  writeFileSync(
    path.join(dir, "internals.ts"),
    `// @ts-expect-error: record is generated code's, in /codegen
import { record } from "${RUNTIME}";
import { record as viaCodegen } from "${RUNTIME}/codegen";
export { record, viaCodegen };
`,
  );
  return dir;
}
const tsc = (dir: string, options: Record<string, unknown>) => {
  writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: "ES2022", lib: ["ES2022", "DOM"], types: [], skipLibCheck: false, ...options },
      files: ["app.ts", "internals.ts"],
    }),
  );
  return spawnSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", dir], { encoding: "utf8" });
};

for (const [label, options] of [
  ["node16", { module: "node16", moduleResolution: "node16" }],
  ["nodenext", { module: "nodenext", moduleResolution: "nodenext" }],
  ["bundler", { module: "esnext", moduleResolution: "bundler" }],
] as const) {
  test(`a consumer type-checks against the package's declarations (moduleResolution ${label})`, () => {
    const r = tsc(consumer(), options);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
}

test("the package's ES modules run in Node without TypeScript tooling", () => {
  const dir = consumer();
  writeFileSync(
    path.join(dir, "run.mjs"),
    `import { UserAgent } from "${SDK}";
import { SoapError } from "${RUNTIME}";
const response = '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><RegisterWithAccessGatewayResponse xmlns="http://www.superoffice.net/ws/crm/NetServer/Services88"><Response><ClientId>c</ClientId></Response></RegisterWithAccessGatewayResponse></s:Body></s:Envelope>';
const agent = new UserAgent({ baseUrl: "https://tenant.example/Cust1/Remote/Services88/", fetch: async () => new Response(response, { headers: { "content-type": "text/xml" } }) });
console.log(JSON.stringify(await agent.registerWithAccessGateway({ RedirectUri: "x" })));
const failing = new UserAgent({ baseUrl: "https://tenant.example/Cust1/Remote/Services88/", fetch: async () => new Response("nope", { status: 500 }) });
console.log(await failing.registerWithAccessGateway({ RedirectUri: "x" }).catch((e) => e instanceof SoapError));
`,
  );
  const r = spawnSync(process.execPath, [path.join(dir, "run.mjs")], { encoding: "utf8", cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  // One runtime instance: the SDK's errors are instances of the runtime package's classes.
  assert.equal(r.stdout.trim(), '{"ClientId":"c"}\ntrue');
});
