// WSDL definitions across a document set (the main WSDL and the WSDLs it imports): messages,
// portTypes, bindings and services by QName, and how a QName that names one is looked up.
import type { Element } from "@xmldom/xmldom";
import { GeneratorError, locOf, Rescue } from "../diagnostics.js";
import { attr, childElements, requireAttr, resolveQName } from "../xml/dom.js";
import { selectElements } from "../xml/select.js";
import { qnameKey, type ElementDecl, type QName } from "../ir/model.js";
import type { SchemaContents } from "../xsd/read-schema.js";
import { WSDL_NS, type DocumentSet } from "./load-documents.js";

export const SOAP11_BINDING_NS = "http://schemas.xmlsoap.org/wsdl/soap/";
export const SOAP12_BINDING_NS = "http://schemas.xmlsoap.org/wsdl/soap12/";

/** A WSDL definition element and the document it is in. */
export interface Def {
  readonly el: Element;
  readonly file: string;
}

/** A message part: typed by a global element (document style) or by a type (rpc style). */
export type Part = { readonly el: Element } & ({ readonly element: QName; readonly type?: undefined } | { readonly type: QName; readonly element?: undefined });

export interface Message extends Def {
  readonly name: string;
  readonly parts: Map<string, Part>;
  /** What is wrong with it (a part with neither element= nor type=): an error only where an operation uses the message. */
  readonly defect?: GeneratorError;
}

/** Everything the WSDLs of a set define, by `{namespace}name`, and how references to them resolve. */
export interface Definitions {
  readonly messages: ReadonlyMap<string, Message>;
  readonly portTypes: ReadonlyMap<string, Def>;
  readonly bindings: ReadonlyMap<string, Def>;
  readonly services: readonly Def[];
  /** The message a QName names, for an operation that uses it: an error naming the referrer when there is none, or what is wrong with it. */
  message(q: QName, from: Def): Message;
  /** Messages something is wrong with, and global elements the schema reader could not read, that no operation read so far used (for warnings). */
  unusedDefects(): GeneratorError[];
  /** The definition a QName names; an error naming the referrer when there is none. */
  lookup<T>(map: ReadonlyMap<string, T>, q: QName, what: string, from: Def): T;
  /** The global element a part or header names; an error naming the referrer when no schema declares it. */
  element(q: QName, from: Def): ElementDecl;
}

/**
 * Reads the definitions of every WSDL in the set: imported WSDLs often have another namespace,
 * so each is keyed by its own document's targetNamespace.
 */
