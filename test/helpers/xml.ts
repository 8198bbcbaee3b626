import { DOMParser, type Element, type Node } from "@xmldom/xmldom";

/** An element as namespace-aware comparison sees it: prefixes and insignificant whitespace gone. */
export interface XmlTree {
  name: string; // {ns}local
  attributes: Record<string, string>; // {ns}local -> value, xmlns declarations excluded
  text: string;
  children: XmlTree[];
}

export function xmlTree(xml: string): XmlTree {
  const doc = new DOMParser({
    onError: (level, msg) => {
      if (level !== "warning") throw new Error(msg);
    },
  }).parseFromString(xml, "text/xml");
  return elementTree(doc.documentElement!);
}

/** One parsed element as an XmlTree. */
export function elementTree(el: Element): XmlTree {
  const attributes: Record<string, string> = {};
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    if (a.name === "xmlns" || a.prefix === "xmlns") continue;
    let value = a.value;
    // QName-valued attributes compare by their resolved QName, not the prefix used.
    if (a.localName === "type" && a.namespaceURI === "http://www.w3.org/2001/XMLSchema-instance") {
      const [p, l] = value.includes(":") ? value.split(":") : [null, value];
      value = `{${el.lookupNamespaceURI(p ?? null) ?? ""}}${l}`;
    }
    attributes[`{${a.namespaceURI ?? ""}}${a.localName}`] = value;
  }
  const children: XmlTree[] = [];
  let text = "";
  for (let n: Node | null = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1) children.push(elementTree(n as Element));
    else if (n.nodeType === 3 || n.nodeType === 4) text += n.nodeValue;
  }
  return { name: `{${el.namespaceURI ?? ""}}${el.localName}`, attributes, text: children.length ? text.trim() : text, children };
}
