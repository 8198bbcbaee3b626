// What the view builders share: members as properties and descriptor fields, import lists.
import { GeneratorError } from "../../diagnostics.js";
import { RESPONSE } from "soap-ts-runtime/schema";
import type { ComplexTypeDef, ElementParticle } from "../../ir/model.js";
import { literal, propertyKey } from "../naming.js";
import { doc, memberDoc, withReference } from "../tsdoc.js";
import { cmp, type Mapper } from "../type-mapping.js";
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

/**
 * A member of a complex type as the generated code holds it: an element, an attribute, or the
 * text of simple content (`$value`). `key` is the property; it differs from the wire name only
 * for an attribute named like an element of the same type (README, "Type mapping").
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

/**
 * A type's own members in wire order (text, attributes, elements). `inherited` holds the
 * property keys of its bases, which an attribute's key must not take either.
 */
export function membersOf(def: ComplexTypeDef, inherited: ReadonlySet<string> = new Set()): Member[] {
  const elementKeys = new Set([...inherited, ...def.elements.map((p) => p.key ?? p.name)]);
  const out: Member[] = [];
  // Mixed content's text is optional: the element may hold elements only.
  if (def.text) {
    const mixed = def.elements.length > 0 || def.open === true;
    out.push({
      sort: "text",
      key: TEXT_KEY,
      name: TEXT_KEY,
      ns: "",
      type: def.text,
      minOccurs: mixed ? 0 : 1,
      maxOccurs: 1,
      nillable: false,
      mixed,
      loc: def.loc,
    });
  }
  for (const a of def.attributes ?? []) {
    const key = elementKeys.has(a.name) ? `${a.name}Attribute` : a.name;
    if (elementKeys.has(key) || out.some((o) => o.key === key))
      throw new GeneratorError(`attribute ${a.name} of ${def.qname.local} clashes with a member named ${key}; rename one in the schema`, a.loc);
    out.push({
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
      loc: a.loc,
    });
  }
  for (const p of def.elements) out.push({ ...p, sort: "element", key: p.key ?? p.name });
  return out;
}

/** Property keys of a type and its bases (what a derived type's attribute keys must avoid). */
export function inheritedKeys(def: ComplexTypeDef, lookup: (q: ComplexTypeDef["qname"]) => ComplexTypeDef | undefined): Set<string> {
  const keys = new Set<string>();
  for (let b = def.base && lookup(def.base); b; b = b.base && lookup(b.base)) for (const m of membersOf(b)) keys.add(m.key);
  return keys;
}

export function property(p: ElementParticle | Member, m: Mapper, reference: string[] = []): PropertyView {
  const member: Member = "sort" in p ? p : { ...p, sort: "element", key: p.key ?? p.name };
  const t = m.element(member);
  const ts = member.maxOccurs > 1 ? (t.includes(" ") ? `(${t})[]` : `${t}[]`) : t;
  return { key: propertyKey(member.key), optional: member.minOccurs === 0, ts, ...doc(withReference(memberDoc(member, m), reference)) };
}

/**
 * A member's descriptor entry. `elementNs` is the namespace the record gives its elements;
 * a member elsewhere (a ref= to another schema's element, a qualified attribute) names its own,
 * printed by `nsExpr`.
 */
export function fieldSpec(p: ElementParticle | Member, m: Mapper, elementNs = p.ns, nsExpr: (uri: string) => string = (u) => literal(u)): FieldSpecView {
  const member: Member = "sort" in p ? p : { ...p, sort: "element", key: p.key ?? p.name };
  const expected = member.sort === "element" ? elementNs : "";
  const ns = member.ns !== expected && member.sort !== "text" ? nsExpr(member.ns) : "";
  const key = member.key !== member.name ? literal(member.key) : "";
  return { name: literal(member.name), desc: m.desc(member.type, member.loc), flags: m.flags(member), ns: ns || (key ? "undefined" : ""), key };
}

/** The namespace most of a record's elements are in (others name theirs in the descriptor). */
export function elementNs(def: ComplexTypeDef, particles: readonly ElementParticle[]): string {
  return particles.length ? mostCommon(particles.map((p) => p.ns)) : def.qname.ns;
}
