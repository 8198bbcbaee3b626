// Decodes a SOAP response straight from the string into plain values: the XML reader
// (xml-reader.ts) is walked by the operation's type descriptors, reading exactly the elements
// each type expects: no DOM, no event objects, one pass. Every element and xsi:type QName is
// resolved through the declarations in scope. SOAP 1.1 envelopes (the binding's) and SOAP 1.2
// ones (SuperOffice's documented examples) are both accepted.
import {
  KIND,
  xsiTypeOf,
  type DictionaryType,
  type EnumType,
  type Field,
  type OperationInfo,
  type RecordType,
  type RpcEncoding,
  type ScalarCodec,
  type ScalarType,
  type SoapType,
  type TypeRegistry,
} from "./schema.js";
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
  readonly fault: DecodedFault | undefined;
  /** Paths of body elements the schema has no member for, skipped (empty when none). */
  readonly skipped: readonly string[];
}

export interface DecodedFault {
  readonly code: string;
  readonly reason: string;
  readonly detail: FaultDetail | undefined;
  /** The declared fault the detail holds, decoded as its type. */
  readonly typed?: { readonly name: string; readonly value: unknown } | undefined;
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
export class Decoder extends XmlReader {
  /** Paths of the elements skipped as unknown (created on the first one). */
  skipped: string[] | undefined;

  constructor(
    xml: string | readonly string[],
    readonly types: TypeRegistry,
    maxDepth: number,
    readonly strict: boolean,
    /** rpc/encoded: how xsi:type names types; values may be multi-references (href), refused rather than read as empty. */
    readonly encoding: RpcEncoding | undefined,
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
      const q = `{${ns}}${v.slice(colon + 1)}`;
      return xsiTypeOf(declared, this.encoding ? this.encoding.xsiType(declared, q, this.types) : q, this.types);
    } catch (e) {
      return this.fail((e as Error).message);
    }
  }

