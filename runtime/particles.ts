// Content models that are not a plain sequence: choices, repeated groups, an element name in
// more than one place, wildcards (xs:any), mixed content. The descriptor of such a type names
// `particles(...)` (and `sequence`, `choice`, `all`, `wildcard`), and the encoder and decoder
// walk this tree for it; types whose content is a plain sequence keep the flat fast path, and a
// bundle whose types are all plain (Services88's) carries none of this.
//
// Values: an element is a member (its key), an array when it repeats; a repeated group is an
// array of objects under its key, one per occurrence, in document order; a choice writes the
// members of the alternative it holds; open content is `$elements` (each element as XML), where
// the wildcard stands; mixed content is `$content`, text and one-member objects in order.
import { EncodeFailure, escapeText, member, notXml, ownValue, repeated, type ElementWriter } from "./encode.js";
import type { Decoder } from "./decode.js";
import type { ContentModel, Field, ModelSpec, RecordType } from "./schema.js";
import { setKey, textSince, type Tag } from "./xml-reader.js";

/** A particle as generated code writes it: an element by its index among the type's own element members, a group, or a wildcard. */
export type ParticleSpec = number | GroupSpec | WildcardSpec;

export interface GroupSpec {
  readonly kind: 0 | 1 | 2;
  readonly items: readonly ParticleSpec[];
  readonly min: number;
  readonly max: number;
  readonly key: string | undefined;
}

export interface WildcardSpec {
  readonly kind: 3;
  readonly min: number;
  readonly max: number;
  /** The namespaces allowed ("" for unqualified), or undefined for any. */
  readonly namespaces: readonly string[] | undefined;
  /** The namespaces excluded (##other). */
  readonly not: readonly string[] | undefined;
}

const SEQUENCE = 0;
const CHOICE = 1;
const ALL = 2;
const WILDCARD = 3;
const ELEMENT = 4;

/** xs:sequence: the particles in order. A group that repeats (max > 1) keeps one object per occurrence under `key`. */
export const sequence = (items: readonly ParticleSpec[], min = 1, max = 1, key?: string): GroupSpec => ({ kind: SEQUENCE, items, min, max, key });
/** xs:choice: one of the particles (per occurrence). */
export const choice = (items: readonly ParticleSpec[], min = 1, max = 1, key?: string): GroupSpec => ({ kind: CHOICE, items, min, max, key });
/** xs:all: the particles in any order, each at most once. */
export const all = (items: readonly ParticleSpec[], min = 1, max = 1): GroupSpec => ({ kind: ALL, items, min, max, key: undefined });
/** xs:any: elements of the namespaces allowed, kept as XML in `$elements`. */
export const wildcard = (min = 0, max = 1, namespaces?: readonly string[], not?: readonly string[]): WildcardSpec => ({
  kind: WILDCARD,
  min,
  max,
  namespaces,
  not,
});

/** A type's own content model (its base's comes first): what a record descriptor's `model` option gives. */
export function particles(root: GroupSpec, mixed = false): ModelSpec {
  return { bind: (t) => new Model(t, root, mixed) };
}

type Node = ElementNode | GroupNode | WildcardNode;

interface ElementNode {
  readonly kind: typeof ELEMENT;
  readonly field: Field;
  readonly min: number;
}

interface GroupNode {
  readonly kind: typeof SEQUENCE | typeof CHOICE | typeof ALL;
  readonly particles: readonly Node[];
  readonly min: number;
  readonly max: number;
  readonly key: string | undefined;
  /** `{ns}local` (local alone where any namespace is read) of the elements that can come first. */
  first: Set<string>;
  /** The wildcards that can come first. */
  firstAny: WildcardNode[];
  emptiable: boolean;
}

interface WildcardNode extends Omit<WildcardSpec, "kind"> {
  readonly kind: typeof WILDCARD;
}

const OPEN = "$elements";
const MIXED = "$content";

