import type { Element } from "@xmldom/xmldom";
import { GeneratorError, locOf, Rescue } from "../diagnostics.js";
import { attr, childElements, requireAttr, resolveQName, xsdDocumentation } from "../xml/dom.js";
import { WSDL_NS } from "../wsdl/load-documents.js";
import {
  elementsOf,
  SER_NS,
  SOAP12_ENC_NS,
  SOAP_ENC_NS,
  XS_NS,
  qnameKey,
  type AttributeDecl,
  type ComplexShape,
  type ComplexTypeDef,
  type ElementDecl,
  type ElementParticle,
  type GroupParticle,
  type Occurs,
  type Particle,
  type SimpleTypeDef,
  type TypeDef,
  type TypeRef,
  type QName,
  type WildcardParticle,
} from "../ir/model.js";

/** What the schemas of one WSDL declare, keyed by qnameKey. */
export interface SchemaContents {
  readonly types: Map<string, TypeDef>;
  readonly elements: Map<string, ElementDecl>;
  /**
   * Global declarations that could not be read (`type {ns}name`, `element {ns}name`), and why: an
   * error only where an operation needs them (zeep reads lazily too), else a warning.
   */
  readonly unread: Map<string, GeneratorError>;
}

/** One xs:schema element to read (inline in a WSDL or an .xsd document). */
export interface SchemaInput {
  readonly file: string;
  readonly schema: Element;
  /** For a chameleon xs:include (no targetNamespace): the includer's namespace. */
  readonly namespace?: string;
}

interface SchemaContext {
  readonly file: string;
  readonly targetNamespace: string;
  readonly qualified: boolean;
  readonly attributesQualified: boolean;
  /** Lenient: the type an unprefixed name stands for when no default namespace makes it resolve (see #rescue). */
  readonly rescue?: (q: QName, el: Element) => QName;
}

/** A global declaration and the schema it sits in (its namespace and form defaults). */
interface Global {
  readonly el: Element;
  readonly ctx: SchemaContext;
}

type GlobalKind = "element" | "complexType" | "simpleType" | "group" | "attributeGroup" | "attribute";

const ONCE: Occurs = { minOccurs: 1, maxOccurs: 1 };
const RECORD: ComplexShape = { kind: "record" };
/** A model group with nothing in it (`<xs:sequence/>`). */
const EMPTY = (loc: ElementParticle["loc"]): GroupParticle => ({ kind: "sequence", minOccurs: 1, maxOccurs: 1, particles: [], loc });
const ANY_TYPE: TypeRef = { kind: "builtin", name: "anyType" };
const STRING: TypeRef = { kind: "builtin", name: "string" };
const XML_NS = "http://www.w3.org/XML/1998/namespace";
/** Restriction facets kept for TSDoc (enumerations are the type itself). */
const FACETS = new Set([
  "length",
  "minLength",
  "maxLength",
  "pattern",
  "minInclusive",
  "maxInclusive",
  "minExclusive",
  "maxExclusive",
  "totalDigits",
  "fractionDigits",
]);

/**
 * Reads every schema of a WSDL at once: global declarations are indexed first, so references
 * (element ref=, group ref=, attributeGroup ref=, a list of a named enumeration) resolve
 * whichever schema or document declares them, in any order.
 */
export function readSchemas(inputs: readonly SchemaInput[], lenientWarnings?: GeneratorError[]): SchemaContents {
  return new SchemaReader(inputs, lenientWarnings).read();
}

class SchemaReader {
  readonly #globals = new Map<GlobalKind, Map<string, Global>>();
  readonly #order: { kind: GlobalKind; key: string }[] = [];
  readonly #into: SchemaContents = { types: new Map(), elements: new Map(), unread: new Map() };
  /** Global elements read so far (a ref may read one before its turn). */
  readonly #elements = new Map<string, ElementDecl>();
  /** The named type standing for a global element's anonymous type, once a ref needed one. */
  readonly #elementTypes = new Map<string, TypeRef>();
  /** Global elements some element ref= names (only those need their anonymous type as a named type). */
  readonly #referenced = new Set<string>();
  /** Names given to anonymous types of global elements, before those are read. */
  readonly #reserved = new Set<string>();
  /** Global elements by the head of the substitution group they belong to (built on first use). */
  #substitutionGroups: Map<string, QName[]> | undefined;

