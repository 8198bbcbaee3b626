import type { Element } from "@xmldom/xmldom";
import { GeneratorError, locOf, Rescue } from "../diagnostics.js";
import { attr, childElements, requireAttr, resolveQName } from "../xml/dom.js";
import { WSDL_NS } from "../wsdl/load-documents.js";
import {
  SER_NS,
  SOAP12_ENC_NS,
  SOAP_ENC_NS,
  XS_NS,
  qnameKey,
  type AttributeDecl,
  type ChoiceMark,
  type ComplexShape,
  type ComplexTypeDef,
  type ElementDecl,
  type ElementParticle,
  type SimpleTypeDef,
  type TypeDef,
  type TypeRef,
  type QName,
} from "../ir/model.js";

/** What the schemas of one WSDL declare, keyed by qnameKey. */
export interface SchemaContents {
  readonly types: Map<string, TypeDef>;
  readonly elements: Map<string, ElementDecl>;
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

/** How the particles of a model group are read: whether the group makes them optional or repeated, and the choice they belong to. */
interface Occurrence {
  readonly optional: boolean;
  readonly repeated: boolean;
  readonly choice?: ChoiceMark;
  /** Inside a choice's alternative: whether the alternative may leave the element out. */
  readonly altOptional?: boolean;
}

const ONCE: Occurrence = { optional: false, repeated: false };
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
  readonly #into: SchemaContents = { types: new Map(), elements: new Map() };
  /** Global elements read so far (a ref may read one before its turn). */
  readonly #elements = new Map<string, ElementDecl>();
  /** The named type standing for a global element's anonymous type, once a ref needed one. */
  readonly #elementTypes = new Map<string, TypeRef>();
  /** Global elements some element ref= names (only those need their anonymous type as a named type). */
  readonly #referenced = new Set<string>();
  /** Names given to anonymous types of global elements, before those are read. */
  readonly #reserved = new Set<string>();
  #choices = 0;
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
      if (kind === "complexType") this.#add(q, this.#complexType(g.ctx, g.el, q), g);
      else if (kind === "simpleType") this.#add(q, this.#simpleType(g.ctx, g.el, q), g);
      else if (kind === "element") this.#into.elements.set(key, this.#globalElement(key));
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
   * A name for an anonymous type, from where it is declared: `Owner_element`. A name some
   * schema already gives a type gets a number, so an anonymous type never takes a declared name.
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
    let type: TypeRef | ComplexTypeDef;
    const inline = childElements(el, XS_NS, "complexType")[0];
    if (attr(el, "type") !== undefined) type = typeRef(ctx, el);
    else if (inline) {
      // Named before its content is read: the content may refer to the element itself.
      const named = this.#anonymousName(qname.ns, qname.local);
      this.#reserved.add(qnameKey(named));
      this.#elementTypes.set(key, { kind: "named", qname: named });
      type = this.#complexType(ctx, inline, named);
    } else if (childElements(el, XS_NS, "simpleType")[0]) type = this.#inlineSimpleType(ctx, childElements(el, XS_NS, "simpleType")[0]!, name);
    else if (attr(el, "substitutionGroup") !== undefined) type = this.#globalElementType(resolveQName(ctx.file, el, "substitutionGroup"), ctx, el);
    else type = ANY_TYPE;
    const decl = { qname, type, nillable, loc };
    this.#elements.set(key, decl);
    if (this.#referenced.has(key)) this.#addElementType(key, decl);
    return decl;
  }

  /** The type of a global element as a reference: its anonymous type, if any, is a named type of its own. */
  #globalElementType(q: QName, ctx: SchemaContext, from: Element): TypeRef {
    const key = qnameKey(q);
    this.#global("element", q, ctx, from);
    this.#referenced.add(key);
    // Being read (a recursive ref): the name is known, the type is added once read.
    const reading = this.#elementTypes.get(key);
    if (reading && !this.#elements.has(key)) return reading;
    const decl = this.#globalElement(key);
    return this.#addElementType(key, decl);
  }

  #addElementType(key: string, decl: ElementDecl): TypeRef {
    if (!("kind" in decl.type && decl.type.kind === "complex")) return decl.type as TypeRef;
    const def = decl.type;
    if (!this.#into.types.has(qnameKey(def.qname))) this.#into.types.set(qnameKey(def.qname), def);
    return this.#elementTypes.get(key)!;
  }