class Model implements ContentModel {
  readonly root: GroupNode;
  /** Every element the model names (a wildcard never takes one: XSD 1.1's rule, and what keeps lenient wildcards from swallowing members). */
  readonly #names = new Set<string>();
  readonly #wildcards: WildcardNode[] = [];
  readonly #fields: Field[] = [];

  constructor(
    readonly t: RecordType,
    spec: GroupSpec,
    readonly mixed: boolean,
  ) {
    const base = t.base;
    const baseCount = base ? base.fields.length : 0;
    const own = this.#node(spec, t.fields, baseCount) as GroupNode;
    // The base's content comes first: its own tree, or its members in sequence.
    const inherited: Node | undefined = base?.model
      ? ((base.model.bound ?? base.model) as Model).root
      : base && base.fields.length
        ? this.#group({ kind: SEQUENCE, items: base.fields.map((_, i) => i), min: 1, max: 1, key: undefined }, base.fields, 0)
        : undefined;
    this.root = inherited ? this.#group({ kind: SEQUENCE, items: [], min: 1, max: 1, key: undefined }, [], 0, [inherited, own]) : own;
    if (inherited) this.#collect(inherited);
  }

  #node(spec: ParticleSpec, fields: readonly Field[], offset: number): Node {
    if (typeof spec === "number") {
      const field = fields[offset + spec]!;
      this.#names.add(this.#nameKey(field.ns, field.name));
      this.#fields.push(field);
      return { kind: ELEMENT, field, min: field.optional ? 0 : 1 };
    }
    if (spec.kind === WILDCARD) {
      const w: WildcardNode = { ...spec, kind: WILDCARD };
      this.#wildcards.push(w);
      return w;
    }
    return this.#group(spec, fields, offset);
  }

  #group(spec: GroupSpec, fields: readonly Field[], offset: number, nodes?: Node[]): GroupNode {
    const particles = nodes ?? spec.items.map((s) => this.#node(s, fields, offset));
    const g: GroupNode = { kind: spec.kind, particles, min: spec.min, max: spec.max, key: spec.key, first: new Set(), firstAny: [], emptiable: false };
    // What can start the group: a sequence's particles up to the first that cannot be empty; any of a choice's or an all's.
    let emptiable = g.kind !== CHOICE;
    for (const p of particles) {
      const pe = this.#starts(p, g.first, g.firstAny);
      if (g.kind === CHOICE) emptiable ||= pe;
      else if (!pe) {
        emptiable = false;
        if (g.kind === SEQUENCE) break;
      }
    }
    g.emptiable = emptiable || g.min === 0;
    return g;
  }

  /** Adds what can start `p` to the sets; whether `p` may match nothing. */
  #starts(p: Node, first: Set<string>, firstAny: WildcardNode[]): boolean {
    if (p.kind === ELEMENT) {
      first.add(this.#nameKey(p.field.ns, p.field.name));
      return p.min === 0;
    }
    if (p.kind === WILDCARD) {
      firstAny.push(p);
      return p.min === 0;
    }
    for (const k of p.first) first.add(k);
    firstAny.push(...p.firstAny);
    return p.emptiable;
  }

  /** Names and wildcards of an inherited tree, built by the base's own model. */
  #collect(n: Node): void {
    if (n.kind === ELEMENT) {
      this.#names.add(this.#nameKey(n.field.ns, n.field.name));
      this.#fields.push(n.field);
    } else if (n.kind === WILDCARD) this.#wildcards.push(n);
    else for (const p of n.particles) this.#collect(p);
  }

  #nameKey(ns: string, local: string): string {
    return this.t.anyNs ? local : `{${ns}}${local}`;
  }

  // --- writing -------------------------------------------------------------------------------

  write(v: object, ns: string, write: ElementWriter): string {
    const obj = v as Record<string, unknown>;
    return this.mixed ? this.#writeMixed(obj, ns, write) : this.#writeGroup(this.root, obj, ns, write, { open: false });
  }

  #writeGroup(g: GroupNode, obj: Record<string, unknown>, ns: string, write: ElementWriter, scope: { open: boolean }): string {
    if (g.key === undefined) return g.min === 0 && !this.#present(g, obj) ? "" : this.#writeOnce(g, obj, ns, write, scope);
    const entries = g.key in Object.prototype ? ownValue(obj, g.key) : obj[g.key];
    if (entries === undefined) {
      if (g.min > 0) throw new EncodeFailure(`${g.key} is required (at least ${g.min} ${g.min === 1 ? "entry" : "entries"})`).at(`/${g.key}`);
      return "";
    }
    if (!Array.isArray(entries)) throw new EncodeFailure(`expected an array of entries (${this.#describe(g)} may occur more than once)`).at(`/${g.key}`);
    if (entries.length < g.min) throw new EncodeFailure(`at least ${g.min} entries are required, got ${entries.length}`).at(`/${g.key}`);
    let s = "";
    for (let i = 0; i < entries.length; i++) {
      const e: unknown = entries[i];
      try {
        if (typeof e !== "object" || e === null || Array.isArray(e)) throw new EncodeFailure(`expected an object (one occurrence of ${this.#describe(g)})`);
        s += this.#writeOnce(g, e as Record<string, unknown>, ns, write, { open: false });
      } catch (err) {
        throw err instanceof EncodeFailure ? err.at(`/${g.key}[${i}]`) : err;
      }
    }
    return s;
  }

  #writeOnce(g: GroupNode, obj: Record<string, unknown>, ns: string, write: ElementWriter, scope: { open: boolean }): string {
    if (g.kind !== CHOICE) {
      let s = "";
      for (const p of g.particles) s += this.#writeNode(p, obj, ns, write, scope);
      return s;
    }
    const alt = this.#chosen(g, obj);
    if (alt !== undefined) return this.#writeNode(alt, obj, ns, write, scope);
    if (g.emptiable || g.particles.some((p) => this.#emptiable(p))) return "";
    throw new EncodeFailure(`one of ${this.#describe(g)} is required (an xs:choice)`);
  }

  #writeNode(p: Node, obj: Record<string, unknown>, ns: string, write: ElementWriter, scope: { open: boolean }): string {
    if (p.kind === ELEMENT) {
      const f = p.field;
      const value = member(obj, f);
      if (value === undefined) {
        if (p.min === 0) return "";
        throw new EncodeFailure(`required member ${f.key} is missing`).at(`/${f.key}`);
      }
      try {
        return f.repeated ? repeated(f, value, ns, write) : write(f, value, ns);
      } catch (e) {
        throw e instanceof EncodeFailure ? e.at(`/${f.key}`) : e;
      }
    }
    if (p.kind === WILDCARD) {
      // Every element of open content goes where the first wildcard of the object stands.
      if (scope.open) return "";
      scope.open = true;
      const v = obj[OPEN];
      if (v === undefined) {
        if (p.min > 0) throw new EncodeFailure(`open content is required here (at least ${p.min} element${p.min === 1 ? "" : "s"} in ${OPEN})`).at(`/${OPEN}`);
        return "";
      }
      return openContent(v, ns);
    }
    return this.#writeGroup(p, obj, ns, write, scope);
  }

  /** The alternative of a choice a value holds: of those it has members of, the first it has every required member of, else the first. */
  #chosen(g: GroupNode, obj: Record<string, unknown>): Node | undefined {
    let first: Node | undefined;
    for (const p of g.particles) {
      if (!this.#present(p, obj)) continue;
      if (this.#complete(p, obj)) return p;
      first ??= p;
    }
    return first;
  }

  /** Whether a value holds anything of a particle. */
  #present(p: Node, obj: Record<string, unknown>): boolean {
    if (p.kind === ELEMENT) return member(obj, p.field) !== undefined;
    if (p.kind === WILDCARD) return obj[OPEN] !== undefined;
    if (p.key !== undefined) return obj[p.key] !== undefined;
    return p.particles.some((c) => this.#present(c, obj));
  }

  /** Whether a value holds every member a particle requires (in a sequence; a choice needs one alternative). */
  #complete(p: Node, obj: Record<string, unknown>): boolean {
    if (p.kind === ELEMENT) return p.min === 0 || member(obj, p.field) !== undefined;
    if (p.kind === WILDCARD) return p.min === 0 || obj[OPEN] !== undefined;
    if (p.key !== undefined) return p.min === 0 || obj[p.key] !== undefined;
    if (p.kind === CHOICE) return p.emptiable || p.particles.some((c) => this.#present(c, obj) && this.#complete(c, obj));
    return p.particles.every((c) => this.#complete(c, obj));
  }

  #emptiable(p: Node): boolean {
    return p.kind === ELEMENT || p.kind === WILDCARD ? p.min === 0 : p.emptiable;
  }

  /** A group in words, for messages: the elements that can start it. */
  #describe(g: GroupNode): string {
    const names = [...g.first].map((k) => `<${k.slice(k.indexOf("}") + 1)}>`);
    if (g.firstAny.length) names.push("open content");
    return names.join(", ") || "the group";
  }

  #writeMixed(obj: Record<string, unknown>, ns: string, write: ElementWriter): string {
    const content = obj[MIXED];
    if (content === undefined) return "";
    if (!Array.isArray(content)) throw new EncodeFailure("expected an array of text and one-member objects (mixed content)").at(`/${MIXED}`);
    let s = "";
    for (let i = 0; i < content.length; i++) {
      const x: unknown = content[i];
      try {
        if (typeof x === "string") {
          if (notXml(x)) throw new EncodeFailure("the string holds a character XML cannot carry");
          s += escapeText(x);
          continue;
        }
        const keys = typeof x === "object" && x !== null && !Array.isArray(x) ? Object.keys(x) : [];
        if (keys.length !== 1) throw new EncodeFailure("expected text or an object of one member (mixed content)");
        const key = keys[0]!;
        const value = (x as Record<string, unknown>)[key];
        if (key === OPEN || key === "$element") {
          s += openContent(key === OPEN ? value : [value], ns);
          continue;
        }
        const f = this.#fields.find((y) => y.key === key);
        if (!f) throw new EncodeFailure(`${JSON.stringify(key)} is no member of ${this.t.name}`);
        s += write(f, value, ns);
      } catch (e) {
        throw e instanceof EncodeFailure ? e.at(`/${MIXED}[${i}]`) : e;
      }
    }
    return s;
  }

  // --- reading -------------------------------------------------------------------------------

  read(r: Decoder, tag: Tag, out: Record<string, unknown>): void {
    const c = new Cursor(r, this, this.mixed ? [] : undefined);
    if (!tag.empty) c.advance();
    if (this.mixed) return this.#readMixed(c, out);
    this.#readGroup(c, this.root, out);
    if (c.tag !== null) r.fail(`<${c.tag.qname}> is not expected here in ${this.t.name}: the schema puts it elsewhere or not at all`);
  }

  /** Whether a wildcard takes an element: its namespace allowed, and no member of the model named so. */
  accepts(w: WildcardNode, tag: Tag): boolean {
    if (w.namespaces !== undefined ? !w.namespaces.includes(tag.uri) : w.not !== undefined && w.not.includes(tag.uri)) return false;
    return !this.#names.has(this.#nameKey(tag.uri, tag.local));
  }

  /** Whether the model has a place for an element anywhere (one it has not is skipped as unknown). */
  knows(tag: Tag): boolean {
    return this.#names.has(this.#nameKey(tag.uri, tag.local)) || this.#wildcards.some((w) => this.accepts(w, tag));
  }

  #startsWith(p: Node, tag: Tag): boolean {
    if (p.kind === ELEMENT) return this.#matches(p.field, tag);
    if (p.kind === WILDCARD) return this.accepts(p, tag);
    return p.first.has(this.#nameKey(tag.uri, tag.local)) || p.firstAny.some((w) => this.accepts(w, tag));
  }

  #matches(f: Field, tag: Tag): boolean {
    return tag.local === f.name && (this.t.anyNs || tag.uri === f.ns);
  }

  #readGroup(c: Cursor, g: GroupNode, out: Record<string, unknown>): void {
    if (g.key === undefined) {
      if (c.tag !== null && this.#startsWith(g, c.tag)) this.#readOnce(c, g, out);
      else if (!g.emptiable) this.#missing(c, g);
      return;
    }
    const entries: Record<string, unknown>[] = [];
    while (c.tag !== null && entries.length < g.max && this.#startsWith(g, c.tag)) {
      const entry: Record<string, unknown> = {};
      const before = c.count;
      this.#readOnce(c, g, entry);
      entries.push(entry);
      // An occurrence that read nothing would repeat for ever.
      if (c.count === before) break;
    }
    if (entries.length) setKey(out, g.key, entries);
    else if (g.min > 0) this.#missing(c, g);
  }

  #readOnce(c: Cursor, g: GroupNode, out: Record<string, unknown>): void {
    if (g.kind === SEQUENCE) {
      for (const p of g.particles) this.#readNode(c, p, out);
    } else if (g.kind === CHOICE) {
      const alt = c.tag === null ? undefined : g.particles.find((p) => this.#startsWith(p, c.tag!));
      if (alt) this.#readNode(c, alt, out);
      else if (!g.particles.some((p) => this.#emptiable(p))) this.#missing(c, g);
    } else {
      const left = [...g.particles];
      for (;;) {
        const at = c.tag === null ? -1 : left.findIndex((p) => this.#startsWith(p, c.tag!));
        if (at === -1) break;
        this.#readNode(c, left[at]!, out);
        left.splice(at, 1);
      }
      for (const p of left) if (!this.#emptiable(p)) this.#missing(c, p);
    }
  }

  #readNode(c: Cursor, p: Node, out: Record<string, unknown>): void {
    if (p.kind === ELEMENT) {
      const f = p.field;
      if (f.repeated) {
        const items: unknown[] = [];
        while (c.tag !== null && this.#matches(f, c.tag)) {
          items.push(c.r.value(f, c.tag));
          c.advance();
        }
        if (items.length) setKey(out, f.key, items);
        else if (p.min > 0) this.#missing(c, p);
      } else if (c.tag !== null && this.#matches(f, c.tag)) {
        setKey(out, f.key, c.r.value(f, c.tag));
        c.advance();
      } else if (p.min > 0) this.#missing(c, p);
      return;
    }
    if (p.kind === WILDCARD) {
      let n = 0;
      while (c.tag !== null && n < p.max && this.accepts(p, c.tag)) {
        ((out[OPEN] as string[] | undefined) ?? (out[OPEN] = [])).push(c.fragment());
        c.advance();
        n++;
      }
      if (n < p.min) this.#missing(c, p);
      return;
    }
    this.#readGroup(c, p, out);
  }

  #missing(c: Cursor, p: Node): never {
    const found = c.tag === null ? `the end of ${this.t.name}` : `<${c.tag.qname}>`;
    if (p.kind === ELEMENT)
      return c.r.fail(
        `required member <${p.field.name}>${p.field.ns ? ` in namespace ${p.field.ns}` : " (no namespace)"} of ${this.t.name} is missing (found ${found})`,
      );
    if (p.kind === WILDCARD) return c.r.fail(`${this.t.name} requires open content (an element the schema leaves open) here; found ${found}`);
    return c.r.fail(`${this.t.name} requires one of ${this.#describe(p)} here; found ${found}`);
  }

  #readMixed(c: Cursor, out: Record<string, unknown>): void {
    const content = c.content!;
    while (c.tag !== null) {
      const tag = c.tag;
      const f = this.#fields.find((x) => this.#matches(x, tag));
      if (f) content.push({ [f.key]: c.r.value(f, tag) });
      else content.push({ $element: c.fragment() });
      c.advance();
    }
    if (content.length) setKey(out, MIXED, content);
  }
}

