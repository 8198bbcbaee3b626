// generator/emit/type-check.ts: output that does not compile is the generator's bug, reported as
// such (exit 3), naming the declaration and the XSD type it came from.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { GeneratorBug } from "../generator/diagnostics.js";
import { typeCheck } from "../generator/emit/type-check.js";
import { ROOT } from "./helpers/cli.js";

test("a generated file that does not type-check is a GeneratorBug naming the declaration and its XSD type", () => {
  const out = path.join(ROOT, "scratch-type-check");
  const files = new Map([
    ["types.ts", `// Generated\nexport interface Good {\n  a?: string;\n}\n\nexport interface Broken extends Missing {\n  b?: number;\n}\n`],
    ["api.json", "{}"],
  ]);
  assert.throws(
    () => typeCheck(out, files, new Map([["Broken", "XSD complexType {urn:x}Broken at X.wsdl:12:3"]])),
    (e: unknown) => {
      assert.ok(e instanceof GeneratorBug, String(e));
      assert.match(e.message, /^the generated code does not type-check \(1 errors; nothing was written\):\n/);
      assert.match(e.message, /types\.ts:6:\d+: Cannot find name 'Missing'\. \(in Broken, from XSD complexType \{urn:x\}Broken at X\.wsdl:12:3\)/);
      return true;
    },
  );
  assert.doesNotThrow(() => typeCheck(out, new Map([["types.ts", "export interface Good {\n  a?: string;\n}\n"]])));
});
