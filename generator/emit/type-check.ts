import path from "node:path";
import { Worker } from "node:worker_threads";
import type { SourceFile as TS_SourceFile, ts as TS } from "ts-morph";
import { GeneratorBug } from "../diagnostics.js";

/**
 * Type-checks the rendered files against the runtime, strictly, as a project's compiler will
 * check them. Generated code that does not type-check is a bug in the generator, never the user's
 * to fix: it stops the run as a GeneratorBug (exit 3), each error with the declaration it is in
 * and, for a generated type, the XSD type and where the WSDL declares it. (The templates print
 * formatted code themselves; a test checks ts-morph's formatter would leave it unchanged.)
 *
 * Every declaration a project's code can name is checked, in every file, though the agents' files
 * carry `// @ts-nocheck` so that a project's compiler need not check them again. The descriptor
 * tables (schema.ts and each `<agent>.operations.ts`: data the runtime walks, not API) carry it
 * too, and are not checked unless `all` (--typecheck-all) says so: the test suite checks them
 * over every WSDL it generates. They were most of the check's time (0.9 s of strict tsc's 1.36 s
 * for 1,511 operations in one portType); what a project's code names is what a run must guarantee.
 *
 * What else makes it cheap: only the generated files are checked, against the runtime's
 * declarations (the package's .d.ts); libraries are not (skipLibCheck), and instead of
 * lib.dom.d.ts (2 MB to parse) the check declares the two DOM types the runtime's declarations
 * name. The CLI starts the check's worker before it loads the rest of the generator, so
 * TypeScript loads while the WSDL is read, and each file is parsed there as soon as it is rendered.
 */

/** What the check reports of one error: where, what, and the generated declaration it is in. */
export interface TypeProblem {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
  readonly owner?: string;
}

/**
 * The DOM types the runtime's declarations refer to (transport.d.ts, client.d.ts), declared
 * opaquely: generated code only passes them through. A test checks the runtime's declarations
 * need nothing else.
 */
export const DOM_SUBSET = `// The DOM types soap-ts-runtime's declarations name; the check does without lib.dom.d.ts.
interface AbortSignal {
  readonly aborted: boolean;
}
interface ReadableStream<R = unknown> {
  readonly locked: boolean;
}
`;
/** The pragma for a project's compiler (the agents, their parts and base, the descriptor tables), on a line of its own. */
const NOCHECK = /^\/\/ @ts-nocheck$/m;
const DOM_SUBSET_FILE = "__soap-ts-gen-dom.d.ts";
const WARM_FILE = "__soap-ts-gen-warm.ts";

/** A compiler with the libraries and the runtime's declarations parsed once, for checking one output folder. */
export interface Checker {
  /** Parses one file of the output folder (a relative path) now, for the next check; descriptor tables are skipped unless `all`. */
  add(file: string, text: string, descriptors?: boolean): void;
  /** Checks the files added since the last check (then forgets them). */
  check(): TypeProblem[];
}

export function createChecker(tsMorph: typeof import("ts-morph"), outDir: string, runtimeImport: string, options: { all?: boolean } = {}): Checker {
  const { Project, ts } = tsMorph;
  const abs = path.resolve(outDir);
  // One project for the run: each program it makes reuses the libraries and the runtime's
  // declarations parsed (and bound) by the one before.
  const project = new Project({
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2022.d.ts"],
      types: [],
      skipLibCheck: true,
      noUnusedLocals: true,
    },
    skipAddingFilesFromTsConfig: true,
  });
  project.createSourceFile(path.join(abs, DOM_SUBSET_FILE), DOM_SUBSET, { overwrite: true });
  let added: TS_SourceFile[] = [];

  const add = (file: string, text: string, descriptors = false) => {
    // The pragma is for a project's compiler: this check reads past it, except in the descriptor tables.
    const checked = options.all || !descriptors ? text.replace(NOCHECK, "//") : text;
    added.push(project.createSourceFile(path.join(abs, file), checked, { overwrite: true }));
  };
  const check = (): TypeProblem[] => {
    const program = project.getProgram().compilerObject;
    const problems: TypeProblem[] = [];
    const report = (d: TS.Diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      if (!d.file || d.start === undefined) return problems.push({ file: "?", message });
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      const owner = declarationAt(d.file.text, line + 1);
      problems.push({ file: d.file.fileName, line: line + 1, column: character + 1, message, ...(owner ? { owner } : {}) });
    };
    program.getOptionsDiagnostics().forEach(report);
    program.getGlobalDiagnostics().forEach(report);
    // Only the generated files: the libraries and the runtime's declarations are not checked.
    for (const sf of added) {
      program.getSyntacticDiagnostics(sf.compilerNode).forEach(report);
      program.getSemanticDiagnostics(sf.compilerNode).forEach(report);
    }
    for (const sf of added) project.removeSourceFile(sf);
    added = [];
    return problems;
  };
  // Parses the libraries and resolves the runtime now, so the real check only parses its own files.
  add(WARM_FILE, `import type * as runtime from ${JSON.stringify(runtimeImport)};\nexport type Options = runtime.ClientOptions;\n`);
  check();
  return { add, check };
}

