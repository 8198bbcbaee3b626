import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Runs the generator CLI in a fresh process, as a user would. */
export function runCli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, ["--import", "tsx", `${ROOT}generator/cli.ts`, ...args], { cwd, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