  constructor(inputs: readonly SchemaInput[], lenientWarnings?: GeneratorError[]) {
    for (const { file, schema, namespace } of inputs) {
      const targetNamespace = namespace ?? attr(schema, "targetNamespace") ?? "";
      const ctx: SchemaContext = {
        file,
        targetNamespace,
        qualified: attr(schema, "elementFormDefault") === "qualified",
        attributesQualified: attr(schema, "attributeFormDefault") === "qualified",
        ...(lenientWarnings && targetNamespace ? { rescue: (q: QName, el: Element) => this.#rescue(q, el, file, targetNamespace, lenientWarnings) } : {}),
      };
      for (const child of childElements(schema)) {
        if (child.namespaceURI !== XS_NS) continue; // foreign annotations are allowed anywhere
        const kind = child.localName as GlobalKind;
        switch (child.localName) {
          case "annotation":
          case "import":
          case "include": // loaded by loadDocuments
          case "notation":
            break;
          case "element":
          case "complexType":
          case "simpleType":
          case "group":
          case "attributeGroup":
          case "attribute": {
            const q = { ns: ctx.targetNamespace, local: requireAttr(file, child, "name") };
            const key = qnameKey(q);
            let m = this.#globals.get(kind);
            if (!m) this.#globals.set(kind, (m = new Map()));
            if (m.has(key)) {
              const where = m.get(key)!;
              // The same document reached twice (a schema both inline and imported) is one declaration.
              if (where.el === child) continue;
              throw new GeneratorError(
                `${child.localName} ${q.local} is declared twice in namespace ${q.ns || "(none)"} (also at ${where.ctx.file}:${where.el.lineNumber ?? 0})`,
                locOf(file, child),
              );
            }
            m.set(key, { el: child, ctx });
            this.#order.push({ kind, key });
            break;
          }
          case "redefine":
          case "override":
            throw unsupported(file, child, `xs:${child.localName} (redefine the types in a schema of your own instead)`);
          default:
            throw unsupported(file, child, `xs:${child.localName} at schema level`);
        }
      }
    }
  }

  /**
   * Lenient, as zeep: `type="X"` with no prefix where no default namespace is declared names {}X;
   * when no schema declares that and the schema's own targetNamespace has an X, X is that one.
   */
  #rescue(q: QName, el: Element, file: string, tns: string, warnings: GeneratorError[]): QName {
    const declared = (k: string) => this.#globals.get("complexType")?.has(k) || this.#globals.get("simpleType")?.has(k);
    const inTns = { ns: tns, local: q.local };
    if (declared(qnameKey(q)) || !declared(qnameKey(inTns))) return q;
    warnings.push(
      new Rescue(
        `type "${q.local}" has no prefix and no default namespace is declared: taken as {${tns}}${q.local}, in the targetNamespace (--lenient)`,
        locOf(file, el),
      ),
    );
    return inTns;
  }

  read(): SchemaContents {
    for (const { kind, key } of this.#order) {
      const g = this.#globals.get(kind)!.get(key)!;
      const q = { ns: g.ctx.targetNamespace, local: requireAttr(g.ctx.file, g.el, "name") };
      try {
        if (kind === "complexType") this.#add(q, this.#complexType(g.ctx, g.el, q), g);
        else if (kind === "simpleType") this.#add(q, this.#simpleType(g.ctx, g.el, q), g);
        else if (kind === "element") this.#into.elements.set(key, this.#globalElement(key));
      } catch (e) {
        // What is wrong with one declaration stops the run only if an operation needs it.
        if (!(e instanceof GeneratorError) || (kind !== "complexType" && kind !== "simpleType" && kind !== "element")) throw e;
        this.#into.unread.set(`${kind === "element" ? "element" : "type"} ${key}`, e);
      }
    }
    return this.#into;
  }

  #add(q: QName, def: TypeDef, g: Global): void {
    const key = qnameKey(q);
    if (this.#into.types.has(key)) throw new GeneratorError(`type ${q.local} is declared twice in namespace ${q.ns}`, locOf(g.ctx.file, g.el));
    this.#into.types.set(key, def);
  }

  /** The groups and attribute groups being expanded, innermost last: one that refers to itself would never end. */
  readonly #expansion: { kind: string; key: string; name: string }[] = [];

  #expanding<T>(kind: "group" | "attributeGroup", q: QName, ctx: SchemaContext, from: Element, expand: () => T): T {
    const key = qnameKey(q);
    const at = this.#expansion.findIndex((e) => e.kind === kind && e.key === key);
    if (at !== -1) {
      const cycle = [...this.#expansion.slice(at).map((e) => e.name), q.local];
      throw new GeneratorError(
        `xs:${kind} ${q.local} contains itself (${cycle.join(" -> ")}): ${kind === "group" ? "a model group" : "an attribute group"} must not refer to itself, directly or through others; the schema is invalid XSD`,
        locOf(ctx.file, from),
      );
    }
    this.#expansion.push({ kind, key, name: q.local });
    try {
      return expand();
    } finally {
      this.#expansion.pop();
    }
  }

  #global(kind: GlobalKind, q: QName, ctx: SchemaContext, from: Element): Global {
    const g = this.#globals.get(kind)?.get(qnameKey(q));
    if (!g)
      throw new GeneratorError(
        `${kind} {${q.ns}}${q.local} is not declared in any schema of the WSDL (referred to by <${from.tagName}>); import the schema that declares it`,
        locOf(ctx.file, from),
      );
    return g;
  }

