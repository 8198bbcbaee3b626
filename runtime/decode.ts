// Decodes a SOAP response straight from the string into plain values: the XML reader
// (xml-reader.ts) is walked by the operation's type descriptors, reading exactly the elements
// each type expects: no DOM, no event objects, one pass. Every element and xsi:type QName is
// resolved through the declarations in scope. SOAP 1.1 envelopes (the binding's) and SOAP 1.2
// ones (SuperOffice's documented examples) are both accepted.
import {
  KIND,
  xsiTypeOf,
  type DictionaryType,
  type FaultInfo,
  type Field,
  type OperationInfo,
  type RecordType,
  type ScalarCodec,
  type ScalarType,
  type SoapType,
  type TypeRegistry,
} from "./schema.js";
import { builtins } from "./xsd.js";
import { SOAP11_ENV, SOAP12_ENV, XSI_NS } from "./encode.js";
import type { FaultDetail } from "./errors.js";
import { DecodeFailure, setKey, SLASH, XML_NS, XmlReader, type Tag } from "./xml-reader.js";

export { DecodeFailure, setKey };

export { SOAP12_ENV };

export interface DecodeLimits {
  /** Deepest element nesting accepted (hostile documents can nest without end). */
  readonly maxDepth: number;
}

export const DEFAULT_LIMITS: DecodeLimits = { maxDepth: 256 };

export interface DecodedEnvelope {
  /** The response wrapper's members, or undefined when the body held a fault. */
  readonly body: Record<string, unknown> | undefined;
  readonly headers: Record<string, unknown>;
  readonly fault:
    | {
        readonly code: string;
        readonly reason: string;
        readonly detail: FaultDetail | undefined;
        /** The declared fault the detail holds, decoded as its type. */
        readonly typed?: { readonly name: string; readonly value: unknown } | undefined;
      }
    | undefined;
  /** Paths of body elements the schema has no member for, skipped (empty when none). */
  readonly skipped: readonly string[];
}

/**
 * Namespace URIs as the descriptors hold them. A declared URI is swapped for the descriptors' own
 * string, so the per-element namespace check is a pointer comparison, not a 50-character one.
 */
const canonical = new WeakMap<TypeRegistry, Map<string, string>>();
function namespacesOf(types: TypeRegistry): Map<string, string> {
  let m = canonical.get(types);
  if (!m) {
    m = new Map();
    for (const t of types.values()) m.set(t.ns, t.ns);
    for (const ns of [SOAP11_ENV, SOAP12_ENV, XSI_NS, XML_NS]) m.set(ns, ns);
    canonical.set(types, m);
  }
  return m;
}

/** The reader, driven by descriptors: each method reads one element's content as a type. */
class Decoder extends XmlReader {
  /** Paths of the elements skipped as unknown (created on the first one). */
  skipped: string[] | undefined;

  constructor(
    xml: string,
    readonly types: TypeRegistry,
    maxDepth: number,
    readonly strict: boolean,
  ) {
    super(xml, namespacesOf(types), maxDepth);
  }

  /**
   * An element the schema has no member for here, whose start tag was read. A newer server may
   * add members (WCF clients skip what they do not know), so it is skipped and its path kept;
   * in strict mode it is an error.
   */
  unknown(child: Tag): void {
    if (this.strict) this.fail(`<${child.qname}> in namespace "${child.uri}" is no member the WSDL defines (strict)`);
    (this.skipped ??= []).push(this.path());
    this.skip(child);
  }

  /** The type an element is read as: its declared type, or the derived type its xsi:type names. */
  actualType(declared: SoapType, tag: Tag): SoapType {
    const value = this.attr(tag, XSI_NS, "type");
    if (value === undefined) return declared;
    const v = value.trim();
    const colon = v.indexOf(":");
    const ns = this.scope[colon === -1 ? "" : v.slice(0, colon)];
    if (ns === undefined) this.fail(`xsi:type "${v}" uses an undeclared namespace prefix`);
    try {
      return xsiTypeOf(declared, `{${ns}}${v.slice(colon + 1)}`, this.types, builtins);
    } catch (e) {
      return this.fail((e as Error).message);
    }
  }

