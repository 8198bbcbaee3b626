import { createHash } from "node:crypto";
import type { Element } from "@xmldom/xmldom";
import { defect, GeneratorError, locOf, Rescue, withNotes } from "../diagnostics.js";
import { attr, childElements, requireAttr, resolveQName } from "../xml/dom.js";
import { selectElements } from "../xml/select.js";
import { WSDL_NS, type DocumentSet } from "./load-documents.js";
import type { SoapVersionChoice } from "../config.js";
import {
  qnameKey,
  SOAP_ENC_NS,
  SOAP12_ENC_NS,
  type ElementDecl,
  type ElementParticle,
  type FaultUse,
  type HeaderPart,
  type MessageUse,
  type Operation,
  type QName,
  type Service,
  type TypeRef,
} from "../ir/model.js";
import { builtinOrNamed, readSchemas, type SchemaContents } from "../xsd/read-schema.js";

export { WSDL_NS };
export const SOAP11_BINDING_NS = "http://schemas.xmlsoap.org/wsdl/soap/";
export const SOAP12_BINDING_NS = "http://schemas.xmlsoap.org/wsdl/soap12/";
const HTTP_TRANSPORT = "http://schemas.xmlsoap.org/soap/http";

export interface WsdlContents {
  /** What was left out, and why (printed as warnings). */
  readonly warnings: readonly GeneratorError[];
  /** One per portType bound with SOAP (Services88: one per WSDL). */
  readonly services: readonly Service[];
  readonly schema: SchemaContents;
}

/** A WSDL definition element and the document it is in. */
interface Def {
  readonly el: Element;
  readonly file: string;
}

/** A message part: typed by a global element (document style) or by a type (rpc style). */
type Part = { readonly el: Element } & ({ readonly element: QName; readonly type?: undefined } | { readonly type: QName; readonly element?: undefined });

interface Message extends Def {
  readonly name: string;
  readonly parts: Map<string, Part>;
}

/** Reads one WSDL 1.1 document set: its schemas and, per SOAP-bound portType, the port (or binding) its agent is made from. */
export interface ReadOptions {
  readonly soapVersion?: SoapVersionChoice;
  /** Work round defects with a warning (a Rescue) instead of stopping: see Config.lenient. */
  readonly lenient?: boolean;
}

export function readWsdl(set: DocumentSet, displayName: string, options: ReadOptions = {}): WsdlContents {
  const warnings: GeneratorError[] = [...set.warnings];
  try {
    return readWith(set, displayName, options, warnings);
  } catch (e) {
    throw withNotes(e, warnings);
  }
}