  /**
   * The name of a global element's anonymous type, which an element ref= needs to name it (and
   * to refer to it from within itself): the element's name, with a number when a schema already
   * gives a type that name. Anonymous types of local elements are named by ir/anonymous-types.ts.
   */
  #anonymousName(ns: string, wanted: string): QName {
    const taken = (local: string) => {
      const key = qnameKey({ ns, local });
      return this.#into.types.has(key) || this.#reserved.has(key) || this.#globals.get("complexType")?.has(key) || this.#globals.get("simpleType")?.has(key);
    };
    let local = wanted;
    for (let n = 2; taken(local); n++) local = `${wanted}${n}`;
    return { ns, local };
  }

  #globalElement(key: string): ElementDecl {
    const known = this.#elements.get(key);
    if (known) return known;
    const { el, ctx } = this.#globals.get("element")!.get(key)!;
    const name = requireAttr(ctx.file, el, "name");
    const qname = { ns: ctx.targetNamespace, local: name };
    const nillable = booleanAttr(ctx, el, "nillable");
    const loc = locOf(ctx.file, el);
    let type: TypeRef;
    const inline = childElements(el, XS_NS, "complexType")[0];
    const inlineSimple = childElements(el, XS_NS, "simpleType")[0];
    if (attr(el, "type") !== undefined) type = typeRef(ctx, el);
    else if (inline) {
      // Named before its content is read: the content may refer to the element itself.
      const named = this.#anonymousName(qname.ns, qname.local);
      this.#reserved.add(qnameKey(named));
      this.#elementTypes.set(key, { kind: "named", qname: named });
      type = { kind: "anonymous", def: this.#complexType(ctx, inline, named) };
    } else if (inlineSimple) type = this.#inlineSimpleType(ctx, inlineSimple, name, qname.ns);
    else if (attr(el, "substitutionGroup") !== undefined) type = this.#globalElementType(resolveQName(ctx.file, el, "substitutionGroup"), ctx, el);
    else type = ANY_TYPE;
    const decl: ElementDecl = { qname, type, nillable, loc, ...docOf(el) };
    this.#elements.set(key, decl);
    if (this.#referenced.has(key)) this.#addElementType(key, decl);
    return decl;
  }

  /** The type of a global element as a reference: its anonymous complex type, if any, is a named type of its own. */
  #globalElementType(q: QName, ctx: SchemaContext, from: Element): TypeRef {
    const key = qnameKey(q);
    this.#global("element", q, ctx, from);
    const unread = this.#into.unread.get(`element ${key}`);
    if (unread) throw unread;
    this.#referenced.add(key);
    // Being read (a recursive ref): the name is known, the type is added once read.
    const reading = this.#elementTypes.get(key);
    if (reading && !this.#elements.has(key)) return reading;
    const decl = this.#globalElement(key);
    return this.#addElementType(key, decl);
  }

  #addElementType(key: string, decl: ElementDecl): TypeRef {
    if (decl.type.kind !== "anonymous" || decl.type.def.kind !== "complex") return decl.type;
    const def = decl.type.def;
    if (!this.#into.types.has(qnameKey(def.qname))) this.#into.types.set(qnameKey(def.qname), def);
    return this.#elementTypes.get(key)!;
  }

  /**
   * A restriction of soapenc:Array (rpc/encoded): its item type comes from
   * `wsdl:arrayType="T[]"` on the soapenc:arrayType attribute, or from the one element the
   * restriction lists; items are named as the sender likes ("item" when sent), unqualified.
   */
  #soapArray(ctx: SchemaContext, restriction: Element, qname: QName, encoding: string): ComplexTypeDef {
    const loc = locOf(ctx.file, restriction);
    let item: ElementParticle = { kind: "element", name: "item", ns: "", type: ANY_TYPE, minOccurs: 0, maxOccurs: Infinity, nillable: true, loc };
    let content: GroupParticle | undefined;
    for (const c of childElements(restriction, XS_NS)) {
      if (c.localName === "sequence" || c.localName === "all" || c.localName === "choice") content = this.#group(ctx, c, qname);
      if (c.localName !== "attribute") continue;
      const arrayType = Array.from({ length: c.attributes.length }, (_, i) => c.attributes.item(i)!).find(
        (a) => a.namespaceURI === WSDL_NS && a.localName === "arrayType",
      );
      if (!arrayType) continue;
      const m = /^\s*(?:([^:\s[\]]+):)?([^:\s[\]]+)\[\]\s*$/.exec(arrayType.value);
      if (!m) throw unsupported(ctx.file, c, `wsdl:arrayType="${arrayType.value}" in ${qname.local} (arrays of one dimension, "T[]", are supported)`);
      const ns = c.lookupNamespaceURI(m[1] ?? "");
      if (m[1] !== undefined && !ns)
        throw new GeneratorError(
          `wsdl:arrayType="${arrayType.value}" uses prefix "${m[1]}", which is not declared in scope; declare xmlns:${m[1]}`,
          locOf(ctx.file, c),
        );
      item = { ...item, type: builtinOrNamed({ ns: ns ?? "", local: m[2]! }) };
    }
    const listed = elementsOf(content);
    if (listed.length === 1) item = { ...listed[0]!, ns: "", minOccurs: 0, maxOccurs: Infinity };
    return { kind: "complex", qname, ...(content ? { content } : {}), soapArray: { encoding, item }, shape: RECORD, loc };
  }

  /** A complex type as the schema declares it: its base, content model, attributes and annotations; `qname` is its name, or for an anonymous one the name it wants. */
  #complexType(ctx: SchemaContext, el: Element, qname: QName): ComplexTypeDef {
    const abstract = booleanAttr(ctx, el, "abstract");
    let base: QName | undefined;
    let text: TypeRef | undefined;
    let content: GroupParticle | undefined;
    let mixed = booleanAttr(ctx, el, "mixed");
    const attributes: AttributeDecl[] & { open?: boolean } = [];
    const isDictionary = appinfoFlag(el, "IsDictionary");

    const read = (body: Element) => {
      for (const c of childElements(body, XS_NS)) {
        switch (c.localName) {
          case "annotation":
            break;
          case "sequence":
          case "choice":
          case "all":
          case "group":
            if (content) throw invalid(ctx.file, c, `${qname.local} has more than one model group; a complex type holds one sequence, choice, all or group`);
            content = this.#group(ctx, c, qname) ?? EMPTY(locOf(ctx.file, c));
            break;
          case "attribute":
          case "attributeGroup":
          case "anyAttribute":
            this.#attributes(ctx, c, qname, attributes);
            break;
          default:
            throw unsupported(ctx.file, c, `xs:${c.localName} in complexType ${qname.local}`);
        }
      }
    };
    const derivation = (c: Element) => {
      const ds = childElements(c, XS_NS).filter((x) => x.localName !== "annotation");
      const d = ds[0];
      if (ds.length !== 1 || !d || (d.localName !== "extension" && d.localName !== "restriction"))
        throw unsupported(ctx.file, d ?? c, `xs:${c.localName} without a single xs:extension or xs:restriction in ${qname.local}`);
      return d;
    };

    for (const c of childElements(el, XS_NS)) {
      if (c.localName === "annotation") continue;
      if (c.localName === "complexContent") {
        if (booleanAttr(ctx, c, "mixed")) mixed = true;
        const d = derivation(c);
        const b = resolveQName(ctx.file, d, "base");
        if (b.local === "Array" && (b.ns === SOAP_ENC_NS || b.ns === SOAP12_ENC_NS)) return this.#soapArray(ctx, d, qname, b.ns);
        if (b.ns === SOAP_ENC_NS || b.ns === SOAP12_ENC_NS)
          throw unsupported(ctx.file, d, `a SOAP-encoded soapenc:${b.local} in ${qname.local} (of SOAP encoding, arrays are supported)`);
        // An extension adds to its base; a restriction restates the whole content model itself.
        if (d.localName === "extension" && !(b.ns === XS_NS && b.local === "anyType")) base = b;
        read(d);
      } else if (c.localName === "simpleContent") {
        const d = derivation(c);
        const b = resolveQName(ctx.file, d, "base");
        if (b.ns !== XS_NS && this.#globals.get("complexType")?.has(qnameKey(b))) {
          // Value and attributes come from a complex type with simple content: inherit them.
          base = b;
          if (d.localName === "extension") read(d);
        } else {
          text = b.ns === XS_NS ? { kind: "builtin", name: b.local } : { kind: "named", qname: b };
          const inline = childElements(d, XS_NS, "simpleType")[0];
          if (inline) text = this.#inlineSimpleType(ctx, inline, `${qname.local}_value`, qname.ns);
          read(d);
        }
      }
    }
    if (!childElements(el, XS_NS).some((c) => c.localName === "complexContent" || c.localName === "simpleContent")) read(el);
    return {
      kind: "complex",
      qname,
      ...(base ? { base } : {}),
      ...(content ? { content } : {}),
      ...(mixed ? { mixed } : {}),
      ...(attributes.length ? { attributes: [...attributes] } : {}),
      ...(attributes.open ? { openAttributes: true } : {}),
      ...(text ? { text } : {}),
      ...(abstract ? { abstract } : {}),
      ...(isDictionary ? { isDictionary } : {}),
      shape: RECORD,
      loc: locOf(ctx.file, el),
      ...docOf(el),
    };
  }

  /** A model group (sequence, choice, all, or a group ref=) as a particle; undefined when it may not occur (maxOccurs="0"). */
  #group(ctx: SchemaContext, group: Element, owner: QName): GroupParticle | undefined {
    const minOccurs = occurs(ctx, group, "minOccurs");
    const maxOccurs = occurs(ctx, group, "maxOccurs");
    if (maxOccurs === 0) return undefined;
    const loc = locOf(ctx.file, group);
    if (group.localName === "group") {
      const ref = resolveQName(ctx.file, group, "ref");
      const g = this.#global("group", ref, ctx, group);
      const model = childElements(g.el, XS_NS).filter((c) => c.localName !== "annotation");
      if (model.length !== 1 || !["sequence", "choice", "all"].includes(model[0]!.localName!))
        throw unsupported(g.ctx.file, g.el, `xs:group ${attr(g.el, "name")} without a single sequence, choice or all`);
      // The group's own elements follow the form defaults of the schema that declares them.
      const inner = this.#expanding("group", ref, ctx, group, () => this.#group(g.ctx, model[0]!, owner));
      return { ...(inner ?? EMPTY(loc)), minOccurs, maxOccurs, ref, loc };
    }
    const particles: Particle[] = [];
    for (const c of childElements(group, XS_NS)) {
      let p: Particle | undefined;
      switch (c.localName) {
        case "annotation":
          continue;
        case "element":
          p = this.#element(ctx, c, owner);
          break;
        case "sequence":
        case "choice":
        case "all":
        case "group":
          p = this.#group(ctx, c, owner);
          break;
        case "any":
          p = this.#wildcard(ctx, c);
          break;
        default:
          // Every XSD 1.0 model group holds only these: anything else is not a schema this or any processor reads.
          throw invalid(
            ctx.file,
            c,
            `xs:${c.localName} cannot stand directly in xs:${group.localName} (of ${owner.local}); a model group holds xs:element, xs:group, xs:choice, xs:sequence and xs:any${c.localName === "complexType" || c.localName === "simpleType" ? `: declare the type inside an xs:element, or name it and refer to it with type=` : ""}`,
          );
      }
      if (p) particles.push(p);
    }
    return { kind: group.localName as "sequence" | "choice" | "all", minOccurs, maxOccurs, particles, loc };
  }

  /** xs:any: open content, the namespaces it allows read as URIs ("" for unqualified elements). */
  #wildcard(ctx: SchemaContext, c: Element): WildcardParticle | undefined {
    const minOccurs = occurs(ctx, c, "minOccurs");
    const maxOccurs = occurs(ctx, c, "maxOccurs");
    if (maxOccurs === 0) return undefined;
    const loc = locOf(ctx.file, c);
    const value = (attr(c, "namespace") ?? "##any").trim();
    if (value === "##any") return { kind: "any", minOccurs, maxOccurs, loc };
    // ##other: any namespace but the target namespace, and not unqualified (XSD 1.0 section 3.10.1).
    if (value === "##other") return { kind: "any", minOccurs, maxOccurs, not: [...new Set([ctx.targetNamespace, ""])], loc };
    const namespaces = value.split(/\s+/).map((t) => (t === "##targetNamespace" ? ctx.targetNamespace : t === "##local" ? "" : t));
    const bad = namespaces.find((t) => t.startsWith("##"));
    if (bad) throw invalid(ctx.file, c, `namespace="${value}" on xs:any: ${bad} may not stand in a list (##any and ##other stand alone)`);
    return { kind: "any", minOccurs, maxOccurs, namespaces: [...new Set(namespaces)], loc };
  }

  /** A local element or an element ref=; a ref to the head of a substitution group is a choice among the group's members. */
  #element(ctx: SchemaContext, p: Element, owner: QName): Particle | undefined {
    const minOccurs = occurs(ctx, p, "minOccurs");
    const maxOccurs = occurs(ctx, p, "maxOccurs");
    if (maxOccurs === 0) return undefined;
    const loc = locOf(ctx.file, p);
    if (attr(p, "ref") !== undefined) {
      const ref = resolveQName(ctx.file, p, "ref");
      // .NET's DataSet: `<element ref="xs:schema"/>` then `<any/>`, an inline schema and its data; both are open content.
      if (qnameKey(ref) === `{${XS_NS}}schema`) return { kind: "any", minOccurs, maxOccurs, loc };
      const g = this.#global("element", ref, ctx, p);
      // A global element is always in its schema's namespace.
      const one = (q: QName, el: Global, occurrence: Occurs): ElementParticle => ({
        kind: "element",
        name: q.local,
        ns: q.ns,
        type: this.#globalElementType(q, ctx, p),
        ...occurrence,
        nillable: booleanAttr(el.ctx, el.el, "nillable"),
        loc,
        declLoc: locOf(el.ctx.file, el.el),
        ...(docOf(p).doc !== undefined ? docOf(p) : docOf(el.el)),
      });
      const substitutes = this.#substitutes(ref);
      if (!substitutes.length) return one(ref, g, { minOccurs, maxOccurs });
      // A substitution group is a choice among its head (unless abstract) and the elements that may stand in for it.
      const members = [...(booleanAttr(g.ctx, g.el, "abstract") ? [] : [ref]), ...substitutes];
      return {
        kind: "choice",
        minOccurs,
        maxOccurs,
        particles: members.map((q) => one(q, this.#global("element", q, ctx, p), ONCE)),
        loc,
      };
    }
    const name = requireAttr(ctx.file, p, "name");
    const form = attr(p, "form");
    if (form !== undefined && form !== "qualified" && form !== "unqualified")
      throw new GeneratorError(`form="${form}" on <${p.tagName}> must be qualified or unqualified`, loc);
    const qualified = form ? form === "qualified" : ctx.qualified;
    let type: TypeRef = ANY_TYPE;
    const inlineComplex = childElements(p, XS_NS, "complexType")[0];
    const inlineSimple = childElements(p, XS_NS, "simpleType")[0];
    const wanted = { ns: owner.ns, local: `${owner.local}_${name}` };
    if (attr(p, "type") !== undefined) type = typeRef(ctx, p);
    else if (inlineComplex) type = { kind: "anonymous", def: this.#complexType(ctx, inlineComplex, wanted) };
    else if (inlineSimple) type = this.#inlineSimpleType(ctx, inlineSimple, wanted.local, wanted.ns);
    return {
      kind: "element",
      name,
      ns: qualified ? ctx.targetNamespace : "",
      type,
      minOccurs,
      maxOccurs,
      nillable: booleanAttr(ctx, p, "nillable"),
      loc,
      ...docOf(p),
    };
  }

  /** The global elements that may stand in for `head` (substitutionGroup, directly or not), in declaration order. */
  #substitutes(head: QName): QName[] {
    if (!this.#substitutionGroups) {
      const direct = new Map<string, QName[]>();
      for (const { el, ctx } of this.#globals.get("element")?.values() ?? []) {
        if (attr(el, "substitutionGroup") === undefined) continue;
        const h = qnameKey(resolveQName(ctx.file, el, "substitutionGroup"));
        direct.set(h, [...(direct.get(h) ?? []), { ns: ctx.targetNamespace, local: requireAttr(ctx.file, el, "name") }]);
      }
      this.#substitutionGroups = direct;
    }
    const out: QName[] = [];
    const seen = new Set<string>([qnameKey(head)]);
    const walk = (h: QName) => {
      for (const q of this.#substitutionGroups!.get(qnameKey(h)) ?? []) {
        if (seen.has(qnameKey(q))) continue;
        seen.add(qnameKey(q));
        out.push(q);
        walk(q);
      }
    };
    walk(head);
    return out;
  }

  #attributes(ctx: SchemaContext, a: Element, owner: QName, out: AttributeDecl[] & { open?: boolean }): void {
    if (a.localName === "anyAttribute") {
      // Attributes the schema leaves open are kept by name (README, "Type mapping").
      out.open = true;
      return;
    }
    if (a.localName === "attributeGroup") {
      const ref = resolveQName(ctx.file, a, "ref");
      const g = this.#global("attributeGroup", ref, ctx, a);
      this.#expanding("attributeGroup", ref, ctx, a, () => {
        for (const c of childElements(g.el, XS_NS)) if (c.localName !== "annotation") this.#attributes(g.ctx, c, owner, out);
      });
      return;
    }
    const use = attr(a, "use") ?? "optional";
    if (use !== "optional" && use !== "required" && use !== "prohibited")
      throw new GeneratorError(`use="${use}" on <${a.tagName}> must be optional, required or prohibited`, locOf(ctx.file, a));
    if (use === "prohibited") return;
    const loc = locOf(ctx.file, a);
    const values = {
      ...(attr(a, "default") !== undefined ? { default: attr(a, "default")! } : {}),
      ...(attr(a, "fixed") !== undefined ? { fixed: attr(a, "fixed")! } : {}),
    };
    let decl: AttributeDecl;
    if (attr(a, "ref") !== undefined) {
      const ref = resolveQName(ctx.file, a, "ref");
      // xml:lang and friends are built in; no schema declares them.
      const g = ref.ns === XML_NS ? undefined : this.#global("attribute", ref, ctx, a);
      const type = g ? this.#attributeType(g.ctx, g.el, owner) : STRING;
      decl = {
        name: ref.local,
        ns: ref.ns,
        type,
        required: use === "required",
        ...values,
        loc,
        ...(docOf(a).doc !== undefined || !g ? docOf(a) : docOf(g.el)),
      };
    } else {
      const name = requireAttr(ctx.file, a, "name");
      const form = attr(a, "form");
      const qualified = form ? form === "qualified" : ctx.attributesQualified;
      decl = {
        name,
        ns: qualified ? ctx.targetNamespace : "",
        type: this.#attributeType(ctx, a, owner),
        required: use === "required",
        ...values,
        loc,
        ...docOf(a),
      };
    }
    if (out.some((x) => x.name === decl.name && x.ns === decl.ns)) throw unsupported(ctx.file, a, `attribute ${decl.name} declared twice in ${owner.local}`);
    out.push(decl);
  }

  #attributeType(ctx: SchemaContext, a: Element, owner: QName): TypeRef {
    if (attr(a, "type") !== undefined) return typeRef(ctx, a);
    const inline = childElements(a, XS_NS, "simpleType")[0];
    return inline ? this.#inlineSimpleType(ctx, inline, `${owner.local}_${requireAttr(ctx.file, a, "name")}`, owner.ns) : STRING;
  }

  /** An anonymous simple type, in place: `wanted` is the name it asks for (ir/anonymous-types.ts names it, or inlines a plain restriction). */
  #inlineSimpleType(ctx: SchemaContext, el: Element, wanted: string, ns: string): TypeRef {
    return { kind: "anonymous", def: this.#simpleType(ctx, el, { ns, local: wanted }) };
  }

  #simpleType(ctx: SchemaContext, el: Element, qname: QName): SimpleTypeDef {
    const loc = locOf(ctx.file, el);
    const body = childElements(el, XS_NS).filter((c) => c.localName !== "annotation");
    const only = body[0];
    if (body.length !== 1 || !only) throw unsupported(ctx.file, el, `simpleType ${qname.local} without a single restriction, list or union`);
    if (only.localName === "restriction") {
      const values = enumerations(only);
      const docs = { ...docOf(el), ...valueDocs(only) };
      const inline = childElements(only, XS_NS, "simpleType")[0];
      const base =
        attr(only, "base") !== undefined ? typeRef(ctx, only, "base") : inline ? this.#inlineSimpleType(ctx, inline, `${qname.local}_base`, qname.ns) : STRING;
      const facets = childElements(only, XS_NS)
        .filter((f) => FACETS.has(f.localName!))
        .map((f) => ({ name: f.localName!, value: f.getAttribute("value") ?? "" }));
      return { kind: "simple", qname, variety: values.length ? "enum" : "restriction", base, values, ...(facets.length ? { facets } : {}), loc, ...docs };
    }
    if (only.localName === "list") {
      // A list of enumerated values is an array of them (WCF [Flags]).
      const inline = childElements(only, XS_NS, "simpleType")[0];
      let item: { el: Element; ctx: SchemaContext } | undefined;
      if (inline) item = { el: inline, ctx };
      else if (attr(only, "itemType") !== undefined) {
        const q = resolveQName(ctx.file, only, "itemType");
        const g = q.ns === XS_NS ? undefined : this.#globals.get("simpleType")?.get(qnameKey(q));
        if (g) item = g;
      }
      const restriction = item && childElements(item.el, XS_NS, "restriction")[0];
      const values = restriction ? enumerations(restriction) : [];
      if (restriction && values.length)
        return {
          kind: "simple",
          qname,
          variety: "flags",
          base: attr(restriction, "base") !== undefined ? typeRef(item!.ctx, restriction, "base") : STRING,
          values,
          loc,
          ...(docOf(el).doc !== undefined ? docOf(el) : docOf(item!.el)),
          ...valueDocs(restriction),
        };
      // Any other list: an array of its item type (an inline item is its base, or a named type of its own).
      const itemRef: TypeRef = inline
        ? this.#inlineSimpleType(ctx, inline, `${qname.local}_item`, qname.ns)
        : attr(only, "itemType") !== undefined
          ? typeRef(ctx, only, "itemType")
          : STRING;
      return { kind: "simple", qname, variety: "list", base: itemRef, values: [], loc, ...docOf(el) };
    }
    if (only.localName === "union") return { kind: "simple", qname, variety: "restriction", base: STRING, values: [], loc, ...docOf(el) };
    throw unsupported(ctx.file, only, `xs:${only.localName} in simpleType ${qname.local}`);
  }
}

