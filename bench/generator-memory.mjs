// Peak RSS of the generator reading one WSDL, in a fresh process. argv: the WSDL. Prints the peak
// RSS in bytes, or "refused" and the first line of the error when the input is over a limit.
import { readFileSync } from "node:fs";
import { DEFAULTS } from "../dist/generator/config.js";
import { readModel } from "../dist/generator/generate.js";
// VmHWM: this address space's own peak (see memory.mjs).
const peak = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))[1]) * 1024;
const [file] = process.argv.slice(2);
try {
  await readModel({ ...DEFAULTS, wsdl: [file] });
  console.log(`${peak()} read`);
} catch (e) {
  console.log(`${peak()} refused ${String(e.message).split("\n")[0]}`);
}