function readWith(set: DocumentSet, displayName: string, options: ReadOptions, warnings: GeneratorError[]): WsdlContents {
  const soapVersion = options.soapVersion ?? "1.1";
  const lenient = options.lenient ?? false;
  const xml = set.main;
  const root = xml.doc.documentElement!;

  const schema: SchemaContents = readSchemas(set.schemas, lenient ? warnings : undefined);

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
    for (const p of childElements(el, WSDL_NS, "part")) {
      const partName = requireAttr(file, p, "name");
      if (parts.has(partName)) throw new GeneratorError(`message ${attr(el, "name")} has two parts named ${partName}`, locOf(file, p));
      if (attr(p, "element") !== undefined) parts.set(partName, { element: resolveQName(file, p, "element"), el: p });
      else if (attr(p, "type") !== undefined) parts.set(partName, { type: resolveQName(file, p, "type"), el: p });
      else throw new GeneratorError(`part ${partName} of message ${attr(el, "name")} has neither element= nor type=`, locOf(file, p));
    }
    return { name: requireAttr(file, el, "name"), parts, el, file };
  });
  const portTypes = defs("portType", (d) => d);
  const bindings = defs("binding", (d) => d);
  const services = [...defs("service", (d) => d).values()];

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
  const lookup = <T>(map: Map<string, T>, q: QName, what: string, from: Def): T => {
    const found = map.get(qnameKey(q)) ?? rescued(map, q, from);
    const name = from.el.getAttribute("name");
    if (!found)
      throw new GeneratorError(
        `${what} {${q.ns}}${q.local} not found (referred to by <${from.el.tagName}${name ? ` name="${name}"` : ""}>)`,
        locOf(from.file, from.el),
      );
    return found;
  };
  const element = (q: QName, from: Def): ElementDecl => {
    const decl = schema.elements.get(qnameKey(q)) ?? rescued(schema.elements, q, from);
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

  // The SOAP ports, 1.1 and 1.2 (WCF publishes both, and WS-* ones); which one an agent is made
  // from is chosen per portType below. HTTP GET/POST ports and other protocols are passed over.
  type Candidate = { service: Def; port: Element; binding: Def; address: string; ns: string; suffix?: string };
  const candidates: Candidate[] = [];
  /** Whether a binding is SOAP over HTTP in this SOAP version's namespace. */
  const soapOverHttp = (binding: Def, ns: string) => {
    const soapBinding = childElements(binding.el, ns, "binding")[0];
    return soapBinding !== undefined && (attr(soapBinding, "transport") ?? HTTP_TRANSPORT) === HTTP_TRANSPORT;
  };
  for (const svc of services) {
    for (const port of childElements(svc.el, WSDL_NS, "port")) {
      const ref = resolveQName(svc.file, port, "binding");
      const binding = bindings.get(qnameKey(ref));
      // A port is only an address: one naming a binding nobody defines is left out, and its
      // binding's portType still gets a client (below) when the WSDL defines a binding for it.
      if (!binding) {
        const sameName = [...bindings.keys()].find((k) => k.endsWith(`}${ref.local}`));
        const hint = sameName
          ? ` (${sameName} is defined: check the prefix's namespace)`
          : bindings.size
            ? ` (bindings defined: ${[...bindings.values()].map((b) => attr(b.el, "name")).join(", ")})`
            : "";
        warnings.push(
          new GeneratorError(
            `port ${attr(port, "name") ?? ""} names binding {${ref.ns}}${ref.local}, which the WSDL does not define: left out${hint}`,
            locOf(svc.file, port),
          ),
        );
        continue;
      }
      for (const ns of [SOAP11_BINDING_NS, SOAP12_BINDING_NS]) {
        const address = childElements(port, ns, "address")[0];
        if (!address || !soapOverHttp(binding, ns)) continue;
        candidates.push({ service: svc, port, binding, address: attr(address, "location") ?? "", ns });
      }
    }
  }
  // A portType that no port reaches (ONVIF publishes bindings without a wsdl:service): its SOAP binding, with no address.
  const reached = new Set(candidates.map((c) => qnameKey(resolveQName(c.binding.file, c.binding.el, "type"))));
  for (const binding of bindings.values())
    for (const ns of [SOAP11_BINDING_NS, SOAP12_BINDING_NS])
      if (soapOverHttp(binding, ns) && !reached.has(qnameKey(resolveQName(binding.file, binding.el, "type"))))
        candidates.push({ service: binding, port: binding.el, binding, address: "", ns });
  if (!candidates.length)
    throw new GeneratorError(
      `no wsdl:port with a SOAP 1.1 or 1.2 binding over HTTP (soap:binding and soap:address in ${SOAP11_BINDING_NS} or ${SOAP12_BINDING_NS}): ${whyNoSoapPort()}`,
      locOf(xml.file, root),
    );

  /** Which of the causes of "no SOAP port" applies, in words, with what the WSDL has instead. */
  function whyNoSoapPort(): string {
    // Ports that name undefined bindings were warned about above; the error carries those warnings as notes.
    const ports = services.flatMap((svc) => childElements(svc.el, WSDL_NS, "port"));
    if (!bindings.size)
      return ports.length
        ? "the WSDL defines no wsdl:binding at all"
        : "it has no wsdl:binding and no wsdl:service: a types-only (or abstract) file has nothing to call; generate from the WSDL that imports it and binds its portTypes";
    const kinds = [...bindings.values()].map((b) => {
      const protocol = childElements(b.el).find((c) => c.localName === "binding");
      const name = attr(b.el, "name") ?? "";
      if (!protocol) return `${name} has no protocol binding element (no soap:binding)`;
      if (protocol.namespaceURI === SOAP11_BINDING_NS || protocol.namespaceURI === SOAP12_BINDING_NS)
        return `${name} is SOAP over ${attr(protocol, "transport") ?? "?"}, not HTTP`;
      if (/\/wsdl\/http\/?$/.test(protocol.namespaceURI ?? ""))
        return `${name} is an HTTP ${attr(protocol, "verb") ?? "GET/POST"} binding (http:binding), not SOAP`;
      return `${name} binds ${protocol.tagName} (${protocol.namespaceURI}), not SOAP`;
    });
    return kinds.join("; ");
  }
  // One agent per portType: its first port of the configured SOAP version when it has one, else
  // its first port of the other; with "both", one of each (the 1.2 one named with a Soap12 suffix).
  const byPortType = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = qnameKey(resolveQName(c.binding.file, c.binding.el, "type"));
    byPortType.set(key, [...(byPortType.get(key) ?? []), c]);
  }
  const preferred = soapVersion === "1.2" ? SOAP12_BINDING_NS : SOAP11_BINDING_NS;
  const chosenPorts = [...byPortType.values()].flatMap((cs) => {
    const v11 = cs.find((c) => c.ns === SOAP11_BINDING_NS);
    const v12 = cs.find((c) => c.ns === SOAP12_BINDING_NS);
    if (soapVersion === "both" && v11 && v12) return [v11, { ...v12, suffix: "Soap12" }];
    return [cs.find((c) => c.ns === preferred) ?? cs[0]!];
  });

  /**
   * The port's address as clients call it: a relative one resolved against the WSDL's URL (as
   * svcutil and zeep do); one the generated client cannot call as is gets a warning.
   */
  const serviceAddress = (c: Candidate): string => {
    const location = c.address.trim();
    if (location === "") return "";
    const el = childElements(c.port, c.ns, "address")[0]!;
    if (!/^[a-z][a-z0-9+.-]*:/i.test(location)) {
      if (/^https?:\/\//i.test(c.service.file)) return new URL(location, c.service.file).href;
      warnings.push(
        new GeneratorError(
          `soap:address location "${location}" is relative and the WSDL is a file: in browsers it is resolved against the page, elsewhere pass the endpoint (or baseUrl) option`,
          locOf(c.service.file, el),
        ),
      );
      return location;
    }
    const host = /^https?:\/\/([^/:?#]+|\[[^\]]*\])/i.exec(location)?.[1]?.toLowerCase();
    if (host === "localhost" || host === "127.0.0.1" || host === "[::1]" || host === "0.0.0.0")
      warnings.push(
        new GeneratorError(
          `soap:address ${location} is the publishing machine's own address: the client defaults to it, so pass the endpoint (or baseUrl) option to call the real service`,
          locOf(c.service.file, el),
        ),
      );
    return location;
  };

  const readService = (chosen: Candidate): Service => {
    const B = chosen.ns;
    const binding = chosen.binding.el;
    const file = chosen.binding.file;
    const at = (el: Element) => locOf(file, el);
    const bindingStyle = attr(childElements(binding, B, "binding")[0]!, "style") ?? "document";
    const addressing = usesAddressing(binding);
    const portType = lookup(portTypes, resolveQName(file, binding, "type"), "portType", chosen.binding);
    const abstractOps = new Map(childElements(portType.el, WSDL_NS, "operation").map((op) => [requireAttr(portType.file, op, "name"), op]));
    const tns = attr(portType.el.ownerDocument!.documentElement!, "targetNamespace") ?? "";

    /** A global element's type as a reference (its anonymous type under the name the reader gave it). */
    const elementType = (decl: ElementDecl): TypeRef => namedType(decl).type as TypeRef;
    /** The members a part contributes: its element (document) or an unqualified element named after it (rpc). */
    const partMember = (name: string, part: Part, msg: Message): ElementParticle => {
      const loc = locOf(msg.file, part.el);
      if (part.type) {
        const type: TypeRef = builtinOrNamed(part.type);
        return { name, ns: "", type, minOccurs: 1, maxOccurs: 1, nillable: false, loc };
      }
      const decl = element(part.element, { el: part.el, file: msg.file });
      return { name: part.element.local, ns: part.element.ns, type: elementType(decl), minOccurs: 1, maxOccurs: 1, nillable: decl.nillable, loc };
    };
    /** A wrapper that is not declared in a schema: rpc's operation element, or a bare message's members. */
    const synthetic = (qname: QName, elements: ElementParticle[], loc: ElementDecl["loc"]): ElementDecl => ({
      qname,
      type: { kind: "complex", qname, elements, shape: { kind: "record" }, loc },
      nillable: false,
      loc,
    });
    /** Whether a global element can be the wrapper of document/literal wrapped style: its type is a sequence of members. */
    const isWrapper = (decl: ElementDecl): boolean => {
      if ("kind" in decl.type && decl.type.kind === "complex") return !decl.type.attributes?.length && !decl.type.text && !decl.type.base;
      const ref = decl.type as TypeRef;
      const def = ref.kind === "named" ? schema.types.get(qnameKey(ref.qname)) : undefined;
      return def?.kind === "complex" && def.shape.kind === "record" && !def.attributes?.length && !def.text;
    };

    /** The element a soap:header (or soap:headerfault) binds: its message part's element, or one named after a part typed by type=. */
    const headerMessage = (h: Element): Message => lookup(messages, resolveQName(file, h, "message"), "message", { el: h, file });
    const headerPart = (h: Element, opName: string, hmsg = headerMessage(h)): HeaderPart => {
      const what = `soap:${h.localName}`;
      if (!["literal", "encoded"].includes(attr(h, "use") ?? "literal"))
        throw new GeneratorError(`${what} use="${attr(h, "use")}" in ${opName}: expected literal or encoded`, at(h));
      const partName = requireAttr(file, h, "part");
      const part = hmsg.parts.get(partName);
      if (!part) throw new GeneratorError(`${what} names part ${partName}, which message ${hmsg.name} does not have`, at(h));
      // A part typed by type= is sent as an element named after the part, in the soap:header
      // namespace (unqualified without one), as for rpc parts.
      const decl: ElementDecl = part.element
        ? namedType(element(part.element, { el: part.el, file: hmsg.file }))
        : { qname: { ns: attr(h, "namespace") ?? "", local: partName }, type: builtinOrNamed(part.type!), nillable: false, loc: locOf(hmsg.file, part.el) };
      return { part: partName, element: decl };
    };
    /**
     * Header faults (soap:headerfault in a soap:header): the header elements a server answers
     * with when a request header was at fault. They are response headers that may come back, so
     * a Fault's headers (SoapFaultError.headers) decode as their types.
     */
    const headerFaults = (bindingOp: Element, output: MessageUse): MessageUse => {
      const opName = requireAttr(file, bindingOp, "name");
      const seen = new Set(output.headers.map((h) => qnameKey(h.element.qname)));
      const extra: HeaderPart[] = [];
      for (const direction of ["input", "output"])
        for (const bound of childElements(bindingOp, WSDL_NS, direction))
          for (const h of childElements(bound, B, "header"))
            for (const hf of childElements(h, B, "headerfault")) {
              const header = headerPart(hf, opName);
              if (seen.has(qnameKey(header.element.qname))) continue;
              seen.add(qnameKey(header.element.qname));
              extra.push(header);
            }
      return extra.length ? { ...output, headers: [...output.headers, ...extra] } : output;
    };

    const messageUse = (direction: "input" | "output", abstractOp: Element, bindingOp: Element, style: string): MessageUse => {
      const opName = requireAttr(file, bindingOp, "name");
      const abs = single(childElements(abstractOp, WSDL_NS, direction), `wsdl:${direction} in portType operation ${opName}`, portType.file)!;
      const bound = single(childElements(bindingOp, WSDL_NS, direction), `wsdl:${direction} in binding operation ${opName}`, file);
      if (!bound) throw new GeneratorError(`binding operation ${opName} has no wsdl:${direction}, which its portType operation has`, at(bindingOp));
      const msg = lookup(messages, resolveQName(portType.file, abs, "message"), "message", { el: abs, file: portType.file });
      const body = single(childElements(bound, B, "body"), `soap:body in wsdl:${direction} of ${opName}`, file);
      if (!body) {
        // A common slip: a soap12:binding whose operations use soap: (1.1) elements, or the other way round.
        const other = B === SOAP12_BINDING_NS ? SOAP11_BINDING_NS : SOAP12_BINDING_NS;
        const misplaced = childElements(bound, other, "body")[0];
        if (misplaced)
          throw new GeneratorError(
            `wsdl:${direction} of operation ${opName} has its soap:body in the SOAP ${other === SOAP12_BINDING_NS ? "1.2" : "1.1"} binding namespace (${other}), while its binding is SOAP ${B === SOAP12_BINDING_NS ? "1.2" : "1.1"} (${B}): use one SOAP version's namespace throughout the binding`,
            at(misplaced),
          );
        throw new GeneratorError(`wsdl:${direction} of operation ${opName} has no soap:body (MIME and other bindings are not supported)`, at(bound));
      }
      const use = attr(body, "use") ?? "literal";
      if (use !== "literal" && use !== "encoded") throw new GeneratorError(`soap:body use="${use}" in ${opName}: expected literal or encoded`, at(body));
      // rpc/encoded is read as rpc/literal with each part's type on the wire (xsi:type): what such services need to read a call.
      if (use === "encoded" && style !== "rpc")
        throw new GeneratorError(`soap:body use="encoded" in document-style ${opName}: document/encoded is not supported`, at(body));
      // Without parts=, the Body holds the message's parts that no soap:header of this binding
      // operation binds (WS-I BP R2210: a part goes in the Body or in a header, not both).
      const boundHeaders = childElements(bound, B, "header").map((h) => ({ h, hmsg: headerMessage(h) }));
      const inHeaders = new Set(boundHeaders.filter((b) => b.hmsg === msg).map((b) => attr(b.h, "part")));
      const bodyParts = attr(body, "parts")?.split(/\s+/).filter(Boolean) ?? [...msg.parts.keys()].filter((p) => !inHeaders.has(p));
      const parts = bodyParts.flatMap((name) => {
        const part = msg.parts.get(name);
        if (part) return [[name, part] as const];
        defect(lenient, warnings, `soap:body names part ${name}, which message ${msg.name} does not have`, at(body), "the name is ignored");
        return [];
      });
      // The same header bound twice: identical bindings (same message, part, use and namespace)
      // are one, with a warning (WSDL 1.1 sets no uniqueness rule, and published WSDLs do it);
      // bindings that differ are an error.
      const seenHeaders = new Map<string, { hmsg: Message; rest: string }>();
      const headers: HeaderPart[] = [];
      for (const { h, hmsg } of boundHeaders) {
        const header = headerPart(h, opName, hmsg);
        const key = qnameKey(header.element.qname);
        const rest = JSON.stringify([attr(h, "part"), attr(h, "use") ?? "literal", attr(h, "namespace") ?? ""]);
        const before = seenHeaders.get(key);
        if (before === undefined) {
          seenHeaders.set(key, { hmsg, rest });
          headers.push(header);
        } else if (before.hmsg === hmsg && before.rest === rest)
          warnings.push(
            new GeneratorError(
              `header element ${header.element.qname.local} is bound twice, identically, in wsdl:${direction} of ${opName}: taken once`,
              at(h),
            ),
          );
        else throw new GeneratorError(`header element ${header.element.qname.local} is bound twice, differently, in wsdl:${direction} of ${opName}`, at(h));
      }
      const wrapperName = { ns: tns, local: direction === "input" ? opName : `${opName}Response` };
      if (style === "rpc") {
        // rpc/literal: a wrapper named after the operation in the soap:body namespace, one unqualified element per part.
        // Without namespace= the WSDL makes it unqualified, which zeep sends as written (WS-I BP R2717 asks for one).
        const ns = attr(body, "namespace");
        if (ns === undefined)
          warnings.push(
            new GeneratorError(
              `soap:body of rpc-style ${opName} (wsdl:${direction}) has no namespace=: its wrapper <${wrapperName.local}> is unqualified, as the WSDL says (WS-I Basic Profile R2717 requires a namespace; a server may expect one)`,
              at(body),
            ),
          );
        // SOAP encoding lets any accessor be nil (SOAP 1.1 section 5.1): PHP's SoapServer answers <return xsi:nil="true"/> for null.
        const members = parts.map(([name, part]) => partMember(name, part, msg)).map((m) => (use === "encoded" ? { ...m, nillable: true } : m));
        return {
          body: synthetic({ ns: ns ?? "", local: wrapperName.local }, members, at(body)),
          headers,
          ...(use === "encoded" ? { encoded: attr(body, "encodingStyle") ?? (B === SOAP12_BINDING_NS ? SOAP12_ENC_NS : SOAP_ENC_NS) } : {}),
        };
      }
      const only = parts.length === 1 ? parts[0]![1] : undefined;
      if (only?.element) {
        const decl = element(only.element, { el: only.el, file: msg.file });
        if (isWrapper(decl)) return { body: decl, headers };
      }
      // document/literal bare: zero, one non-wrapper or several parts, each an element of the Body.
      return {
        body: synthetic(
          wrapperName,
          parts.map(([name, part]) => partMember(name, part, msg)),
          at(body),
        ),
        headers,
        bare: true,
      };
    };

    const boundNames = new Set<string>();
    /** Lenient: an operation whose messages, parts or their elements and types do not resolve is left out, and the rest generate. */
    const orLeftOut = (bop: Element, read: (bop: Element) => Operation[]): Operation[] => {
      if (!lenient) return read(bop);
      try {
        return read(bop);
      } catch (e) {
        if (!(e instanceof GeneratorError)) throw e;
        warnings.push(new Rescue(`${e.message}: operation ${attr(bop, "name") ?? ""} is left out (--lenient)`, e.loc ?? at(bop)));
        return [];
      }
    };
    const operations: Operation[] = childElements(binding, WSDL_NS, "operation").flatMap((bop) => orLeftOut(bop, readOperation));
    function readOperation(bop: Element): Operation[] {
      const name = requireAttr(file, bop, "name");
      if (boundNames.has(name)) throw new GeneratorError(`binding operation ${name} is defined twice (overloaded operations are not supported)`, at(bop));
      boundNames.add(name);
      const abstractOp = abstractOps.get(name);
      // An operation nobody can call is left out, with a warning, rather than stopping the rest.
      if (!abstractOp) {
        warnings.push(new GeneratorError(`binding operation ${name} is not in portType ${attr(portType.el, "name")}: left out (it has no messages)`, at(bop)));
        return [];
      }
      const soapOp = single(childElements(bop, B, "operation"), `soap:operation in binding operation ${name}`, file);
      const style = (soapOp && attr(soapOp, "style")) ?? bindingStyle;
      if (style !== "document" && style !== "rpc")
        throw new GeneratorError(`operation ${name} has style="${style}"; expected document or rpc`, at(soapOp ?? bop));
      const hasInput = childElements(abstractOp, WSDL_NS, "input").length > 0;
      const hasOutput = childElements(abstractOp, WSDL_NS, "output").length > 0;
      if (!hasInput) {
        warnings.push(
          new GeneratorError(
            `operation ${name} has no wsdl:input: left out (notification and solicit-response operations, where the server calls first, have no client call)`,
            locOf(portType.file, abstractOp),
          ),
        );
        return [];
      }
      const faults: FaultUse[] = childElements(abstractOp, WSDL_NS, "fault").map((f) => {
        const msg = lookup(messages, resolveQName(portType.file, f, "message"), "message", { el: f, file: portType.file });
        const part = [...msg.parts.values()][0];
        if (!part) throw new GeneratorError(`fault message ${msg.name} has no part`, locOf(msg.file, msg.el));
        if (!part.element) throw new GeneratorError(`fault message ${msg.name} uses type=; a fault part needs element=`, locOf(msg.file, part.el));
        return { name: requireAttr(portType.file, f, "name"), element: namedType(element(part.element, { el: part.el, file: msg.file })) };
      });
      const op: Operation = {
        name,
        soapAction: (soapOp && attr(soapOp, "soapAction")) ?? "",
        input: messageUse("input", abstractOp, bop, style),
        output: hasOutput
          ? headerFaults(bop, messageUse("output", abstractOp, bop, style))
          : { body: synthetic({ ns: tns, local: `${name}Response` }, [], at(bop)), headers: [], bare: true },
        faults,
        ...(hasOutput ? {} : { oneWay: true }),
        ...(addressing ? { addressing: actionOf(childElements(abstractOp, WSDL_NS, "input")[0]!) ?? ((soapOp && attr(soapOp, "soapAction")) || name) } : {}),
        style,
        loc: at(bop),
      };
      return [op];
    }

    return {
      name: requireAttr(portType.file, portType.el, "name") + (chosen.suffix ?? ""),
      serviceName: requireAttr(chosen.service.file, chosen.service.el, "name"),
      portName: requireAttr(chosen.service.file, chosen.port, "name"),
      address: serviceAddress(chosen),
      soapVersion: B === SOAP12_BINDING_NS ? "1.2" : "1.1",
      targetNamespace: tns,
      operations,
      source: { file: xml.file, displayName, sha256: setDigest(set) },
    };
  };

  return { schema, services: chosenPorts.map(readService), warnings };
}

/** The main WSDL's SHA-256, or for a set with imports, the SHA-256 of all its documents' digests. */
function setDigest(set: DocumentSet): string {
  const docs = [...new Set([...set.wsdls.map((w) => w.sha256), ...set.schemas.map((s) => s.sha256)])].join("\n");
  return set.wsdls.length === 1 && set.schemas.every((s) => s.file === set.main.file) ? set.main.sha256 : createHash("sha256").update(docs).digest("hex");
}

const WSAM_NS = "http://www.w3.org/2007/05/addressing/metadata";
const WSAW_NS = "http://www.w3.org/2006/05/addressing/wsdl";
const WSP_NS = ["http://schemas.xmlsoap.org/ws/2004/09/policy", "http://www.w3.org/ns/ws-policy"];

/** WS-Addressing's action of a portType operation's input, when the WSDL declares one (the metadata namespace, or the older WSDL binding one). */
function actionOf(input: Element): string | undefined {
  return (input.getAttributeNS(WSAM_NS, "Action") || input.getAttributeNS(WSAW_NS, "Action") || "").trim() || undefined;
}

/**
 * Whether a binding says WS-Addressing is in use: wsaw:UsingAddressing on it, or a wsam:Addressing
 * (or UsingAddressing) assertion in a WS-Policy it references. A wsam:Action alone is not enough:
 * WCF and JAX-WS put one on every operation, also where addressing is off (BasicHttpBinding), and
 * svcutil then sends no addressing headers (zeep does).
 */
function usesAddressing(binding: Element): boolean {
  const isAssertion = (e: Element) =>
    (e.localName === "UsingAddressing" && e.namespaceURI === WSAW_NS) || (e.localName === "Addressing" && e.namespaceURI === WSAM_NS);
  if (childElements(binding).some(isAssertion)) return true;
  const root = binding.ownerDocument!.documentElement!;
  const ids = new Set(
    childElements(binding)
      .filter((e) => e.localName === "PolicyReference" && WSP_NS.includes(e.namespaceURI ?? ""))
      .map((e) => (attr(e, "URI") ?? "").replace(/^#/, "")),
  );
  if (!ids.size) return false;
  const policies = childElements(root).filter((e) => e.localName === "Policy" && WSP_NS.includes(e.namespaceURI ?? ""));
  const id = (e: Element) => Array.from({ length: e.attributes.length }, (_, i) => e.attributes.item(i)!).find((a) => a.localName === "Id")?.value ?? "";
  const within = (e: Element): boolean => isAssertion(e) || childElements(e).some(within);
  return policies.some((p) => ids.has(id(p)) && within(p));
}

/** At most one of a construct; a second one is an error rather than silently ignored. */
function single(els: Element[], what: string, file: string): Element | undefined {
  if (els.length > 1) throw new GeneratorError(`${what} appears ${els.length} times; expected one`, locOf(file, els[1]!));
  return els[0];
}
