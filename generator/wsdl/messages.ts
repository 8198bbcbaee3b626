// What a binding operation's wsdl:input and wsdl:output carry: the soap:body's parts (document
// style: their global elements; rpc style: an accessor per part in a wrapper named after the
// operation) and the soap:header blocks, as the WSDL says them. Whether a document message is
// wrapped or bare is decided later (ir/messages.ts), once the types are interpreted.
import type { Element } from "@xmldom/xmldom";
import { defect, GeneratorError, locOf } from "../diagnostics.js";
import { attr, childElements, requireAttr, resolveQName, withDoc, wsdlDocumentation } from "../xml/dom.js";
import {
  qnameKey,
  sequenceOf,
  SOAP_ENC_NS,
  SOAP12_ENC_NS,
  type DocumentMessage,
  type ElementDecl,
  type ElementParticle,
  type HeaderPart,
  type Loc,
  type MessageUse,
  type QName,
  type RpcMessage,
} from "../ir/model.js";
import { builtinOrNamed } from "../xsd/read-schema.js";
import { WSDL_NS } from "./load-documents.js";
import { SOAP11_BINDING_NS, SOAP12_BINDING_NS, type Def, type Definitions, type Message, type Part } from "./definitions.js";

/** What reading one binding's messages needs: its SOAP namespace, file, portType and target namespace. */
export interface BindingContext {
  readonly d: Definitions;
  /** The SOAP binding namespace (1.1's or 1.2's). */
  readonly ns: string;
  readonly file: string;
  readonly portType: Def;
  readonly tns: string;
  readonly lenient: boolean;
  readonly warnings: GeneratorError[];
}

/** A wrapper that no schema declares: rpc's operation element, or a bare message's members. */
export function synthetic(qname: QName, elements: readonly ElementParticle[], loc: Loc): ElementDecl {
  return {
    qname,
    type: { kind: "anonymous", def: { kind: "complex", qname, content: sequenceOf(elements, loc), shape: { kind: "record" }, loc } },
    nillable: false,
    loc,
  };
}

/** The element a part stands for in a message: its global element, or for a part typed by type= an unqualified element named after the part. */
function partElement(b: BindingContext, name: string, part: Part, msg: Message, ns = ""): ElementDecl {
  if (part.element) return b.d.element(part.element, { el: part.el, file: msg.file });
  return { qname: { ns, local: name }, type: builtinOrNamed(part.type!), nillable: false, loc: locOf(msg.file, part.el) };
}

/** The message a soap:header (or soap:headerfault) binds. */
function headerMessage(b: BindingContext, h: Element): Message {
  return b.d.message(resolveQName(b.file, h, "message"), { el: h, file: b.file });
}

/** The element a soap:header (or soap:headerfault) binds: its message part's element, or one named after a part typed by type=. */
function headerPart(b: BindingContext, h: Element, opName: string, hmsg = headerMessage(b, h)): HeaderPart {
  const what = `soap:${h.localName}`;
  if (!["literal", "encoded"].includes(attr(h, "use") ?? "literal"))
    throw new GeneratorError(`${what} use="${attr(h, "use")}" in ${opName}: expected literal or encoded`, locOf(b.file, h));
  const partName = requireAttr(b.file, h, "part");
  const part = hmsg.parts.get(partName);
  if (!part) throw new GeneratorError(`${what} names part ${partName}, which message ${hmsg.name} does not have`, locOf(b.file, h));
  // A part typed by type= is sent as an element named after the part, in the soap:header
  // namespace (unqualified without one), as for rpc parts.
  return { part: partName, element: partElement(b, partName, part, hmsg, attr(h, "namespace") ?? "") };
}

/**
 * Header faults (soap:headerfault in a soap:header): the header elements a server answers with
 * when a request header was at fault. They are response headers that may come back, so a Fault's
 * headers (SoapFaultError.headers) decode as their types.
 */
export function withHeaderFaults(b: BindingContext, bindingOp: Element, output: MessageUse): MessageUse {
  const opName = requireAttr(b.file, bindingOp, "name");
  const seen = new Set(output.headers.map((h) => qnameKey(h.element.qname)));
  const extra: HeaderPart[] = [];
  for (const direction of ["input", "output"])
    for (const bound of childElements(bindingOp, WSDL_NS, direction))
      for (const h of childElements(bound, b.ns, "header"))
        for (const hf of childElements(h, b.ns, "headerfault")) {
          const header = headerPart(b, hf, opName);
          if (seen.has(qnameKey(header.element.qname))) continue;
          seen.add(qnameKey(header.element.qname));
          extra.push(header);
        }
  return extra.length ? { ...output, headers: [...output.headers, ...extra] } : output;
}

