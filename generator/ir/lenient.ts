import { GeneratorError, Rescue } from "../diagnostics.js";
import {
  elementsOf,
  qnameKey,
  sequenceOf,
  type ComplexTypeDef,
  type ElementDecl,
  type GroupParticle,
  type Loc,
  type MessageUse,
  type Operation,
  type ReadModel,
  type TypeRef,
  type WildcardParticle,
} from "./model.js";
import { mapComplexTypes, mapParticles } from "./visit.js";

/**
 * Lenient runs only (`--lenient`): what a type or element refers to that no schema declares is
 * worked round instead of stopping the run, never guessed. A member of an undeclared type is open
 * content where it stands (a wildcard: its XML kept as it came, sent as given); an undeclared
 * base likewise, before the type's own members; an undeclared simple type is text; an operation
 * whose body or header element has an undeclared type is left out, and a fault of one is
 * dropped. Each is a Rescue warning. Strict runs never call this: the same references are errors
 * there (ir/prune.ts).
 */
export function dropUnresolved(model: ReadModel, warnings: GeneratorError[]): ReadModel {
  const types = model.types;
  const exists = (ref: TypeRef) => ref.kind !== "named" || types.has(qnameKey(ref.qname));
  const missing = (ref: TypeRef) => (ref.kind === "named" ? `{${ref.qname.ns}}${ref.qname.local}` : ref.kind === "builtin" ? ref.name : ref.def.qname.local);
  const rescue = (what: string, loc: Loc, done: string) => warnings.push(new Rescue(`${what} not found: ${done} (--lenient)`, loc));
  const OPEN = "kept as open content ($elements: its XML as it came, sent as given)";
  const wildcard = (loc: Loc, maxOccurs = Infinity): WildcardParticle => ({ kind: "any", minOccurs: 0, maxOccurs, loc });

  const repair = (def: ComplexTypeDef, anonymous: boolean): ComplexTypeDef => {
    // A global element's anonymous type asks for the element's name; a local one's, `Owner_element`.
    const owner = anonymous ? `the anonymous type of ${def.qname.local}` : `complexType ${def.qname.local}`;
    let changed = false;
    let content = def.content;
    if (def.isDictionary) {
      const entry = elementsOf(content)[0];
      const lost =
        entry?.type.kind === "anonymous" && entry.type.def.kind === "complex" ? elementsOf(entry.type.def.content).find((e) => !exists(e.type)) : undefined;
      if (lost) {
        rescue(`a key or value type of dictionary ${def.qname.local}`, def.loc, `its entries are ${OPEN}`);
        const { isDictionary: _, ...rest } = def;
        return { ...rest, content: sequenceOf([wildcard(def.loc)], def.loc) };
      }
    }
    if (content)
      content = mapParticles(content, (e) => {
        if (exists(e.type)) return e;
        rescue(`type ${missing(e.type)} of element ${e.name} in ${owner}`, e.declLoc ?? e.loc, `it is ${OPEN}`);
        changed = true;
        return wildcard(e.loc, e.maxOccurs);
      }) as GroupParticle;
    let soapArray = def.soapArray;
    if (soapArray && !exists(soapArray.item.type)) {
      rescue(`type ${missing(soapArray.item.type)} of the items of ${owner}`, def.loc, `they are ${OPEN}`);
      soapArray = undefined;
      content = sequenceOf([wildcard(def.loc)], def.loc);
      changed = true;
    }
    let openAttributes = def.openAttributes ?? false;
    const attributes = def.attributes?.filter((a) => {
      if (exists(a.type)) return true;
      rescue(`type ${missing(a.type)} of attribute ${a.name} in ${owner}`, a.loc, "it is kept with the attributes the schema leaves open");
      openAttributes = true;
      changed = true;
      return false;
    });
    let base = def.base;
    if (base && !types.has(qnameKey(base))) {
      rescue(`base type {${base.ns}}${base.local} of ${owner}`, def.loc, `what it adds is ${OPEN}`);
      base = undefined;
      // The base's content comes first on the wire: open content stands there.
      content = sequenceOf([wildcard(def.loc), ...(content ? [content] : [])], def.loc);
      changed = true;
    }
    let text = def.text;
    if (text && !exists(text)) {
      rescue(`type ${missing(text)} of the simple content of ${owner}`, def.loc, "the text is kept as it came (xs:anySimpleType)");
      text = { kind: "builtin", name: "anySimpleType" };
      changed = true;
    }
    if (!changed) return def;
    const { base: _b, text: _t, openAttributes: _a, attributes: _at, soapArray: _s, content: _c, ...rest } = def;
    return {
      ...rest,
      ...(content ? { content } : {}),
      ...(base ? { base } : {}),
      ...(text ? { text } : {}),
      ...(soapArray ? { soapArray } : {}),
      ...(attributes?.length ? { attributes } : {}),
      ...(openAttributes ? { openAttributes } : {}),
    };
  };

  const repaired = mapComplexTypes(model, repair);
  const fixedTypes = new Map(repaired.types);
  for (const [key, def] of fixedTypes)
    if (def.kind === "simple" && !exists(def.base)) {
      rescue(`base type ${missing(def.base)} of simpleType ${def.qname.local}`, def.loc, "its values are kept as text (xs:anySimpleType)");
      fixedTypes.set(key, { ...def, base: { kind: "builtin", name: "anySimpleType" } });
    }

  const operation = (op: Operation<MessageUse>, service: string): Operation<MessageUse>[] => {
    // What the messages refer to by type: the body and header elements declared with a named type,
    // and the members of a synthetic wrapper (rpc accessors). One undeclared: a part that does not resolve.
    const refs = (u: MessageUse) => {
      const elements: ElementDecl[] = [...(u.kind === "document" ? u.parts.map((p) => p.element) : []), ...u.headers.map((h) => h.element)];
      const direct = elements.flatMap((d) => (d.type.kind === "anonymous" ? [] : [{ name: d.qname.local, type: d.type, loc: d.loc }]));
      const body = u.kind !== "document" && u.body.type.kind === "anonymous" && u.body.type.def.kind === "complex" ? elementsOf(u.body.type.def.content) : [];
      return [...direct, ...body];
    };
    const lost = [...refs(op.input), ...refs(op.output)].find((r) => !exists(r.type));
    if (lost) {
      rescue(`type ${missing(lost.type)} of element ${lost.name}`, lost.loc, `operation ${op.name} of ${service} is left out`);
      return [];
    }
    const faults = op.faults.filter((f) => {
      if (exists(f.element.type)) return true;
      rescue(`type ${missing(f.element.type)} of fault element ${f.element.qname.local}`, f.element.loc, `fault ${f.name} of ${op.name} is dropped`);
      return false;
    });
    return [{ ...op, faults }];
  };
  return {
    ...repaired,
    types: fixedTypes,
    services: repaired.services.map((s) => ({ ...s, operations: s.operations.flatMap((op) => operation(op, s.name)) })),
  };
}