/** The GeneratorBug for what the check found (the first ten errors shown). */
function problemsError(problems: readonly TypeProblem[], origins: ReadonlyMap<string, string>): GeneratorBug {
  const shown = problems.slice(0, 10).map((p) => {
    const from = p.owner === undefined ? "" : ` (in ${p.owner}${origins.has(p.owner) ? `, from ${origins.get(p.owner)}` : ""})`;
    const where = p.file === "?" ? "?" : path.relative(process.cwd(), p.file);
    return `  ${where}${p.line !== undefined ? `:${p.line}:${p.column}` : ""}: ${p.message}${from}`;
  });
  return new GeneratorBug(`the generated code does not type-check (${problems.length} errors; nothing was written):\n${shown.join("\n")}`);
}

/** The worker's messages, in the order they are sent. */
export type CheckMessage =
  | { readonly kind: "begin"; readonly outDir: string; readonly runtimeImport: string; readonly all: boolean }
  | { readonly kind: "add"; readonly file: string; readonly text: string; readonly descriptors: boolean }
  | { readonly kind: "check" };

/** A check started early: TypeScript loads in a worker thread while the caller reads the WSDL. */
export interface PendingCheck {
  /** Where the output goes and how it imports the runtime: the worker then parses the libraries and the runtime's declarations. */
  begin(outDir: string, runtimeImport: string): void;
  /** Hands over one rendered file, which the worker parses now (other than TypeScript files are ignored); `descriptors` for a table-only file. */
  add(file: string, text: string, descriptors?: boolean): void;
  /** Checks the files added since begin (or the last check): a GeneratorBug names what does not type-check. */
  check(origins: ReadonlyMap<string, string>): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the check's worker, which loads TypeScript at once. (One worker: two, each checking half
 * the files, were slower on two cores, both parsing every file.)
 */
export function startTypeCheck(options: { all?: boolean } = {}): PendingCheck {
  // Beside this file: compiled, the .js; from source (this repository's tests and scripts), the
  // .ts, with tsx registered in the worker first (a loader the process runs with is not inherited).
  const fromSource = import.meta.url.endsWith(".ts");
  const entry = new URL(`./type-check-worker.${fromSource ? "ts" : "js"}`, import.meta.url);
  const worker = fromSource
    ? new Worker(`import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((t) => t.register()).then(() => import(${JSON.stringify(entry.href)}))`, {
        eval: true,
      })
    : new Worker(entry);
  const failure = new Promise<never>((_, reject) => {
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the type-check worker exited (${code})`)));
  });
  failure.catch(() => undefined);
  const send = (m: CheckMessage) => worker.postMessage(m);
  return {
    begin: (outDir, runtimeImport) => send({ kind: "begin", outDir, runtimeImport, all: options.all === true }),
    add(file, text, descriptors = false) {
      if (file.endsWith(".ts")) send({ kind: "add", file, text, descriptors });
    },
    async check(origins) {
      const answer = new Promise<TypeProblem[]>((resolve) => worker.once("message", resolve));
      send({ kind: "check" });
      const problems = await Promise.race([answer, failure]).catch((e: Error) => {
        throw new GeneratorBug(`the type-check could not run: ${e.message}`);
      });
      if (problems.length) throw problemsError(problems, origins);
    },
    async close() {
      await worker.terminate();
    },
  };
}

/** The name of the top-level declaration a line (1-based) is in: the nearest `export const|interface|type|class` above it. */
function declarationAt(text: string, line: number): string | undefined {
  const lines = text.split("\n");
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const m = /^export (?:declare )?(?:const|interface|type|class|function) (\$?[\w$]+)/.exec(lines[i]!);
    if (m) return m[1];
  }
  return undefined;
}
