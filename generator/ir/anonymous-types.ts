import { qnameKey, type ComplexTypeDef, type ElementDecl, type Model, type Operation, type QName, type Service, type TypeDef, type TypeRef } from "./model.js";
import { mapTypeRefs } from "./visit.js";

/**
 * Names the anonymous types, which the readers leave in place: each gets the name it asks for
 * (`Owner_element`, after where it is declared; a global element's, the element's name), or
 * with a number when another type has that name, and becomes a named type of the model. Two
 * anonymous types that ask for one name and say the same share it. An anonymous simple type
 * that only restricts its base, with no facet to say, is its base. An operation wrapper's own
 * type stays anonymous: the agent's file declares its members.
 * Types are visited in the order of their names, then the services in order, depth first, so
 * the numbers are the same on every run.
 */
export function nameAnonymousTypes(model: Model): Model {
  const types = new Map(model.types);
  const same = (a: TypeDef, b: TypeDef) => canonical(a) === canonical(b);
  const claim = (def: TypeDef): QName => {
    for (let n = 1; ; n++) {
      const q = { ns: def.qname.ns, local: n === 1 ? def.qname.local : `${def.qname.local}${n}` };
      const taken = types.get(qnameKey(q));
      if (!taken) {
        types.set(qnameKey(q), { ...def, qname: q });
        return q;
      }
      if (same(taken, { ...def, qname: q })) return q;
    }
  };
  const ref = (r: TypeRef): TypeRef => {
    if (r.kind !== "anonymous") return r;
    const def = inner(r.def);
    if (def.kind === "simple" && def.variety === "restriction" && !def.facets) return def.base;
    return { kind: "named", qname: claim(def) };
  };
  /** A type with the anonymous types it uses named (its own name untouched). */
  const inner = (def: TypeDef): TypeDef => (def.kind === "simple" ? { ...def, base: ref(def.base) } : complexInner(def));
  const complexInner = (d: ComplexTypeDef): ComplexTypeDef => mapTypeRefs(d, ref);

  for (const key of [...types.keys()].sort()) types.set(key, inner(types.get(key)!));
  /** A header's or fault's element: its anonymous type is named after it. */
  const named = (e: ElementDecl): ElementDecl => ({ ...e, type: ref(e.type) });
  /** A wrapper: its own type stays in place, the types it uses are named. */
  const wrapper = (e: ElementDecl): ElementDecl => (e.type.kind === "anonymous" ? { ...e, type: { kind: "anonymous", def: inner(e.type.def) } } : e);
  const operation = (op: Operation): Operation => ({
    ...op,
    input: { ...op.input, body: wrapper(op.input.body), headers: op.input.headers.map((h) => ({ ...h, element: named(h.element) })) },
    output: { ...op.output, body: wrapper(op.output.body), headers: op.output.headers.map((h) => ({ ...h, element: named(h.element) })) },
    faults: op.faults.map((f) => ({ ...f, element: named(f.element) })),
  });
  const services: Service[] = model.services.map((s) => ({ ...s, operations: s.operations.map(operation) }));
  return { ...model, types, services };
}

/** A type as text, without where it was read, for telling whether two say the same. */
const canonical = (def: TypeDef) => JSON.stringify(def, (k, v) => (k === "loc" || k === "declLoc" ? undefined : v === Infinity ? "unbounded" : v));
