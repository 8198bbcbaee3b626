// How XSD types become TypeScript types and runtime descriptors. README's "Type mapping" table
// is this file in prose.
import type { xs, xsExtended } from "soap-ts-runtime/xsd";
import { GeneratorBug, GeneratorError } from "../diagnostics.js";
import { identifier, type Scope } from "./naming.js";
import { FileImports } from "./imports.js";
import { DESCRIPTOR_TYPES, RUNTIME_NAMES, runtimeSymbol, type RuntimeSymbol } from "./symbols.js";
import { SER_NS, qnameKey, type ElementParticle, type Loc, type Model, type QName, type TypeDef, type TypeRef } from "../ir/model.js";

/**
 * XSD built-ins and their TypeScript types (README's "Type mapping" says why). Keyed by the
 * runtime's own table (runtime/xsd.ts), so the two cannot drift apart.
 */
export const BUILTINS: { readonly [K in keyof typeof xs | keyof typeof xsExtended]: { readonly ts: string } } = {
  string: { ts: "string" },
  normalizedString: { ts: "string" },
  token: { ts: "string" },
  anyURI: { ts: "string" },
  QName: { ts: "string" },
  ID: { ts: "string" },
  IDREF: { ts: "string" },
  boolean: { ts: "boolean" },
  byte: { ts: "number" },
  unsignedByte: { ts: "number" },
  short: { ts: "number" },
  unsignedShort: { ts: "number" },
  int: { ts: "number" },
  unsignedInt: { ts: "number" },
  float: { ts: "number" },
  double: { ts: "number" },
  long: { ts: "bigint" },
  unsignedLong: { ts: "bigint" },
  integer: { ts: "bigint" },
  decimal: { ts: "string" },
  dateTime: { ts: "string" },
  duration: { ts: "string" },
  base64Binary: { ts: "Uint8Array" },
  hexBinary: { ts: "Uint8Array" },
  nonNegativeInteger: { ts: "bigint" },
  positiveInteger: { ts: "bigint" },
  nonPositiveInteger: { ts: "bigint" },
  negativeInteger: { ts: "bigint" },
  date: { ts: "string" },
  time: { ts: "string" },
  gYear: { ts: "string" },
  gYearMonth: { ts: "string" },
  gMonth: { ts: "string" },
  gMonthDay: { ts: "string" },
  gDay: { ts: "string" },
  language: { ts: "string" },
  Name: { ts: "string" },
  NCName: { ts: "string" },
  NMTOKEN: { ts: "string" },
  NMTOKENS: { ts: "string" },
  IDREFS: { ts: "string" },
  ENTITY: { ts: "string" },
  ENTITIES: { ts: "string" },
  NOTATION: { ts: "string" },
  anySimpleType: { ts: "string" },
  anyType: { ts: "unknown" },
};

type BuiltinName = keyof typeof BUILTINS;

/** The runtime's export of a built-in (xs:string -> xsString): generated code imports each by name, which bundlers shorten. */
export const builtinSymbol = (name: BuiltinName) => `xs${name.charAt(0).toUpperCase()}${name.slice(1)}` as `xs${Capitalize<BuiltinName>}`;
// Every built-in's export exists in the runtime's contract with generated code (a compile error otherwise).
const everyBuiltinExported: `xs${Capitalize<BuiltinName>}` extends RuntimeSymbol ? true : never = true;
void everyBuiltinExported;

export interface TypeNames {
  /** TypeScript name of a named type (also its values' `$type`). */
  name(q: QName): string;
  /** Its descriptor's name in schema.ts: the type's name, unless schema.ts needs that name itself (see descriptorName). */
  desc(q: QName): string;
  def(q: QName): TypeDef;
  /** Whether the model has a type of this name. */
  has(q: QName): boolean;
  /** For a polymorphic type: the name of the union of it and every type derived from it. */
  union(q: QName): string | undefined;
  /** For a polymorphic type: the types that extend it directly. */
  subtypes(q: QName): readonly QName[];
}

