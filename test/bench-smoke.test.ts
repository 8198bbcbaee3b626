// A smoke run of the benchmark (one short sample of each figure) so it keeps working.
// Its numbers are not measurements; `npm run bench` takes them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { ROOT } from "./helpers/cli.js";

test("npm run bench works: every figure is measured against its peer", { timeout: 900_000 }, () => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "bench/run.ts", "--smoke"], { cwd: ROOT, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stderr.slice(-2000));
  const rows = r.stdout.split("\n").filter((l) => /^\| \d+ \|/.test(l));
  for (const figure of [
    "Generation, User.wsdl",
    "Generation, all 58 WSDLs",
    "Generation with the type-check, User.wsdl",
    "Generation with the type-check, all 58 WSDLs",
    "Generation with the type-check against wsdl-tsclient, all 58 WSDLs",
    "Strict tsc on the generated output, ShipService_v26.wsdl",
    "operations in one portType",
    "Largest generated TypeScript file",
    "Decode",
    "Decode vs JSON.parse of the same value",
    "Decode vs txml (untyped tree) of the same XML",
    "Decode floor: an indexOf scan of the same XML vs JSON.parse",
    "Encode",
    "Loopback, light call",
    "Loopback, heavy call",
    "Heavy call in process",
    "Cold start",
    "Heap retained per decoded user",
    "Peak RSS",
    "Generated code",
    "Browser bundle, one User call",
    "Browser bundle, all 58 agents",
    "Headroom",
    "Hostile response: one element with 100,000 attributes",
    "Hostile response: 8 MB of CDATA",
  ]) {
    assert.ok(
      rows.some((l) => l.includes(figure)),
      `no row for ${figure}`,
    );
  }
  for (const row of rows) assert.match(row, /\| [\d.]+x \||\| \d+% \|/, `a ratio in: ${row}`);
  assert.match(r.stdout, /wsdl-tsclient fails on List\.wsdl unless given --maxRecursiveDefinitionName 1000/);
});
