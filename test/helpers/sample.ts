// Builds fully populated sample values from the generator's IR: every optional member present,
// lists with two items, nesting down to a fixed depth, enum values rotated so each gets used,
// and null on every few nillable members.
import {
  elementsOf,
  qnameKey,
  type ComplexTypeDef,
  type ElementDecl,
  type ElementParticle,
  type Model,
  type SimpleTypeDef,
  type TypeRef,
} from "../../generator/ir/model.js";

/** An operation wrapper's complex type (its own type stays anonymous in the model). */
export function wrapperType(decl: ElementDecl): ComplexTypeDef {
  if (decl.type.kind !== "anonymous" || decl.type.def.kind !== "complex") throw new Error(`${decl.qname.local} is not an anonymous wrapper`);
  return decl.type.def;
}

const BUILTIN_SAMPLES: Record<string, (n: number) => unknown> = {
  string: (n) => (n % 3 === 0 ? `text <&> "quoted" 'é' ${n}` : `text ${n}`),
  anyURI: (n) => `https://example.com/item/${n}`,
  boolean: (n) => n % 2 === 0,
  byte: (n) => (n % 256) - 128,
  unsignedByte: (n) => n % 256,
  short: (n) => (n % 65536) - 32768,
  unsignedShort: (n) => n % 65536,
  int: (n) => (n % 2 ? -1 : 1) * (2147483647 - n),
  unsignedInt: (n) => 4294967295 - n,
  long: (n) => 9007199254740993n + BigInt(n), // above 2^53: precision must survive
  unsignedLong: (n) => 18446744073709551615n - BigInt(n),
  float: (n) => n + 0.25,
  double: (n) => (n % 5 === 0 ? Infinity : n + 0.1),
  decimal: (n) => `12345678901234567890.${n}`,
  dateTime: (n) => `2024-05-06T07:08:${String(n % 60).padStart(2, "0")}.1234567${n % 2 ? "Z" : ""}`,
  duration: () => "P1DT2H3M4.5S",
  base64Binary: (n) => new Uint8Array([0, 1, 2, 254, 255, n % 256]),
  anyType: (n) => (n % 2 ? `any ${n}` : n),
};

export class SampleBuilder {
  #n = 0;
  #nillables = 0;
  readonly #enumNext = new Map<string, number>();
  readonly used = new Map<string, Set<string>>();
  readonly #variantCounts = new Map<string, Map<string, number>>();
  /** Enumerations sampled since the last reset, to find which operation reaches which. */
  touched = new Set<string>();

  /**
   * @param nullEvery every how many nillable members get null (0: never, for "fully populated")
   */
  constructor(
    readonly model: Model,
    readonly maxDepth = 3,
    readonly nullEvery = 4,
  ) {}

  /** Moves which nillable members get null, so a repeated sample takes other paths. */
  shift(): void {
    this.#nillables++;
  }

  particle(p: ElementParticle, depth: number): unknown {
    if (p.nillable && (depth >= this.maxDepth || (this.nullEvery > 0 && ++this.#nillables % this.nullEvery === 0))) return null;
    return this.value(p.type, depth);
  }

  value(ref: TypeRef, depth: number): unknown {
    const n = ++this.#n;
    if (ref.kind === "builtin") {
      const make = BUILTIN_SAMPLES[ref.name];
      if (!make) throw new Error(`no sample for xs:${ref.name}`);
      return make(n);
    }
    const def = ref.kind === "anonymous" ? ref.def : this.model.types.get(qnameKey(ref.qname))!;
    if (def.kind === "simple") return this.simple(def, n);
    if (this.model.subtypes.has(qnameKey(def.qname))) return this.derived(def, depth);
    return this.complex(def, depth);
  }

  /** The declared type and each type derived from it, in turn, each value marked by its `$type`. */
  derived(def: ComplexTypeDef, depth: number): unknown {
    const family = this.family(def);
    const key = qnameKey(def.qname);
    this.touched.add(key);
    // The least-sampled type next: however many values of the base one request holds, every
    // derived type keeps coming round (a plain rotation can fall into step with them).
    const counts = this.#variantCounts.get(key) ?? new Map<string, number>();
    this.#variantCounts.set(key, counts);
    const count = (d: ComplexTypeDef) => counts.get(d.qname.local) ?? 0;
    const pick = family.reduce((best, d) => (count(d) < count(best) ? d : best));
    counts.set(pick.qname.local, count(pick) + 1);
    const used = this.used.get(key) ?? new Set<string>();
    this.used.set(key, used);
    used.add(pick.qname.local);
    // Services88's derived types are all in its own namespace: `$type` is the XSD name.
    return { $type: pick.qname.local, ...(this.complex(pick, depth) as object) };
  }

  /** A polymorphic type and every type derived from it, directly or not. */
  family(def: ComplexTypeDef): ComplexTypeDef[] {
    const kids = this.model.subtypes.get(qnameKey(def.qname)) ?? [];
    return [def, ...kids.flatMap((q) => this.family(this.model.types.get(qnameKey(q)) as ComplexTypeDef))];
  }

  simple(def: SimpleTypeDef, n: number): unknown {
    if (def.variety === "restriction") {
      if (def.qname.local === "guid") return `3f2504e0-4f89-11d3-9a0c-0305e82c${String(n % 10000).padStart(4, "0")}`;
      if (def.qname.local === "char") return 65 + (n % 26);
      return this.value(def.base, 0);
    }
    const key = qnameKey(def.qname);
    this.touched.add(key);
    const used = this.used.get(key) ?? new Set<string>();
    this.used.set(key, used);
    if (def.variety === "flags") {
      // A flags value can carry every flag at once.
      def.values.forEach((v) => used.add(v));
      return n % 2 ? [...def.values] : def.values.slice(0, 1);
    }
    // Unused values first, then round the list again.
    const i = this.#enumNext.get(key) ?? 0;
    this.#enumNext.set(key, i + 1);
    const v = def.values.find((x) => !used.has(x)) ?? def.values[i % def.values.length]!;
    used.add(v);
    return v;
  }

  complex(def: ComplexTypeDef, depth: number): unknown {
    const shape = def.shape;
    if (shape.kind === "array") return depth >= this.maxDepth ? [] : [this.particle(shape.item, depth + 1), this.particle(shape.item, depth + 1)];
    if (shape.kind === "dictionary") {
      if (depth >= this.maxDepth) return {};
      const out: Record<string, unknown> = {};
      for (let i = 0; i < 2; i++)
        out[String(this.value(shape.key.type, depth + 1)) + (shape.key.type.kind === "builtin" && shape.key.type.name === "string" ? `-${i}` : "")] =
          this.particle(shape.value, depth + 1);
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const p of this.members(def)) {
      if (depth >= this.maxDepth && p.minOccurs === 0 && !p.nillable) continue;
      out[p.name] = this.particle(p, depth + 1);
    }
    return out;
  }

  members(def: ComplexTypeDef): ElementParticle[] {
    const base = def.base ? (this.model.types.get(qnameKey(def.base)) as ComplexTypeDef) : undefined;
    return [...(base ? this.members(base) : []), ...elementsOf(def.content)];
  }

  /** Enumeration values and derived types reachable so far that no sample has used yet. */
  unused(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const [key, used] of this.used) {
      const def = this.model.types.get(key)!;
      const values = def.kind === "simple" ? def.values : this.family(def).map((d) => d.qname.local);
      const missing = values.filter((v) => !used.has(v));
      if (missing.length) out.set(key, missing);
    }
    return out;
  }
}