export function readDefinitions(set: DocumentSet, schema: SchemaContents, lenient: boolean, warnings: GeneratorError[]): Definitions {
  const defs = <T>(local: string, read: (d: Def) => T) => {
    const m = new Map<string, T>();
    for (const w of set.wsdls) {
      const wroot = w.doc.documentElement!;
      const ns = attr(wroot, "targetNamespace") ?? "";
      // xpath sorts what it selects into document order, which costs DOM comparisons per node:
      // fine for the few ports and bindings, not for the hundreds of messages.
      const els = local === "message" ? childElements(wroot, WSDL_NS, local) : selectElements(`/wsdl:definitions/wsdl:${local}`, w.doc);
      for (const el of els) {
        const key = qnameKey({ ns, local: requireAttr(w.file, el, "name") });
        if (m.has(key)) {
          // Lenient, as zeep: of two bindings of one name, the SOAP one is the one to call.
          if (!(lenient && local === "binding")) throw new GeneratorError(`wsdl:${local} ${el.getAttribute("name")} is defined twice`, locOf(w.file, el));
          const soap = (b: Element) =>
            childElements(b).some((c) => c.localName === "binding" && (c.namespaceURI === SOAP11_BINDING_NS || c.namespaceURI === SOAP12_BINDING_NS));
          const earlier = m.get(key) as Def;
          const keep = soap(earlier.el) || !soap(el) ? "the first" : "the second";
          warnings.push(
            new Rescue(`wsdl:binding ${el.getAttribute("name")} is defined twice: ${keep}, a SOAP binding, is kept (--lenient)`, locOf(w.file, el)),
          );
          if (keep === "the second") m.set(key, read({ el, file: w.file }));
          continue;
        }
        m.set(key, read({ el, file: w.file }));
      }
    }
    return m;
  };
  const messages = defs("message", ({ el, file }): Message => {
    const parts = new Map<string, Part>();
    let defect: GeneratorError | undefined;
    for (const p of childElements(el, WSDL_NS, "part")) {
      const partName = requireAttr(file, p, "name");
      if (parts.has(partName)) throw new GeneratorError(`message ${attr(el, "name")} has two parts named ${partName}`, locOf(file, p));
      if (attr(p, "element") !== undefined) parts.set(partName, { element: resolveQName(file, p, "element"), el: p });
      else if (attr(p, "type") !== undefined) parts.set(partName, { type: resolveQName(file, p, "type"), el: p });
      // Read lazily, as zeep does: a message only an HTTP binding uses may leave its parts untyped.
      else defect ??= new GeneratorError(`part ${partName} of message ${attr(el, "name")} has neither element= nor type=`, locOf(file, p));
    }
    return { name: requireAttr(file, el, "name"), parts, el, file, ...(defect ? { defect } : {}) };
  });
  const used = new Set<Message>();
  const usedElements = new Set<string>();

  /**
   * Lenient: an unprefixed QName where no default namespace is declared is looked for in the
   * referring document's targetNamespace, which is what its author meant (zeep does the same).
   */
  const rescued = <T>(map: ReadonlyMap<string, T>, q: QName, from: Def): T | undefined => {
    if (!lenient || q.ns !== "") return undefined;
    const tns = attr(from.el.ownerDocument!.documentElement!, "targetNamespace") ?? "";
    const found = tns ? map.get(qnameKey({ ns: tns, local: q.local })) : undefined;
    if (found !== undefined)
      warnings.push(
        new Rescue(
          `${q.local} has no prefix and no default namespace is declared: taken as {${tns}}${q.local}, in the targetNamespace (--lenient)`,
          locOf(from.file, from.el),
        ),
      );
    return found;
  };
  const lookup = <T>(map: ReadonlyMap<string, T>, q: QName, what: string, from: Def): T => {
    const found = map.get(qnameKey(q)) ?? rescued(map, q, from);
    const name = from.el.getAttribute("name");
    if (!found)
      throw new GeneratorError(
        `${what} {${q.ns}}${q.local} not found (referred to by <${from.el.tagName}${name ? ` name="${name}"` : ""}>)`,
        locOf(from.file, from.el),
      );
    return found;
  };
  return {
    messages,
    message(q, from) {
      const m = lookup(messages, q, "message", from);
      used.add(m);
      if (m.defect) throw m.defect;
      return m;
    },
    unusedDefects: () => [
      ...[...messages.values()].flatMap((m) => (m.defect && !used.has(m) ? [m.defect] : [])),
      ...[...schema.unread].flatMap(([key, e]) => (key.startsWith("element ") && !usedElements.has(key) ? [e] : [])),
    ],
    portTypes: defs("portType", (d) => d),
    bindings: defs("binding", (d) => d),
    services: [...defs("service", (d) => d).values()],
    lookup,
    element(q, from) {
      const decl = schema.elements.get(qnameKey(q)) ?? rescued(schema.elements, q, from);
      // A declaration the schema reader could not read: why, where it is.
      const unread = decl ? undefined : schema.unread.get(`element ${qnameKey(q)}`);
      usedElements.add(`element ${qnameKey(q)}`);
      if (unread) throw unread;
      if (!decl)
        throw new GeneratorError(
          `element {${q.ns}}${q.local} not found in the WSDL's schemas (referred to by <${from.el.tagName} name="${from.el.getAttribute("name") ?? ""}">)`,
          locOf(from.file, from.el),
        );
      return decl;
    },
  };
}
