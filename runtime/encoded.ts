// rpc/encoded (SOAP section 5 encoding): each part goes as in rpc/literal, its start tag saying
// its type (xsi:type). Generated operation tables name this (`encoded: rpcEncoded`) only for
// operations a WSDL binds with use="encoded", so other clients do not bundle it.
import { element, members, typedOpen } from "./encode.js";
import type { EncodedParts, Field } from "./schema.js";

export const rpcEncoded: EncodedParts = (body, request) => members(body, request, body.ns, typedElement);

/** An element that says its type, unless it is xsi:nil or already says one (a derived value, xs:anyType). */
function typedElement(f: Field, value: unknown, ns: string): string {
  const el = element(f, value, ns);
  if (value === null || el.indexOf(" xsi:type=") !== -1 || f.type.kind === "any") return el;
  const at = el.indexOf(">");
  const end = el.charCodeAt(at - 1) === 47 ? at - 1 : at;
  return typedOpen(el.slice(0, end) + ">", f.type).slice(0, -1) + el.slice(end);
}
