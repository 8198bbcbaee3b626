// Issue 4: seeded fuzzing. Mutated WSDLs give output or a GeneratorError (and never a partial
// output folder); mutated responses give a value or a SoapError. Never a crash or a hang.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEFAULTS } from "../generator/config.js";
import { GeneratorError } from "../generator/diagnostics.js";
import { generate } from "../generator/generate.js";
import { writeAtomically } from "../generator/emit/write.js";
import { SoapError, UserAgent } from "../generated/services88/index.js";
import { capturingFetch, SHARED } from "./helpers/capture.js";

const SEED = 0x5eed;
const WSDL_ITERATIONS = 40;
const RESPONSE_ITERATIONS = 600;

/** mulberry32: small, seedable, good enough to pick mutations reproducibly. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const JUNK = ["<", ">", "&", "&amp;", "&bogus;", '"', "xs:choice", "q99:", "tns:Nope", "unbounded", "-1", "\u0000", "\uFFFF", "]]>", "<!DOCTYPE x>", "<![CDATA[", "\u00e9", "nillable", "true"];

/** One random edit: drop, duplicate or truncate lines, rewrite an attribute, rename a tag, insert junk. */
function mutate(text: string, r: ReturnType<typeof prng>): { text: string; what: string } {
  const lines = text.split("\n");
  const i = r.int(lines.length);
  switch (r.int(7)) {
    case 0:
      lines.splice(i, 1);
      return { text: lines.join("\n"), what: `deleted line ${i + 1}` };
    case 1:
      lines.splice(i, 0, lines[i]!);
      return { text: lines.join("\n"), what: `duplicated line ${i + 1}` };
    case 2: {
      const at = r.int(text.length);
      return { text: text.slice(0, at), what: `truncated at ${at}` };
    }
    case 3: {
      const attrs = [...text.matchAll(/(\w+)="([^"]*)"/g)];
      const m = r.pick(attrs);
      const junk = r.pick(JUNK);
      return { text: text.slice(0, m.index!) + `${m[1]}="${junk}"` + text.slice(m.index! + m[0].length), what: `${m[1]}="${junk}" at ${m.index}` };
    }
    case 4: {
      const tags = [...text.matchAll(/<(\/?)(xs|wsdl|soap|s|User|SOAP-ENV):(\w+)/g)];
      const m = r.pick(tags);
      const to = r.pick(["choice", "sequence", "element", "complexType", "import", "message", "part", "Fault", "Body", "Header", "any"]);
      return { text: text.slice(0, m.index!) + `<${m[1]}${m[2]}:${to}` + text.slice(m.index! + m[0].length), what: `<${m[2]}:${m[3]}> renamed to ${to}` };
    }
    case 5: {
      const at = r.int(text.length);
      const junk = r.pick(JUNK);
      return { text: text.slice(0, at) + junk + text.slice(at), what: `inserted ${JSON.stringify(junk)} at ${at}` };
    }
    default: {
      const at = r.int(text.length);
      const len = 1 + r.int(200);
      return { text: text.slice(0, at) + text.slice(at + len), what: `cut ${len} chars at ${at}` };
    }
  }
}

test("fuzzed User.wsdl: output or a GeneratorError, never a crash or a partial output folder", { timeout: 300_000 }, async () => {
  const original = readFileSync(new URL("services88/wsdl/User.wsdl", SHARED), "utf8");
  const r = prng(SEED);
  const dir = mkdtempSync(path.join(tmpdir(), "fuzz-wsdl-"));
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
      outcomes.push(`#${n} ${what}: ${e.format().split("\n")[0]!.replace(dir + "/", "")}`);
    }
  }
  console.log(outcomes.map((o) => `  ${o}`).join("\n"));
});

test("fuzzed User responses: a value or a SoapError, never a crash or a hang", { timeout: 120_000 }, async () => {
  const dir = new URL("services88/examples/User/", SHARED);
  const examples = readdirSync(dir).filter((f) => f.endsWith(".response.xml")).sort();
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
