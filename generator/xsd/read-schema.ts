import type { Element } from "@xmldom/xmldom";
import { GeneratorError, locOf } from "../diagnostics.js";
import { attr, childElements, requireAttr, resolveQName } from "../xml/dom.js";
import {
  SER_NS,
  XS_NS,
  qnameKey,
  type ComplexShape,
  type ComplexTypeDef,
  type ElementDecl,
  type ElementParticle,
  type SimpleTypeDef,
  type TypeDef,
  type TypeRef,
  type QName,
} from "../ir/model.js";

/** What one xs:schema declares, keyed by qnameKey. */
export interface SchemaContents {
  readonly types: Map<string, TypeDef>;
  readonly elements: Map<string, ElementDecl>;
}

interface SchemaContext {
  readonly file: string;
  readonly targetNamespace: string;
  readonly qualified: boolean;
}

/** @param namespace the includer's namespace, for a chameleon xs:include */
export function readSchema(file: string, schema: Element, into: SchemaContents, namespace?: string): void {
  const ctx: SchemaContext = {
    file,
    targetNamespace: namespace ?? attr(schema, "targetNamespace") ?? "",
    qualified: attr(schema, "elementFormDefault") === "qualified",
  };
  for (const child of childElements(schema)) {
    if (child.namespaceURI !== XS_NS) continue; // foreign annotations are allowed anywhere
    switch (child.localName) {
      case "annotation":
      case "attribute": // WCF's global Id/Ref/FactoryType attributes; no type here refers to them
        break;
      case "import":
      case "include": // loaded by loadDocuments
        break;
      case "element": {
        const decl = readGlobalElement(ctx, child);
        add(ctx, into.elements, decl.qname, decl, child);
        break;
      }
      case "complexType": {
        const def = readComplexType(ctx, child, { ns: ctx.targetNamespace, local: requireAttr(file, child, "name") });
        add(ctx, into.types, def.qname, def, child);
        break;
      }
      case "simpleType": {
        const def = readSimpleType(ctx, child, { ns: ctx.targetNamespace, local: requireAttr(file, child, "name") });
        add(ctx, into.types, def.qname, def, child);
        break;
      }
      default:
        throw unsupported(ctx, child, `xs:${child.localName} at schema level`);
    }
  }
}

function add<T>(ctx: SchemaContext, map: Map<string, T>, q: QName, value: T, el: Element): void {
  const key = qnameKey(q);
  if (map.has(key)) throw new GeneratorError(`${el.localName} ${q.local} is declared twice in namespace ${q.ns}`, locOf(ctx.file, el));
  map.set(key, value);
}

function unsupported(ctx: SchemaContext, el: Element, what: string): GeneratorError {
  return new GeneratorError(
    `unsupported XSD construct: ${what}; the generator supports the WCF DataContract subset (sequence, extension, enumeration, list)`,
    locOf(ctx.file, el),
  );
}

function readGlobalElement(ctx: SchemaContext, el: Element): ElementDecl {
  const name = requireAttr(ctx.file, el, "name");
  const qname = { ns: ctx.targetNamespace, local: name };
  const nillable = booleanAttr(ctx, el, "nillable");
  const loc = locOf(ctx.file, el);
  if (attr(el, "type") !== undefined) return { qname, type: typeRef(ctx, el), nillable, loc };
  const inline = childElements(el, XS_NS, "complexType")[0];
  if (!inline) {
    if (childElements(el, XS_NS, "simpleType").length) throw unsupported(ctx, el, `anonymous xs:simpleType in element ${name}`);
    return { qname, type: { kind: "builtin", name: "anyType" }, nillable, loc };
  }
  return { qname, type: readComplexType(ctx, inline, qname), nillable, loc };
}

function typeRef(ctx: SchemaContext, el: Element, attrName = "type"): TypeRef {
  const q = resolveQName(ctx.file, el, attrName);
  return q.ns === XS_NS ? { kind: "builtin", name: q.local } : { kind: "named", qname: q };
}

function appinfoFlag(el: Element, name: string): boolean {
  for (const ann of childElements(el, XS_NS, "annotation"))
    for (const info of childElements(ann, XS_NS, "appinfo"))
      for (const flag of childElements(info, SER_NS, name)) if (flag.textContent?.trim() === "true") return true;
  return false;
}