  /** Reads the content and end tag of an element for member `f`, whose start tag was read. */
  value(f: Field, tag: Tag): unknown {
    if (tag.attrs.length !== 0) {
      if (this.encoding)
        for (let k = 0; k < tag.attrs.length; k += 2)
          if (tag.attrs[k] === "href") this.fail(`<${tag.qname}> is a multi-reference value (href), which SOAP encoding allows and this client does not read`);
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
        const value = this.enumValue(f.type as EnumType, tag.empty ? "" : this.simpleContent(tag).trim());
        this.endTag(tag);
        return value;
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
        const value = t.flags ? (text === "" ? [] : text.split(/\s+/).map((v) => this.enumValue(t, v))) : this.enumValue(t, text);
        this.endTag(tag);
        return value;
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
            // A SOAP-encoded array's items may have any name.
            if ((child.local === item.name && child.uri === item.ns) || t.encoded !== undefined) out.push(this.value(item, child));
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

  /**
   * A value of an enumeration, as the WSDL lists them: one it does not list is an error, never a
   * string the type says cannot be there (a newer service may have added it: regenerate).
   */
  enumValue(t: EnumType, text: string): string {
    if (!t.values.includes(text))
      this.fail(
        `${JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text)} is not a value of ${t.name} (${t.values.length > 8 ? `${t.values.slice(0, 8).join(", ")}, …` : t.values.join(", ")}); if the service has new values, regenerate the client`,
      );
    return text;
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
    const fields = t.fields;
    // Attributes and text (runtime/content.ts) only for types that have them; it reads simple content whole.
    const c = t.content;
    const model = t.model;
    if (c !== undefined && c.read(this, t, tag, out)) {
      // simple content, read whole
    } else if (model !== undefined) {
      // Choices, repeated groups, xs:any, mixed content: the content model (runtime/particles.ts) reads and checks it all.
      model.read(this, tag, out);
      this.endTag(tag);
      return out;
    } else if (!tag.empty) {
      // Members arrive in schema order, so the next expected one is tried before the map.
      let next = 0;
      // Whether a member arrived out of schema order: only then can one arrive twice (in order, each match moves past it).
      let unordered = false;
      for (;;) {
        this.skipWhitespaceContent();
        if (this.atEndTag()) break;
        const child = this.startTag();
        let f: Field | undefined = fields[next];
        if (f !== undefined && f.name === child.local) next++;
        else {
          f = t.byName.get(child.local);
          if (f !== undefined) next = fields.indexOf(f) + 1;
          unordered = true;
        }
        // Unknown members are skipped, as WCF does: newer servers may add members.
        if (f === undefined || (f.ns !== child.uri && !t.anyNs)) this.unknown(child);
        else if (f.repeated) add(out, f, this.value(f, child));
        else if (f.inherited) this.once(t, f, out, this.value(f, child));
        else if (unordered && out[f.key] !== undefined) this.twice(t, f);
        else out[f.key] = this.value(f, child);
      }
    }
    // Elements that are not where the schema puts them must not decode to a silent {}.
    const required = t.required;
    for (let i = 0; i < required.length; i++) if (valueOf(out, required[i]!) === undefined) this.missing(t, required[i]!);
    this.endTag(tag);
    // Members are added by name at run time, which leaves V8 objects in slow dictionary mode past
    // 16 or so; a spread copy of those is a fast-mode object (smaller, and faster to read). Copying
    // smaller ones too cost the decode about a fifth of its speed for nothing.
    return fields.length > 16 ? { ...out } : out;
  }

  /** One child of a bare Body: the member it is, read into `out`, or an unknown element. */
  member(t: RecordType, child: Tag, out: Record<string, unknown>): void {
    const f = t.byName.get(child.local);
    if (f === undefined || f.ns !== child.uri) this.unknown(child);
    else if (f.repeated) add(out, f, this.value(f, child));
    else this.once(t, f, out, this.value(f, child));
  }

  /** A single-valued member, stored as an own property; a second element for it is an error, not a silent overwrite. */
  once(t: RecordType, f: Field, out: Record<string, unknown>, value: unknown): void {
    if (Object.prototype.hasOwnProperty.call(out, f.key)) this.twice(t, f);
    setKey(out, f.key, value);
  }

  twice(t: RecordType, f: Field): never {
    return this.fail(`<${f.name}> occurs more than once in ${t.name}, where the schema allows it once`);
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
function add(out: Record<string, unknown>, f: Field, value: unknown): void {
  const list = valueOf(out, f);
  if (Array.isArray(list)) list.push(value);
  else setKey(out, f.key, [value]);
}

/** A member's value as decoded so far: own properties only (`constructor` is not one until it is read). */
const valueOf = (out: Record<string, unknown>, f: Field): unknown =>
  f.inherited ? (Object.prototype.hasOwnProperty.call(out, f.key) ? out[f.key] : undefined) : out[f.key];

export function decodeEnvelope(
  xml: string | readonly string[],
  op: OperationInfo,
  types: TypeRegistry,
  limits: DecodeLimits = DEFAULT_LIMITS,
  strict = false,
): DecodedEnvelope {
  const r = new Decoder(xml, types, limits.maxDepth, strict, op.encoded);
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
            if (f) setKey(headers, f.name, r.value(f, h));
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
            if (op.faults) fault = op.faults.read(r, child, envNs);
            else {
              const tree = r.tree(child);
              fault = faultOf(typeof tree === "object" && tree !== null ? tree : {}, envNs);
            }
          } else if (op.output.bare) {
            r.member(wrapper, child, body!);
          } else if (body === undefined && (op.rpc || (child.uri === wrapper.ns && child.local === wrapper.name))) {
            // rpc: the one child of the Body is the response wrapper, whatever its name and namespace (WS-I asks for
            // <operation>Response; servers and toolkits name it after the message, or qualify it differently).
            body = r.record(wrapper, child, false);
          } else {
            r.fail(`expected <${wrapper.name}> in namespace ${wrapper.ns}, found <${child.qname}> in namespace "${child.uri}"`);
          }
        }
      }
      if (op.output.bare && !fault) for (const f of wrapper.required) if (valueOf(body!, f) === undefined) r.missing(wrapper, f);
      r.endTag(part);
    }
  }
  r.endTag(env);
  r.end(env);
  if (fault) return { body: undefined, headers, fault, skipped: r.skipped ?? [] };
  // A response with nothing in it may come as an empty Body (zeep sends an rpc output of no parts so).
  if (!body) {
    if (wrapper.fields.length !== 0 || wrapper.model !== undefined) r.fail(`the Body has no <${wrapper.name}>`);
    body = {};
  }
  return { body, headers, fault: undefined, skipped: r.skipped ?? [] };
}

/** The code, reason and detail of a SOAP 1.1 or 1.2 Fault read as a tree. */
export function faultOf(tree: Record<string, unknown>, envNs: string): DecodedFault {
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