/** The reader at the start tag of the next child element of a record being read (null: at its end tag). */
class Cursor {
  tag: Tag | null = null;
  /** Where the current child's start tag began, for open content's XML. */
  #at = 0;
  /** How many children were read, to tell an occurrence that read nothing. */
  count = 0;

  constructor(
    readonly r: Decoder,
    readonly model: Model,
    /** Mixed content: text and elements in order. */
    readonly content: unknown[] | undefined,
  ) {}

  /** Moves to the next child the model knows; one it does not is skipped (strict: refused), as the flat path does. */
  advance(): void {
    const r = this.r;
    for (;;) {
      if (this.content) {
        const text = r.text();
        if (text !== "") this.content.push(text);
      } else r.skipWhitespaceContent();
      if (r.atEndTag()) {
        this.tag = null;
        return;
      }
      this.#at = r.base + r.i;
      const tag = r.startTag();
      this.count++;
      if (this.model.knows(tag)) {
        this.tag = tag;
        return;
      }
      r.unknown(tag);
    }
  }

  /** The current child as standalone XML (read whole): open content. */
  fragment(): string {
    return fragment(this.r, this.tag!, this.#at);
  }
}

/**
 * Open content (xs:any): XML the caller wrote, sent as given. Each string is standalone XML: an
 * element without a prefix or a default namespace of its own is in no namespace, so where the
 * encoder has a default namespace in scope (`ns`) it is undeclared (`xmlns=""`, Namespaces in
 * XML section 6.2); otherwise it would land in the parent's namespace (a `##local` wildcard's
 * elements are unqualified).
 */
export function openContent(v: unknown, ns: string): string {
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw new EncodeFailure("expected an array of XML strings").at(`/${OPEN}`);
  let s = "";
  for (const x of v as string[]) s += ns === "" ? x : undeclared(x);
  return s;
}

/** `<name ...>` with ` xmlns=""` added when the start tag has no prefix and declares no default namespace. */
function undeclared(xml: string): string {
  const m = START_TAG.exec(xml);
  if (m === null || m[2]!.includes(":")) return xml;
  // The attributes up to the end of the start tag, quoted values skipped.
  const rest = ATTRIBUTES.exec(xml.slice(m[0].length))?.[0] ?? "";
  if (DEFAULT_NS.test(rest)) return xml;
  return `${m[0]} xmlns=""${xml.slice(m[0].length)}`;
}
const START_TAG = /^(\s*(?:<!--[\s\S]*?-->\s*)*)<([^\s/>]+)/;
const ATTRIBUTES = /^(?:[^>"']|"[^"]*"|'[^']*')*/;
const DEFAULT_NS = /(?:^|\s)xmlns\s*=/;

/**
 * An element of open content (xs:any), whose start tag was read at `at`, as standalone XML: the
 * namespace declarations it relies on from outside are copied onto it.
 */
function fragment(r: Decoder, child: Tag, at: number): string {
  const { outer, attrs, qname } = child;
  r.skip(child);
  const xml = textSince(r, at);
  let decls = "";
  for (const prefix in outer) {
    if (prefix === "xml") continue;
    const declared = prefix === "" ? "xmlns" : `xmlns:${prefix}`;
    if (attrs.includes(declared)) continue;
    if (prefix === "" ? outer[""] !== "" : usesPrefix(xml, prefix))
      decls += ` ${declared}="${outer[prefix]!.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;")}"`;
  }
  const nameEnd = 1 + qname.length;
  return decls ? xml.slice(0, nameEnd) + decls + xml.slice(nameEnd) : xml;
}

/** Whether `prefix:` occurs in the XML as a prefix (in a name or a QName value), not as the end of a longer name (`xs:` is not `s:`). */
function usesPrefix(xml: string, prefix: string): boolean {
  for (let i = xml.indexOf(`${prefix}:`); i !== -1; i = xml.indexOf(`${prefix}:`, i + 1)) if (i === 0 || !/[\w.-]/.test(xml[i - 1]!)) return true;
  return false;
}
