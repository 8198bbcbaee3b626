import xpath from "xpath";
import type { Element, Node } from "@xmldom/xmldom";
import { XS_NS } from "../ir/model.js";

/** XPath with the prefixes the readers use; these prefixes are ours, independent of the document's. */
const select = xpath.useNamespaces({
  wsdl: "http://schemas.xmlsoap.org/wsdl/",
  soap: "http://schemas.xmlsoap.org/wsdl/soap/",
  xs: XS_NS,
});

/** Elements matching an XPath expression, in document order. */
export function selectElements(expression: string, context: Node): Element[] {
  const found = select(expression, context as unknown as globalThis.Node);
  return (Array.isArray(found) ? found : []).filter((n) => n.nodeType === 1) as unknown as Element[];
}
