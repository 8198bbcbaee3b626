import { GeneratorBug, GeneratorError } from "../diagnostics.js";
import { qnameKey, type ComplexTypeDef, type ElementDecl, type Loc, type Model, type QName, type TypeDef, type TypeRef } from "./model.js";
import { elementsUsed } from "./visit.js";

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Keeps the types the operations reach, and says which are polymorphic: a type derived from one
 * that some element declares may arrive in its place (xsi:type), so it is kept, with what it
 * reaches, and the declared type's `subtypes` list it. A reference to a type nobody declares is
 * an error naming where it stands. Types come out sorted by QName.
 */
export function pruneUnreached(model: Model): Model {
  const types = model.types;
  const reachable = new Map<string, TypeDef>();
  /** Types that some element or member is declared with (not only extended). */
  const declared = new Set<string>();
  const visitRef = (ref: TypeRef, from: string, loc: Loc, asBase = false): void => {
    if (ref.kind === "builtin") return;
    if (ref.kind === "anonymous") {
      // Only a wrapper's own type is anonymous here; what it uses was named.
      if (ref.def.kind === "complex") return visitComplex(ref.def, from);
      throw new GeneratorBug(`an anonymous simple type is left in ${from}`);
    }
    const key = qnameKey(ref.qname);
    if (!asBase) declared.add(key);
    if (reachable.has(key)) return;
    const def = types.get(key);
    // A type that was declared, but could not be read: why, where it is declared.
    const unread = def ? undefined : model.unread?.get(`type ${key}`);
    if (unread) throw unread;
    if (!def) throw new GeneratorError(`type {${ref.qname.ns}}${ref.qname.local} not found (referred to by ${from})`, loc);
    reachable.set(key, def);
    if (def.kind === "simple") return visitRef(def.base, `simpleType ${def.qname.local}`, def.loc);
    visitComplex(def, `complexType ${def.qname.local}`);
  };
  const visitComplex = (def: ComplexTypeDef, owner: string): void => {
    if (def.base) visitRef({ kind: "named", qname: def.base }, `the extension base of ${owner}`, def.loc, true);
    // An element ref= is reported where the element is declared, with its type=, not where it is used.
    for (const p of elementsUsed(def))
      visitRef(
        p.type,
        p.declLoc ? `element ${p.name}, used in ${owner} at ${p.loc.file}:${p.loc.line}:${p.loc.column}` : `element ${p.name} of ${owner}`,
        p.declLoc ?? p.loc,
      );
    for (const a of def.attributes ?? []) visitRef(a.type, `attribute ${a.name} of ${owner}`, a.loc);
    if (def.text) visitRef(def.text, `the simple content of ${owner}`, def.loc);
  };
  const visitElement = (decl: ElementDecl): void => visitRef(decl.type, `element ${decl.qname.local}`, decl.loc);

  for (const service of model.services)
    for (const op of service.operations) {
      for (const use of [op.input, op.output]) {
        visitElement(use.body);
        for (const h of use.headers) visitElement(h.element);
      }
      for (const f of op.faults) visitElement(f.element);
    }

  // A type derived from a declared type may arrive in its place: keep it, and what it reaches,
  // until nothing new is reached.
  const children = new Map<string, ComplexTypeDef[]>();
  for (const def of types.values()) {
    if (def.kind !== "complex" || !def.base) continue;
    const key = qnameKey(def.base);
    children.set(key, [...(children.get(key) ?? []), def]);
  }
  const standsIn = (def: TypeDef): boolean => {
    for (let d: TypeDef | undefined = def; d?.kind === "complex" && d.base;) {
      const base = qnameKey(d.base);
      if (declared.has(base)) return true;
      d = types.get(base);
    }
    return false;
  };
  for (let grew = true; grew;) {
    grew = false;
    for (const [key, def] of types) {
      if (reachable.has(key) || !standsIn(def)) continue;
      visitRef({ kind: "named", qname: def.qname }, `xsi:type`, def.loc, true);
      grew = true;
    }
  }
  const subtypes = new Map<string, QName[]>();
  for (const [key, def] of reachable) {
    const kids = children.get(key);
    if (!kids || !(declared.has(key) || standsIn(def))) continue;
    subtypes.set(
      key,
      kids.map((k) => k.qname).sort((a, b) => cmp(qnameKey(a), qnameKey(b))),
    );
  }
  const byKey = <V>(m: Map<string, V>) => new Map([...m].sort(([a], [b]) => cmp(a, b)));
  return { ...model, types: byKey(reachable), subtypes: byKey(subtypes), unread: model.unread };
}
