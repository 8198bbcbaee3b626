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
  const mapInner = (d: ComplexTypeDef): ComplexTypeDef => mapTypeRefs(d, mapRef);
  const decl = (e: ElementDecl): ElementDecl => (e.type.kind === "anonymous" ? { ...e, type: mapRef(e.type) } : e);
  return {
    ...model,
    types: new Map([...model.types].map(([k, d]) => [k, mapDef(d)])),
    services: model.services.map((s) => mapServiceElements(s, decl)),
  };
}

/**
 * A complex type with each type reference it holds rewritten by `f`: its elements' (content,
 * SOAP array item, array item, dictionary key and value), its attributes' and its text's.
 */
export function mapTypeRefs(d: ComplexTypeDef, f: (r: TypeRef) => TypeRef): ComplexTypeDef {
  const el = <E extends ElementParticle>(e: E): E => {
    const type = f(e.type);
    return type === e.type ? e : { ...e, type };
  };
  return {
    ...d,
    ...(d.content ? { content: mapParticles(d.content, el) as ComplexTypeDef["content"] } : {}),
    ...(d.attributes ? { attributes: d.attributes.map((a) => ({ ...a, type: f(a.type) })) } : {}),
    ...(d.text ? { text: f(d.text) } : {}),
    ...(d.soapArray ? { soapArray: { ...d.soapArray, item: el(d.soapArray.item) } } : {}),
    shape:
      d.shape.kind === "array"
        ? { ...d.shape, item: el(d.shape.item) }
        : d.shape.kind === "dictionary"
          ? { ...d.shape, key: el(d.shape.key), value: el(d.shape.value) }
          : d.shape,
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
