// wsdl:service and wsdl:port: which SOAP ports (and bindings no port reaches) an agent can be
// made from, which one each portType gets, and the address its clients call.
import type { Element } from "@xmldom/xmldom";
import { GeneratorError, locOf, Notice } from "../diagnostics.js";
import { attr, childElements, resolveQName } from "../xml/dom.js";
import { qnameKey } from "../ir/model.js";
import type { SoapVersionChoice } from "../config.js";
import type { DocumentSet } from "./load-documents.js";
import { WSDL_NS } from "./load-documents.js";
import { SOAP11_BINDING_NS, SOAP12_BINDING_NS, type Def, type Definitions } from "./definitions.js";

/**
 * The transports of SOAP over HTTP: WSDL 1.1's, and the SOAP 1.2 HTTP binding's own URI, which
 * CXF and JAX-WS write in soap12:binding. No transport= at all means HTTP too.
 */
const HTTP_TRANSPORTS = new Set(["http://schemas.xmlsoap.org/soap/http", "http://www.w3.org/2003/05/soap/bindings/HTTP/"]);
const isHttp = (transport: string) =>
  HTTP_TRANSPORTS.has(transport) || HTTP_TRANSPORTS.has(`${transport}/`) || HTTP_TRANSPORTS.has(transport.replace(/\/$/, ""));

/** A SOAP port an agent may be made from: its service, port, binding, address and SOAP version's namespace. */
export interface Candidate {
  readonly service: Def;
  readonly port: Element;
  readonly binding: Def;
  readonly address: string;
  /** The SOAP binding namespace (1.1's or 1.2's). */
  readonly ns: string;
  /** Appended to the agent's name (a portType bound both ways, with soapVersion "both"). */
  readonly suffix?: string;
}

/** Whether a binding is SOAP over HTTP in this SOAP version's namespace. */
export function soapOverHttp(binding: Def, ns: string): boolean {
  const soapBinding = childElements(binding.el, ns, "binding")[0];
  return soapBinding !== undefined && isHttp(attr(soapBinding, "transport") ?? "http://schemas.xmlsoap.org/soap/http");
}

/**
 * One port per portType: its first port of the configured SOAP version when it has one, else
 * its first port of the other; with "both", one of each (the 1.2 one named with a Soap12 suffix).
 * A portType that no port reaches (ONVIF publishes bindings without a wsdl:service) gets its SOAP
 * binding, with no address.
 */
export function choosePorts(set: DocumentSet, d: Definitions, soapVersion: SoapVersionChoice, warnings: GeneratorError[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const svc of d.services) {
    for (const port of childElements(svc.el, WSDL_NS, "port")) {
      const ref = resolveQName(svc.file, port, "binding");
      const binding = d.bindings.get(qnameKey(ref));
      // A port is only an address: one naming a binding nobody defines is left out, and its
      // binding's portType still gets a client (below) when the WSDL defines a binding for it.
      if (!binding) {
        const sameName = [...d.bindings.keys()].find((k) => k.endsWith(`}${ref.local}`));
        const hint = sameName
          ? ` (${sameName} is defined: check the prefix's namespace)`
          : d.bindings.size
            ? ` (bindings defined: ${[...d.bindings.values()].map((b) => attr(b.el, "name")).join(", ")})`
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
  const portTypeOf = (c: Candidate) => qnameKey(resolveQName(c.binding.file, c.binding.el, "type"));
  const reached = new Set(candidates.map(portTypeOf));
  for (const binding of d.bindings.values())
    for (const ns of [SOAP11_BINDING_NS, SOAP12_BINDING_NS])
      if (soapOverHttp(binding, ns) && !reached.has(qnameKey(resolveQName(binding.file, binding.el, "type"))))
        candidates.push({ service: binding, port: binding.el, binding, address: "", ns });
  if (!candidates.length)
    throw new GeneratorError(
      `no wsdl:port with a SOAP 1.1 or 1.2 binding over HTTP (soap:binding and soap:address in ${SOAP11_BINDING_NS} or ${SOAP12_BINDING_NS}): ${whyNoSoapPort(d)}`,
      locOf(set.main.file, set.main.doc.documentElement!),
    );
  const byPortType = new Map<string, Candidate[]>();
  for (const c of candidates) byPortType.set(portTypeOf(c), [...(byPortType.get(portTypeOf(c)) ?? []), c]);
  const preferred = soapVersion === "1.2" ? SOAP12_BINDING_NS : SOAP11_BINDING_NS;
  return [...byPortType.values()].flatMap((cs) => {
    const v11 = cs.find((c) => c.ns === SOAP11_BINDING_NS);
    const v12 = cs.find((c) => c.ns === SOAP12_BINDING_NS);
    if (soapVersion === "both" && v11 && v12) return [v11, { ...v12, suffix: "Soap12" }];
    return [cs.find((c) => c.ns === preferred) ?? cs[0]!];
  });
}

/** Which of the causes of "no SOAP port" applies, in words, with what the WSDL has instead. */
function whyNoSoapPort(d: Definitions): string {
  // Ports that name undefined bindings were warned about; the error carries those warnings as notes.
  const ports = d.services.flatMap((svc) => childElements(svc.el, WSDL_NS, "port"));
  if (!d.bindings.size)
    return ports.length
      ? "the WSDL defines no wsdl:binding at all"
      : "it has no wsdl:binding and no wsdl:service: a types-only (or abstract) file has nothing to call; generate from the WSDL that imports it and binds its portTypes";
  const kinds = [...d.bindings.values()].map((b) => {
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

/**
 * The port's address as clients call it: a relative one resolved against the WSDL's URL (as
 * svcutil and zeep do); one the generated client cannot call as is gets a warning.
 */
export function serviceAddress(c: Candidate, warnings: GeneratorError[]): string {
  const location = c.address.trim();
  if (location === "") return "";
  const el = childElements(c.port, c.ns, "address")[0]!;
  if (!/^[a-z][a-z0-9+.-]*:/i.test(location)) {
    if (/^https?:\/\//i.test(c.service.file)) return new URL(location, c.service.file).href;
    warnings.push(
      new Notice(
        `soap:address location "${location}" is relative and the WSDL is a file: in browsers it is resolved against the page, elsewhere pass the endpoint (or baseUrl) option`,
        locOf(c.service.file, el),
      ),
    );
    return location;
  }
  const host = /^https?:\/\/([^/:?#]+|\[[^\]]*\])/i.exec(location)?.[1]?.toLowerCase();
  if (host === "localhost" || host === "127.0.0.1" || host === "[::1]" || host === "0.0.0.0")
    warnings.push(
      new Notice(
        `soap:address ${location} is the publishing machine's own address: the client defaults to it, so pass the endpoint (or baseUrl) option to call the real service`,
        locOf(c.service.file, el),
      ),
    );
  return location;
}