/** The soap:body and soap:header blocks of one direction of a binding operation. */
export function messageUse(b: BindingContext, direction: "input" | "output", abstractOp: Element, bindingOp: Element, style: string): MessageUse {
  const { file, d } = b;
  const at = (el: Element) => locOf(file, el);
  const opName = requireAttr(file, bindingOp, "name");
  const abs = single(childElements(abstractOp, WSDL_NS, direction), `wsdl:${direction} in portType operation ${opName}`, b.portType.file)!;
  const bound = single(childElements(bindingOp, WSDL_NS, direction), `wsdl:${direction} in binding operation ${opName}`, file);
  if (!bound) throw new GeneratorError(`binding operation ${opName} has no wsdl:${direction}, which its portType operation has`, at(bindingOp));
  const msg = d.message(resolveQName(b.portType.file, abs, "message"), { el: abs, file: b.portType.file });
  const body = single(childElements(bound, b.ns, "body"), `soap:body in wsdl:${direction} of ${opName}`, file);
  if (!body) {
    // A common slip: a soap12:binding whose operations use soap: (1.1) elements, or the other way round.
    const other = b.ns === SOAP12_BINDING_NS ? SOAP11_BINDING_NS : SOAP12_BINDING_NS;
    const misplaced = childElements(bound, other, "body")[0];
    if (misplaced)
      throw new GeneratorError(
        `wsdl:${direction} of operation ${opName} has its soap:body in the SOAP ${other === SOAP12_BINDING_NS ? "1.2" : "1.1"} binding namespace (${other}), while its binding is SOAP ${b.ns === SOAP12_BINDING_NS ? "1.2" : "1.1"} (${b.ns}): use one SOAP version's namespace throughout the binding`,
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
  const boundHeaders = childElements(bound, b.ns, "header").map((h) => ({ h, hmsg: headerMessage(b, h) }));
  const inHeaders = new Set(boundHeaders.filter((x) => x.hmsg === msg).map((x) => attr(x.h, "part")));
  const bodyParts = attr(body, "parts")?.split(/\s+/).filter(Boolean) ?? [...msg.parts.keys()].filter((p) => !inHeaders.has(p));
  const parts = bodyParts.flatMap((name) => {
    const part = msg.parts.get(name);
    if (part) return [[name, part] as const];
    // CXF writes parts= naming the header's part too, when the header is a message of its own.
    if (boundHeaders.some((x) => attr(x.h, "part") === name))
      b.warnings.push(
        new GeneratorError(
          `soap:body names part ${name}, which message ${msg.name} does not have: a soap:header of ${opName} binds it, so it is sent there, not in the Body`,
          at(body),
        ),
      );
    else defect(b.lenient, b.warnings, `soap:body names part ${name}, which message ${msg.name} does not have`, at(body), "the name is ignored");
    return [];
  });
  const headers = boundHeaderParts(b, boundHeaders, direction, opName);
  const wrapperName = { ns: b.tns, local: direction === "input" ? opName : `${opName}Response` };
  if (style === "rpc") {
    // rpc/literal: a wrapper named after the operation in the soap:body namespace, one unqualified element per part.
    // Without namespace= the WSDL makes it unqualified, which zeep sends as written (WS-I BP R2717 asks for one).
    const ns = attr(body, "namespace");
    if (ns === undefined)
      b.warnings.push(
        new GeneratorError(
          `soap:body of rpc-style ${opName} (wsdl:${direction}) has no namespace=: its wrapper <${wrapperName.local}> is unqualified, as the WSDL says (WS-I Basic Profile R2717 requires a namespace; a server may expect one)`,
          at(body),
        ),
      );
    // SOAP encoding lets any accessor be nil (SOAP 1.1 section 5.1): PHP's SoapServer answers <return xsi:nil="true"/> for null.
    const members = parts.map(([name, part]): ElementParticle => {
      const decl = partElement(b, name, part, msg);
      return {
        kind: "element",
        name: decl.qname.local,
        ns: decl.qname.ns,
        type: decl.type,
        minOccurs: 1,
        maxOccurs: 1,
        nillable: use === "encoded" || decl.nillable,
        loc: locOf(msg.file, part.el),
        ...withDoc(wsdlDocumentation(WSDL_NS, part.el) ?? decl.doc),
      };
    });
    const rpc: RpcMessage = {
      kind: "rpc",
      body: synthetic({ ns: ns ?? "", local: wrapperName.local }, members, at(body)),
      headers,
      ...(use === "encoded" ? { encoded: attr(body, "encodingStyle") ?? (b.ns === SOAP12_BINDING_NS ? SOAP12_ENC_NS : SOAP_ENC_NS) } : {}),
    };
    return rpc;
  }
  const document: DocumentMessage = {
    kind: "document",
    parts: parts.map(([name, part]) => ({
      name,
      element: partElement(b, name, part, msg),
      loc: locOf(msg.file, part.el),
      ...withDoc(wsdlDocumentation(WSDL_NS, part.el)),
    })),
    wrapperName,
    headers,
    loc: at(body),
  };
  return document;
}

/**
 * The soap:header blocks of one direction. The same header bound twice: identical bindings (same
 * message, part, use and namespace) are one, with a warning (WSDL 1.1 sets no uniqueness rule,
 * and published WSDLs do it); bindings that differ are an error.
 */
function boundHeaderParts(b: BindingContext, boundHeaders: readonly { h: Element; hmsg: Message }[], direction: string, opName: string): HeaderPart[] {
  const seenHeaders = new Map<string, { hmsg: Message; rest: string }>();
  const headers: HeaderPart[] = [];
  for (const { h, hmsg } of boundHeaders) {
    const header = headerPart(b, h, opName, hmsg);
    const key = qnameKey(header.element.qname);
    const rest = JSON.stringify([attr(h, "part"), attr(h, "use") ?? "literal", attr(h, "namespace") ?? ""]);
    const before = seenHeaders.get(key);
    if (before === undefined) {
      seenHeaders.set(key, { hmsg, rest });
      headers.push(header);
    } else if (before.hmsg === hmsg && before.rest === rest)
      b.warnings.push(
        new GeneratorError(
          `header element ${header.element.qname.local} is bound twice, identically, in wsdl:${direction} of ${opName}: taken once`,
          locOf(b.file, h),
        ),
      );
    else
      throw new GeneratorError(`header element ${header.element.qname.local} is bound twice, differently, in wsdl:${direction} of ${opName}`, locOf(b.file, h));
  }
  return headers;
}

/** At most one of a construct; a second one is an error rather than silently ignored. */
export function single(els: Element[], what: string, file: string): Element | undefined {
  if (els.length > 1) throw new GeneratorError(`${what} appears ${els.length} times; expected one`, locOf(file, els[1]!));
  return els[0];
}
