// Walking the model's type definitions, named and anonymous, for the passes.
import {
  elementsOf,
  type ComplexTypeDef,
  type ElementDecl,
  type ElementParticle,
  type MessageUse,
  type Model,
  type Operation,
  type Particle,
  type Service,
  type TypeDef,
  type TypeRef,
} from "./model.js";

/** Rewrites the element particles of a content model (their types, or themselves); a particle mapped to undefined is dropped. */
export function mapParticles(p: Particle, f: (e: ElementParticle) => Particle | undefined): Particle | undefined {
  if (p.kind === "element") return f(p);
  if (p.kind === "any") return p;
  return { ...p, particles: p.particles.flatMap((c) => mapParticles(c, f) ?? []) };
}

/**
 * A model with every complex type rewritten by `f`: the named ones, and the anonymous ones
 * wherever they stand (in other types, in the messages' elements), innermost first.
 */
export function mapComplexTypes<M extends MessageUse>(model: Model<M>, f: (def: ComplexTypeDef, anonymous: boolean) => ComplexTypeDef): Model<M> {
  const mapDef = (d: TypeDef, anonymous = false): TypeDef => (d.kind === "simple" ? { ...d, base: mapRef(d.base) } : f(mapInner(d), anonymous));
  const mapRef = (r: TypeRef): TypeRef => (r.kind === "anonymous" ? { kind: "anonymous", def: mapDef(r.def, true) } : r);
  const mapElement = <E extends ElementParticle>(e: E): E => (e.type.kind === "anonymous" ? { ...e, type: mapRef(e.type) } : e);
  const mapInner = (d: ComplexTypeDef): ComplexTypeDef => ({
    ...d,
    ...(d.content ? { content: mapParticles(d.content, mapElement) as ComplexTypeDef["content"] } : {}),
    ...(d.attributes ? { attributes: d.attributes.map((a) => (a.type.kind === "anonymous" ? { ...a, type: mapRef(a.type) } : a)) } : {}),
    ...(d.text ? { text: mapRef(d.text) } : {}),
    ...(d.soapArray ? { soapArray: { ...d.soapArray, item: mapElement(d.soapArray.item) } } : {}),
    shape:
      d.shape.kind === "array"
        ? { ...d.shape, item: mapElement(d.shape.item) }
        : d.shape.kind === "dictionary"
          ? { ...d.shape, key: mapElement(d.shape.key), value: mapElement(d.shape.value) }
          : d.shape,
  });
  const decl = (e: ElementDecl): ElementDecl => (e.type.kind === "anonymous" ? { ...e, type: mapRef(e.type) } : e);
  return {
    ...model,
    types: new Map([...model.types].map(([k, d]) => [k, mapDef(d)])),
    services: model.services.map((s) => mapServiceElements(s, decl)),
  };
}

/** A service with every element its messages and faults name rewritten by `f`. */
export function mapServiceElements<M extends MessageUse>(s: Service<M>, f: (e: ElementDecl) => ElementDecl): Service<M> {
  const use = (u: M): M => {
    const headers = u.headers.map((h) => ({ ...h, element: f(h.element) }));
    if (u.kind === "document") return { ...u, headers, parts: u.parts.map((p) => ({ ...p, element: f(p.element) })) };
    return { ...u, headers, body: f(u.body) };
  };
  const op = (o: Operation<M>): Operation<M> => ({
    ...o,
    input: use(o.input),
    output: use(o.output),
    faults: o.faults.map((x) => ({ ...x, element: f(x.element) })),
  });
  return { ...s, operations: s.operations.map(op) };
}

/** The elements a complex type holds as what it is: an array's item, a dictionary's key and value, a record's content. */
export function elementsUsed(def: ComplexTypeDef): ElementParticle[] {
  if (def.shape.kind === "array") return [def.shape.item];
  if (def.shape.kind === "dictionary") return [def.shape.key, def.shape.value];
  return elementsOf(def.content);
}
