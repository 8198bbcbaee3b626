// generator/emit/type-check.ts: output that does not compile is the generator's bug, reported as
// such (exit 3), naming the declaration and the XSD type it came from; the check is cheap because
// it checks only the generated files, as a project's compiler will (the descriptor tables only
// when asked), against the runtime's declarations and a DOM subset.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { GeneratorBug } from "../generator/diagnostics.js";
import { DOM_SUBSET, startTypeCheck } from "../generator/emit/type-check.js";
import { ROOT } from "./helpers/cli.js";
import { tempDir } from "./helpers/temp.js";

const broken = new Map([
  ["types.ts", `// Generated\nexport interface Good {\n  a?: string;\n}\n\nexport interface Broken extends Missing {\n  b?: number;\n}\n`],
  ["api.json", "{}"],
]);
const good = new Map([["types.ts", 'import type { ClientOptions } from "soap-ts-runtime/codegen";\nexport interface Good {\n  a?: ClientOptions;\n}\n']]);
const isBroken = (e: unknown) => {
  assert.ok(e instanceof GeneratorBug, String(e));
  assert.match(e.message, /^the generated code does not type-check \(1 errors; nothing was written\):\n/);
  assert.match(e.message, /types\.ts:6:\d+: Cannot find name 'Missing'\. \(in Broken, from XSD complexType \{urn:x\}Broken at X\.wsdl:12:3\)/);
  return true;
};
const origins = new Map([["Broken", "XSD complexType {urn:x}Broken at X.wsdl:12:3"]]);
/** One check, as generate() runs it: a worker started, given the files one by one, stopped. */
async function typeCheck(
  out: string,
  files: ReadonlyMap<string, string>,
  runtimeImport: string,
  from = new Map<string, string>(),
  { all = false, descriptors = false } = {},
) {
  const checking = startTypeCheck({ all });
  try {
    checking.begin(out, runtimeImport);
    for (const [file, text] of files) checking.add(file, text, descriptors);
    await checking.check(from);
  } finally {
    await checking.close();
  }
}

test("a generated file that does not type-check is a GeneratorBug naming the declaration and its XSD type", async () => {
  const out = path.join(tempDir("type-check-"), "out");
  await assert.rejects(typeCheck(out, broken, "soap-ts-runtime/codegen", origins), isBroken);
  await typeCheck(out, good, "soap-ts-runtime/codegen");
});

test("@ts-nocheck is for a project's compiler: an agent's file is checked past it, a descriptor table only with all", async () => {
  const out = path.join(tempDir("type-check-"), "out");
  const nocheck = new Map([["types.ts", broken.get("types.ts")!.replace("// Generated\n", "// @ts-nocheck\n")]]);
  await assert.rejects(typeCheck(out, nocheck, "soap-ts-runtime/codegen", origins), isBroken);
  await typeCheck(out, nocheck, "soap-ts-runtime/codegen", origins, { descriptors: true });
  await assert.rejects(typeCheck(out, nocheck, "soap-ts-runtime/codegen", origins, { descriptors: true, all: true }), isBroken);
  // A syntax error is one in any file.
  const garbled = new Map([["types.ts", "// @ts-nocheck\nexport interface Broken {\n"]]);
  await assert.rejects(typeCheck(out, garbled, "soap-ts-runtime/codegen", origins, { descriptors: true }), /does not type-check \(1 errors/);
});

test("what is checked is the files given, not an earlier run's files in the output folder", async () => {
  const out = tempDir("type-check-");
  writeFileSync(path.join(out, "types.ts"), broken.get("types.ts")!);
  await typeCheck(out, good, "soap-ts-runtime/codegen");
  writeFileSync(path.join(out, "types.ts"), good.get("types.ts")!);
  await assert.rejects(typeCheck(out, broken, "soap-ts-runtime/codegen", origins), isBroken);
});

// With the TypeScript package (ts-morph keeps its libraries in memory, out of a compiler host's reach).
test("the runtime's declarations need nothing of the DOM but the subset the check declares", () => {
  const dist = path.join(ROOT, "runtime/dist");
  // The Node transport's declarations are not reached from codegen (a test below would say so).
  const files = readdirSync(dist)
    .filter((f) => f.endsWith(".d.ts") && f !== "node-http.d.ts")
    .map((f) => path.join(dist, f));
  const options = {
    lib: ["lib.es2022.d.ts"],
    types: [],
    noEmit: true,
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
  };
  const host = ts.createCompilerHost(options);
  const dom = path.join(dist, "__dom.d.ts");
  const { getSourceFile } = host;
  host.getSourceFile = (f, l, e) => (f === dom ? ts.createSourceFile(f, DOM_SUBSET, l) : getSourceFile.call(host, f, l, e));
  const program = ts.createProgram([...files, dom], options, host);
  const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  assert.deepEqual(errors, []);
  const reached = program.getSourceFiles().map((f) => path.basename(f.fileName));
  assert.ok(!reached.includes("node-http.d.ts"));
});