  /** Reads the content and end tag of an element for member `f`, whose start tag was read. */
  value(f: Field, tag: Tag): unknown {
    if (tag.attrs.length !== 0) {
      const nil = this.attr(tag, XSI_NS, "nil");
      if (nil === "true" || nil === "1") {
        if (!tag.empty) {
          this.skipWhitespaceContent();
          if (!this.atEndTag()) this.fail('an element with xsi:nil="true" must be empty');
        }
        this.endTag(tag);
        return null;
      }
      // Only members that may hold derived types, and xs:anyType ones, can change type; on any
      // other member xsi:type must name the declared type.
      const t = this.actualType(f.type, tag);
      if (f.code === KIND.polymorphic) return this.record(t as RecordType, tag, true);
      if (t !== f.type) return this.typed(t, tag);
    }
    switch (f.code) {
      case KIND.scalar:
        return this.scalar((f.type as ScalarType).codec, tag);
      case KIND.record:
        return this.record(f.type as RecordType, tag, false);
      case KIND.polymorphic:
        return this.record(f.type as RecordType, tag, true);
      case KIND.enum: {
        const text = tag.empty ? "" : this.simpleContent(tag).trim();
        this.endTag(tag);
        return text;
      }
      default:
        return this.typed(f.type, tag);
    }
  }

  scalar(codec: ScalarCodec, tag: Tag): unknown {
    let text: string;
    if (tag.empty) text = "";
    else {
      // The common case, `<Name>plain text</Name>`, without the general text reader.
      const s = this.s;
      const lt = s.indexOf("<", this.i);
      if (lt !== -1 && s.charCodeAt(lt + 1) === SLASH) {
        text = this.chars(s.slice(this.i, lt));
        this.i = lt;
      } else text = this.simpleContent(tag);
    }
    let v: unknown;
    try {
      v = codec.decode(text);
    } catch (e) {
      this.fail((e as Error).message);
    }
    this.endTag(tag);
    return v;
  }

  /** The less frequent kinds, and types named by xsi:type. */
  typed(t: SoapType, tag: Tag): unknown {
    switch (t.kind) {
      case "scalar":
        return this.scalar(t.codec, tag);
      case "enum": {
        const text = tag.empty ? "" : this.simpleContent(tag).trim();
        this.endTag(tag);
        return t.flags ? (text === "" ? [] : text.split(/\s+/)) : text;
      }
      case "any": {
        // No (known) xsi:type: the text, with any child elements skipped.
        let text = "";
        if (!tag.empty) {
          for (;;) {
            text += this.text();
            if (this.atEndTag()) break;
            this.skip(this.startTag());
          }
        }
        this.endTag(tag);
        return text;
      }
      case "record":
        // Only an xs:anyType value gets here: its $type says what it is.
        return this.record(t, tag, true);
      case "array": {
        const out: unknown[] = [];
        if (!tag.empty) {
          const item = t.item;
          for (;;) {
            this.skipWhitespaceContent();
            if (this.atEndTag()) break;
            const child = this.startTag();
            if (child.local === item.name && child.uri === item.ns) out.push(this.value(item, child));
            else this.unknown(child);
          }
        }
        this.endTag(tag);
        return out;
      }
      case "dictionary":
        return this.dictionary(t, tag);
    }
  }

  /** Text of an element with simple content; a child element here is an error. */
  simpleContent(tag: Tag): string {
    const text = this.text();
    if (!this.atEndTag()) this.fail(`<${tag.qname}> has simple content; found a child element`);
    return text;
  }

