import type { Element, Node } from "@xmldom/xmldom";
import { GeneratorError, locOf } from "../diagnostics.js";
import type { QName } from "../ir/model.js";

const ELEMENT_NODE = 1;

/** Child elements, optionally only those with the given namespace and local name. */
export function childElements(parent: Element | Node, ns?: string, local?: string): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== ELEMENT_NODE) continue;
    const e = n as Element;
    if (ns !== undefined && e.namespaceURI !== ns) continue;
    if (local !== undefined && e.localName !== local) continue;
    out.push(e);
  }
  return out;
}

/**
 * Attributes whose value is an NCName: XSD collapses their whitespace (a published WSDL declares
 * `name="ResultCode "`, which zeep and every schema processor read as ResultCode).
 */
const NCNAME_ATTRIBUTES = new Set(["name", "part"]);

export function attr(el: Element, name: string): string | undefined {
  if (!el.hasAttribute(name)) return undefined;
  const value = el.getAttribute(name)!;
  return NCNAME_ATTRIBUTES.has(name) ? value.replace(/[ \t\r\n]+/g, " ").trim() : value;
}

export function requireAttr(file: string, el: Element, name: string): string {
  const v = attr(el, name);
  if (v === undefined) throw new GeneratorError(`<${el.tagName}> has no ${name} attribute`, locOf(file, el));
  return v;
}

/**
 * Resolves a QName-valued attribute through the namespace scope of the element that holds it:
 * WCF declares prefixes on the element itself (type="q8:TableRight" xmlns:q8="..."), so the
 * prefix means nothing outside that scope.
 */
export function resolveQName(file: string, el: Element, attrName: string): QName {
  const value = requireAttr(file, el, attrName).trim();
  const colon = value.indexOf(":");
  const prefix = colon === -1 ? null : value.slice(0, colon);
  const local = colon === -1 ? value : value.slice(colon + 1);
  // An unprefixed QName is in the default namespace: @xmldom/xmldom 0.9 finds it under "", not null.
  // The xml prefix is bound by definition (ref="xml:lang"); no document declares it.
  const ns = prefix === "xml" ? "http://www.w3.org/XML/1998/namespace" : el.lookupNamespaceURI(prefix ?? "");
  if (prefix !== null && !ns) {
    throw new GeneratorError(
      `${attrName}="${value}" on <${el.tagName}> uses prefix "${prefix}", which is not declared in scope; declare xmlns:${prefix}`,
      locOf(file, el),
    );
  }
  return { ns: ns ?? "", local };
}

/** The most of one documentation text kept: a schema's manual belongs in its own files, not in every hover. */
export const MAX_DOC_CHARS = 2000;

/**
 * The text of documentation elements (xs:documentation, wsdl:documentation), as written: markup
 * dropped, each line trimmed, runs of blank lines made one, at most MAX_DOC_CHARS characters.
 * Undefined when there is none. Escaping for where it lands is the emitter's.
 */
export function documentationText(els: readonly Element[]): string | undefined {
  const paragraphs = els.map((e) =>
    (e.textContent ?? "")
      .split(/\r\n|[\n\r\u2028\u2029]/)
      .map((l) => l.replace(/\s+/g, " ").trim())
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim(),
  );
  const text = paragraphs.filter(Boolean).join("\n\n");
  if (!text) return undefined;
  return text.length > MAX_DOC_CHARS ? `${text.slice(0, MAX_DOC_CHARS).trimEnd()}…` : text;
}

/** An XSD component's documentation: its xs:annotation's xs:documentation children. */
export function xsdDocumentation(el: Element, xsNs: string): string | undefined {
  return documentationText(childElements(el, xsNs, "annotation").flatMap((a) => childElements(a, xsNs, "documentation")));
}

/** `{ doc }` to spread into a model node, or nothing when there is no text. */
export const withDoc = (doc: string | undefined): { doc?: string } => (doc === undefined ? {} : { doc });

/** A WSDL 1.1 component's wsdl:documentation children, as text. */
export function wsdlDocumentation(wsdlNs: string, ...els: readonly Element[]): string | undefined {
  return documentationText(els.flatMap((el) => childElements(el, wsdlNs, "documentation")));
}