  /**
   * A SOAP-encoded array (a restriction of soapenc:Array): its item type comes from
   * `wsdl:arrayType="T[]"` on the soapenc:arrayType attribute, or from the one element the
   * restriction lists; items are named as the sender likes ("item" when sent), unqualified.
   */
  #encodedArray(ctx: SchemaContext, restriction: Element, qname: QName, encoding: string): ComplexTypeDef {
    const loc = locOf(ctx.file, restriction);
    let item: ElementParticle = { name: "item", ns: "", type: ANY_TYPE, minOccurs: 0, maxOccurs: Infinity, nillable: true, loc };
    const listed: ElementParticle[] = [];
    for (const c of childElements(restriction, XS_NS)) {
      if (c.localName === "sequence" || c.localName === "all" || c.localName === "choice") this.#particles(ctx, c, qname, listed, ONCE);
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
    if (listed.length === 1) item = { ...listed[0]!, ns: "", minOccurs: 0, maxOccurs: Infinity };
    return { kind: "complex", qname, elements: [item], shape: { kind: "array", item, encoding }, loc: locOf(ctx.file, restriction) };
  }

  #complexType(ctx: SchemaContext, el: Element, qname: QName): ComplexTypeDef {
    const abstract = booleanAttr(ctx, el, "abstract");
    let base: QName | undefined;
    let text: TypeRef | undefined;
    const elements: ElementParticle[] & { open?: boolean; openAt?: number } = [];
    const attributes: AttributeDecl[] & { open?: boolean } = [];
    let dictionaryEntry: { name: string; key: ElementParticle; value: ElementParticle } | undefined;
    const isDictionary = appinfoFlag(el, "IsDictionary");
    const mixed = booleanAttr(ctx, el, "mixed");

    const content = (body: Element) => {
      for (const c of childElements(body, XS_NS)) {
        switch (c.localName) {
          case "annotation":
            break;
          case "sequence":
          case "choice":
          case "all":
          case "group":
            if (isDictionary) {
              dictionaryEntry = this.#dictionaryEntry(ctx, c, qname);
              break;
            }
            this.#particles(ctx, c, qname, elements, ONCE);
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
        if (booleanAttr(ctx, c, "mixed") || mixed) text = STRING;
        const d = derivation(c);
        const b = resolveQName(ctx.file, d, "base");
        if (b.local === "Array" && (b.ns === SOAP_ENC_NS || b.ns === SOAP12_ENC_NS)) return this.#encodedArray(ctx, d, qname, b.ns);
        if (b.ns === SOAP_ENC_NS || b.ns === SOAP12_ENC_NS)
          throw unsupported(ctx.file, d, `a SOAP-encoded soapenc:${b.local} in ${qname.local} (of SOAP encoding, arrays are supported)`);
        // An extension adds to its base; a restriction restates the whole content model itself.
        if (d.localName === "extension" && !(b.ns === XS_NS && b.local === "anyType")) base = b;
        content(d);
      } else if (c.localName === "simpleContent") {
        const d = derivation(c);
        const b = resolveQName(ctx.file, d, "base");
        if (b.ns !== XS_NS && this.#globals.get("complexType")?.has(qnameKey(b))) {
          // Value and attributes come from a complex type with simple content: inherit them.
          base = b;
          if (d.localName === "extension") content(d);
        } else {
          text = b.ns === XS_NS ? { kind: "builtin", name: b.local } : { kind: "named", qname: b };
          const inline = childElements(d, XS_NS, "simpleType")[0];
          if (inline) text = this.#inlineSimpleType(ctx, inline, `${qname.local}_value`);
          content(d);
        }
      }
    }
    if (!childElements(el, XS_NS).some((c) => c.localName === "complexContent" || c.localName === "simpleContent")) {
      // Mixed content: the text between elements (or all of it, without elements) is kept as a string.
      if (mixed) text = STRING;
      content(el);
    }

    let shape: ComplexShape = { kind: "record" };
    if (isDictionary) {
      if (!dictionaryEntry || elements.length) throw unsupported(ctx.file, el, `IsDictionary type ${qname.local} that is not a single key/value entry`);
      shape = { kind: "dictionary", entry: dictionaryEntry.name, key: dictionaryEntry.key, value: dictionaryEntry.value };
    } else if (
      !base &&
      !text &&
      !attributes.length &&
      !attributes.open &&
      !elements.open &&
      elements.length === 1 &&
      elements[0]!.maxOccurs > 1 &&
      !elements[0]!.choice
    ) {
      // A type that is only a list of one element (WCF's ArrayOfX): the list itself.
      shape = { kind: "array", item: elements[0]! };
    }
    return {
      kind: "complex",
      qname,
      ...(base ? { base } : {}),
      elements: repeatedNames(qname, elements),
      ...(elements.open ? { open: true } : {}),
      ...(elements.open && elements.openAt !== undefined && elements.openAt < elements.length ? { openAt: elements.openAt } : {}),
      ...(attributes.length ? { attributes: [...attributes] } : {}),
      ...(attributes.open ? { openAttributes: true } : {}),
      ...(text ? { text } : {}),
      ...(abstract ? { abstract } : {}),
      shape,
      loc: locOf(ctx.file, el),
    };
  }

