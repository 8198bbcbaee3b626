import { qnameKey, type BodyMessage, type ElementDecl, type ElementParticle, type Model, type ReadModel, type TypeDef } from "./model.js";
import { synthetic } from "../wsdl/messages.js";

/**
 * document/literal messages as wrapped or bare: a message of one part whose element's type is a
 * sequence of members (no attributes, no simple content, not an array) is wrapped, the element
 * being the wrapper on the wire (WS-I's wrapped convention, which WCF and JAX-WS follow); any
 * other is bare, its parts' elements the Body's children, held by a wrapper of the operation's
 * name that is not on the wire. Runs after the idioms, which decide what is an array.
 */
export function messageStyles(model: ReadModel): Model {
  const isWrapper = (decl: ElementDecl): boolean => {
    const t = decl.type;
    // An element's own sequence is its members, whatever they are (one repeated element too).
    if (t.kind === "anonymous") return t.def.kind === "complex" && !t.def.attributes?.length && !t.def.text && !t.def.base;
    const def: TypeDef | undefined = t.kind === "named" ? model.types.get(qnameKey(t.qname)) : undefined;
    return def?.kind === "complex" && def.shape.kind === "record" && !def.attributes?.length && !def.text;
  };
  const services = model.services.map((s) => ({
    ...s,
    operations: s.operations.map((op) => {
      const style = (u: typeof op.input): BodyMessage => {
        if (u.kind !== "document") return u;
        const only = u.parts.length === 1 ? u.parts[0]! : undefined;
        if (only && isWrapper(only.element)) return { kind: "wrapped", body: only.element, headers: u.headers };
        const members = u.parts.map(({ element: e, loc, doc }): ElementParticle => ({
          kind: "element",
          name: e.qname.local,
          ns: e.qname.ns,
          type: e.type,
          minOccurs: 1,
          maxOccurs: 1,
          nillable: e.nillable,
          loc,
          ...((doc ?? e.doc) !== undefined ? { doc: (doc ?? e.doc)! } : {}),
        }));
        return { kind: "bare", body: synthetic(u.wrapperName, members, u.loc), headers: u.headers };
      };
      return { ...op, input: style(op.input), output: style(op.output) };
    }),
  }));
  return { ...model, services };
}
