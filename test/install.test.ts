// The package as another team installs it: packed (npm pack), installed from the tarball into a
// fresh project (no symlinks, only its declared dependencies), the generator run with npx on a
// WSDL of theirs, the output compiled by strict tsc (nodenext and bundler) and calling a server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./helpers/cli.js";
import { listen } from "./helpers/server.js";
import { tempDir } from "./helpers/temp.js";

const NAME = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).name as string;
const TSC = path.join(ROOT, "node_modules/typescript/bin/tsc");
const run = (cmd: string, args: string[], cwd: string) => {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false" } });
  assert.equal(r.status, 0, `${cmd} ${args.join(" ")}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};

test("packed, installed from the tarball, generated with npx, compiled strictly and calling a server", { timeout: 600_000 }, async () => {
  const packs = tempDir("pack-");
  // --ignore-scripts: dist/ is built by npm test's pretest already; the tarball takes it as it is.
  run("npm", ["pack", "--ignore-scripts", "--pack-destination", packs], ROOT);
  const tarball = path.join(
    packs,
    readdirSync(packs).find((f) => f.endsWith(".tgz"))!,
  );
  const listed = run("tar", ["-tzf", tarball], packs);
  for (const f of ["package/dist/generator/cli.js", "package/templates/agent.ts.hbs", "package/dist/runtime/codegen.js"])
    assert.match(listed, new RegExp(f), f);

  const app = tempDir("user-project-");
  writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "user-project", type: "module", private: true }));
  run("npm", ["install", "--prefer-offline", "--no-package-lock", tarball], app);
  writeFileSync(path.join(app, "Calc.wsdl"), readFileSync(path.join(ROOT, "test/fixtures/Rpc.wsdl")));

  // Without runtimeImport the generator says which key to set, before anything else.
  writeFileSync(path.join(app, "soap-ts-gen.config.json"), JSON.stringify({ wsdl: "Calc.wsdl", out: "src/calc" }));
  const missing = spawnSync("npx", ["--no-install", "soap-ts-gen"], { cwd: app, encoding: "utf8" });
  assert.equal(missing.status, 1, missing.stderr);
  assert.match(
    missing.stderr,
    /no runtime in .*runtime \(codegen\.js is not there\): .*set "runtimeImport" in the config to "superoffice-soap-ts\/runtime\/codegen"/,
  );

  writeFileSync(path.join(app, "soap-ts-gen.config.json"), JSON.stringify({ wsdl: "Calc.wsdl", out: "src/calc", runtimeImport: `${NAME}/runtime/codegen` }));
  const help = run("npx", ["--no-install", "soap-ts-gen", "--help"], app);
  assert.match(help, /Usage:/);
  run("npx", ["--no-install", "soap-ts-gen"], app);
  assert.match(readFileSync(path.join(app, "src/calc/calculator.ts"), "utf8"), new RegExp(`from "${NAME}/runtime/codegen"`));

  writeFileSync(
    path.join(app, "main.ts"),
    `import { CalculatorClient } from "./src/calc/index.js";
const sum = await new CalculatorClient({ endpoint: process.argv[2] }).add({ x: 2, y: 3 });
console.log(JSON.stringify({ sum }));
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
    assert.equal(out.trim(), '{"sum":5}');
    // rpc/literal: the wrapper in the soap:body namespace, the part accessors unqualified.
    assert.match(received, /<s:Body><Add xmlns="urn:calc:rpc"><x xmlns="">2<\/x><y xmlns="">3<\/y><\/Add><\/s:Body>/);
  } finally {
    await srv.close();
  }
});
