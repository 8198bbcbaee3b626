// Reads one WSDL 1.1 document set as it is written: its schemas (xsd/read-schema.ts), its
// definitions (definitions.ts), the SOAP port each portType's agent is made from (ports.ts), and
// each binding operation with its messages (operations.ts, messages.ts). What the WSDL means
// (wrapped or bare, WCF's idioms, names for anonymous types) is decided by the passes in ir/.
import { createHash } from "node:crypto";
import { GeneratorError, withNotes } from "../diagnostics.js";
import { attr, requireAttr, resolveQName, withDoc, wsdlDocumentation } from "../xml/dom.js";
import type { SoapVersionChoice } from "../config.js";
import type { MessageUse, Service } from "../ir/model.js";
import { readSchemas, type SchemaContents } from "../xsd/read-schema.js";
import { readDefinitions } from "./definitions.js";
import { WSDL_NS, type DocumentSet } from "./load-documents.js";
import { choosePorts, serviceAddress, type Candidate } from "./ports.js";
import { readOperations } from "./operations.js";
import { SOAP12_BINDING_NS } from "./definitions.js";

export { WSDL_NS };
export { SOAP11_BINDING_NS, SOAP12_BINDING_NS } from "./definitions.js";

export interface WsdlContents {
  /** What was left out, and why (printed as warnings). */
  readonly warnings: readonly GeneratorError[];
  /** One per portType bound with SOAP (Services88: one per WSDL). */
  readonly services: readonly Service<MessageUse>[];
  readonly schema: SchemaContents;
}

export interface ReadOptions {
  readonly soapVersion?: SoapVersionChoice;
  /** Work round defects with a warning (a Rescue) instead of stopping: see Config.lenient. */
  readonly lenient?: boolean;
}

/** Reads one WSDL 1.1 document set: its schemas and, per SOAP-bound portType, the port (or binding) its agent is made from. */
export function readWsdl(set: DocumentSet, displayName: string, options: ReadOptions = {}): WsdlContents {
  const warnings: GeneratorError[] = [...set.warnings];
  try {
    const lenient = options.lenient ?? false;
    const schema = readSchemas(set.schemas, lenient ? warnings : undefined);
    const d = readDefinitions(set, schema, lenient, warnings);
    const chosen = choosePorts(set, d, options.soapVersion ?? "1.1", warnings);
    const source = { file: set.main.file, displayName, sha256: setDigest(set) };
    const readService = (c: Candidate): Service<MessageUse> => {
      const portType = d.lookup(d.portTypes, resolveQName(c.binding.file, c.binding.el, "type"), "portType", c.binding);
      const tns = attr(portType.el.ownerDocument!.documentElement!, "targetNamespace") ?? "";
      const operations = readOperations({ d, ns: c.ns, file: c.binding.file, portType, tns, lenient, warnings }, c.binding.el);
      return {
        name: requireAttr(portType.file, portType.el, "name") + (c.suffix ?? ""),
        serviceName: requireAttr(c.service.file, c.service.el, "name"),
        portName: requireAttr(c.service.file, c.port, "name"),
        address: serviceAddress(c, warnings),
        soapVersion: c.ns === SOAP12_BINDING_NS ? "1.2" : "1.1",
        targetNamespace: tns,
        operations,
        source,
        ...withDoc(wsdlDocumentation(WSDL_NS, c.service.el, c.port, portType.el)),
      };
    };
    const services = chosen.map(readService);
    // Defects in what no SOAP operation uses: said, with where, and left out (zeep reads lazily too).
    for (const defect of d.unusedDefects()) warnings.push(new GeneratorError(`${defect.message}; no SOAP operation uses it, so it is left out`, defect.loc));
    return { schema, services, warnings };
  } catch (e) {
    throw withNotes(e, warnings);
  }
}

/** The main WSDL's SHA-256, or for a set with imports, the SHA-256 of all its documents' digests. */
function setDigest(set: DocumentSet): string {
  const docs = [...new Set([...set.wsdls.map((w) => w.sha256), ...set.schemas.map((s) => s.sha256)])].join("\n");
  return set.wsdls.length === 1 && set.schemas.every((s) => s.file === set.main.file) ? set.main.sha256 : createHash("sha256").update(docs).digest("hex");
}
