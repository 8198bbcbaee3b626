import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
// By URL, so the CLI also runs from a folder outside the repository (where "tsx" is not installed).
const TSX = pathToFileURL(`${ROOT}node_modules/tsx/dist/loader.mjs`).href;

/**
 * The CLI's arguments in a test: the descriptor tables are type-checked too (--typecheck-all),
 * which a user's run leaves to this suite, unless the test turns the check off.
 */
const cliArgs = (args: string[]) => [
  "--conditions=soap-ts-source",
  "--import",
  TSX,
  `${ROOT}generator/cli.ts`,
  ...args,
  ...(args.includes("--no-typecheck") ? [] : ["--typecheck-all"]),
];

/** Runs the generator CLI in a fresh process, as a user would. */
export function runCli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, cliArgs(args), { cwd, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** runCli without blocking this process: for a CLI that talks to a server the test itself runs. */
export function runCliAsync(args: string[], cwd = ROOT): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, cliArgs(args), { cwd });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

/** Strict tsc (NodeNext) over one file, as a user's project would check it: the exit code and what it said. */
export function typecheck(file: string, cwd = ROOT) {
  const r = spawnSync(
    process.execPath,
    [`${ROOT}node_modules/typescript/bin/tsc`, "--noEmit", "--strict", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", file],
    { cwd, encoding: "utf8" },
  );
  return { code: r.status, output: r.stdout + r.stderr };
}
