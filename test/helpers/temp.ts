import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./cli.js";

// Each test file runs in a process of its own: its temporary folders go when it exits, passed or not.
const made: string[] = [];
process.on("exit", () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh folder, removed when the test process exits: under the repository (a scratch-* folder),
 * where generated code imports the runtime package as a user's project does, through node_modules,
 * and snapshots name no machine's path; or under `parent`, e.g. tmpdir() for a project that must
 * see nothing of the repository's.
 */
export function tempDir(prefix: string, parent = ROOT): string {
  const dir = mkdtempSync(path.join(parent, parent === tmpdir() ? prefix : `scratch-${prefix}`));
  made.push(dir);
  return dir;
}
