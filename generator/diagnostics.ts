import type { Loc } from "./ir/model.js";

/** An error in the input, reported as `file:line:col: error: message` (the format compilers use). */
export class GeneratorError extends Error {
  constructor(
    message: string,
    readonly loc?: Partial<Loc>,
  ) {
    super(message);
    this.name = "GeneratorError";
  }

  format(): string {
    const l = this.loc;
    const where = l?.file ? `${l.file}${l.line ? `:${l.line}:${l.column ?? 1}` : ""}: ` : "";
    return `${where}error: ${this.message}`;
  }
}

/** Where a DOM node was parsed (xmldom's locator gives 1-based line and column). */
export function locOf(file: string, node: { lineNumber?: number; columnNumber?: number } | null | undefined): Loc {
  return { file, line: node?.lineNumber ?? 0, column: node?.columnNumber ?? 0 };
}