  /** WCF IsDictionary: one repeated entry element holding Key and Value. */
  #dictionaryEntry(ctx: SchemaContext, group: Element, owner: QName): { name: string; key: ElementParticle; value: ElementParticle } {
    const entries = childElements(group, XS_NS, "element");
    const p = entries[0];
    const inline = p && childElements(p, XS_NS, "complexType")[0];
    if (entries.length !== 1 || !inline) throw unsupported(ctx.file, group, `IsDictionary type ${owner.local} that is not a single key/value entry`);
    const entry = this.#complexType(ctx, inline, { ns: ctx.targetNamespace, local: requireAttr(ctx.file, p, "name") });
    const [key, value] = entry.elements;
    if (entry.elements.length !== 2 || key!.name !== "Key" || value!.name !== "Value") {
      throw unsupported(ctx.file, p, `dictionary entry of ${owner.local} without exactly Key and Value`);
    }
    return { name: entry.qname.local, key: key!, value: value! };
  }

  /** The elements of a model group (sequence, all, choice, group ref), flattened into members. */
  #particles(ctx: SchemaContext, group: Element, owner: QName, out: ElementParticle[] & { open?: boolean; openAt?: number }, outer: Occurrence): void {
    const min = occurs(ctx, group, "minOccurs");
    const max = occurs(ctx, group, "maxOccurs");
    if (max === 0) return;
    if (group.localName === "group") {
      const ref = resolveQName(ctx.file, group, "ref");
      const g = this.#global("group", ref, ctx, group);
      const model = childElements(g.el, XS_NS).filter((c) => c.localName !== "annotation");
      if (model.length !== 1) throw unsupported(g.ctx.file, g.el, `xs:group ${attr(g.el, "name")} without a single sequence, choice or all`);
      // The group's own elements follow the form defaults of the schema that declares them.
      return this.#expanding("group", ref, ctx, group, () =>
        this.#particles(g.ctx, model[0]!, owner, out, {
          ...outer,
          optional: outer.optional || min === 0,
          repeated: outer.repeated || max > 1,
          altOptional: outer.altOptional === true || min === 0,
        }),
      );
    }
    const occurrence: Occurrence = {
      ...outer,
      optional: outer.optional || min === 0,
      repeated: outer.repeated || max > 1,
      altOptional: outer.altOptional === true || min === 0,
    };
    // Each alternative's elements are optional members; `choice` says which go together, for the union type.
    const choice = group.localName === "choice" ? this.#choices++ : undefined;
    let alt = 0;
    for (const c of childElements(group, XS_NS)) {
      const inChoice: Occurrence =
        choice !== undefined
          ? {
              optional: true,
              repeated: occurrence.repeated,
              choice: { id: choice, alt: alt++, required: false, absent: occurrence.optional, repeated: occurrence.repeated },
              altOptional: false,
            }
          : occurrence;
      switch (c.localName) {
        case "annotation":
          break;
        case "element":
          // .NET's DataSet: `<element ref="xs:schema"/>` then `<any/>`, an inline schema and its data; both are open content.
          if (attr(c, "ref") !== undefined && qnameKey(resolveQName(ctx.file, c, "ref")) === `{${XS_NS}}schema`) {
            if (occurs(ctx, c, "maxOccurs") > 0) out.open = true;
            break;
          }
          out.push(...this.#particle(ctx, c, owner, inChoice));
          break;
        case "sequence":
        case "choice":
        case "all":
        case "group":
          this.#particles(ctx, c, owner, out, inChoice);
          break;
        case "any":
          // Open content: whatever elements arrive there are kept as XML (README, "Type mapping"), and sent where the wildcard stands.
          if (occurs(ctx, c, "maxOccurs") > 0) {
            out.open = true;
            out.openAt ??= out.length;
          }
          break;
        default:
          // Every XSD 1.0 model group holds only these: anything else is not a schema this or any processor reads.
          throw new GeneratorError(
            `invalid XSD: xs:${c.localName} cannot stand directly in xs:${group.localName} (of ${owner.local}); a model group holds xs:element, xs:group, xs:choice, xs:sequence and xs:any${c.localName === "complexType" || c.localName === "simpleType" ? `: declare the type inside an xs:element, or name it and refer to it with type=` : ""}`,
            locOf(ctx.file, c),
          );
      }
    }
  }

  #particle(ctx: SchemaContext, p: Element, owner: QName, outer: Occurrence): ElementParticle[] {
    const min = occurs(ctx, p, "minOccurs");
    const max = occurs(ctx, p, "maxOccurs");
    if (max === 0) return [];
    const occurrence = {
      minOccurs: outer.optional ? 0 : min,
      maxOccurs: outer.repeated ? Infinity : max,
      ...(outer.choice ? { choice: { ...outer.choice, required: !outer.altOptional && min > 0 } } : {}),
    };
    const loc = locOf(ctx.file, p);
    if (attr(p, "ref") !== undefined) {
      const ref = resolveQName(ctx.file, p, "ref");
      const g = this.#global("element", ref, ctx, p);
      // A global element is always in its schema's namespace.
      const one = (q: QName, el: Global): ElementParticle => ({
        name: q.local,
        ns: q.ns,
        type: this.#globalElementType(q, ctx, p),
        ...occurrence,
        nillable: booleanAttr(el.ctx, el.el, "nillable"),
        loc,
        declLoc: locOf(el.ctx.file, el.el),
      });
      const substitutes = this.#substitutes(ref);
      if (!substitutes.length) return [one(ref, g)];
      // A substitution group is a choice among its head (unless abstract) and the elements that may stand in for it.
      const members = [...(booleanAttr(g.ctx, g.el, "abstract") ? [] : [ref]), ...substitutes];
      const id = this.#choices++;
      return members.map((q, alt) => ({
        ...one(q, this.#global("element", q, ctx, p)),
        minOccurs: 0,
        choice: { id, alt, required: true, absent: occurrence.minOccurs === 0, repeated: occurrence.maxOccurs > 1 },
      }));
    }
    const name = requireAttr(ctx.file, p, "name");
    const form = attr(p, "form");
    if (form !== undefined && form !== "qualified" && form !== "unqualified")
      throw new GeneratorError(`form="${form}" on <${p.tagName}> must be qualified or unqualified`, loc);
    const qualified = form ? form === "qualified" : ctx.qualified;
    let type: TypeRef = ANY_TYPE;
    const inlineComplex = childElements(p, XS_NS, "complexType")[0];
    const inlineSimple = childElements(p, XS_NS, "simpleType")[0];
    if (attr(p, "type") !== undefined) type = typeRef(ctx, p);
    else if (inlineComplex) {
      const named = this.#anonymousName(owner.ns, `${owner.local}_${name}`);
      this.#add(named, this.#complexType(ctx, inlineComplex, named), { el: inlineComplex, ctx });
      type = { kind: "named", qname: named };
    } else if (inlineSimple) type = this.#inlineSimpleType(ctx, inlineSimple, `${owner.local}_${name}`, owner.ns);
    return [{ name, ns: qualified ? ctx.targetNamespace : "", type, ...occurrence, nillable: booleanAttr(ctx, p, "nillable"), loc }];
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
      decl = { name: ref.local, ns: ref.ns, type, required: use === "required", ...values, loc };
    } else {
      const name = requireAttr(ctx.file, a, "name");
      const form = attr(a, "form");
      const qualified = form ? form === "qualified" : ctx.attributesQualified;
      decl = { name, ns: qualified ? ctx.targetNamespace : "", type: this.#attributeType(ctx, a, owner), required: use === "required", ...values, loc };
    }
    if (out.some((x) => x.name === decl.name && x.ns === decl.ns)) throw unsupported(ctx.file, a, `attribute ${decl.name} declared twice in ${owner.local}`);
    out.push(decl);
  }

  #attributeType(ctx: SchemaContext, a: Element, owner: QName): TypeRef {
    if (attr(a, "type") !== undefined) return typeRef(ctx, a);
    const inline = childElements(a, XS_NS, "simpleType")[0];
    return inline ? this.#inlineSimpleType(ctx, inline, `${owner.local}_${requireAttr(ctx.file, a, "name")}`, owner.ns) : STRING;
  }

  /**
   * An anonymous simple type: an enumeration (or a list of one) becomes a named type of its own,
   * named after where it is declared; any other restriction is its base type.
   */
  #inlineSimpleType(ctx: SchemaContext, el: Element, wanted: string, ns = ctx.targetNamespace): TypeRef {
    const def = this.#simpleType(ctx, el, { ns, local: wanted });
    // A restriction is its base type; one with facets keeps a name, so the TSDoc can say them.
    if (def.variety === "restriction" && !def.facets) return def.base;
    const named = this.#anonymousName(ns, wanted);
    this.#add(named, { ...def, qname: named }, { el, ctx });
    return { kind: "named", qname: named };
  }

  #simpleType(ctx: SchemaContext, el: Element, qname: QName): SimpleTypeDef {
    const loc = locOf(ctx.file, el);
    const body = childElements(el, XS_NS).filter((c) => c.localName !== "annotation");
    const only = body[0];
    if (body.length !== 1 || !only) throw unsupported(ctx.file, el, `simpleType ${qname.local} without a single restriction, list or union`);
    if (only.localName === "restriction") {
      const values = enumerations(only);
      const inline = childElements(only, XS_NS, "simpleType")[0];
      const base =
        attr(only, "base") !== undefined ? typeRef(ctx, only, "base") : inline ? this.#inlineSimpleType(ctx, inline, `${qname.local}_base`, qname.ns) : STRING;
      const facets = childElements(only, XS_NS)
        .filter((f) => FACETS.has(f.localName!))
        .map((f) => ({ name: f.localName!, value: f.getAttribute("value") ?? "" }));
      return { kind: "simple", qname, variety: values.length ? "enum" : "restriction", base, values, ...(facets.length ? { facets } : {}), loc };
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
        };
      // Any other list: an array of its item type (an inline item is its base, or a named type of its own).
      const itemRef: TypeRef = inline
        ? this.#inlineSimpleType(ctx, inline, `${qname.local}_item`, qname.ns)
        : attr(only, "itemType") !== undefined
          ? typeRef(ctx, only, "itemType")
          : STRING;
      return { kind: "simple", qname, variety: "list", base: itemRef, values: [], loc };
    }
    if (only.localName === "union") return { kind: "simple", qname, variety: "restriction", base: STRING, values: [], loc };
    throw unsupported(ctx.file, only, `xs:${only.localName} in simpleType ${qname.local}`);
  }
}

