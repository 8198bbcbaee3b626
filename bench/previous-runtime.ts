// The runtime as it was before the content-model tree (issue 29), for a decode row that samples
// it in turn with today's on the same response: its sources from git, compiled as the package is
// (tsc into dist/), and the Services88 SDK's compiled descriptors (the generated code is the same
// byte for byte) importing it instead of today's. Undefined, with why, when there is no git
// history to take it from (a tarball of the repository).
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** The last commit whose runtime decodes every record flat. */
export const PREVIOUS_RUNTIME = "0892a03";

export interface PreviousRuntime {
  readonly decodeEnvelope: (xml: string, op: unknown, types: unknown) => { body: unknown };
  readonly UserOperations: Record<string, unknown>;
  readonly types: unknown;
}

export async function previousRuntime(root: string): Promise<PreviousRuntime | string> {
  try {
    execFileSync("git", ["cat-file", "-e", `${PREVIOUS_RUNTIME}^{commit}`], { cwd: root, stdio: "ignore" });
  } catch {
    return `commit ${PREVIOUS_RUNTIME} is not in this checkout's history`;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "bench-previous-"));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  const archive = execFileSync("git", ["archive", "--format=tar", PREVIOUS_RUNTIME, "runtime"], { cwd: root, maxBuffer: 1 << 28 });
  execFileSync("tar", ["-x", "-C", dir], { input: archive });
  // Its dependencies' types (@types/node) from this checkout.
  if (!existsSync(path.join(dir, "node_modules"))) cpSync(path.join(root, "node_modules/@types"), path.join(dir, "node_modules/@types"), { recursive: true });
  execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", path.join(dir, "runtime/tsconfig.json")], { cwd: dir });
  const sdk = path.join(dir, "services88");
  mkdirSync(sdk);
  const codegen = pathToFileURL(path.join(dir, "runtime/dist/codegen.js")).href;
  for (const f of readdirSync(path.join(root, "generated/dist/services88")).filter((f) => f.endsWith(".js")))
    writeFileSync(
      path.join(sdk, f),
      readFileSync(path.join(root, "generated/dist/services88", f), "utf8").replaceAll('"soap-ts-runtime/codegen"', JSON.stringify(codegen)),
    );
  const { decodeEnvelope } = (await import(pathToFileURL(path.join(dir, "runtime/dist/decode.js")).href)) as Pick<PreviousRuntime, "decodeEnvelope">;
  const { UserOperations } = (await import(pathToFileURL(path.join(sdk, "user.operations.js")).href)) as Pick<PreviousRuntime, "UserOperations">;
  const { types } = (await import(pathToFileURL(path.join(sdk, "schema.js")).href)) as Pick<PreviousRuntime, "types">;
  return { decodeEnvelope, UserOperations, types };
}
