import path from "node:path";
import { Project, ts } from "ts-morph";
import { GeneratorError } from "../diagnostics.js";

/**
 * Type-checks the rendered files against the runtime, strictly. Anything that does not
 * type-check is a generator bug or an unsupported input, and stops the run. (The templates
 * print formatted code themselves; a test checks ts-morph's formatter would leave it unchanged.)
 */
export function typeCheck(outDir: string, files: ReadonlyMap<string, string>): void {
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
    return `  ${sf ? path.relative(process.cwd(), sf.getFilePath()) : "?"}${pos ? `:${pos.line}:${pos.column}` : ""}: ${msg}`;
  });
  throw new GeneratorError(`the generated code does not type-check (${diagnostics.length} errors; nothing was written):\n${shown.join("\n")}`);
}