/**
 * An element name that occurs again further on in a content model (valid XSD when the model is
 * deterministic): each occurrence is a member of its own, the later ones keyed `name2`, `name3`,
 * so members keep schema order on the wire and in the type. A model where an element could match
 * either occurrence breaks Unique Particle Attribution (XSD 1.0 section 3.8.6), which no
 * processor reads unambiguously: refused, saying so.
 */
function repeatedNames(owner: QName, elements: readonly ElementParticle[]): ElementParticle[] {
  const count = new Map<string, number>();
  const taken = new Set(elements.map((e) => e.name));
  return elements.map((e, j) => {
    const id = `{${e.ns}}${e.name}`;
    const n = (count.get(id) ?? 0) + 1;
    count.set(id, n);
    if (n === 1) return e;
    // The occurrence before this one: an element after it could be this one only when nothing required stands between.
    let i = j - 1;
    while (elements[i]!.ns !== e.ns || elements[i]!.name !== e.name) i--;
    const before = elements[i]!;
    if (before.choice || e.choice)
      throw new GeneratorError(`unsupported XSD construct: the element name ${e.name} in two places of ${owner.local}, one of them in an xs:choice`, e.loc);
    if (before.minOccurs !== before.maxOccurs && elements.slice(i + 1, j).every((p) => p.minOccurs === 0))
      throw new GeneratorError(
        `content model of ${owner.local} is not deterministic: an <${e.name}> could be either of its two declarations (lines ${before.loc.line} and ${e.loc.line}), which breaks Unique Particle Attribution (XSD 1.0 section 3.8.6); make the first one's occurrences fixed or put a required element between them`,
        e.loc,
      );
    let key = `${e.name}${n}`;
    while (taken.has(key)) key += "_";
    taken.add(key);
    return { ...e, key };
  });
}

function unsupported(file: string, el: Element, what: string): GeneratorError {
  return new GeneratorError(`unsupported XSD construct: ${what}`, locOf(file, el));
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
