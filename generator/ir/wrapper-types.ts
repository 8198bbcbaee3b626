import { qnameKey, type ComplexTypeDef, type ElementDecl, type Model, type MessageUse, type TypeDef, type TypeRef } from "./model.js";
import { mapTypeRefs } from "./visit.js";

/**
 * Named types used only as wrappers are the wrappers: JAX-WS (wsgen, CXF) declares each
 * operation's wrapper element with a named type of the same name (`<element name="getOrder"
 * type="tns:getOrder"/>`), where WCF writes the type inline. A complex type named like the
 * body element of one-part document messages that names it, that no other type, element, header
 * or fault refers to and that nothing extends, is taken as written inline in that element, so it
 * does not become a second type beside the wrapper (and the idioms do not read a wrapper of one
 * repeated member as an array). Runs before the idioms; pruning then drops the named type.
 */
export function inlineWrapperTypes<M extends MessageUse>(model: Model<M>): Model<M> {
  // Every reference to a named type that is not a wrapper site's own.
  const referenced = new Set<string>();
  const seen = new Set<TypeDef>();
  const ref = (r: TypeRef): TypeRef => {
    if (r.kind === "named") referenced.add(qnameKey(r.qname));
    else if (r.kind === "anonymous") def(r.def);
    return r;
  };
  const def = (d: TypeDef): void => {
    if (seen.has(d)) return;
    seen.add(d);
    if (d.kind === "simple") ref(d.base);
    else {
      if (d.base) referenced.add(qnameKey(d.base));
      mapTypeRefs(d, ref);
    }
  };
  for (const d of model.types.values()) def(d);
  // Headers, faults, rpc wrappers and the parts of many-part messages refer; a one-part
  // document body is a site (the same declaration as a header or fault still counts there).
  for (const s of model.services)
    for (const op of s.operations) {
      for (const f of op.faults) ref(f.element.type);
      for (const u of [op.input, op.output]) {
        for (const h of u.headers) ref(h.element.type);
        if (u.kind !== "document") ref(u.body.type);
        else if (u.parts.length !== 1) for (const p of u.parts) ref(p.element.type);
        else if (u.parts[0]!.element.type.kind !== "named") ref(u.parts[0]!.element.type);
      }
    }

  const candidate = (e: ElementDecl): ComplexTypeDef | undefined => {
    if (e.type.kind !== "named") return undefined;
    const key = qnameKey(e.type.qname);
    const d = model.types.get(key);
    // JAX-WS names the type after its element; a type of another name (ArrayOfInt) is meant to be shared.
    if (e.type.qname.local !== e.qname.local || e.type.qname.ns !== e.qname.ns) return undefined;
    if (d?.kind !== "complex" || referenced.has(key) || d.base || d.abstract || d.soapArray || d.isDictionary) return undefined;
    return d;
  };
  let inlined = false;
  const services = model.services.map((s) => ({
    ...s,
    operations: s.operations.map((op) => {
      const site = (u: M): M => {
        const d = u.kind === "document" && u.parts.length === 1 ? candidate(u.parts[0]!.element) : undefined;
        if (u.kind !== "document" || !d) return u;
        inlined = true;
        const only = u.parts[0]!;
        return { ...u, parts: [{ ...only, element: { ...only.element, type: { kind: "anonymous", def: d } } }] };
      };
      return { ...op, input: site(op.input), output: site(op.output) };
    }),
  }));
  return inlined ? { ...model, services } : model;
}