function unsupported(file: string, el: Element, what: string): GeneratorError {
  return new GeneratorError(`unsupported XSD construct: ${what}`, locOf(file, el));
}

function invalid(file: string, el: Element, what: string): GeneratorError {
  return new GeneratorError(`invalid XSD: ${what}`, locOf(file, el));
}

function typeRef(ctx: SchemaContext, el: Element, attrName = "type"): TypeRef {
  const q = resolveQName(ctx.file, el, attrName);
  return builtinOrNamed(ctx.rescue && q.ns === "" ? ctx.rescue(q, el) : q);
}

/** An XSD built-in, or a named type; SOAP encoding's simple types (soapenc:string, ...) are the built-ins they restate. */
export function builtinOrNamed(q: QName): TypeRef {
  return q.ns === XS_NS || ((q.ns === SOAP_ENC_NS || q.ns === SOAP12_ENC_NS) && q.local !== "Array" && q.local !== "Struct")
    ? { kind: "builtin", name: q.local }
    : { kind: "named", qname: q };
}

function appinfoFlag(el: Element, name: string): boolean {
  for (const ann of childElements(el, XS_NS, "annotation"))
    for (const info of childElements(ann, XS_NS, "appinfo"))
      for (const flag of childElements(info, SER_NS, name)) if (flag.textContent?.trim() === "true") return true;
  return false;
}

