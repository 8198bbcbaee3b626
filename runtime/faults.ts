// Faults the WSDL declares (wsdl:fault): a Fault whose detail holds one of their elements is
// read as its type, into SoapFaultError.fault. Generated operation tables name this
// (`faults: declaredFaults(...)`) only for operations that declare faults, so other clients do
// not bundle it; an undeclared Fault is read as a generic tree either way.
import { faultOf, SOAP12_ENV, type DecodedFault, type Decoder } from "./decode.js";
import type { DeclaredFaults, Field } from "./schema.js";
import { setKey, type Tag } from "./xml-reader.js";

/** The faults of one operation: each wsdl:fault's name and the detail element it carries. */
export function declaredFaults(list: readonly (readonly [name: string, element: Field])[]): DeclaredFaults {
  const faults = list.map(([name, element]) => ({ name, element }));
  return { faults, read: (r, tag, envNs) => readFault(r, tag, envNs, faults) };
}

/** A Fault whose detail may hold a declared element: that one decodes as its type (`typed`, and in the generic detail); the rest reads as a generic tree. */
function readFault(r: Decoder, tag: Tag, envNs: string, declared: DeclaredFaults["faults"]): DecodedFault {
  const tree: Record<string, unknown> = {};
  let typed: { name: string; value: unknown } | undefined;
  if (!tag.empty)
    for (;;) {
      r.skipWhitespaceContent();
      if (r.atEndTag()) break;
      const child = r.startTag();
      const isDetail = envNs === SOAP12_ENV ? child.local === "Detail" && child.uri === envNs : child.local === "detail";
      if (!isDetail) {
        setKey(tree, child.local, r.tree(child));
        continue;
      }
      const detail: Record<string, unknown> = {};
      if (!child.empty)
        for (;;) {
          r.skipWhitespaceContent();
          if (r.atEndTag()) break;
          const d = r.startTag();
          const f = declared.find((x) => x.element.name === d.local && x.element.ns === d.uri);
          const v = f ? r.value(f.element, d) : r.tree(d);
          if (f) typed ??= { name: f.name, value: v };
          setKey(detail, d.local, v);
        }
      r.endTag(child);
      setKey(tree, child.local, detail);
    }
  r.endTag(tag);
  return { ...faultOf(tree, envNs), typed };
}