function readComplexType(ctx: SchemaContext, el: Element, qname: QName): ComplexTypeDef {
  if (booleanAttr(ctx, el, "mixed")) throw unsupported(ctx, el, `mixed content in complexType ${qname.local}`);
  if (booleanAttr(ctx, el, "abstract")) throw unsupported(ctx, el, `abstract complexType ${qname.local}`);
  let base: QName | undefined;
  let body = el;
  for (const c of childElements(el, XS_NS)) {
    if (c.localName === "annotation") continue;
    if (c.localName === "complexContent") {
      if (booleanAttr(ctx, c, "mixed")) throw unsupported(ctx, c, `mixed complexContent in ${qname.local}`);
      const ext = childElements(c, XS_NS).filter((x) => x.localName !== "annotation");
      if (ext.length !== 1 || ext[0]!.localName !== "extension") {
        throw unsupported(ctx, ext[0] ?? c, `xs:complexContent/xs:${ext[0]?.localName ?? "(empty)"} in ${qname.local} (only xs:extension)`);
      }
      base = resolveQName(ctx.file, ext[0]!, "base");
      body = ext[0]!;
    } else if (c.localName !== "sequence") {
      throw unsupported(ctx, c, `xs:${c.localName} in complexType ${qname.local}`);
    }
  }
  const elements: ElementParticle[] = [];
  let dictionaryEntry: { name: string; key: ElementParticle; value: ElementParticle } | undefined;
  const isDictionary = appinfoFlag(el, "IsDictionary");
  for (const c of childElements(body, XS_NS)) {
    if (c.localName === "annotation" || c === el) continue;
    if (c.localName !== "sequence") throw unsupported(ctx, c, `xs:${c.localName} in ${qname.local}`);
    for (const p of childElements(c, XS_NS)) {
      if (p.localName === "annotation") continue;
      if (p.localName !== "element") throw unsupported(ctx, p, `xs:${p.localName} in the sequence of ${qname.local}`);
      if (attr(p, "ref") !== undefined) throw unsupported(ctx, p, `element ref= in ${qname.local}`);
      const inline = childElements(p, XS_NS, "complexType")[0];
      if (inline && isDictionary) {
        const entry = readComplexType(ctx, inline, { ns: ctx.targetNamespace, local: requireAttr(ctx.file, p, "name") });
        const [key, value] = entry.elements;
        if (entry.elements.length !== 2 || key!.name !== "Key" || value!.name !== "Value") {
          throw unsupported(ctx, p, `dictionary entry of ${qname.local} without exactly Key and Value`);
        }
        dictionaryEntry = { name: entry.qname.local, key: key!, value: value! };
        continue;
      }
      if (inline) throw unsupported(ctx, p, `anonymous complexType on element ${attr(p, "name")} in ${qname.local}`);
      elements.push(readParticle(ctx, p));
    }
  }
  let shape: ComplexShape = { kind: "record" };
  if (isDictionary) {
    if (!dictionaryEntry || elements.length) throw unsupported(ctx, el, `IsDictionary type ${qname.local} that is not a single key/value entry`);
    shape = { kind: "dictionary", entry: dictionaryEntry.name, key: dictionaryEntry.key, value: dictionaryEntry.value };
  } else if (!base && elements.length === 1 && elements[0]!.maxOccurs > 1) {
    shape = { kind: "array", item: elements[0]! };
  } else {
    const repeated = elements.find((e) => e.maxOccurs > 1);
    if (repeated) throw unsupported(ctx, el, `repeated element ${repeated.name} beside other members in ${qname.local}`);
  }
  return { kind: "complex", qname, ...(base ? { base } : {}), elements, shape, loc: locOf(ctx.file, el) };
}

/** xs:boolean attributes (nillable, mixed, abstract): only true, false, 1 or 0. */
function booleanAttr(ctx: SchemaContext, el: Element, name: string): boolean {
  const v = attr(el, name);
  if (v === undefined || v === "false" || v === "0") return false;
  if (v === "true" || v === "1") return true;
  throw new GeneratorError(`${name}="${v}" on <${el.tagName}> is not a boolean (true, false, 1 or 0)`, locOf(ctx.file, el));
}

function occurs(ctx: SchemaContext, el: Element, name: "minOccurs" | "maxOccurs"): number {
  const v = attr(el, name) ?? "1";
  if (name === "maxOccurs" && v === "unbounded") return Infinity;
  if (!/^\d+$/.test(v))
    throw new GeneratorError(
      `${name}="${v}" on <${el.tagName}> is not a non-negative integer${name === "maxOccurs" ? " or unbounded" : ""}`,
      locOf(ctx.file, el),
    );
  return Number(v);
}

function readParticle(ctx: SchemaContext, p: Element): ElementParticle {
  const name = requireAttr(ctx.file, p, "name");
  const form = attr(p, "form");
  if (form !== undefined && form !== "qualified" && form !== "unqualified")
    throw new GeneratorError(`form="${form}" on <${p.tagName}> must be qualified or unqualified`, locOf(ctx.file, p));
  const qualified = form ? form === "qualified" : ctx.qualified;
  const type: TypeRef =
    attr(p, "type") !== undefined
      ? typeRef(ctx, p)
      : childElements(p, XS_NS, "simpleType").length
        ? (() => {
            throw unsupported(ctx, p, `anonymous simpleType on element ${name}`);
          })()
        : { kind: "builtin", name: "anyType" };
  return {
    name,
    ns: qualified ? ctx.targetNamespace : "",
    type,
    minOccurs: occurs(ctx, p, "minOccurs"),
    maxOccurs: occurs(ctx, p, "maxOccurs"),
    nillable: booleanAttr(ctx, p, "nillable"),
    loc: locOf(ctx.file, p),
  };
}

function readSimpleType(ctx: SchemaContext, el: Element, qname: QName): SimpleTypeDef {
  const loc = locOf(ctx.file, el);
  const body = childElements(el, XS_NS).filter((c) => c.localName !== "annotation");
  const only = body[0];
  if (body.length !== 1 || !only) throw unsupported(ctx, el, `simpleType ${qname.local} without a single restriction or list`);
  if (only.localName === "restriction") {
    const values = enumerations(only);
    return { kind: "simple", qname, variety: values.length ? "enum" : "restriction", base: typeRef(ctx, only, "base"), values, loc };
  }
  if (only.localName === "list") {
    const itemType = childElements(only, XS_NS, "simpleType")[0];
    const restriction = itemType && childElements(itemType, XS_NS, "restriction")[0];
    const values = restriction ? enumerations(restriction) : [];
    if (!restriction || !values.length) throw unsupported(ctx, only, `xs:list in ${qname.local} that is not a list of enumerated strings`);
    return { kind: "simple", qname, variety: "flags", base: typeRef(ctx, restriction, "base"), values, loc };
  }
  throw unsupported(ctx, only, `xs:${only.localName} in simpleType ${qname.local}`);
}

function enumerations(restriction: Element): string[] {
  return childElements(restriction, XS_NS, "enumeration").map((e) => e.getAttribute("value") ?? "");
}
