import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// Each test file runs in a process of its own: its temporary folders go when it exits, passed or not.
const made: string[] = [];
process.on("exit", () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh folder, removed when the test process exits: under the system's temp folder, or under
 * `parent` (the repository, for output that is snapshot-tested: its runtime import must not name
 * where the clone lives).
 */
export function tempDir(prefix: string, parent = tmpdir()): string {
  const dir = mkdtempSync(path.join(parent, parent === tmpdir() ? prefix : `scratch-${prefix}`));
  made.push(dir);
  return dir;
}
