// The names generated code imports from the runtime, checked against runtime/codegen.ts at
// compile time: printing a name the runtime does not export there fails the generator's build,
// not a user's generated code.
import * as codegen from "soap-ts-runtime/codegen";

export type RuntimeSymbol = keyof typeof codegen;

/** A runtime value a generated module imports (type-checked against runtime/codegen.ts). */
export const runtimeSymbol = <K extends RuntimeSymbol>(name: K): K => name;

/** The module generated code imports the runtime through, under the configured runtime folder. */
export const RUNTIME_MODULE = "codegen.js";

/**
 * Every value the runtime exports to generated code: a generated declaration must not take one of
 * these names in a file that imports it (schema.ts imports values only).
 */
export const RUNTIME_NAMES: ReadonlySet<string> = new Set(Object.keys(codegen));
