import { GeneratorError, Rescue } from "../diagnostics.js";
import { dropUnresolved } from "./lenient.js";
import { lowerIdioms } from "./idioms.js";
import {
  qnameKey,
  type QName,
  type ComplexTypeDef,
  type ElementDecl,
  type ElementParticle,
  type Loc,
  type Model,
  type Service,
  type TypeDef,
  type TypeRef,
} from "./model.js";
import type { WsdlContents } from "../wsdl/read-wsdl.js";

/**
 * Joins what each WSDL declared into one model: a named type is one type wherever it appears
 * (keyed by namespace and name), and two files that disagree about it stop the generator.
 * Only types reachable from some operation are kept, with every type derived from a type that
 * some element declares: the service may send any of those in its place (xsi:type).
 */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildModel(files: readonly WsdlContents[], options: { readonly lenient?: boolean } = {}): Model {
  const types = new Map<string, TypeDef>();
  const origin = new Map<string, string>();
  const seen = new Map<string, string>();
  for (const { schema } of files) {
    for (const [key, def] of schema.types) {
      const canonical = JSON.stringify(def, (k, v) => (k === "loc" || k === "declLoc" ? undefined : v === Infinity ? "unbounded" : v));
      const before = seen.get(key);
      if (before === undefined) {
        seen.set(key, canonical);
        types.set(key, def);
        origin.set(key, def.loc.file);
      } else if (before !== canonical) {
        throw new GeneratorError(
          `type ${def.qname.local} in namespace ${def.qname.ns} is declared differently in ${origin.get(key)} and ${def.loc.file}; the generator keeps one definition per named type, so the WSDLs must agree`,
          def.loc,
        );
      }
    }
  }

  checkDerivation(types);

  const rescues: GeneratorError[] = [];
  const read = files.flatMap((f) => f.services);
  const allServices = options.lenient ? dropUnresolved(types, read, rescues) : read;
  lowerIdioms(types);

  const reachable = new Map<string, TypeDef>();
  /** Types that some element or member is declared with (not only extended). */
  const declared = new Set<string>();
  const visitRef = (ref: TypeRef, from: string, loc: Loc, asBase = false): void => {
    if (ref.kind !== "named") return;
    const key = qnameKey(ref.qname);
    if (!asBase) declared.add(key);
    if (reachable.has(key)) return;
    const def = types.get(key);
    if (!def) throw new GeneratorError(`type {${ref.qname.ns}}${ref.qname.local} not found (referred to by ${from})`, loc);
    reachable.set(key, def);
    if (def.kind === "simple") return visitRef(def.base, `simpleType ${def.qname.local}`, def.loc);
    visitComplex(def, `complexType ${def.qname.local}`);
  };
  // An element ref= is reported where the element is declared, with its type=, not where it is used.
  const visitParticle = (p: ElementParticle, owner: string) =>
    visitRef(
      p.type,
      p.declLoc ? `element ${p.name}, used in ${owner} at ${p.loc.file}:${p.loc.line}:${p.loc.column}` : `element ${p.name} of ${owner}`,
      p.declLoc ?? p.loc,
    );
  const visitComplex = (def: ComplexTypeDef, owner: string): void => {
    if (def.base) visitRef({ kind: "named", qname: def.base }, `the extension base of ${owner}`, def.loc, true);
    for (const p of def.elements) visitParticle(p, owner);
    for (const a of def.attributes ?? []) visitRef(a.type, `attribute ${a.name} of ${owner}`, a.loc);
    if (def.text) visitRef(def.text, `the simple content of ${owner}`, def.loc);
    if (def.shape.kind === "dictionary") {
      visitParticle(def.shape.key, owner);
      visitParticle(def.shape.value, owner);
    }
  };
  const visitElement = (decl: ElementDecl): void => {
    if ("kind" in decl.type && decl.type.kind === "complex") visitComplex(decl.type, `element ${decl.qname.local}`);
    else visitRef(decl.type as TypeRef, `element ${decl.qname.local}`, decl.loc);
  };

  const services: Service[] = [];
  for (const service of allServices) {
    const clash = services.find((s) => s.name === service.name);
    if (clash)
      throw new GeneratorError(`agent ${service.name} is defined by both ${clash.source.file} and ${service.source.file}`, { file: service.source.file });
    for (const op of service.operations) {
      for (const use of [op.input, op.output]) {
        visitElement(use.body);
        for (const h of use.headers) visitElement(h.element);
      }
      for (const f of op.faults) visitElement(f.element);
    }
    services.push(service);
  }
  services.sort((a, b) => cmp(a.name, b.name));

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
  const all = [...files.flatMap((f) => f.warnings), ...rescues];
  const warnings = all.map((w) => w.format().replace(/(^|: )error: /, "$1warning: "));
  return { types: byKey(reachable), subtypes: byKey(subtypes), services, warnings, rescues: all.filter((w) => w instanceof Rescue).length };
}

/**
 * A type may not be derived from itself: through its base (extension or restriction, complex or
 * simple content) or a list's item type, every chain must end at a built-in. Invalid XSD that
 * would otherwise send the generator round the chain for ever. Each type is walked once.
 */
function checkDerivation(types: ReadonlyMap<string, TypeDef>): void {
  const done = new Set<string>();
  const next = (def: TypeDef): string | undefined => {
    if (def.kind === "simple") return def.base.kind === "named" ? qnameKey(def.base.qname) : undefined;
    if (def.base) return qnameKey(def.base);
    return def.text?.kind === "named" ? qnameKey(def.text.qname) : undefined;
  };
  for (const start of types.keys()) {
    const chain: string[] = [];
    const onChain = new Set<string>();
    for (let key: string | undefined = start; key !== undefined && !done.has(key);) {
      const def = types.get(key);
      if (!def) break; // an undefined base is reported where it is used
      if (onChain.has(key)) {
        const cycle = [...chain.slice(chain.indexOf(key)), key].map((k) => types.get(k)!.qname.local);
        throw new GeneratorError(
          `type ${def.qname.local} is derived from itself (${cycle.join(" -> ")}): a base, simple content or list item type must not lead back to the type; the schema is invalid XSD`,
          def.loc,
        );
      }
      chain.push(key);
      onChain.add(key);
      key = next(def);
    }
    for (const k of chain) done.add(k);
  }
}
