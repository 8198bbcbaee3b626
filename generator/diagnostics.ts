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

/**
 * A broken invariant inside the generator: a bug in soap-ts-gen, not a problem with the input.
 * The CLI reports it as such (exit code 3), so nobody edits a good WSDL to get round it.
 */
export class GeneratorBug extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GeneratorBug";
  }
}

/**
 * An error of a run that also noticed things on the way: they follow it as notes, since the
 * cause is often among them (a port naming an undefined binding, a misplaced import).
 */
export function withNotes(e: unknown, notes: readonly GeneratorError[]): unknown {
  if (e instanceof GeneratorError && notes.length) e.message += notes.map((w) => `\n  note: ${w.format().replace(/(^|: )error: /, "$1")}`).join("");
  return e;
}

/**
 * A defect a lenient run worked round (`--lenient`): printed as a warning saying what was dropped
 * or assumed, and counted, so the summary says how far the output is from what the WSDL says.
 */
export class Rescue extends GeneratorError {
  constructor(message: string, loc?: Partial<Loc>) {
    super(message, loc);
    this.name = "Rescue";
  }
}

/**
 * Advice about the WSDL (its address is the publishing machine's own, or relative): it holds
 * until the WSDL changes, so the CLI prints it on the first run after a change, not on every run.
 */
export class Notice extends GeneratorError {
  constructor(message: string, loc?: Partial<Loc>) {
    super(message, loc);
    this.name = "Notice";
  }
}

/** The error that stops a strict run, or in a lenient one the warning that works round it. */
export function defect(lenient: boolean, warnings: GeneratorError[], message: string, loc: Partial<Loc> | undefined, rescue: string): void {
  if (!lenient) throw new GeneratorError(message, loc);
  warnings.push(new Rescue(`${message}: ${rescue} (--lenient)`, loc));
}