  /** @param typed whether the value says its type in `$type` (members that may hold derived types) */
  record(t: RecordType, tag: Tag, typed: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = typed ? { $type: t.tag } : {};
    if (t.attributes.length !== 0) this.attributes(t, tag, out);
    if (t.openAttributes && tag.attrs.length !== 0) this.openAttributes(t, tag, out);
    const fields = t.fields;
    // Mixed content: text between the elements, gathered into the text member.
    const mixed = t.text !== undefined && (fields.length !== 0 || t.open);
    if (t.text !== undefined && !mixed) {
      const text = t.text;
      const value = tag.empty ? "" : this.simpleContent(tag);
      if (value !== "" || text.type.kind !== "scalar" || text.type.codec.escape) out[text.key] = this.simple(text.type, value);
    } else if (!tag.empty) {
      // Members arrive in schema order, so the next expected one is tried before the map.
      let next = 0;
      let text = "";
      for (;;) {
        if (mixed) text += this.text();
        else this.skipWhitespaceContent();
        if (this.atEndTag()) break;
        const at = this.i;
        const child = this.startTag();
        let f: Field | undefined = fields[next];
        if (f !== undefined && f.name === child.local) next++;
        else {
          f = t.byName.get(child.local);
          if (f !== undefined) next = fields.indexOf(f) + 1;
        }
        // Unknown members are skipped, as WCF does: newer servers may add members.
        if (f === undefined || (f.ns !== child.uri && !t.anyNs)) {
          if (t.open) ((out["$elements"] as string[] | undefined) ?? (out["$elements"] = [])).push(this.fragment(child, at));
          else this.unknown(child);
        } else if (f.repeated) add(out, f.key, this.value(f, child));
        else if (f.key === "__proto__") setKey(out, f.key, this.value(f, child));
        else out[f.key] = this.value(f, child);
      }
      if (mixed && text.trim() !== "") out[t.text!.key] = text;
    }
    // Elements that are not where the schema puts them must not decode to a silent {}.
    const required = t.required;
    for (let i = 0; i < required.length; i++) if (out[required[i]!.key] === undefined) this.missing(t, required[i]!);
    this.endTag(tag);
    // Members are added by name at run time, which leaves V8 objects in slow dictionary mode past
    // 16 or so; a spread copy of those is a fast-mode object (smaller, and faster to read). Copying
    // smaller ones too cost the decode about a fifth of its speed for nothing.
    return fields.length > 16 ? { ...out } : out;
  }

  /**
   * An element of open content (xs:any), whose start tag was read at `at`, as standalone XML: the
   * namespace declarations it relies on from outside are copied onto it.
   */
  fragment(child: Tag, at: number): string {
    const { outer, attrs, qname } = child;
    this.skip(child);
    const xml = this.s.slice(at, this.i);
    let decls = "";
    for (const prefix in outer) {
      if (prefix === "xml") continue;
      const declared = prefix === "" ? "xmlns" : `xmlns:${prefix}`;
      if (attrs.includes(declared)) continue;
      if (prefix === "" ? outer[""] !== "" : xml.includes(`${prefix}:`))
        decls += ` ${declared}="${outer[prefix]!.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;")}"`;
    }
    const nameEnd = 1 + qname.length;
    return decls ? xml.slice(0, nameEnd) + decls + xml.slice(nameEnd) : xml;
  }

  /** The record's attributes, from its start tag; attributes the schema does not define are read past. */
  attributes(t: RecordType, tag: Tag, out: Record<string, unknown>): void {
    const attributes = t.attributes;
    for (let i = 0; i < attributes.length; i++) {
      const a = attributes[i]!;
      let text: string | undefined;
      if (a.ns === "") {
        for (let k = 0; k < tag.attrs.length; k += 2)
          if (tag.attrs[k] === a.name) {
            text = tag.attrs[k + 1];
            break;
          }
      } else text = this.attr(tag, a.ns, a.name);
      if (text === undefined) {
        if (!a.optional) this.fail(`required attribute ${a.name} of ${t.name} is missing`);
        continue;
      }
      setKey(out, a.key, this.simple(a.type, text));
    }
  }

