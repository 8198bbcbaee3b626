import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { ApiSummary } from "./api/summary.js";
import { createRequire } from "node:module";
import { CONFIG_FILE, DEFAULT_RUNTIME_IMPORT, RUNTIME_PACKAGE, type Config } from "./config.js";
import { GeneratorError, withNotes } from "./diagnostics.js";
import { buildModel } from "./ir/build-model.js";
import type { Model } from "./ir/model.js";
import { render } from "./emit/render.js";
import { inputsDigest } from "./emit/tsdoc.js";
import { RUNTIME_MODULE } from "./emit/symbols.js";
import { buildViews } from "./emit/view-model.js";
import { profileNamed } from "./emit/profile.js";
import { readReferenceDocs } from "./docs/reference-docs.js";
import { isUrl } from "./xml/load.js";
import { checkAgentList } from "./wsdl/agent-list.js";
import { loadDocuments } from "./wsdl/load-documents.js";
import { readWsdl, type WsdlContents } from "./wsdl/read-wsdl.js";
import type { PendingCheck } from "./emit/type-check.js";

export interface Generated {
  readonly model: Model;
  /** Output files, relative to config.out. */
  readonly files: Map<string, string>;
  /** The public API (also in files as api.json). */
  readonly api: ApiSummary;
  /** The digest of the inputs every file's header names. */
  readonly inputs: string;
}

/** Expands folders to the *.wsdl files in them, sorted, so output never depends on directory order. */
export function expandSources(sources: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of sources) {
    if (isUrl(s)) out.push(s);
    else if (!existsSync(s)) throw new GeneratorError('WSDL source not found; fix the "wsdl" entry in the config or pass --wsdl', { file: s });
    else if (statSync(s).isDirectory()) {
      const found = readdirSync(s)
        .filter((f) => f.toLowerCase().endsWith(".wsdl"))
        .sort();
      if (!found.length) throw new GeneratorError("folder has no *.wsdl files", { file: s });
      out.push(...found.map((f) => path.join(s, f)));
    } else out.push(s);
  }
  return out;
}

export async function readModel(config: Config, onFile?: (file: string, i: number, n: number) => void): Promise<Model> {
  checkSources(config);
  const sources = expandSources(config.wsdl);
  if (config.agents) checkAgentList(config.agents, config.wsdl, sources);
  const contents: WsdlContents[] = [];
  for (const [i, file] of sources.entries()) {
    onFile?.(file, i, sources.length);
    const display = isUrl(file) ? file : path.basename(file);
    contents.push(
      readWsdl(
        await loadDocuments(file, {
          maxBytes: config.maxInputBytes,
          maxElements: config.maxXmlElements,
          maxDocuments: config.maxDocuments,
          maxDepth: config.maxImportDepth,
          timeoutMs: config.fetchTimeoutMs,
        }),
        display,
        { soapVersion: config.soapVersion, lenient: config.lenient },
      ),
    );
  }
  try {
    return buildModel(contents, { lenient: config.lenient });
  } catch (e) {
    throw withNotes(
      e,
      contents.flatMap((c) => c.warnings),
    );
  }
}

/** How generate() type-checks its output (see emit/type-check.ts). */
export interface GenerateOptions {
  /** false: no check; "all": the descriptor tables too (the test suite's check). Default true. */
  readonly typeCheck?: boolean | "all";
  /** A check the caller started earlier (the CLI does, before it loads the rest of the generator); generate() closes it. */
  readonly checking?: PendingCheck;
  readonly onFile?: (file: string, i: number, n: number) => void;
}

/** Builds every output file in memory; nothing touches the output folder. */
export async function generate(config: Config, options: GenerateOptions = {}): Promise<Generated> {
  const typeCheck = options.typeCheck ?? true;
  // ts-morph brings the whole TypeScript compiler: loaded only when it is used, in a worker, while the WSDL is read.
  const checking = options.checking ?? (typeCheck ? (await import("./emit/type-check.js")).startTypeCheck({ all: typeCheck === "all" }) : undefined);
  try {
    checkSources(config);
    // A WSDL path with a typo is said first: the runtime check below would otherwise hide it.
    expandSources(config.wsdl);
    const runtimeImport = runtimeImportOf(config);
    checking?.begin(config.out, runtimeImport);
    const model = await readModel(config, options.onFile);
    const docs = config.docs
      ? readReferenceDocs(
          config.docs,
          model.services.map((s) => s.name),
        )
      : undefined;
    const view = buildViews(model, runtimeImport, profileNamed(config.profile), docs);
    const files = render(view, checking && ((file, text, descriptors) => checking.add(file, text, descriptors)));
    await checking?.check(view.origins);
    return { model, files, api: view.api, inputs: inputsDigest(model.services.map((s) => s.source)) };
  } finally {
    await checking?.close();
  }
}

const toImport = (rel: string) => {
  const p = rel.split(path.sep).join("/");
  return p.startsWith(".") ? p : `./${p}`;
};

function checkSources(config: Config): void {
  if (!config.wsdl.length) throw new GeneratorError(`no WSDL given: set "wsdl" in ${CONFIG_FILE} (files, folders or URLs) or pass --wsdl FILE`);
}

/**
 * Where generated code imports the runtime from: a `runtime` folder, relative to the output, or a
 * module (the runtime package by default). Either is looked for first: one that is not there would
 * only show as a wall of "Cannot find module" from the type-check.
 */
function runtimeImportOf(config: Config): string {
  if (config.runtime !== undefined) {
    const entry = path.resolve(config.runtime, RUNTIME_MODULE);
    if (existsSync(entry) || existsSync(entry.replace(/\.js$/, ".ts"))) return toImport(path.relative(path.resolve(config.out), entry));
    throw new GeneratorError(
      `no runtime in ${config.runtime} (${RUNTIME_MODULE} is not there): set "runtime" to the runtime's folder, or remove it to import the installed ${RUNTIME_PACKAGE} package`,
      { file: config.runtime },
    );
  }
  const specifier = config.runtimeImport ?? DEFAULT_RUNTIME_IMPORT;
  if (specifier !== DEFAULT_RUNTIME_IMPORT) return specifier;
  // Resolved as the generated files will be: from the output folder, through its node_modules.
  try {
    createRequire(path.join(path.resolve(config.out), "index.js")).resolve(`${RUNTIME_PACKAGE}/package.json`);
  } catch {
    throw new GeneratorError(
      `the generated code imports "${DEFAULT_RUNTIME_IMPORT}", and ${RUNTIME_PACKAGE} is not installed where ${config.out} can import it: run "npm install ${RUNTIME_PACKAGE}" in that project (or set "runtimeImport" to the module that re-exports it, or "runtime" to a runtime folder)`,
      { file: config.out },
    );
  }
  return specifier;
}
