// What the view builders share: members as properties and descriptor fields, import lists.
import { GeneratorError } from "../../diagnostics.js";
import { RESPONSE } from "soap-ts-runtime/schema";
import { sequenceOf, type ComplexTypeDef, type ElementDecl, type ElementParticle } from "../../ir/model.js";
import type { Member } from "../layout.js";
import { literal, propertyKey } from "../naming.js";
import { doc, documentation, memberDoc, withReference } from "../tsdoc.js";
import { cmp, type Mapper, type TypeNames } from "../type-mapping.js";
import type { FieldSpecView, PropertyView } from "./model.js";

/** The response wrapper's member the method returns: its `<Response>` when that is its only member (WCF's convention). */
export function unwrapped(members: readonly ElementParticle[], rule: "Response" | "single"): ElementParticle | undefined {
  return members.length === 1 && (rule === "single" || members[0]!.name === RESPONSE) ? members[0] : undefined;
}

/**
 * What an operation's method resolves to: the unwrapped `<Response>`, nothing when the wrapper
 * has no members, else the wrapper's interface.
 */
export function returnType(members: readonly ElementParticle[], m: Mapper, responseInterface: string, rule: "Response" | "single"): string {
  const only = unwrapped(members, rule);
  if (only) {
    const t = m.element(only);
    const value = only.maxOccurs > 1 ? (t.includes(" ") ? `(${t})[]` : `${t}[]`) : t;
    return value + (only.minOccurs === 0 && !only.nillable ? " | undefined" : "");
  }
  return members.length === 0 ? "void" : responseInterface;
}

/** An import list: values, then types, each sorted case-insensitively (as organize-imports would). */
export function importList(values: string[], types: string[]): string {
  const sort = (xs: string[]) => [...new Set(xs)].sort((a, b) => cmp(a.toLowerCase(), b.toLowerCase()) || cmp(a, b));
  return [...sort(values), ...sort(types).map((t) => `type ${t}`)].join(", ");
}

export function commonPrefix(values: readonly string[]): string {
  if (values.length < 2) return "";
  let prefix = values[0]!;
  for (const v of values) while (!v.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.slice(0, prefix.lastIndexOf("/") + 1);
}

export function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))[0]![0];
}

export function property(member: Member, m: Mapper, reference: string[] = [], optional = member.minOccurs === 0, where?: "choice"): PropertyView {
  const t = m.element(member);
  const ts = member.maxOccurs > 1 ? (t.includes(" ") ? `(${t})[]` : `${t}[]`) : t;
  return { key: propertyKey(member.key), optional, ts, ...doc(withReference(memberDoc(member, m, where), [...documentation(member.doc), ...reference])) };
}

/** A plain element as a member (an operation wrapper's, a header's): its property is its name. */
export const asMember = (p: ElementParticle): Member => ({ ...p, sort: "element", key: p.name });

/**
 * A member's descriptor entry. `elementNs` is the namespace the record gives its elements;
 * a member elsewhere (a ref= to another schema's element, a qualified attribute) names its own,
 * printed by `nsExpr`.
 */
export function fieldSpec(member: Member, m: Mapper, elementNs = member.ns, nsExpr: (uri: string) => string = (u) => literal(u)): FieldSpecView {
  const expected = member.sort === "element" ? elementNs : "";
  const ns = member.ns !== expected && member.sort !== "text" ? nsExpr(member.ns) : "";
  const key = member.key !== member.name ? literal(member.key) : "";
  return { name: literal(member.name), desc: m.desc(member.type, member.loc), flags: m.flags(member), ns: ns || (key ? "undefined" : ""), key };
}

/**
 * The complex type of an operation wrapper, its base's content first when it extends one (the
 * runtime's wrapper record has no base): a document/literal wrapped element holds a sequence of
 * members; anything else is not a wrapper.
 */
export function wrapperDef(decl: ElementDecl, names: TypeNames, what: string): ComplexTypeDef {
  const t = decl.type;
  // An element's own type is a sequence of members, whatever the idioms made of it (one repeated element too).
  if (t.kind === "anonymous" && t.def.kind === "complex") return flattened(t.def, names);
  const def = t.kind === "named" ? names.def(t.qname) : undefined;
  if (def?.kind === "complex" && def.shape.kind === "record") return flattened(def, names);
  throw new GeneratorError(
    `${what} element ${decl.qname.local} is not a sequence wrapper; document/literal wrapped style needs a complex body element`,
    decl.loc,
  );
}

/** A type that extends another as one without a base: the base's content (and attributes) first, as on the wire. */
function flattened(def: ComplexTypeDef, names: TypeNames, depth = 0): ComplexTypeDef {
  const base = def.base && depth < 64 ? names.def(def.base) : undefined;
  if (base?.kind !== "complex") return def;
  const inherited = flattened(base, names, depth + 1);
  const { base: _, ...own } = def;
  const parts = [inherited.content, def.content].filter((c) => c !== undefined);
  const attributes = [...(inherited.attributes ?? []), ...(def.attributes ?? [])];
  return { ...own, ...(parts.length ? { content: sequenceOf(parts, def.loc) } : {}), ...(attributes.length ? { attributes } : {}) };
}

/** The namespace most of a record's elements are in (others name theirs in the descriptor). */
export function elementNs(def: ComplexTypeDef, particles: readonly ElementParticle[]): string {
  return particles.length ? mostCommon(particles.map((p) => p.ns)) : def.qname.ns;
}