  /** Attributes the schema leaves open (xs:anyAttribute): by name, or `{ns}name` when qualified; declarations and xsi: are not data. */
  openAttributes(t: RecordType, tag: Tag, out: Record<string, unknown>): void {
    let open: Record<string, string> | undefined;
    for (let k = 0; k < tag.attrs.length; k += 2) {
      const name = tag.attrs[k]!;
      if (name === "xmlns" || name.startsWith("xmlns:")) continue;
      const colon = name.indexOf(":");
      const ns = colon === -1 ? "" : this.scope[name.slice(0, colon)]!;
      const local = colon === -1 ? name : name.slice(colon + 1);
      if (ns === XSI_NS || t.attributes.some((a) => a.name === local && a.ns === ns)) continue;
      setKey((open ??= {}), ns ? `{${ns}}${local}` : local, tag.attrs[k + 1]!);
    }
    if (open) out["$attributes"] = open;
  }

  /** An attribute value or simple content as its type. */
  simple(t: SoapType, text: string): unknown {
    if (t.kind === "enum") return t.flags ? (text.trim() === "" ? [] : text.trim().split(/\s+/)) : text.trim();
    if (t.kind !== "scalar") return text;
    try {
      return t.codec.decode(text);
    } catch (e) {
      return this.fail((e as Error).message);
    }
  }

  /**
   * A Fault whose detail may hold a declared fault element: that element decodes as its type
   * (`typed`, and in the generic detail); everything else reads as a generic tree.
   */
  fault(tag: Tag, envNs: string, declared: readonly FaultInfo[]): NonNullable<DecodedEnvelope["fault"]> {
    const tree: Record<string, unknown> = {};
    let typed: { name: string; value: unknown } | undefined;
    if (!tag.empty)
      for (;;) {
        this.skipWhitespaceContent();
        if (this.atEndTag()) break;
        const child = this.startTag();
        const isDetail = envNs === SOAP12_ENV ? child.local === "Detail" && child.uri === envNs : child.local === "detail";
        if (!isDetail) {
          setKey(tree, child.local, this.tree(child));
          continue;
        }
        const detail: Record<string, unknown> = {};
        if (!child.empty)
          for (;;) {
            this.skipWhitespaceContent();
            if (this.atEndTag()) break;
            const d = this.startTag();
            const f = declared.find((x) => x.element.name === d.local && x.element.ns === d.uri);
            const v = f ? this.value(f.element, d) : this.tree(d);
            if (f) typed ??= { name: f.name, value: v };
            setKey(detail, d.local, v);
          }
        this.endTag(child);
        setKey(tree, child.local, detail);
      }
    this.endTag(tag);
    return { ...faultOf(tree, envNs), typed };
  }

  /** One child of a bare Body: the member it is, read into `out`, or an unknown element. */
  member(t: RecordType, child: Tag, out: Record<string, unknown>): void {
    const f = t.byName.get(child.local);
    if (f === undefined || f.ns !== child.uri) this.unknown(child);
    else if (f.repeated) add(out, f.key, this.value(f, child));
    else setKey(out, f.key, this.value(f, child));
  }

  missing(t: RecordType, f: Field): never {
    return this.fail(`required member <${f.name}>${f.ns ? ` in namespace ${f.ns}` : " (no namespace)"} of ${t.name} is missing`);
  }

  dictionary(t: DictionaryType, tag: Tag): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (!tag.empty) {
      for (;;) {
        this.skipWhitespaceContent();
        if (this.atEndTag()) break;
        const entry = this.startTag();
        if (entry.local !== t.entry || entry.uri !== t.key.ns) {
          this.unknown(entry);
          continue;
        }
        let key: unknown;
        let value: unknown;
        if (!entry.empty) {
          for (;;) {
            this.skipWhitespaceContent();
            if (this.atEndTag()) break;
            const child = this.startTag();
            if (child.local === t.key.name && child.uri === t.key.ns) key = this.value(t.key, child);
            else if (child.local === t.value.name && child.uri === t.value.ns) value = this.value(t.value, child);
            else this.unknown(child);
          }
        }
        if (key === undefined || key === null) this.fail(`dictionary entry without a ${t.key.name}`);
        this.endTag(entry);
        // Keys are the lexical form: int and dateTime keys become their text.
        setKey(out, String(key), value);
      }
    }
    this.endTag(tag);
    return out;
  }
}

