// Binding operations: each wsdl:operation of a SOAP binding with its portType operation, style,
// SOAPAction, messages, faults and WS-Addressing action.
import type { Element } from "@xmldom/xmldom";
import { GeneratorError, locOf, Rescue } from "../diagnostics.js";
import { attr, childElements, requireAttr, resolveQName, withDoc, wsdlDocumentation } from "../xml/dom.js";
import type { FaultUse, MessageUse, Operation } from "../ir/model.js";
import { WSDL_NS } from "./load-documents.js";
import { messageUse, single, synthetic, withHeaderFaults, type BindingContext } from "./messages.js";
import { builtinOrNamed } from "../xsd/read-schema.js";

/** The operations of one SOAP binding, in binding order; in a lenient run one that does not resolve is left out, with a warning. */
export function readOperations(b: BindingContext, binding: Element): Operation<MessageUse>[] {
  const bindingStyle = attr(childElements(binding, b.ns, "binding")[0]!, "style") ?? "document";
  const addressing = usesAddressing(binding);
  const abstractOps = new Map(childElements(b.portType.el, WSDL_NS, "operation").map((op) => [requireAttr(b.portType.file, op, "name"), op]));
  const at = (el: Element) => locOf(b.file, el);
  const boundNames = new Set<string>();

  const readOperation = (bop: Element): Operation<MessageUse>[] => {
    const name = requireAttr(b.file, bop, "name");
    if (boundNames.has(name)) throw new GeneratorError(`binding operation ${name} is defined twice (overloaded operations are not supported)`, at(bop));
    boundNames.add(name);
    const abstractOp = abstractOps.get(name);
    // An operation nobody can call is left out, with a warning, rather than stopping the rest.
    if (!abstractOp) {
      b.warnings.push(
        new GeneratorError(`binding operation ${name} is not in portType ${attr(b.portType.el, "name")}: left out (it has no messages)`, at(bop)),
      );
      return [];
    }
    const soapOp = single(childElements(bop, b.ns, "operation"), `soap:operation in binding operation ${name}`, b.file);
    const style = (soapOp && attr(soapOp, "style")) ?? bindingStyle;
    if (style !== "document" && style !== "rpc")
      throw new GeneratorError(`operation ${name} has style="${style}"; expected document or rpc`, at(soapOp ?? bop));
    const hasInput = childElements(abstractOp, WSDL_NS, "input").length > 0;
    const hasOutput = childElements(abstractOp, WSDL_NS, "output").length > 0;
    if (!hasInput) {
      b.warnings.push(
        new GeneratorError(
          `operation ${name} has no wsdl:input: left out (notification and solicit-response operations, where the server calls first, have no client call)`,
          locOf(b.portType.file, abstractOp),
        ),
      );
      return [];
    }
    const faults: FaultUse[] = childElements(abstractOp, WSDL_NS, "fault").map((f) => {
      const faultName = requireAttr(b.portType.file, f, "name");
      const msg = b.d.message(resolveQName(b.portType.file, f, "message"), { el: f, file: b.portType.file });
      const [partName, part] = [...msg.parts.entries()][0] ?? [];
      if (!part || partName === undefined) throw new GeneratorError(`fault message ${msg.name} has no part`, locOf(msg.file, msg.el));
      if (part.element) return { name: faultName, element: b.d.element(part.element, { el: part.el, file: msg.file }) };
      // rpc style (CXF publishes these): the detail's element is named after the part, in the soap:fault's namespace.
      if (style !== "rpc")
        throw new GeneratorError(`fault message ${msg.name} uses type=; a fault part of a document-style operation needs element=`, locOf(msg.file, part.el));
      const bound = childElements(bop, WSDL_NS, "fault").find((x) => attr(x, "name") === faultName);
      const soapFault = bound && childElements(bound, b.ns, "fault")[0];
      return {
        name: faultName,
        element: {
          qname: { ns: (soapFault && attr(soapFault, "namespace")) ?? "", local: partName },
          type: builtinOrNamed(part.type!),
          nillable: false,
          loc: locOf(msg.file, part.el),
        },
      };
    });
    const soapAction = (soapOp && attr(soapOp, "soapAction")) ?? "";
    const input = messageUse(b, "input", abstractOp, bop, style);
    const op: Operation<MessageUse> = {
      name,
      soapAction,
      input,
      // No wsdl:output: the call ends with the HTTP exchange, with an empty bare message standing for the answer.
      output: hasOutput
        ? withHeaderFaults(b, bop, messageUse(b, "output", abstractOp, bop, style))
        : { kind: "bare", body: synthetic({ ns: b.tns, local: `${name}Response` }, [], at(bop)), headers: [] },
      faults,
      ...(hasOutput ? {} : { oneWay: true }),
      ...(addressing ? { addressing: actionOf(childElements(abstractOp, WSDL_NS, "input")[0]!) ?? (soapAction || name) } : {}),
      loc: at(bop),
      ...withDoc(wsdlDocumentation(WSDL_NS, abstractOp) ?? wsdlDocumentation(WSDL_NS, bop)),
    };
    return [op];
  };
  /** Lenient: an operation whose messages, parts or their elements and types do not resolve is left out, and the rest generate. */
  const orLeftOut = (bop: Element): Operation<MessageUse>[] => {
    if (!b.lenient) return readOperation(bop);
    try {
      return readOperation(bop);
    } catch (e) {
      if (!(e instanceof GeneratorError)) throw e;
      b.warnings.push(new Rescue(`${e.message}: operation ${attr(bop, "name") ?? ""} is left out (--lenient)`, e.loc ?? at(bop)));
      return [];
    }
  };
  return childElements(binding, WSDL_NS, "operation").flatMap(orLeftOut);
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
export function usesAddressing(binding: Element): boolean {
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