/** xs:boolean attributes (nillable, mixed, abstract): only true, false, 1 or 0. */
function booleanAttr(ctx: SchemaContext, el: Element, name: string): boolean {
  const v = attr(el, name);
  if (v === undefined || v === "false" || v === "0") return false;
  if (v === "true" || v === "1") return true;
  throw new GeneratorError(`${name}="${v}" on <${el.tagName}> is not a boolean (true, false, 1 or 0)`, locOf(ctx.file, el));
}

function occurs(ctx: SchemaContext, el: Element, name: "minOccurs" | "maxOccurs"): number {
  const v = (attr(el, name) ?? "1").trim();
  if (name === "maxOccurs" && v === "unbounded") return Infinity;
  if (!/^\d+$/.test(v))
    throw new GeneratorError(
      `${name}="${v}" on <${el.tagName}> is not a non-negative integer${name === "maxOccurs" ? " or unbounded" : ""}`,
      locOf(ctx.file, el),
    );
  return Number(v);
}

function enumerations(restriction: Element): string[] {
  return childElements(restriction, XS_NS, "enumeration").map((e) => e.getAttribute("value") ?? "");
}

/** A component's xs:documentation as a field to spread (nothing when it has none). */
function docOf(el: Element): { doc?: string } {
  const doc = xsdDocumentation(el, XS_NS);
  return doc === undefined ? {} : { doc };
}

/** The enumeration values' documentation, beside the values (nothing when none has any). */
function valueDocs(restriction: Element): { valueDocs?: string[] } {
  const docs = childElements(restriction, XS_NS, "enumeration").map((e) => xsdDocumentation(e, XS_NS) ?? "");
  return docs.some(Boolean) ? { valueDocs: docs } : {};
}
