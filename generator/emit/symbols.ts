// The names generated code imports from the runtime, checked against runtime/codegen.ts at
// compile time: printing a name the runtime does not export there fails the generator's build,
// not a user's generated code.
import * as codegen from "soap-ts-runtime/codegen";

export type RuntimeSymbol = keyof typeof codegen;

/** A runtime value a generated module imports (type-checked against runtime/codegen.ts). */
export const runtimeSymbol = <K extends RuntimeSymbol>(name: K): K => name;

/**
 * The runtime's types a descriptor table declares its constants with (schema.ts, by the function
 * that builds each): with its type written, a constant a checked file names costs the compiler
 * nothing to type, where an inferred one makes it check the initializer and all it refers to.
 */
export const DESCRIPTOR_TYPES = {
  record: "RecordType",
  array: "ArrayType",
  dictionary: "DictionaryType",
  enumeration: "EnumType",
  flags: "EnumType",
  restriction: "ScalarType",
  list: "ScalarType",
  registry: "TypeRegistry",
} as const;
export type DescriptorType = (typeof DESCRIPTOR_TYPES)[keyof typeof DESCRIPTOR_TYPES];
/** Fails the generator's build if the runtime stops exporting one of them (types leave no key in `codegen`). */
export type DescriptorTypesExported = [
  codegen.RecordType,
  codegen.ArrayType,
  codegen.DictionaryType,
  codegen.EnumType,
  codegen.ScalarType,
  codegen.TypeRegistry,
];

/** The module generated code imports the runtime through, under the configured runtime folder. */
export const RUNTIME_MODULE = "codegen.js";

/**
 * Every value the runtime exports to generated code: a generated declaration must not take one of
 * these names in a file that imports it (schema.ts imports values only).
 */
export const RUNTIME_NAMES: ReadonlySet<string> = new Set(Object.keys(codegen));
