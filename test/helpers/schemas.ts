// Extracts the xs:schema elements of a WSDL into standalone .xsd files that xmllint can load:
// namespace declarations inherited from wsdl:definitions are copied onto each schema, and imports
// of sibling schemas get a schemaLocation.
import { DOMParser, XMLSerializer, type Element } from "@xmldom/xmldom";
import { writeFileSync } from "node:fs";
import path from "node:path";

const XS = "http://www.w3.org/2001/XMLSchema";
const XMLNS = "http://www.w3.org/2000/xmlns/";

/** Writes one .xsd per schema and a main.xsd importing them all; returns main.xsd's path. */
export function extractSchemas(wsdlText: string, dir: string): string {
  const doc = new DOMParser().parseFromString(wsdlText, "text/xml");
  const root = doc.documentElement!;
  const schemas = Array.from(doc.getElementsByTagNameNS(XS, "schema"));
  const fileOf = new Map<string, string>();
  schemas.forEach((s, i) => fileOf.set(s.getAttribute("targetNamespace") ?? "", `schema${i}.xsd`));
  for (const s of schemas) {
    for (let i = 0; i < root.attributes.length; i++) {
      const a = root.attributes.item(i)!;
      if (a.prefix === "xmlns" && !s.hasAttribute(a.name)) s.setAttributeNS(XMLNS, a.name, a.value);
    }
    for (const imp of Array.from(s.getElementsByTagNameNS(XS, "import")) as Element[]) {
      const file = fileOf.get(imp.getAttribute("namespace") ?? "");
      if (file && !imp.hasAttribute("schemaLocation")) imp.setAttribute("schemaLocation", file);
    }
    writeFileSync(path.join(dir, fileOf.get(s.getAttribute("targetNamespace") ?? "")!), new XMLSerializer().serializeToString(s));
  }
  const main = path.join(dir, "main.xsd");
  writeFileSync(
    main,
    `<xs:schema xmlns:xs="${XS}">\n${[...fileOf].map(([ns, f]) => `  <xs:import namespace="${ns}" schemaLocation="${f}"/>`).join("\n")}\n</xs:schema>\n`,
  );
  return main;
}

/** The Header and Body children of a SOAP envelope, each as a standalone document. */
export function envelopeParts(envelope: string): { headers: string[]; body: string } {
  const doc = new DOMParser().parseFromString(envelope, "text/xml");
  const env = doc.documentElement!;
  const inScope: [string, string][] = [];
  for (let i = 0; i < env.attributes.length; i++) {
    const a = env.attributes.item(i)!;
    if (a.prefix === "xmlns") inScope.push([a.name, a.value]);
  }
  const standalone = (el: Element) => {
    for (const [name, value] of inScope) if (!el.hasAttribute(name)) el.setAttributeNS(XMLNS, name, value);
    return new XMLSerializer().serializeToString(el);
  };
  const children = (el: Element | undefined) => (el ? (Array.from(el.childNodes).filter((n) => n.nodeType === 1) as Element[]) : []);
  const [header, body] = [env.getElementsByTagNameNS(env.namespaceURI!, "Header")[0], env.getElementsByTagNameNS(env.namespaceURI!, "Body")[0]];
  const bodyEls = children(body);
  if (bodyEls.length !== 1) throw new Error(`expected one body element, found ${bodyEls.length}`);
  return { headers: children(header).map(standalone), body: standalone(bodyEls[0]!) };
}
