import type { Element } from "@xmldom/xmldom";
import { GeneratorError, locOf } from "../diagnostics.js";
import { attr, childElements, requireAttr, resolveQName } from "../xml/dom.js";
import type { LoadedXml } from "../xml/load.js";
import { XS_NS, qnameKey, type ElementDecl, type FaultUse, type HeaderPart, type MessageUse, type Operation, type QName, type Service } from "../ir/model.js";
import { readSchema, type SchemaContents } from "../xsd/read-schema.js";

export const WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
export const SOAP11_BINDING_NS = "http://schemas.xmlsoap.org/wsdl/soap/";
const HTTP_TRANSPORT = "http://schemas.xmlsoap.org/soap/http";

export interface WsdlContents {
  readonly service: Service;
  readonly schema: SchemaContents;
}

interface Message {
  readonly name: string;
  readonly parts: Map<string, { element: QName; el: Element }>;
  readonly el: Element;
}

/** Reads one WSDL 1.1 document: its inline schemas and its SOAP 1.1 document/literal port. */
export function readWsdl(xml: LoadedXml, displayName: string): WsdlContents {
  const { file } = xml;
  const root = xml.doc.documentElement!;
  if (root.namespaceURI !== WSDL_NS || root.localName !== "definitions") {
    throw new GeneratorError(`root element is <${root.tagName}>, expected wsdl:definitions in ${WSDL_NS}`, locOf(file, root));
  }
  const tns = attr(root, "targetNamespace") ?? "";
  const at = (el: Element) => locOf(file, el);

  for (const imp of childElements(root, WSDL_NS, "import")) {
    throw new GeneratorError(`unsupported WSDL construct: wsdl:import of ${attr(imp, "location") ?? "(no location)"}; pass the flattened WSDL (?singleWsdl)`, at(imp));
  }

  const schema: SchemaContents = { types: new Map(), elements: new Map() };
  for (const types of childElements(root, WSDL_NS, "types"))
    for (const s of childElements(types, XS_NS, "schema")) readSchema(file, s, schema);

  const byName = <T>(local: string, read: (el: Element) => T) => {
    const m = new Map<string, T>();
    for (const el of childElements(root, WSDL_NS, local)) m.set(requireAttr(file, el, "name"), read(el));
    return m;
  };
  const messages = byName("message", (el): Message => {
    const parts = new Map<string, { element: QName; el: Element }>();
    for (const p of childElements(el, WSDL_NS, "part")) {
      if (attr(p, "element") === undefined) {
        throw new GeneratorError(`part ${attr(p, "name")} of message ${attr(el, "name")} uses type=, which document/literal does not allow; use element=`, at(p));
      }
      parts.set(requireAttr(file, p, "name"), { element: resolveQName(file, p, "element"), el: p });
    }
    return { name: requireAttr(file, el, "name"), parts, el };
  });
  const portTypes = byName("portType", (el) => el);
  const bindings = byName("binding", (el) => el);

  const lookup = <T>(map: Map<string, T>, q: QName, what: string, from: Element): T => {
    const found = q.ns === tns ? map.get(q.local) : undefined;
    if (!found) throw new GeneratorError(`${what} {${q.ns}}${q.local} not found (referred to by <${from.tagName} ${from.getAttribute("name") ? `name="${from.getAttribute("name")}"` : ""}>)`, at(from));
    return found;
  };
  const element = (q: QName, from: Element): ElementDecl => {
    const decl = schema.elements.get(qnameKey(q));
    if (!decl) throw new GeneratorError(`element {${q.ns}}${q.local} not found in the WSDL's schemas (referred to by <${from.tagName} name="${from.getAttribute("name") ?? ""}">)`, at(from));
    return decl;
  };

  // The SOAP 1.1 port: WCF also publishes SOAP 1.2 and WS-* ports in some WSDLs.
  let chosen: { service: Element; port: Element; binding: Element; address: string } | undefined;
  for (const svc of childElements(root, WSDL_NS, "service")) {
    for (const port of childElements(svc, WSDL_NS, "port")) {
      const binding = lookup(bindings, resolveQName(file, port, "binding"), "binding", port);
      const soapBinding = childElements(binding, SOAP11_BINDING_NS, "binding")[0];
      const address = childElements(port, SOAP11_BINDING_NS, "address")[0];
      if (!soapBinding || !address) continue;
      if ((attr(soapBinding, "transport") ?? HTTP_TRANSPORT) !== HTTP_TRANSPORT) {
        throw new GeneratorError(`unsupported SOAP transport ${attr(soapBinding, "transport")}; only HTTP`, at(soapBinding));
      }
      chosen ??= { service: svc, port, binding, address: requireAttr(file, address, "location") };
    }
  }
  if (!chosen) throw new GeneratorError("no wsdl:port with a SOAP 1.1 binding (soap:binding and soap:address in " + SOAP11_BINDING_NS + ")", at(root));
  const { binding } = chosen;
  const bindingStyle = attr(childElements(binding, SOAP11_BINDING_NS, "binding")[0]!, "style") ?? "document";
  const portType = lookup(portTypes, resolveQName(file, binding, "type"), "portType", binding);
  const abstractOps = new Map(childElements(portType, WSDL_NS, "operation").map((op) => [requireAttr(file, op, "name"), op]));

  const messageUse = (direction: "input" | "output", abstractOp: Element, bindingOp: Element): MessageUse => {
    const abs = childElements(abstractOp, WSDL_NS, direction)[0];
    const bound = childElements(bindingOp, WSDL_NS, direction)[0];
    const opName = attr(bindingOp, "name");
    if (!abs || !bound) throw new GeneratorError(`operation ${opName} has no wsdl:${direction} (one-way and notification operations are not supported)`, at(abs ?? bindingOp));
    const msg = lookup(messages, resolveQName(file, abs, "message"), "message", abs);
    const body = childElements(bound, SOAP11_BINDING_NS, "body")[0];
    if (!body) throw new GeneratorError(`wsdl:${direction} of operation ${opName} has no soap:body`, at(bound));
    if ((attr(body, "use") ?? "literal") !== "literal") throw new GeneratorError(`soap:body use="${attr(body, "use")}" in ${opName}: only literal (SOAP encoding is not supported)`, at(body));
    const bodyParts = attr(body, "parts")?.split(/\s+/).filter(Boolean) ?? [...msg.parts.keys()];
    if (bodyParts.length !== 1) throw new GeneratorError(`message ${msg.name} puts ${bodyParts.length} parts in the body; document/literal wrapped needs exactly one`, at(msg.el));
    const bodyPart = msg.parts.get(bodyParts[0]!);
    if (!bodyPart) throw new GeneratorError(`soap:body names part ${bodyParts[0]}, which message ${msg.name} does not have`, at(body));
    const headers: HeaderPart[] = childElements(bound, SOAP11_BINDING_NS, "header").map((h) => {
      if ((attr(h, "use") ?? "literal") !== "literal") throw new GeneratorError(`soap:header use="${attr(h, "use")}" in ${opName}: only literal`, at(h));
      const hmsg = lookup(messages, resolveQName(file, h, "message"), "message", h);
      const partName = requireAttr(file, h, "part");
      const part = hmsg.parts.get(partName);
      if (!part) throw new GeneratorError(`soap:header names part ${partName}, which message ${hmsg.name} does not have`, at(h));
      return { part: partName, element: element(part.element, part.el) };
    });
    return { body: element(bodyPart.element, bodyPart.el), headers };
  };

  const operations: Operation[] = childElements(binding, WSDL_NS, "operation").map((bop) => {
    const name = requireAttr(file, bop, "name");
    const abstractOp = abstractOps.get(name);
    if (!abstractOp) throw new GeneratorError(`binding operation ${name} is not in portType ${attr(portType, "name")}`, at(bop));
    const soapOp = childElements(bop, SOAP11_BINDING_NS, "operation")[0];
    const style = (soapOp && attr(soapOp, "style")) ?? bindingStyle;
    if (style !== "document") throw new GeneratorError(`operation ${name} has style="${style}"; only document/literal is supported`, at(soapOp ?? bop));
    const faults: FaultUse[] = childElements(abstractOp, WSDL_NS, "fault").map((f) => {
      const msg = lookup(messages, resolveQName(file, f, "message"), "message", f);
      const part = [...msg.parts.values()][0];
      if (!part) throw new GeneratorError(`fault message ${msg.name} has no part`, at(msg.el));
      return { name: requireAttr(file, f, "name"), element: element(part.element, part.el) };
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
      name: requireAttr(file, portType, "name"),
      serviceName: requireAttr(file, chosen.service, "name"),
      portName: requireAttr(file, chosen.port, "name"),
      address: chosen.address,
      targetNamespace: tns,
      operations,
      source: { file, displayName, sha256: xml.sha256 },
    },
  };
}
