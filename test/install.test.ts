// Every package as another team installs it: packed (npm pack), the tarballs installed into a
// fresh project (no symlinks, only their declared dependencies), the generator run with npx on a
// WSDL of theirs, the output compiled by strict tsc (nodenext and bundler) and calling a server.
// These are the README's "Any other WSDL" steps, command for command.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./helpers/cli.js";
import { listen } from "./helpers/server.js";
import { tempDir } from "./helpers/temp.js";

const TSC = path.join(ROOT, "node_modules/typescript/bin/tsc");
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const run = (cmd: string, args: string[], cwd: string) => {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false" } });
  assert.equal(r.status, 0, `${cmd} ${args.join(" ")}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};

test("every package packed, installed from its tarball, generated with npx, compiled strictly and calling a server", { timeout: 600_000 }, async () => {
  const packs = tempDir("packs-");
  // --ignore-scripts: the packages are built by npm test's pretest already; the tarballs take them as they are.
  run("npm", ["pack", "--ignore-scripts", "--workspaces", "--include-workspace-root", "--pack-destination", packs], ROOT);
  const tarball = (name: string) => path.join(packs, `${name}-${VERSION}.tgz`);
  const contents = (name: string) => run("tar", ["-tzf", tarball(name)], packs);
  assert.match(contents("soap-ts-gen"), /package\/dist\/generator\/cli\.js/);
  assert.match(contents("soap-ts-gen"), /package\/templates\/agent\.ts\.hbs/);
  assert.doesNotMatch(contents("soap-ts-gen"), /package\/(dist\/)?(runtime|generated)\//);
  assert.match(contents("soap-ts-runtime"), /package\/dist\/codegen\.js/);
  assert.match(contents("superoffice-services88"), /package\/dist\/services88\/user\.d\.ts/);

  const app = tempDir("user-project-", tmpdir()); // outside the repository: nothing of its node_modules
  writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "user-project", type: "module", private: true }));
  // What the app runs on (the runtime, and the Services88 SDK built on it), then the generator as a dev tool.
  run("npm", ["install", "--prefer-offline", tarball("soap-ts-runtime"), tarball("superoffice-services88")], app);
  run("npm", ["install", "--prefer-offline", "--save-dev", tarball("soap-ts-gen")], app);
  // The app's own dependency tree holds no generator, TypeScript or ts-morph: the runtime has no dependencies.
  const shipped = run("npm", ["ls", "--omit=dev", "--all", "--parseable"], app)
    .split("\n")
    .filter(Boolean)
    .map((p) => path.relative(app, p))
    .sort();
  assert.deepEqual(shipped, ["", "node_modules/soap-ts-runtime", "node_modules/superoffice-services88"]);

  writeFileSync(path.join(app, "Calc.wsdl"), readFileSync(path.join(ROOT, "test/fixtures/Rpc.wsdl")));
  writeFileSync(path.join(app, "soap-ts-gen.config.json"), JSON.stringify({ wsdl: ["Calc.wsdl"], out: "src/calc" }));
  assert.match(run("npx", ["--no-install", "soap-ts-gen", "--help"], app), /Usage:/);
  run("npx", ["--no-install", "soap-ts-gen"], app);
  assert.match(readFileSync(path.join(app, "src/calc/calculator.ts"), "utf8"), /from "soap-ts-runtime\/codegen"/);

  writeFileSync(
    path.join(app, "main.ts"),
    `import { CalculatorClient } from "./src/calc/index.js";
import { SoapError } from "soap-ts-runtime";
import type { AccessGatewayInfo } from "superoffice-services88";
const sum = await new CalculatorClient({ endpoint: process.argv[2] }).add({ x: 2, y: 3 });
const failed = await new CalculatorClient({ endpoint: process.argv[2] + "/missing" }).add({ x: 1, y: 1 }).catch((e: unknown) => e instanceof SoapError);
const info: AccessGatewayInfo | null = null;
console.log(JSON.stringify({ sum, failed, info }));
`,
  );
  for (const [module, resolution] of [
    ["nodenext", "nodenext"],
    ["esnext", "bundler"],
  ])
    run(
      process.execPath,
      [
        TSC,
        "--strict",
        "--noEmit",
        "--skipLibCheck",
        "--target",
        "es2022",
        "--module",
        module!,
        "--moduleResolution",
        resolution!,
        "--types",
        "node",
        "--typeRoots",
        path.join(ROOT, "node_modules/@types"),
        "main.ts",
      ],
      app,
    );
  run(
    process.execPath,
    [
      TSC,
      "--strict",
      "--skipLibCheck",
      "--target",
      "es2022",
      "--module",
      "nodenext",
      "--moduleResolution",
      "nodenext",
      "--types",
      "node",
      "--typeRoots",
      path.join(ROOT, "node_modules/@types"),
      "--outDir",
      "build",
      "main.ts",
    ],
    app,
  );

  let received = "";
  const srv = await listen((req, res) => {
    if (req.url !== "/calc") {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not here");
      return;
    }
    req.on("data", (c) => (received += c));
    req.on("end", () => {
      res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8" });
      res.end(
        `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><c:AddResponse xmlns:c="urn:calc:rpc"><sum>5</sum></c:AddResponse></s:Body></s:Envelope>`,
      );
    });
  });
  try {
    // Not spawnSync: this process serves the call.
    const child = spawn(process.execPath, [path.join(app, "build/main.js"), `${srv.url}/calc`], { cwd: app });
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (err += c));
    const code = await new Promise((resolve) => child.on("close", resolve));
    assert.equal(code, 0, err);
    // A lone response member resolves to itself; an HTTP failure is the runtime package's SoapError.
    assert.equal(out.trim(), '{"sum":5,"failed":true,"info":null}');
    // rpc/literal: the wrapper in the soap:body namespace, the part accessors unqualified.
    assert.match(received, /<s:Body><Add xmlns="urn:calc:rpc"><x xmlns="">2<\/x><y xmlns="">3<\/y><\/Add><\/s:Body>/);
  } finally {
    await srv.close();
  }
});
