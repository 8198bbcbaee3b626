import { GeneratorError, Rescue } from "../diagnostics.js";
import {
  qnameKey,
  type ComplexTypeDef,
  type ElementDecl,
  type Loc,
  type MessageUse,
  type Operation,
  type Service,
  type TypeDef,
  type TypeRef,
} from "./model.js";

/**
 * Lenient runs only (`--lenient`): what a type or element refers to that no schema declares is
 * worked round instead of stopping the run, never guessed. A member of an undeclared type is left
 * out of its type, which keeps open content instead (its XML kept as it came, sent as given); an
 * undeclared base or simple content type is dropped the same way; an operation whose body or
 * header element has an undeclared type is left out, and a fault of one is dropped. Each is a
 * Rescue warning. Strict runs never call this: the same references are errors there.
 */
export function dropUnresolved(types: Map<string, TypeDef>, services: readonly Service[], warnings: GeneratorError[]): Service[] {
  const exists = (ref: TypeRef) => ref.kind !== "named" || types.has(qnameKey(ref.qname));
  const missing = (ref: TypeRef) => (ref.kind === "named" ? `{${ref.qname.ns}}${ref.qname.local}` : ref.name);
  const rescue = (what: string, loc: Loc, done: string) => warnings.push(new Rescue(`${what} not found: ${done} (--lenient)`, loc));
  const OPEN = "kept as open content ($elements: its XML as it came, sent as given)";

  const repair = (def: ComplexTypeDef, owner: string): ComplexTypeDef => {
    let open = def.open ?? false;
    let openAttributes = def.openAttributes ?? false;
    const elements = def.elements.filter((p) => {
      if (exists(p.type)) return true;
      rescue(`type ${missing(p.type)} of element ${p.name} in ${owner}`, p.declLoc ?? p.loc, `it is ${OPEN}`);
      open = true;
      return false;
    });
    const attributes = def.attributes?.filter((a) => {
      if (exists(a.type)) return true;
      rescue(`type ${missing(a.type)} of attribute ${a.name} in ${owner}`, a.loc, "it is kept with the attributes the schema leaves open");
      openAttributes = true;
      return false;
    });
    let base = def.base;
    if (base && !types.has(qnameKey(base))) {
      rescue(`base type {${base.ns}}${base.local} of ${owner}`, def.loc, `what it adds is ${OPEN}`);
      base = undefined;
      open = true;
    }
    let text = def.text;
    if (text && !exists(text)) {
      rescue(`type ${missing(text)} of the simple content of ${owner}`, def.loc, "the text is kept as it came (xs:anySimpleType)");
      text = { kind: "builtin", name: "anySimpleType" };
    }
    let shape = def.shape;
    if ((shape.kind === "array" && !exists(shape.item.type)) || (shape.kind === "dictionary" && !(exists(shape.key.type) && exists(shape.value.type)))) {
      if (shape.kind === "dictionary") rescue(`a key or value type of dictionary ${owner}`, def.loc, `its entries are ${OPEN}`);
      shape = { kind: "record" };
      open = true;
    }
    if (
      elements.length === def.elements.length &&
      attributes?.length === def.attributes?.length &&
      base === def.base &&
      text === def.text &&
      shape === def.shape
    )
      return def;
    // Members left out move the wildcard's place: open content then goes after the last member.
    const { base: _b, text: _t, open: _o, openAt: _p, openAttributes: _a, attributes: _at, ...rest } = def;
    return {
      ...rest,
      elements,
      shape,
      ...(base ? { base } : {}),
      ...(text ? { text } : {}),
      ...(open ? { open } : {}),
      ...(def.openAt !== undefined && elements.length === def.elements.length ? { openAt: def.openAt } : {}),
      ...(attributes?.length ? { attributes } : {}),
      ...(openAttributes ? { openAttributes } : {}),
    };
  };

  for (const [key, def] of types) {
    if (def.kind === "complex") types.set(key, repair(def, `complexType ${def.qname.local}`));
    else if (!exists(def.base)) {
      rescue(`base type ${missing(def.base)} of simpleType ${def.qname.local}`, def.loc, "its values are kept as text (xs:anySimpleType)");
      types.set(key, { ...def, base: { kind: "builtin", name: "anySimpleType" } });
    }
  }

  const isInline = (decl: ElementDecl): decl is ElementDecl & { type: ComplexTypeDef } => "kind" in decl.type && decl.type.kind === "complex";
  /** An element declaration with its anonymous type repaired (a named one is checked before). */
  const element = (decl: ElementDecl): ElementDecl => (isInline(decl) ? { ...decl, type: repair(decl.type, `element ${decl.qname.local}`) } : decl);
  const use = (u: MessageUse): MessageUse => ({ ...u, body: element(u.body), headers: u.headers.map((h) => ({ ...h, element: element(h.element) })) });
  const operation = (op: Operation, service: string): Operation[] => {
    // What the messages refer to by type: the body and header elements declared with a named type,
    // and the parts of a bare or rpc message (the wrapper's members). One undeclared: a part that does not resolve.
    const refs = (u: MessageUse) => [
      ...[u.body, ...u.headers.map((h) => h.element)].flatMap((d) => (isInline(d) ? [] : [{ name: d.qname.local, type: d.type as TypeRef, loc: d.loc }])),
      ...(isInline(u.body) && (u.bare || op.style === "rpc") ? u.body.type.elements : []),
    ];
    const lost = [...refs(op.input), ...refs(op.output)].find((r) => !exists(r.type));
    if (lost) {
      rescue(`type ${missing(lost.type)} of element ${lost.name}`, lost.loc, `operation ${op.name} of ${service} is left out`);
      return [];
    }
    const faults = op.faults.flatMap((f) => {
      if (isInline(f.element) || exists(f.element.type as TypeRef)) return [{ ...f, element: element(f.element) }];
      rescue(`type ${missing(f.element.type as TypeRef)} of fault element ${f.element.qname.local}`, f.element.loc, `fault ${f.name} of ${op.name} is dropped`);
      return [];
    });
    return [{ ...op, input: use(op.input), output: use(op.output), faults }];
  };
  return services.map((s) => ({ ...s, operations: s.operations.flatMap((op) => operation(op, s.name)) }));
}