/**
 * schema.ts declares a descriptor per type and imports the runtime's exports by their names
 * (record, O, xsString, ..., and the types RecordType, ...), and declares `types` and the
 * namespace constants NS0, NS1, ...: a type named like one of those has its descriptor named
 * `$Name`. `$` is never in a name that comes from XSD (identifier() replaces it), so the two
 * cannot meet. Its TypeScript type keeps its name.
 */
const DESCRIPTOR_TYPE_NAMES: ReadonlySet<string> = new Set(Object.values(DESCRIPTOR_TYPES));

export function descriptorName(name: string): string {
  return RUNTIME_NAMES.has(name) || DESCRIPTOR_TYPE_NAMES.has(name) || name === "types" || /^NS\d+$/.test(name) ? `$${name}` : name;
}

/**
 * Names every named type once, PascalCase (`order` -> `Order`, as JAXB and svcutil name the
 * class): primary-namespace types keep their XSD name; a type of another namespace gets its
 * namespace's word as prefix, always (`prefix: "always"`, SuperOffice's rule) or only when its
 * name is taken (`"clash"`): primary types are named first, then the others by namespace and name.
 */
export function nameTypes(model: Model, primaryNs: string, scope: Pick<Scope, "claim" | "has">, prefix: "always" | "clash"): TypeNames {
  const names = new Map<string, string>();
  const ordered = [...model.types.values()].sort((a, b) => rank(a, primaryNs) - rank(b, primaryNs) || cmp(qnameKey(a.qname), qnameKey(b.qname)));
  for (const def of ordered) {
    const local = pascalish(def.qname.local);
    const plain = identifier(local.charAt(0).toUpperCase() + local.slice(1));
    const prefixed = identifier(namespacePrefix(def.qname.ns) + plain);
    // Case twins (`foo` beside `Foo`): the second keeps its name as written rather than become Foo2.
    const asWritten = identifier(local);
    const wanted =
      def.qname.ns === primaryNs ? (!scope.has(plain) || scope.has(asWritten) ? plain : asWritten) : prefix === "clash" && !scope.has(plain) ? plain : prefixed;
    names.set(qnameKey(def.qname), scope.claim(wanted));
  }
  // Claimed after every type name, so adding a hierarchy never renames a type.
  const unions = new Map<string, string>();
  for (const key of model.subtypes.keys()) unions.set(key, scope.claim(`${names.get(key) ?? missing({ ns: "", local: key })}OrDerived`));
  return {
    name: (q) => names.get(qnameKey(q)) ?? missing(q),
    desc: (q) => descriptorName(names.get(qnameKey(q)) ?? missing(q)),
    def: (q) => model.types.get(qnameKey(q)) ?? missing(q),
    has: (q) => model.types.has(qnameKey(q)),
    union: (q) => unions.get(qnameKey(q)),
    subtypes: (q) => model.subtypes.get(qnameKey(q)) ?? [],
  };
}

const missing = (q: QName): never => {
  throw new GeneratorBug(`type {${q.ns}}${q.local} has no name`);
};
const rank = (d: TypeDef, primary: string) => (d.qname.ns === primary ? 0 : 1);
export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const pascalish = (s: string) => s.replace(/[^A-Za-z0-9_$]/g, "_").replace(/^([0-9])/, "_$1");

/**
 * Globals the generated files name (a dictionary is a Record, xs:dateTime a Date, ...): a type
 * named like one would hide it, so the type takes the next free name (Record2).
 */
export const GLOBAL_TYPE_NAMES: readonly string[] = [
  "Array",
  "BigInt",
  "Date",
  "Error",
  "Number",
  "Object",
  "Promise",
  "Readonly",
  "ReadonlyArray",
  "Record",
  "String",
  "Uint8Array",
];

/** Words that say what a namespace holds, not whose it is: passed over when a namespace is read for its word. */
const GENERIC_WORDS = new Set([
  "www",
  "ws",
  "wsdl",
  "soap",
  "xsd",
  "xml",
  "schema",
  "schemas",
  "type",
  "types",
  "service",
  "services",
  "api",
  "model",
  "data",
  "dto",
]);

