import path from "node:path";
import { Project, ts } from "ts-morph";
import { GeneratorBug } from "../diagnostics.js";

/**
 * Type-checks the rendered files against the runtime, strictly. Generated code that does not
 * type-check is a bug in the generator, never the user's to fix: it stops the run as a
 * GeneratorBug (exit 3), each error with the declaration it is in and, for a generated type,
 * the XSD type and where the WSDL declares it. (The templates print formatted code themselves;
 * a test checks ts-morph's formatter would leave it unchanged.)
 */
export function typeCheck(outDir: string, files: ReadonlyMap<string, string>, origins: ReadonlyMap<string, string> = new Map()): void {
  const project = new Project({
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      types: [],
      skipLibCheck: true,
      noUnusedLocals: true,
    },
    skipAddingFilesFromTsConfig: true,
  });
  const abs = path.resolve(outDir);
  for (const [rel, text] of files) if (rel.endsWith(".ts")) project.createSourceFile(path.join(abs, rel), text, { overwrite: true });
  const diagnostics = project.getPreEmitDiagnostics().filter((d) => {
    const f = d.getSourceFile()?.getFilePath();
    return f === undefined || f.startsWith(abs);
  });
  if (!diagnostics.length) return;
  const shown = diagnostics.slice(0, 10).map((d) => {
    const sf = d.getSourceFile();
    const pos = sf ? sf.getLineAndColumnAtPos(d.getStart() ?? 0) : undefined;
    const text = d.getMessageText();
    const msg = typeof text === "string" ? text : ts.flattenDiagnosticMessageText(text.compilerObject, "\n");
    const owner = sf && pos ? declarationAt(sf.getFullText(), pos.line) : undefined;
    const from = owner === undefined ? "" : ` (in ${owner}${origins.has(owner) ? `, from ${origins.get(owner)}` : ""})`;
    return `  ${sf ? path.relative(process.cwd(), sf.getFilePath()) : "?"}${pos ? `:${pos.line}:${pos.column}` : ""}: ${msg}${from}`;
  });
  throw new GeneratorBug(`the generated code does not type-check (${diagnostics.length} errors; nothing was written):\n${shown.join("\n")}`);
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
