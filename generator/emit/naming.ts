// Identifier safety in one place: every name the emitter prints goes through here.

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if " +
    "import in instanceof new null return super switch this throw true try typeof var void while with as implements interface let " +
    "package private protected public static yield any boolean constructor declare get module require number set string symbol type " +
    "from of unknown never object bigint undefined await async abstract is keyof readonly infer satisfies accessor __proto__"
  ).split(" "),
);

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A valid, stable TypeScript identifier for a name from the WSDL. */
export function identifier(name: string): string {
  let id = name.replace(/[^A-Za-z0-9_$]/g, "_");
  if (!id || /^[0-9]/.test(id)) id = `_${id}`;
  return RESERVED.has(id) ? `${id}_` : id;
}

/**
 * A string literal for any text, the one way WSDL text becomes a literal in generated code:
 * JSON's escaping, plus U+2028 and U+2029, which some tools still read as line ends.
 */
export function literal(text: string): string {
  return JSON.stringify(text)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** A property key as written in an interface or object literal: bare when valid, quoted otherwise. */
export function propertyKey(name: string): string {
  return IDENT.test(name) ? name : literal(name);
}

export function pascalCase(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_$]/g, "_");
  return identifier(id.charAt(0).toUpperCase() + id.slice(1));
}

/**
 * A key in an object literal. `__proto__:` (bare or quoted) would set the object's prototype, not
 * add a property: that one is written as a computed key.
 */
export function entryKey(name: string): string {
  return name === "__proto__" ? '["__proto__"]' : propertyKey(name);
}

/** How a member is read: `.name`, or `["odd-name"]` when it is not an identifier. */
export function memberAccess(name: string): string {
  return IDENT.test(name) ? `.${name}` : `[${literal(name)}]`;
}

/** How the runtime names an operation's method; the generator prints the same names. */
export { methodName } from "soap-ts-runtime/naming";

/** UserDefinedFieldInfo -> user-defined-field-info; CRMScript -> crm-script; BLOB -> blob. */
export function fileName(agent: string): string {
  return agent
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9-]/g, "-")
    .toLowerCase();
}

/**
 * Hands out names in one scope, resolving clashes deterministically (callers claim in a sorted
 * order). File names clash by case too, for case-insensitive file systems.
 */
export class Scope {
  readonly #taken = new Set<string>();
  constructor(
    reserved: Iterable<string> = [],
    private readonly ignoreCase = false,
  ) {
    for (const r of reserved) this.#taken.add(this.#key(r));
  }
  #key(name: string): string {
    return this.ignoreCase ? name.toLowerCase() : name;
  }
  has(name: string): boolean {
    return this.#taken.has(this.#key(name));
  }
  claim(wanted: string): string {
    let name = wanted;
    for (let i = 2; this.#taken.has(this.#key(name)); i++) name = `${wanted}${i}`;
    this.#taken.add(this.#key(name));
    return name;
  }
}