/**
 * A namespace's word, the prefix of its types where one is needed: the last segment of a path or
 * URN (http://schemas.microsoft.com/2003/10/Serialization/Arrays -> Arrays; .../System.Security.Cryptography
 * -> Cryptography); a namespace that is only a host, as JAX-WS writes a Java package
 * (com.acme.orders.types -> http://types.orders.acme.com/), is read from the left, so it names
 * the package's own word (Orders), not its top-level domain. Versions and dates, and words like
 * "types" or "service", are passed over while another word is left.
 */
export function namespacePrefix(ns: string): string {
  const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#:]*)(?::\d+)?([^?#]*)/i.exec(ns);
  const lastFirst = (text: string) =>
    text
      .split(/[/:#]/)
      .filter(Boolean)
      .reverse()
      .flatMap((seg) => seg.split(".").filter(Boolean).reverse());
  const labels = url?.[1]!.split(".").filter(Boolean) ?? [];
  // A URL's path from its end, then its host from the left without the top-level domain; a URN from its end.
  const words = url ? [...lastFirst(url[2]!), ...labels.slice(0, Math.max(1, labels.length - 1))] : lastFirst(ns);
  const meaningful = (w: string) => !GENERIC_WORDS.has(w.toLowerCase()) && !/^v?\d+([._-]\d+)*$/i.test(w);
  const word = words.find(meaningful) ?? words[0] ?? "Ns";
  return pascalish(word.charAt(0).toUpperCase() + word.slice(1));
}

export interface Mapper {
  /** The TypeScript type of a value of this type (without null). */
  ts(ref: TypeRef, loc: Loc): string;
  /** The TypeScript type of an element's value: nillable adds `| null`. */
  element(p: Pick<ElementParticle, "type" | "nillable" | "loc">): string;
  /** The runtime descriptor expression. */
  desc(ref: TypeRef, loc: Loc): string;
  /** How the type is written in docs: xs:string, or a {@link} to the generated type with its XSD name. */
  xsd(ref: TypeRef): string;
  /** The runtime flags of a member (see fieldFlags), as printed. */
  flags(p: FlagSource): string;
}

/**
 * @param typesAlias how the TS types module is referred to ("" inside it, "T." elsewhere)
 * @param descAlias how the descriptors module is referred to ("" inside it, "S." elsewhere)
 * @param imports the file's imports, which each type and descriptor printed records
 */
export function mapper(names: TypeNames, typesAlias: string, descAlias: string, imports = new FileImports()): Mapper {
  const typesRef = (name: string) => {
    if (typesAlias) imports.types = true;
    return typesAlias + name;
  };
  const builtin = (name: string, loc: Loc) => {
    const b = (BUILTINS as Readonly<Record<string, { readonly ts: string } | undefined>>)[name];
    if (!b) throw new GeneratorError(`unsupported XSD built-in type xs:${name}; supported: ${Object.keys(BUILTINS).join(", ")}`, loc);
    return b;
  };
  const ts = (ref: TypeRef, loc: Loc): string => {
    if (ref.kind === "builtin") return builtin(ref.name, loc).ts;
    const def = names.def(qnameOf(ref));
    if (def.kind === "simple") {
      if (def.variety === "list") {
        const item = ts(def.base, def.loc);
        return /[ |&]/.test(item) ? `(${item})[]` : `${item}[]`;
      }
      return def.variety === "restriction" ? ts(def.base, def.loc) : typesRef(names.name(def.qname));
    }
    switch (def.shape.kind) {
      case "record":
        // A member of a polymorphic type may hold any derived type: the union tells them apart.
        return typesRef(names.union(def.qname) ?? names.name(def.qname));
      case "array": {
        const item = def.shape.item;
        // Only `| null` makes the item a union that needs parentheses.
        return nullable(item) ? `(${element(item)})[]` : `${element(item)}[]`;
      }
      case "dictionary":
        return `Record<string, ${element(def.shape.value)}>`;
    }
  };
  // unknown already holds null.
  const nullable = (p: Pick<ElementParticle, "type" | "nillable">) => p.nillable && !(p.type.kind === "builtin" && p.type.name === "anyType");
  const element = (p: Pick<ElementParticle, "type" | "nillable" | "loc">) => {
    const t = ts(p.type, p.loc);
    return nullable(p) ? `${t} | null` : t;
  };
  return {
    ts,
    element,
    desc: (ref, loc) => {
      if (ref.kind === "builtin") {
        builtin(ref.name, loc);
        return imports.use(builtinSymbol(ref.name as BuiltinName));
      }
      if (descAlias) imports.schema = true;
      return descAlias + names.desc(qnameOf(ref));
    },
    flags: (p) => {
      const symbols = fieldFlags(p);
      for (const f of symbols) imports.use(f);
      return symbols.join(" | ") || "0";
    },
    xsd: (ref) => {
      if (ref.kind === "builtin") return `xs:${ref.name}`;
      const q = qnameOf(ref);
      const def = names.def(q);
      const link = `{@link ${typesAlias}${names.name(q)}}`;
      if (def.kind === "simple")
        return def.variety === "restriction" || def.variety === "list"
          ? // Microsoft's serialization types (guid, duration) say what their facets would.
            `${def.qname.local} (${ts(ref, def.loc)}${def.facets && def.qname.ns !== SER_NS ? `; ${def.facets.map((f) => `${f.name} \`${f.value}\``).join(", ")}` : ""})`
          : link;
      const union = names.union(q);
      switch (def.shape.kind) {
        case "record":
          return union ? `${link} or a type derived from it (by \`$type\`)` : link;
        case "array":
          return `${def.qname.local} (array of ${itemDoc(def.shape.item.type)})`;
        case "dictionary":
          return `${def.qname.local} (dictionary of ${itemDoc(def.shape.value.type)} by ${itemDoc(def.shape.key.type)})`;
      }
    },
  };
  function itemDoc(ref: TypeRef): string {
    if (ref.kind === "builtin") return `xs:${ref.name}`;
    const def = names.def(qnameOf(ref));
    return (def.kind === "complex" && def.shape.kind === "record") || (def.kind === "simple" && def.variety !== "restriction" && def.variety !== "list")
      ? `{@link ${typesAlias}${names.name(qnameOf(ref))}}`
      : def.qname.local;
  }
}

/** The QName of a named type reference; the passes named every anonymous type the emitters see (a wrapper's own type aside). */
export function qnameOf(ref: TypeRef): QName {
  if (ref.kind === "named") return ref.qname;
  throw new GeneratorBug(
    `an unnamed type reached the emitter: ${ref.kind === "anonymous" ? `the anonymous type of ${ref.def.qname.local}` : `xs:${ref.name}`}`,
  );
}

/** What a member's flags say: occurrence, nillability, and whether it is an attribute or the text. */
export type FlagSource = Pick<ElementParticle, "minOccurs" | "nillable"> & { readonly maxOccurs?: number; readonly sort?: "element" | "attribute" | "text" };

/**
 * The runtime's flag constants for a member: O (minOccurs=0), N (nillable), ON (both), R
 * (maxOccurs > 1), A (an attribute), T (the text of simple content); none for a plain required
 * element.
 */
export function fieldFlags(p: FlagSource): RuntimeSymbol[] {
  const out: RuntimeSymbol[] = [];
  if (p.minOccurs === 0 && p.nillable) out.push(runtimeSymbol("ON"));
  else if (p.minOccurs === 0) out.push(runtimeSymbol("O"));
  else if (p.nillable) out.push(runtimeSymbol("N"));
  if ((p.maxOccurs ?? 1) > 1) out.push(runtimeSymbol("R"));
  if (p.sort === "attribute") out.push(runtimeSymbol("A"));
  if (p.sort === "text") out.push(runtimeSymbol("T"));
  return out;
}
