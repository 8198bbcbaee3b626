// How a complex type's content is held by generated code, decided once for both sides: the
// property each member is kept in, the TypeScript object type (README, "Type mapping"), and the
// particle tree the runtime walks where the content is not a plain sequence. A plain sequence
// keeps the flat shape and the runtime's flat fast path.
import { GeneratorError } from "../diagnostics.js";
import {
  elementsOf,
  hasWildcard,
  plainElements,
  qnameKey,
  simplified,
  type ComplexTypeDef,
  type ElementParticle,
  type GroupParticle,
  type Particle,
  type QName,
  type TypeRef,
  type WildcardParticle,
} from "../ir/model.js";

/**
 * A member of a complex type as the generated code holds it: an element, an attribute, or the
 * text (`$value`). `key` is the property; it differs from the wire name for an attribute named
 * like an element of the same type, and for an element name that occurs again (`Note2`).
 */
export interface Member extends ElementParticle {
  readonly sort: "element" | "attribute" | "text";
  readonly key: string;
  readonly default?: string;
  readonly fixed?: string;
  /** The text of mixed content (between elements), rather than simple content. */
  readonly mixed?: boolean;
}

/** The property that holds the element's text in a type with simple content. */
export const TEXT_KEY = "$value";
/** The property that holds open content (xs:any): the elements as XML. */
export const OPEN_KEY = "$elements";
/** The property that holds mixed content with elements: text and elements in document order. */
export const MIXED_KEY = "$content";

/** The runtime's particle tree, as the descriptor spells it: elements by their index among the type's own element members. */
export type ModelNode =
  | { readonly kind: "element"; readonly index: number }
  | Pick<WildcardParticle, "kind" | "minOccurs" | "maxOccurs" | "namespaces" | "not">
  | {
      readonly kind: "sequence" | "choice" | "all";
      readonly minOccurs: number;
      readonly maxOccurs: number;
      /** A repeated group: the property whose array holds one object per occurrence. */
      readonly key?: string;
      readonly particles: readonly ModelNode[];
    };

/** A property of an object type. */
export type ShapeProp =
  | { readonly kind: "member"; readonly member: Member; readonly optional: boolean; readonly inChoice: boolean }
  | { readonly kind: "open"; readonly optional: boolean }
  /** A repeated group: an array of objects, one per occurrence, each of `entry`'s shape. */
  | { readonly kind: "entries"; readonly key: string; readonly optional: boolean; readonly entry: ObjectShape; readonly group: GroupParticle }
  /** Mixed content: text and one-member objects, in document order. */
  | { readonly kind: "mixed"; readonly elements: readonly Member[]; readonly open: boolean };

/** An object type: its properties, intersected with a union per choice. */
export interface ObjectShape {
  readonly props: readonly ShapeProp[];
  readonly unions: readonly UnionShape[];
}

/** An xs:choice: one object shape per alternative (an empty one when the choice may be left out). */
export interface UnionShape {
  readonly alternatives: readonly ObjectShape[];
}

export interface Layout {
  /** The type's own members in descriptor order: the text, the attributes, then the elements in document order. */
  readonly members: readonly Member[];
  /** The own part of the particle tree; undefined for a plain sequence, which the runtime reads and writes flat. */
  readonly model: ModelNode | undefined;
  /** The object type of the type's own part (its base's is extended or intersected). */
  readonly shape: ObjectShape;
  /** Every property key of the type, its bases' included. */
  readonly keys: ReadonlySet<string>;
  /** The type, or a type it extends, needs the particle tree. */
  readonly tree: boolean;
  /** Mixed content with elements: text and elements in order (`$content`). */
  readonly mixed: boolean;
}

/** Lays out complex types, each once, bases first. */
export class Layouts {
  readonly #done = new Map<string, Layout>();
  constructor(private readonly lookup: (q: QName) => ComplexTypeDef | undefined) {}

  of(def: ComplexTypeDef): Layout {
    const key = qnameKey(def.qname);
    const known = this.#done.get(key);
    if (known) return known;
    const base = def.base ? this.lookup(def.base) : undefined;
    const layout = layOut(def, base ? this.of(base) : undefined, this.#baseNames(def));
    // Anonymous wrapper types share their element's QName with nothing else: cache named types only.
    if (this.lookup(def.qname) === def) this.#done.set(key, layout);
    return layout;
  }

  /** The local names of the elements of the types a type extends. */
  #baseNames(def: ComplexTypeDef): Set<string> {
    const names = new Set<string>();
    for (let b = def.base && this.lookup(def.base), n = 0; b && n < 64; b = b.base && this.lookup(b.base), n++)
      for (const e of elementsOf(b.content)) names.add(e.name);
    return names;
  }
}

