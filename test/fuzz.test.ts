// Seeded fuzzing. Mutated WSDLs give output or a GeneratorError (and never a partial
// output folder); mutated responses give a value or a SoapError. Never a crash or a hang.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULTS } from "../generator/config.js";
import { GeneratorError } from "../generator/diagnostics.js";
import { generate } from "../generator/generate.js";
import { writeAtomically } from "../generator/emit/write.js";
import { SoapError, UserAgent } from "../generated/services88/index.js";
import { capturingFetch, SHARED } from "./helpers/capture.js";
import { mutate, prng } from "./helpers/mutate.js";
import { tempDir } from "./helpers/temp.js";

const SEED = 0x5eed;
const WSDL_ITERATIONS = 40;
const RESPONSE_ITERATIONS = 600;

test("fuzzed User.wsdl: output or a GeneratorError, never a crash or a partial output folder", { timeout: 300_000 }, async () => {
  const original = readFileSync(new URL("services88/wsdl/User.wsdl", SHARED), "utf8");
  const r = prng(SEED);
  const dir = tempDir("fuzz-wsdl-");
  const outcomes: string[] = [];
  for (let n = 0; n < WSDL_ITERATIONS; n++) {
    let { text, what } = mutate(original, r);
    if (n % 3 === 2) ({ text, what } = ((m) => ({ text: m.text, what: `${what}; ${m.what}` }))(mutate(text, r)));
    const file = path.join(dir, `User-${n}.wsdl`);
    writeFileSync(file, text);
    const out = path.join(dir, `out-${n}`);
    mkdirSync(out);
    writeFileSync(path.join(out, "previous.ts"), "// previous\n");
    try {
      const { files } = await generate({ ...DEFAULTS, wsdl: [file], out });
      await writeAtomically(out, files);
      assert.deepEqual(readdirSync(out).sort(), [...files.keys()].sort(), "complete output");
      outcomes.push(`#${n} ${what}: generated ${files.size} files`);
    } catch (e) {
      if (!(e instanceof GeneratorError)) throw new Error(`#${n} (${what}) crashed: ${(e as Error).stack}`);
      assert.deepEqual(readdirSync(out), ["previous.ts"], `#${n} left the output folder as it was`);
      outcomes.push(
        `#${n} ${what}: ${e
          .format()
          .split("\n")[0]!
          .replace(dir + "/", "")}`,
      );
    }
  }
  console.log(outcomes.map((o) => `  ${o}`).join("\n"));
});

test("fuzzed User responses: a value or a SoapError, never a crash or a hang", { timeout: 120_000 }, async () => {
  const dir = new URL("services88/examples/User/", SHARED);
  const examples = readdirSync(dir)
    .filter((f) => f.endsWith(".response.xml"))
    .sort();
  const r = prng(SEED + 1);
  const counts = { decoded: 0, errors: {} as Record<string, number> };
  for (let n = 0; n < RESPONSE_ITERATIONS; n++) {
    const file = r.pick(examples);
    const op = file.slice(0, -".response.xml".length);
    let { text } = mutate(readFileSync(new URL(file, dir), "utf8"), r);
    if (n % 2) text = mutate(text, r).text;
    const { fetch } = capturingFetch(text);
    const agent = new UserAgent({ fetch, timeout: 5000 });
    try {
      await (agent.invoke as (name: string, req: object) => Promise<unknown>)(op, {});
      counts.decoded++;
    } catch (e) {
      if (!(e instanceof SoapError)) throw new Error(`${op} (iteration ${n}) crashed: ${(e as Error).stack}`);
      counts.errors[e.name] = (counts.errors[e.name] ?? 0) + 1;
    }
  }
  console.log(`  ${RESPONSE_ITERATIONS} mutated responses: ${counts.decoded} decoded, errors ${JSON.stringify(counts.errors)}`);
  assert.equal(counts.decoded + Object.values(counts.errors).reduce((a, b) => a + b, 0), RESPONSE_ITERATIONS);
});
