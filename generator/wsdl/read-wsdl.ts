import { createHash } from "node:crypto";
import type { Element } from "@xmldom/xmldom";
import { GeneratorError, locOf } from "../diagnostics.js";
import { attr, childElements, requireAttr, resolveQName } from "../xml/dom.js";
import { selectElements } from "../xml/select.js";
import { WSDL_NS, type DocumentSet } from "./load-documents.js";
import { qnameKey, type ElementDecl, type FaultUse, type HeaderPart, type MessageUse, type Operation, type QName, type Service } from "../ir/model.js";
import { readSchemas, type SchemaContents } from "../xsd/read-schema.js";

export { WSDL_NS };
export const SOAP11_BINDING_NS = "http://schemas.xmlsoap.org/wsdl/soap/";
const HTTP_TRANSPORT = "http://schemas.xmlsoap.org/soap/http";

export interface WsdlContents {
  readonly service: Service;
  readonly schema: SchemaContents;
}

/** A WSDL definition element and the document it is in. */
interface Def {
  readonly el: Element;
  readonly file: string;
}

interface Message extends Def {
  readonly name: string;
  readonly parts: Map<string, { element: QName; el: Element }>;
}

/** Reads one WSDL 1.1 document set: its schemas and its SOAP 1.1 document/literal port. */
export function readWsdl(set: DocumentSet, displayName: string): WsdlContents {
  const xml = set.main;
  const root = xml.doc.documentElement!;

  const schema: SchemaContents = readSchemas(set.schemas);

  // Definitions of every WSDL in the set, by QName: imported WSDLs often have another namespace.
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
        if (m.has(key)) throw new GeneratorError(`wsdl:${local} ${el.getAttribute("name")} is defined twice`, locOf(w.file, el));
        m.set(key, read({ el, file: w.file }));
      }
    }
    return m;
  };
  const messages = defs("message", ({ el, file }): Message => {
    const parts = new Map<string, { element: QName; el: Element }>();
    for (const p of childElements(el, WSDL_NS, "part")) {
      if (attr(p, "element") === undefined) {
        throw new GeneratorError(
          `part ${attr(p, "name")} of message ${attr(el, "name")} uses type=, which document/literal does not allow; use element=`,
          locOf(file, p),
        );
      }
      const partName = requireAttr(file, p, "name");
      if (parts.has(partName)) throw new GeneratorError(`message ${attr(el, "name")} has two parts named ${partName}`, locOf(file, p));
      parts.set(partName, { element: resolveQName(file, p, "element"), el: p });
    }
    return { name: requireAttr(file, el, "name"), parts, el, file };
  });
  const portTypes = defs("portType", (d) => d);
  const bindings = defs("binding", (d) => d);
  const services = [...defs("service", (d) => d).values()];

  const lookup = <T>(map: Map<string, T>, q: QName, what: string, from: Def): T => {
    const found = map.get(qnameKey(q));
    const name = from.el.getAttribute("name");
    if (!found)
      throw new GeneratorError(
        `${what} {${q.ns}}${q.local} not found (referred to by <${from.el.tagName}${name ? ` name="${name}"` : ""}>)`,
        locOf(from.file, from.el),
      );
    return found;
  };
  const element = (q: QName, from: Def): ElementDecl => {
    const decl = schema.elements.get(qnameKey(q));
    if (!decl)
      throw new GeneratorError(
        `element {${q.ns}}${q.local} not found in the WSDL's schemas (referred to by <${from.el.tagName} name="${from.el.getAttribute("name") ?? ""}">)`,
        locOf(from.file, from.el),
      );
    return decl;
  };

  /** A header element's anonymous type, as the named type the reader gave it: headers are described by type. */
  const namedType = (decl: ElementDecl): ElementDecl => {
    if (!("kind" in decl.type && decl.type.kind === "complex")) return decl;
    schema.types.set(qnameKey(decl.type.qname), decl.type);
    return { ...decl, type: { kind: "named", qname: decl.type.qname } };
  };

  // The SOAP 1.1 port: WCF also publishes SOAP 1.2 and WS-* ports in some WSDLs.
  let chosen: { service: Def; port: Element; binding: Def; address: string } | undefined;
  for (const svc of services) {
    for (const port of childElements(svc.el, WSDL_NS, "port")) {
      const binding = lookup(bindings, resolveQName(svc.file, port, "binding"), "binding", { el: port, file: svc.file });
      const soapBinding = childElements(binding.el, SOAP11_BINDING_NS, "binding")[0];
      const address = childElements(port, SOAP11_BINDING_NS, "address")[0];
      if (!soapBinding || !address) continue;
      if ((attr(soapBinding, "transport") ?? HTTP_TRANSPORT) !== HTTP_TRANSPORT) {
        throw new GeneratorError(`unsupported SOAP transport ${attr(soapBinding, "transport")}; only HTTP`, locOf(binding.file, soapBinding));
      }
      chosen ??= { service: svc, port, binding, address: requireAttr(svc.file, address, "location") };
    }
  }
  if (!chosen)
    throw new GeneratorError("no wsdl:port with a SOAP 1.1 binding (soap:binding and soap:address in " + SOAP11_BINDING_NS + ")", locOf(xml.file, root));
  const binding = chosen.binding.el;
  const file = chosen.binding.file;
  const at = (el: Element) => locOf(file, el);
  const bindingStyle = attr(childElements(binding, SOAP11_BINDING_NS, "binding")[0]!, "style") ?? "document";
  const portType = lookup(portTypes, resolveQName(file, binding, "type"), "portType", chosen.binding);
  const abstractOps = new Map(childElements(portType.el, WSDL_NS, "operation").map((op) => [requireAttr(portType.file, op, "name"), op]));

  const messageUse = (direction: "input" | "output", abstractOp: Element, bindingOp: Element): MessageUse => {
    const opName = attr(bindingOp, "name");
    const abs = single(childElements(abstractOp, WSDL_NS, direction), `wsdl:${direction} in portType operation ${opName}`, portType.file);
    const bound = single(childElements(bindingOp, WSDL_NS, direction), `wsdl:${direction} in binding operation ${opName}`, file);
    if (!abs || !bound)
      throw new GeneratorError(`operation ${opName} has no wsdl:${direction} (one-way and notification operations are not supported)`, at(abs ?? bindingOp));
    const msg = lookup(messages, resolveQName(portType.file, abs, "message"), "message", { el: abs, file: portType.file });
    const body = single(childElements(bound, SOAP11_BINDING_NS, "body"), `soap:body in wsdl:${direction} of ${opName}`, file);
    if (!body) throw new GeneratorError(`wsdl:${direction} of operation ${opName} has no soap:body`, at(bound));
    if ((attr(body, "use") ?? "literal") !== "literal")
      throw new GeneratorError(`soap:body use="${attr(body, "use")}" in ${opName}: only literal (SOAP encoding is not supported)`, at(body));
    const bodyParts = attr(body, "parts")?.split(/\s+/).filter(Boolean) ?? [...msg.parts.keys()];
    if (bodyParts.length !== 1)
      throw new GeneratorError(
        `message ${msg.name} puts ${bodyParts.length} parts in the body; document/literal wrapped needs exactly one`,
        locOf(msg.file, msg.el),
      );
    const bodyPart = msg.parts.get(bodyParts[0]!);
    if (!bodyPart) throw new GeneratorError(`soap:body names part ${bodyParts[0]}, which message ${msg.name} does not have`, at(body));
    const seenHeaders = new Set<string>();
    const headers: HeaderPart[] = childElements(bound, SOAP11_BINDING_NS, "header").map((h) => {
      if ((attr(h, "use") ?? "literal") !== "literal") throw new GeneratorError(`soap:header use="${attr(h, "use")}" in ${opName}: only literal`, at(h));
      const hmsg = lookup(messages, resolveQName(file, h, "message"), "message", { el: h, file });
      const partName = requireAttr(file, h, "part");
      const part = hmsg.parts.get(partName);
      if (!part) throw new GeneratorError(`soap:header names part ${partName}, which message ${hmsg.name} does not have`, at(h));
      const key = qnameKey(part.element);
      if (seenHeaders.has(key)) throw new GeneratorError(`header element ${part.element.local} is bound twice in wsdl:${direction} of ${opName}`, at(h));
      seenHeaders.add(key);
      return { part: partName, element: namedType(element(part.element, { el: part.el, file: hmsg.file })) };
    });
    return { body: element(bodyPart.element, { el: bodyPart.el, file: msg.file }), headers };
  };

  const boundNames = new Set<string>();
  const operations: Operation[] = childElements(binding, WSDL_NS, "operation").map((bop) => {
    const name = requireAttr(file, bop, "name");
    if (boundNames.has(name)) throw new GeneratorError(`binding operation ${name} is defined twice (overloaded operations are not supported)`, at(bop));
    boundNames.add(name);
    const abstractOp = abstractOps.get(name);
    if (!abstractOp) throw new GeneratorError(`binding operation ${name} is not in portType ${attr(portType.el, "name")}`, at(bop));
    const soapOp = single(childElements(bop, SOAP11_BINDING_NS, "operation"), `soap:operation in binding operation ${name}`, file);
    const style = (soapOp && attr(soapOp, "style")) ?? bindingStyle;
    if (style !== "document") throw new GeneratorError(`operation ${name} has style="${style}"; only document/literal is supported`, at(soapOp ?? bop));
    const faults: FaultUse[] = childElements(abstractOp, WSDL_NS, "fault").map((f) => {
      const msg = lookup(messages, resolveQName(portType.file, f, "message"), "message", { el: f, file: portType.file });
      const part = [...msg.parts.values()][0];
      if (!part) throw new GeneratorError(`fault message ${msg.name} has no part`, locOf(msg.file, msg.el));
      return { name: requireAttr(portType.file, f, "name"), element: element(part.element, { el: part.el, file: msg.file }) };
    });
    return {
      name,
      soapAction: (soapOp && attr(soapOp, "soapAction")) ?? "",
      input: messageUse("input", abstractOp, bop),
      output: messageUse("output", abstractOp, bop),
      faults,
      loc: at(bop),
    };
  });

  return {
    schema,
    service: {
      name: requireAttr(portType.file, portType.el, "name"),
      serviceName: requireAttr(chosen.service.file, chosen.service.el, "name"),
      portName: requireAttr(chosen.service.file, chosen.port, "name"),
      address: chosen.address,
      targetNamespace: attr(portType.el.ownerDocument!.documentElement!, "targetNamespace") ?? "",
      operations,
      source: { file: xml.file, displayName, sha256: setDigest(set) },
    },
  };
}

/** The main WSDL's SHA-256, or for a set with imports, the SHA-256 of all its documents' digests. */
function setDigest(set: DocumentSet): string {
  const docs = [...new Set([...set.wsdls.map((w) => w.sha256), ...set.schemas.map((s) => s.sha256)])].join("\n");
  return set.wsdls.length === 1 && set.schemas.every((s) => s.file === set.main.file) ? set.main.sha256 : createHash("sha256").update(docs).digest("hex");
}

/** At most one of a construct; a second one is an error rather than silently ignored. */
function single(els: Element[], what: string, file: string): Element | undefined {
  if (els.length > 1) throw new GeneratorError(`${what} appears ${els.length} times; expected one`, locOf(file, els[1]!));
  return els[0];
}