function layOut(def: ComplexTypeDef, base: Layout | undefined, baseNames: ReadonlySet<string>): Layout {
  const content = def.content ? simplified(def.content) : undefined;
  const elements = elementsOf(content);
  const mixed = def.mixed === true && (elements.length > 0 || hasWildcard(content));
  const plain = plainElements(def);
  // The flat path knows members by local name: a name twice (here or in a base) needs the tree.
  const tree =
    base?.tree === true || mixed || plain === undefined || plain.some((e) => baseNames.has(e.name)) || new Set(plain.map((e) => e.name)).size !== plain.length;
  const keys = new Set(base?.keys ?? []);
  const out: Member[] = [];
  let model: ModelNode | undefined;
  let shape: ObjectShape;
  if (!tree) {
    checkDeterministic(def.qname, content);
    const own = (plain ?? []).map((p): Member => ({ ...p, sort: "element", key: p.name }));
    for (const m of own) keys.add(m.key);
    out.push(...own);
    shape = { props: own.map((m) => ({ kind: "member", member: m, optional: m.minOccurs === 0, inChoice: false })), unions: [] };
  } else if (mixed) {
    const own = elements.map((p): Member => ({ ...p, sort: "element", key: claim(keys, p.name) }));
    out.push(...own);
    const at = new Map(elements.map((e, i) => [e, i]));
    model = nodeOf(content!, keys, at, new Map(own.map((m, i) => [elements[i]!, m])), true).node;
    keys.add(MIXED_KEY);
    shape = { props: [{ kind: "mixed", elements: own, open: hasWildcard(content) }], unions: [] };
  } else {
    if (content) checkDeterministic(def.qname, content);
    const members = new Map<ElementParticle, Member>();
    const at = new Map(elements.map((e, i) => [e, i]));
    const built = content ? nodeOf(content, keys, at, members, false) : undefined;
    model = built?.node ?? { kind: "sequence", minOccurs: 1, maxOccurs: 1, particles: [] };
    out.push(...elements.map((e) => members.get(e)!));
    shape = built?.shape ?? { props: [], unions: [] };
  }
  // The text and attributes come first in the descriptor, as on the wire (the start tag, then the content).
  const head: Member[] = [];
  const text = def.text ?? (def.mixed && !mixed ? ({ kind: "builtin", name: "string" } satisfies TypeRef) : undefined);
  if (text) {
    head.push({ kind: "element", sort: "text", key: TEXT_KEY, name: TEXT_KEY, ns: "", type: text, minOccurs: 1, maxOccurs: 1, nillable: false, loc: def.loc });
    keys.add(TEXT_KEY);
  }
  for (const a of def.attributes ?? []) {
    const key = keys.has(a.name) ? `${a.name}Attribute` : a.name;
    if (keys.has(key))
      throw new GeneratorError(`attribute ${a.name} of ${def.qname.local} clashes with a member named ${key}; rename one in the schema`, a.loc);
    keys.add(key);
    head.push({
      kind: "element",
      sort: "attribute",
      key,
      name: a.name,
      ns: a.ns,
      type: a.type,
      minOccurs: a.required ? 1 : 0,
      maxOccurs: 1,
      nillable: false,
      ...(a.default !== undefined ? { default: a.default } : {}),
      ...(a.fixed !== undefined ? { fixed: a.fixed } : {}),
      ...(a.doc !== undefined ? { doc: a.doc } : {}),
      loc: a.loc,
    });
  }
  if (def.openAttributes) keys.add("$attributes");
  const headProps = head.map((m): ShapeProp => ({ kind: "member", member: m, optional: m.minOccurs === 0, inChoice: false }));
  return { members: [...head, ...out], model, shape: { props: [...headProps, ...shape.props], unions: shape.unions }, keys, tree, mixed };
}

/** `wanted`, or with a number when the object already has a property of that name. */
function claim(keys: Set<string>, wanted: string): string {
  let key = wanted;
  for (let n = 2; keys.has(key); n++) key = `${wanted}${n}`;
  keys.add(key);
  return key;
}

/**
 * The particle tree and object shape of a model group. Keys are claimed in the object the group
 * writes into (`keys`): the alternatives of a choice each start from the keys before it, so one
 * element in two alternatives keeps one key; a repeated group claims a key for its entries,
 * which are objects of their own.
 */
