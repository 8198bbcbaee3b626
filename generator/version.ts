import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** This generator's name and version, from package.json beside generator/ (source) or dist/ (compiled). */
function readPackage(): { name: string; version: string } {
  const file = [new URL("../package.json", import.meta.url), new URL("../../package.json", import.meta.url)]
    .map((u) => fileURLToPath(u))
    .find((p) => existsSync(p))!;
  return JSON.parse(readFileSync(file, "utf8")) as { name: string; version: string };
}

export const GENERATOR_VERSION = readPackage().version;
