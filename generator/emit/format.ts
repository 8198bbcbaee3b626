import path from "node:path";
import { IndentationText, NewLineKind, Project, QuoteKind, ts } from "ts-morph";
import { GeneratorError } from "../diagnostics.js";

/**
 * Formats the rendered files and type-checks them against the runtime, strictly. Anything that
 * does not type-check is a generator bug or an unsupported input, and stops the run.
 */
export function formatAndCheck(outDir: string, files: ReadonlyMap<string, string>, check = true): Map<string, string> {
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
      exactOptionalPropertyTypes: false,
      noUnusedLocals: true,
    },
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Double, newLineKind: NewLineKind.LineFeed },
    skipAddingFilesFromTsConfig: true,
  });
  const abs = path.resolve(outDir);
  const sources = [...files].map(([rel, text]) => project.createSourceFile(path.join(abs, rel), text, { overwrite: true }));
  for (const sf of sources) {
    sf.organizeImports();
    sf.formatText({ indentSize: 2, convertTabsToSpaces: true });
  }
  if (check) {
    const diagnostics = project.getPreEmitDiagnostics().filter((d) => {
      const f = d.getSourceFile()?.getFilePath();
      return f === undefined || f.startsWith(abs);
    });
    if (diagnostics.length) {
      const shown = diagnostics.slice(0, 10).map((d) => {
        const sf = d.getSourceFile();
        const pos = sf ? sf.getLineAndColumnAtPos(d.getStart() ?? 0) : undefined;
        const text = d.getMessageText();
        const msg = typeof text === "string" ? text : ts.flattenDiagnosticMessageText(text.compilerObject, "\n");
        return `  ${sf ? path.relative(process.cwd(), sf.getFilePath()) : "?"}${pos ? `:${pos.line}:${pos.column}` : ""}: ${msg}`;
      });
      throw new GeneratorError(`the generated code does not type-check (${diagnostics.length} errors; nothing was written):\n${shown.join("\n")}`);
    }
  }
  const out = new Map<string, string>();
  for (const [rel] of files) {
    const text = project.getSourceFileOrThrow(path.join(abs, rel)).getFullText();
    out.set(rel, text.endsWith("\n") ? text : text + "\n");
  }
  return out;
}