function nodeOf(
  group: GroupParticle,
  keys: Set<string>,
  at: ReadonlyMap<ElementParticle, number>,
  members: Map<ElementParticle, Member>,
  mixed: boolean,
): { node: ModelNode; shape: ObjectShape } {
  const element = (e: ElementParticle, scope: Set<string>) => {
    const existing = members.get(e);
    if (!existing) members.set(e, { ...e, sort: "element", key: mixed ? e.name : claim(scope, e.name) });
    return { kind: "element" as const, index: at.get(e)! };
  };
  const wildcard = (w: WildcardParticle, scope: Set<string>): ModelNode => {
    scope.add("$elements");
    return {
      kind: "any",
      minOccurs: w.minOccurs,
      maxOccurs: w.maxOccurs,
      ...(w.namespaces ? { namespaces: w.namespaces } : {}),
      ...(w.not ? { not: w.not } : {}),
    };
  };
  /** A group's node, its particles claiming keys in `scope`, and its shape as part of an object that is optional when `optional`. */
  const walk = (g: GroupParticle, scope: Set<string>, optional: boolean, inChoice: boolean): { node: ModelNode; shape: ObjectShape } => {
    if (g.maxOccurs > 1) {
      // One object per occurrence, in an array: the group's name (xs:group ref=), else what it is.
      const key = mixed ? `$${g.kind}` : claim(scope, g.ref ? g.ref.local : `$${g.kind}`);
      const entry = walk({ ...g, minOccurs: 1, maxOccurs: 1 }, new Set(), false, false);
      return {
        node: { ...entry.node, minOccurs: g.minOccurs, maxOccurs: g.maxOccurs, key } as ModelNode,
        shape: { props: [{ kind: "entries", key, optional: optional || g.minOccurs === 0, entry: entry.shape, group: g }], unions: [] },
      };
    }
    const props: ShapeProp[] = [];
    const unions: UnionShape[] = [];
    const particles: ModelNode[] = [];
    if (g.kind === "choice") {
      const before = new Set(scope);
      const alternatives: ObjectShape[] = [];
      let emptiable = g.minOccurs === 0 || optional;
      for (const p of g.particles) {
        const own = new Set(before);
        const alt = walkParticle(p, own, false, true);
        particles.push(alt.node);
        alternatives.push(alt.shape);
        if (canBeEmpty(p)) emptiable = true;
        for (const k of own) scope.add(k);
      }
      if (emptiable) alternatives.push({ props: [], unions: [] });
      unions.push({ alternatives });
    } else {
      // A sequence (or xs:all) that may be left out while it requires members: all of them, or none.
      const allOrNothing = g.minOccurs === 0 && !canBeEmpty({ ...g, minOccurs: 1 });
      const inner = allOrNothing ? new Set(scope) : scope;
      const parts: ObjectShape[] = [];
      for (const p of g.particles) {
        const r = walkParticle(p, inner, allOrNothing ? false : optional || g.minOccurs === 0, inChoice);
        particles.push(r.node);
        parts.push(r.shape);
      }
      const whole = { props: parts.flatMap((s) => s.props), unions: parts.flatMap((s) => s.unions) };
      if (allOrNothing) {
        for (const k of inner) scope.add(k);
        unions.push({ alternatives: [whole, { props: [], unions: [] }] });
      } else {
        props.push(...whole.props);
        unions.push(...whole.unions);
      }
    }
    return { node: { kind: g.kind, minOccurs: g.minOccurs, maxOccurs: g.maxOccurs, particles }, shape: { props, unions } };
  };
  const walkParticle = (p: Particle, scope: Set<string>, optional: boolean, inChoice: boolean): { node: ModelNode; shape: ObjectShape } => {
    if (p.kind === "element") {
      const node = element(p, scope);
      return { node, shape: { props: [{ kind: "member", member: members.get(p)!, optional: optional || p.minOccurs === 0, inChoice }], unions: [] } };
    }
    if (p.kind === "any") {
      const present = scope.has("$elements");
      const node = wildcard(p, scope);
      // Several wildcards in one object share `$elements`.
      return { node, shape: { props: present ? [] : [{ kind: "open", optional: optional || p.minOccurs === 0 }], unions: [] } };
    }
    return walk(p, scope, optional, inChoice);
  };
  return walk(group, keys, false, false);
}

/** Whether a particle may match nothing at all. */
export function canBeEmpty(p: Particle): boolean {
  if (p.minOccurs === 0) return true;
  if (p.kind === "element" || p.kind === "any") return false;
  return p.kind === "choice" ? p.particles.some(canBeEmpty) : p.particles.every(canBeEmpty);
}

/**
 * An element name that occurs again further on in a sequence is valid XSD when the model stays
 * deterministic; one an element could match at either place breaks Unique Particle Attribution
 * (XSD 1.0 section 3.8.6), which no processor reads unambiguously: refused, saying so.
 */
function checkDeterministic(owner: QName, group: GroupParticle | undefined): void {
  if (!group) return;
  const check = (g: GroupParticle) => {
    if (g.kind === "sequence") {
      const ps = g.particles;
      for (let j = 0; j < ps.length; j++) {
        const e = ps[j]!;
        if (e.kind !== "element") continue;
        for (let i = j - 1; i >= 0; i--) {
          const before = ps[i]!;
          if (before.kind !== "element" || before.name !== e.name || before.ns !== e.ns) continue;
          if (before.minOccurs !== before.maxOccurs && ps.slice(i + 1, j).every((p) => canBeEmpty(p)))
            throw new GeneratorError(
              `content model of ${owner.local} is not deterministic: an <${e.name}> could be either of its two declarations (lines ${before.loc.line} and ${e.loc.line}), which breaks Unique Particle Attribution (XSD 1.0 section 3.8.6); make the first one's occurrences fixed or put a required element between them`,
              e.loc,
            );
          break;
        }
      }
    }
    for (const p of g.particles) if (p.kind !== "element" && p.kind !== "any") check(p);
  };
  check(group);
}
