import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Replaces the output folder as a whole: files go to a sibling temporary folder first, which is
 * then swapped in, so a failed run never leaves a half-written folder.
 */
export async function writeAtomically(outDir: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  const tmp = path.join(parent, `.${path.basename(target)}.tmp-${process.pid}`);
  const old = path.join(parent, `.${path.basename(target)}.old-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  try {
    await mkdir(tmp, { recursive: true });
    for (const [rel, text] of files) {
      const file = path.join(tmp, rel);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text);
    }
    const had = existsSync(target);
    if (had) await rename(target, old);
    try {
      await rename(tmp, target);
    } catch (e) {
      if (had) await rename(old, target);
      throw e;
    }
    if (had) await rm(old, { recursive: true, force: true });
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Files that differ between what the WSDL gives and what is on disk (stale, missing or extra). */
export async function staleFiles(outDir: string, files: ReadonlyMap<string, string>): Promise<string[]> {
  const stale: string[] = [];
  const onDisk = new Set(await list(outDir));
  for (const [rel, text] of files) {
    const have = onDisk.has(rel) ? await readFile(path.join(outDir, rel), "utf8") : undefined;
    if (have === undefined) stale.push(`${rel} (missing)`);
    else if (have !== text) stale.push(`${rel} (differs)`);
    onDisk.delete(rel);
  }
  for (const extra of onDisk) stale.push(`${extra} (not generated)`);
  return stale.sort();
}

async function list(dir: string, prefix = ""): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await list(path.join(dir, e.name), rel)));
    else out.push(rel);
  }
  return out;
}