/** One more item of a repeated member (maxOccurs > 1): its array is made on the first. */
function add(out: Record<string, unknown>, key: string, value: unknown): void {
  const list = out[key];
  if (Array.isArray(list)) list.push(value);
  else setKey(out, key, [value]);
}

export function decodeEnvelope(xml: string, op: OperationInfo, types: TypeRegistry, limits: DecodeLimits = DEFAULT_LIMITS, strict = false): DecodedEnvelope {
  const r = new Decoder(xml, types, limits.maxDepth, strict);
  const env = r.root("a SOAP Envelope");
  if (env.local !== "Envelope" || (env.uri !== SOAP11_ENV && env.uri !== SOAP12_ENV))
    r.fail(`expected a SOAP Envelope, found <${env.qname}> in namespace "${env.uri}"`);
  const envNs = env.uri;
  const wrapper = op.output.body;
  const outHeaders = op.output.headers;
  const headers: Record<string, unknown> = {};
  let body: Record<string, unknown> | undefined;
  let fault: DecodedEnvelope["fault"];
  if (!env.empty) {
    for (;;) {
      r.skipWhitespaceContent();
      if (r.atEndTag()) break;
      const part = r.startTag();
      if (part.uri !== envNs || (part.local !== "Header" && part.local !== "Body")) r.fail(`unexpected <${part.qname}> in the Envelope`);
      if (part.local === "Header") {
        if (!part.empty) {
          for (;;) {
            r.skipWhitespaceContent();
            if (r.atEndTag()) break;
            const h = r.startTag();
            const f = outHeaders.find((x) => x.name === h.local && x.ns === h.uri);
            if (f) headers[f.name] = r.value(f, h);
            else r.skip(h);
          }
        }
        r.endTag(part);
        continue;
      }
      // A bare response's members are the Body's children themselves.
      if (op.output.bare) body = {};
      if (!part.empty) {
        for (;;) {
          r.skipWhitespaceContent();
          if (r.atEndTag()) break;
          const child = r.startTag();
          if (child.uri === envNs && child.local === "Fault") {
            if (op.faults.length) fault = r.fault(child, envNs, op.faults);
            else {
              const tree = r.tree(child);
              fault = faultOf(typeof tree === "object" ? tree : {}, envNs);
            }
          } else if (op.output.bare) {
            r.member(wrapper, child, body!);
          } else if ((child.uri === wrapper.ns || op.rpc) && child.local === wrapper.name && body === undefined) {
            body = r.record(wrapper, child, false);
          } else {
            r.fail(`expected <${wrapper.name}> in namespace ${wrapper.ns}, found <${child.qname}> in namespace "${child.uri}"`);
          }
        }
      }
      if (op.output.bare && !fault) for (const f of wrapper.required) if (body![f.key] === undefined) r.missing(wrapper, f);
      r.endTag(part);
    }
  }
  r.endTag(env);
  r.end(env);
  if (fault) return { body: undefined, headers, fault, skipped: r.skipped ?? [] };
  if (!body) r.fail(`the Body has no <${wrapper.name}>`);
  return { body, headers, fault: undefined, skipped: r.skipped ?? [] };
}

/** The code, reason and detail of a SOAP 1.1 or 1.2 Fault read as a tree. */
export function faultOf(tree: Record<string, unknown>, envNs: string) {
  const str = (v: unknown): string => (typeof v === "string" ? v : "");
  if (envNs === SOAP12_ENV) {
    const code = tree["Code"] as Record<string, unknown> | undefined;
    const reason = tree["Reason"] as Record<string, unknown> | undefined;
    const text = reason?.["Text"];
    return {
      code: str(code?.["Value"]),
      reason: Array.isArray(text) ? str(text[0]) : str(text),
      detail: typeof tree["Detail"] === "object" ? (tree["Detail"] as FaultDetail) : undefined,
    };
  }
  return {
    code: str(tree["faultcode"]),
    reason: str(tree["faultstring"]),
    detail: typeof tree["detail"] === "object" ? (tree["detail"] as FaultDetail) : undefined,
  };
}
