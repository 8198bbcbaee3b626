// The SDK as a package. A consumer imports "<package>/services88" and gets ES modules
// with type declarations, under moduleResolution node16, nodenext and bundler.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT, typecheck } from "./helpers/cli.js";
import { tempDir } from "./helpers/temp.js";

const NAME = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).name as string;

function consumer(): string {
  const dir = tempDir("consumer-");
  mkdirSync(path.join(dir, "node_modules"));
  symlinkSync(ROOT, path.join(dir, "node_modules", NAME), "dir");
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", type: "module", private: true }));
  writeFileSync(
    path.join(dir, "app.ts"),
    `import { UserAgent, ContactAgent, SoapFaultError, services88, type AccessGatewayInfo, type ContactEntity } from "${NAME}/services88";
import { SoapError, type ClientOptions } from "${NAME}/runtime";
import type { RegisterWithAccessGatewayRequest } from "${NAME}/services88/user";
const request: RegisterWithAccessGatewayRequest = { RedirectUri: "https://example.com/cb" };
const info: Promise<AccessGatewayInfo | null> = new UserAgent({ ticket: "t" }).registerWithAccessGateway(request);
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
    `// @ts-expect-error: record is generated code's, in /runtime/codegen
import { record } from "${NAME}/runtime";
import { record as viaCodegen } from "${NAME}/runtime/codegen";
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
    `import { UserAgent } from "${NAME}/services88";
const response = '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><RegisterWithAccessGatewayResponse xmlns="http://www.superoffice.net/ws/crm/NetServer/Services88"><Response><ClientId>c</ClientId></Response></RegisterWithAccessGatewayResponse></s:Body></s:Envelope>';
const agent = new UserAgent({ fetch: async () => new Response(response, { headers: { "content-type": "text/xml" } }) });
console.log(JSON.stringify(await agent.registerWithAccessGateway({ RedirectUri: "x" })));
`,
  );
  const r = spawnSync(process.execPath, [path.join(dir, "run.mjs")], { encoding: "utf8", cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), '{"ClientId":"c"}');
});

test("another project runs the generator with npx (the bin entry) and imports the runtime as a package", () => {
  const dir = tempDir("npx-");
  mkdirSync(path.join(dir, "node_modules", ".bin"), { recursive: true });
  symlinkSync(ROOT, path.join(dir, "node_modules", NAME), "dir");
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
  symlinkSync(path.join("..", NAME, pkg.bin["soap-ts-gen"]!), path.join(dir, "node_modules", ".bin", "soap-ts-gen"));
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", type: "module", private: true }));
  writeFileSync(path.join(dir, "Calc.wsdl"), readFileSync(path.join(ROOT, "test/fixtures/Rpc.wsdl")));
  writeFileSync(path.join(dir, "soap-ts-gen.config.json"), JSON.stringify({ wsdl: "Calc.wsdl", out: "src/calc", runtimeImport: `${NAME}/runtime/codegen` }));
  const gen = spawnSync("npx", ["--no-install", "soap-ts-gen"], { cwd: dir, encoding: "utf8" });
  assert.equal(gen.status, 0, gen.stdout + gen.stderr);
  assert.match(readFileSync(path.join(dir, "src/calc/calculator.ts"), "utf8"), new RegExp(`from "${NAME}/runtime/codegen"`));
  writeFileSync(
    path.join(dir, "app.ts"),
    `import { CalculatorClient, type Pair } from "./src/calc/index.js";\nconst p: Pair = { a: 1, b: 2 };\nexport const sum: Promise<number> = new CalculatorClient({ endpoint: "http://x" }).add({ x: p.a, y: p.b });\n`,
  );
  const tsc = typecheck("app.ts", dir);
  assert.equal(tsc.code, 0, tsc.output);
});
