// Decodes a SOAP response straight from the string into plain values. A pull reader walks the
// operation's type descriptors and reads exactly the elements each type expects: no DOM, no
// event objects, one pass. It is namespace-aware (every element and xsi:type QName is resolved
// through the declarations in scope) and strict about well-formedness; DOCTYPE is refused, so no
// entity is ever expanded. SOAP 1.1 envelopes (the binding's) and SOAP 1.2 ones (SuperOffice's
// documented examples) are both accepted.
import { KIND, xsiTypeOf, type DictionaryType, type Field, type OperationInfo, type RecordType, type ScalarCodec, type ScalarType, type SoapType, type TypeRegistry } from "./schema.js";
import { builtins } from "./xsd.js";
import { SOAP11_ENV, XSI_NS } from "./encode.js";
import type { FaultDetail } from "./errors.js";

export const SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope";
const XML_NS = "http://www.w3.org/XML/1998/namespace";

export interface DecodeLimits {
  /** Deepest element nesting accepted (hostile documents can nest without end). */
  readonly maxDepth: number;
}

export const DEFAULT_LIMITS: DecodeLimits = { maxDepth: 256 };

export interface DecodedEnvelope {
  /** The response wrapper's members, or undefined when the body held a fault. */
  readonly body: Record<string, unknown> | undefined;
  readonly headers: Record<string, unknown>;
  readonly fault: { readonly code: string; readonly reason: string; readonly detail: FaultDetail | undefined } | undefined;
}

export class DecodeFailure extends Error {
  constructor(
    readonly reason: string,
    readonly path: string,
  ) {
    super(reason);
  }
}

// Character codes the scanner compares against.
const LT = 60; // <
const GT = 62; // >
const SLASH = 47; // /
const EQ = 61; // =
const QUOT = 34; // "
const APOS = 39; // '
const BANG = 33; // !
const QUESTION = 63; // ?
const AMP = 38; // &

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** Namespace declarations in scope: prefix -> URI ("" is the default namespace). */
type Scope = Record<string, string>;
// Never written to: each declaring tag gets a scope of its own whose prototype is the outer one.
const ROOT_SCOPE: Scope = Object.assign(Object.create(null) as Scope, { xml: XML_NS, "": "" });

/** A start tag as read: its name split at the prefix, its attributes, and whether it was `<x/>`. */
interface Tag {
  qname: string;
  local: string;
  uri: string;
  /** Flat list: name, value, name, value, ... (most tags have none). */
  attrs: string[];
  empty: boolean;
  /** The scope that was in force before this tag's own declarations. */
  outer: Scope;
}

const NO_ATTRS: string[] = [];

// What each ASCII character is in an element name: one table load per character.
const NAME = 0;
const END = 1;
const BAD = 2;
const COLON = 3;
const NAME_CHAR = new Uint8Array(128);
for (const c of [32, 9, 10, 13, GT, SLASH]) NAME_CHAR[c] = END;
for (const c of [LT, EQ, QUOT, APOS, AMP]) NAME_CHAR[c] = BAD;
NAME_CHAR[58] = COLON;

/** A (possibly prefixed) attribute name: one colon at most, not first or last, no markup characters. */
const ATTR_NAME = /^[^\s:&<>"'=/]+(:[^\s:&<>"'=/]+)?$/;

const XML_DECL = /^<\?xml\s+version\s*=\s*(["'])1\.\d+\1(\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?(\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*\?>$/;

/**
 * Characters XML 1.0 does not allow anywhere (the decoder refuses documents holding them). Lone
 * surrogates cannot occur: the client decodes bytes with a fatal UTF-8 decoder.
 */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

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

class Reader {
  i = 0;
  /** Open elements: tags[0..depth) (pooled by depth: a tag lives until its end tag). */
  depth = 0;
  readonly tags: Tag[] = [];
  scope: Scope = ROOT_SCOPE;
  /** The default namespace in scope (scope[""]), kept apart: most elements are unprefixed. */
  dflt = "";

  readonly namespaces: Map<string, string>;

  constructor(
    readonly s: string,
    readonly types: TypeRegistry,
    readonly maxDepth: number,
  ) {
    this.namespaces = namespacesOf(types);
  }

  fail(reason: string): never {
    const n = this.tags.slice(0, this.depth).map((t) => t.local);
    const path = (n.length > 16 ? [...n.slice(0, 6), `…(${n.length - 12} more)…`, ...n.slice(-6)] : n).join("/");
    throw new DecodeFailure(reason, path);
  }

  // ---- the tokenizer ------------------------------------------------------------------------

  /** Skips whitespace, comments and processing instructions; stops at the next tag or text. */
  skipMisc(): void {
    const s = this.s;
    for (;;) {
      let i = this.i;
      while (i < s.length && isSpace(s.charCodeAt(i))) i++;
      this.i = i;
      if (s.charCodeAt(i) !== LT) return;
      const next = s.charCodeAt(i + 1);
      if (next === BANG && s.startsWith("<!--", i)) this.skipComment();
      else if (next === QUESTION) this.skipPI();
      else if (next === BANG && s.startsWith("<!DOCTYPE", i)) this.fail("DOCTYPE is not allowed in a SOAP message (entities are never expanded)");
      else return;
    }
  }

  skipComment(): void {
    const end = this.s.indexOf("-->", this.i + 4);
    if (end === -1) this.fail("unterminated comment");
    if (this.s.lastIndexOf("--", end - 1) > this.i + 3) this.fail('"--" is not allowed inside a comment');
    this.i = end + 3;
  }

  skipPI(): void {
    const end = this.s.indexOf("?>", this.i + 2);
    if (end === -1) this.fail("unterminated processing instruction");
    const target = /^[^\s?]*/.exec(this.s.slice(this.i + 2, end))![0];
    if (target.toLowerCase() === "xml") {
      if (this.i !== 0) this.fail("the XML declaration must come first");
      if (!XML_DECL.test(this.s.slice(this.i, end + 2))) this.fail("malformed XML declaration");
    } else {
      this.fail(`processing instruction <?${target}?> is not allowed in a SOAP message`);
    }
    this.i = end + 2;
  }

  /** Reads a start tag at `<`; declarations on it come into scope until its end tag. */
  startTag(): Tag {
    const s = this.s;
    let i = this.i + 1;
    const nameStart = i;
    let colon = -1;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const k = c < 128 ? NAME_CHAR[c]! : NAME;
      if (k === NAME) continue;
      if (k === END) break;
      if (k === COLON) {
        if (colon !== -1) this.fail(`"${s.slice(nameStart, i + 1)}": a name may hold one colon`);
        colon = i;
      } else this.fail(`invalid character in element name "${s.slice(nameStart, i + 1)}"`);
    }
    if (i >= s.length) this.fail("unexpected end of document in a start tag");
    const qname = s.slice(nameStart, i);
    if (qname === "" || colon === nameStart || colon === i - 1) this.fail(`invalid element name "${qname}"`);
    let attrs: string[] = NO_ATTRS;
    let empty = false;
    let declares = false;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        if (s.charCodeAt(i + 1) !== GT) this.fail(`expected "/>" to close <${qname}>`);
        empty = true;
        i += 2;
        break;
      }
      if (!isSpace(c)) this.fail(`expected whitespace, ">" or "/>" in <${qname}>`);
      while (isSpace(s.charCodeAt(i))) i++;
      const a = s.charCodeAt(i);
      if (a === GT || a === SLASH) continue;
      if (i >= s.length) this.fail("unexpected end of document in a start tag");
      const attrStart = i;
      while (i < s.length) {
        const d = s.charCodeAt(i);
        if (d === EQ || isSpace(d) || d === GT || d === SLASH || d === LT || d === QUOT || d === APOS) break;
        i++;
      }
      const name = s.slice(attrStart, i);
      if (!ATTR_NAME.test(name)) this.fail(`invalid attribute name "${name}" on <${qname}>`);
      while (isSpace(s.charCodeAt(i))) i++;
      if (name === "" || s.charCodeAt(i) !== EQ) this.fail(`attribute ${name || "(no name)"} of <${qname}> has no value`);
      i++;
      while (isSpace(s.charCodeAt(i))) i++;
      const quote = s.charCodeAt(i);
      if (quote !== QUOT && quote !== APOS) this.fail(`the value of attribute ${name} of <${qname}> must be quoted`);
      const end = s.indexOf(quote === QUOT ? '"' : "'", i + 1);
      if (end === -1) this.fail(`unterminated value of attribute ${name} of <${qname}>`);
      const raw = s.slice(i + 1, end);
      if (raw.includes("<")) this.fail(`"<" in the value of attribute ${name} of <${qname}>`);
      for (let k = 0; k < attrs.length; k += 2) if (attrs[k] === name) this.fail(`attribute ${name} appears twice on <${qname}>`);
      if (attrs === NO_ATTRS) attrs = [];
      attrs.push(name, this.attrValue(raw));
      if (name === "xmlns" || name.startsWith("xmlns:")) declares = true;
      i = end + 1;
    }
    this.i = i;
    const outer = this.scope;
    if (declares) {
      // A flat copy: lookups stay one step however deep the declarations nest.
      const inner = Object.assign(Object.create(null), outer) as Scope;
      for (let k = 0; k < attrs.length; k += 2) {
        const n = attrs[k]!;
        const v = attrs[k + 1]!;
        const uri = this.namespaces.get(v) ?? v;
        if (n === "xmlns") inner[""] = uri;
        else if (n.startsWith("xmlns:")) {
          if (v === "") this.fail(`prefix ${n.slice(6)} cannot be undeclared (xmlns:${n.slice(6)}="")`);
          inner[n.slice(6)] = uri;
        }
      }
      this.scope = inner;
      this.dflt = inner[""]!;
    }
    for (let k = 0; k < attrs.length; k += 2) {
      const n = attrs[k]!;
      const c = n.indexOf(":");
      if (c !== -1 && !n.startsWith("xmlns:") && this.scope[n.slice(0, c)] === undefined) this.fail(`unbound namespace prefix "${n.slice(0, c)}" on attribute ${n} of <${qname}>`);
    }
    const prefix = colon === -1 ? "" : qname.slice(0, colon - nameStart);
    const local = colon === -1 ? qname : qname.slice(colon - nameStart + 1);
    const uri = colon === -1 ? this.dflt : this.scope[prefix];
    if (uri === undefined) this.fail(`unbound namespace prefix "${prefix}" on <${qname}>`);
    if (this.depth >= this.maxDepth) this.fail(`elements nest deeper than ${this.maxDepth}`);
    let tag = this.tags[this.depth];
    if (tag === undefined) this.tags.push((tag = { qname, local, uri, attrs, empty, outer }));
    else {
      tag.qname = qname;
      tag.local = local;
      tag.uri = uri;
      tag.attrs = attrs;
      tag.empty = empty;
      tag.outer = outer;
    }
    this.depth++;
    return tag;
  }

  /** Closes the element `tag` opened: consumes `</qname>` (unless it was `<x/>`). */
  endTag(tag: Tag): void {
    if (!tag.empty) {
      const s = this.s;
      const i = this.i;
      if (s.charCodeAt(i) !== LT || s.charCodeAt(i + 1) !== SLASH) this.fail(i >= s.length ? `unexpected end of document: <${tag.qname}> is not closed` : `expected </${tag.qname}>`);
      let k = i + 2 + tag.qname.length;
      if (!s.startsWith(tag.qname, i + 2)) this.fail(`expected </${tag.qname}>, found ${JSON.stringify(s.slice(i, i + tag.qname.length + 3))}`);
      while (isSpace(s.charCodeAt(k))) k++;
      if (s.charCodeAt(k) !== GT) this.fail(`expected </${tag.qname}>`);
      this.i = k + 1;
    }
    if (this.scope !== tag.outer) {
      this.scope = tag.outer;
      this.dflt = tag.outer[""]!;
    }
    this.depth--;
  }

  /** At a `<` inside content: true when it starts an end tag. */
  atEndTag(): boolean {
    return this.s.charCodeAt(this.i + 1) === SLASH;
  }

  /** Character data up to the next tag: entities decoded, CDATA taken as is, comments skipped. */
  text(): string {
    const s = this.s;
    let out = "";
    for (;;) {
      const lt = s.indexOf("<", this.i);
      if (lt === -1) this.fail("unexpected end of document in text");
      if (lt > this.i) out += this.chars(s.slice(this.i, lt));
      this.i = lt;
      const next = s.charCodeAt(lt + 1);
      if (next === SLASH) return out;
      if (next === BANG && s.startsWith("<![CDATA[", lt)) {
        const end = s.indexOf("]]>", lt + 9);
        if (end === -1) this.fail("unterminated CDATA section");
        out += normalizeNewlines(s.slice(lt + 9, end));
        this.i = end + 3;
      } else if (next === BANG && s.startsWith("<!--", lt)) {
        this.skipComment();
      } else if (next === QUESTION) {
        this.skipPI();
      } else {
        return out;
      }
    }
  }

  /** Text content: line ends normalised, entity and character references decoded. */
  chars(raw: string): string {
    if (raw.indexOf("&") === -1 && raw.indexOf("\r") === -1 && raw.indexOf("]]>") === -1) return raw;
    if (raw.includes("]]>")) this.fail('"]]>" is not allowed in text');
    const t = normalizeNewlines(raw);
    return t.includes("&") ? this.references(t) : t;
  }

  /** Attribute values are also whitespace-normalised, as every XML parser does. */
  attrValue(raw: string): string {
    const t = normalizeNewlines(raw).replace(/[\t\n]/g, " ");
    return t.includes("&") ? this.references(t) : t;
  }

  references(t: string): string {
    return t.replace(/&([^;&\s<]*)(;?)/g, (_m, ref: string, semi: string) => {
      if (!semi) this.fail(`"&" must start a reference ending in ";" (found "&${ref}")`);
      if (ref.charCodeAt(0) === 35) {
        const code = ref.charCodeAt(1) === 120 ? parseInt(ref.slice(2), 16) : /^#\d+$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
        if (!/^#(x[0-9a-fA-F]+|\d+)$/.test(ref) || !isXmlChar(code)) this.fail(`invalid character reference &${ref};`);
        return String.fromCodePoint(code);
      }
      const e = ENTITIES[ref];
      if (e === undefined) this.fail(`undefined entity &${ref}; (only the five XML entities are known; DOCTYPE is refused)`);
      return e;
    });
  }

  /** Content before the next tag must be whitespace (element-only content). */
  skipWhitespaceContent(): void {
    const s = this.s;
    // The common case: the next tag follows at once.
    if (s.charCodeAt(this.i) === LT) {
      const next = s.charCodeAt(this.i + 1);
      if (next !== BANG && next !== QUESTION) return;
    }
    this.skipMisc();
    if (this.i >= s.length) this.fail("unexpected end of document");
    if (s.charCodeAt(this.i) !== LT) {
      // Text where elements are expected: read past it (tolerated, as WCF tolerates it).
      const lt = s.indexOf("<", this.i);
      if (lt === -1) this.fail("unexpected end of document");
      this.chars(s.slice(this.i, lt));
      this.i = lt;
      this.skipMisc();
    } else if (s.charCodeAt(this.i + 1) === BANG && s.startsWith("<![CDATA[", this.i)) {
      this.text();
      this.skipMisc();
    }
  }

  /** Reads and discards an element whose start tag was read (unknown members, header extensions). */
  skip(tag: Tag): void {
    if (!tag.empty) {
      for (;;) {
        this.skipWhitespaceContent();
        if (this.atEndTag()) break;
        this.skip(this.startTag());
      }
    }
    this.endTag(tag);
  }

  attr(tag: Tag, local: string): string | undefined {
    const a = tag.attrs;
    for (let k = 0; k < a.length; k += 2) {
      const name = a[k]!;
      const colon = name.indexOf(":");
      if (colon === -1 || name.slice(colon + 1) !== local) continue;
      if (this.scope[name.slice(0, colon)] === XSI_NS) return a[k + 1];
    }
    return undefined;
  }

  // ---- the decoder --------------------------------------------------------------------------

  /** The type an element is read as: its declared type, or the derived type its xsi:type names. */
  actualType(declared: SoapType, tag: Tag): SoapType {
    const value = this.attr(tag, "type");
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
      const nil = this.attr(tag, "nil");
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
            else this.skip(child);
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
    const fields = t.fields;
    if (!tag.empty) {
      // Members arrive in schema order, so the next expected one is tried before the map.
      let next = 0;
      for (;;) {
        this.skipWhitespaceContent();
        if (this.atEndTag()) break;
        const child = this.startTag();
        let f: Field | undefined = fields[next];
        if (f !== undefined && f.name === child.local) next++;
        else {
          f = t.byName.get(child.local);
          if (f !== undefined) next = fields.indexOf(f) + 1;
        }
        // Unknown members are skipped, as WCF does: newer servers may add members.
        if (f === undefined || f.ns !== child.uri) this.skip(child);
        else if (f.name === "__proto__") setKey(out, f.name, this.value(f, child));
        else out[f.name] = this.value(f, child);
      }
    }
    this.endTag(tag);
    // Members are added by name at run time, which leaves V8 objects in slow dictionary mode
    // past a dozen members; a spread copy is a fast-mode object (smaller, and faster to read).
    return fields.length > 12 ? { ...out } : out;
  }

  dictionary(t: DictionaryType, tag: Tag): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (!tag.empty) {
      for (;;) {
        this.skipWhitespaceContent();
        if (this.atEndTag()) break;
        const entry = this.startTag();
        if (entry.local !== t.entry || entry.uri !== t.key.ns) {
          this.skip(entry);
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
            else this.skip(child);
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

  /** A generic element tree (fault details): element names to text or nested objects. */
  tree(tag: Tag): string | Record<string, unknown> {
    let text = "";
    let obj: Record<string, unknown> | undefined;
    if (!tag.empty) {
      for (;;) {
        text += this.text();
        if (this.atEndTag()) break;
        const child = this.startTag();
        obj ??= {};
        const v = this.tree(child);
        if (Object.prototype.hasOwnProperty.call(obj, child.local)) {
          const prev = obj[child.local];
          setKey(obj, child.local, Array.isArray(prev) ? [...prev, v] : [prev, v]);
        } else setKey(obj, child.local, v);
      }
    }
    this.endTag(tag);
    return obj ?? text.trim();
  }
}

function normalizeNewlines(t: string): string {
  return t.includes("\r") ? t.replace(/\r\n?/g, "\n") : t;
}

function isXmlChar(c: number): boolean {
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
}

export function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  // A key named __proto__ must become data, never the object's prototype.
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

export function decodeEnvelope(xml: string, op: OperationInfo, types: TypeRegistry, limits: DecodeLimits = DEFAULT_LIMITS): DecodedEnvelope {
  const r = new Reader(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml, types, limits.maxDepth);
  const bad = NOT_XML_CHAR.exec(r.s);
  if (bad) r.fail(`character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")} at offset ${bad.index} is not allowed in XML`);
  r.skipMisc();
  if (r.i >= r.s.length) r.fail("the response is empty or has no SOAP Envelope");
  if (r.s.charCodeAt(r.i) !== LT) r.fail("text before the root element");
  const env = r.startTag();
  if (env.local !== "Envelope" || (env.uri !== SOAP11_ENV && env.uri !== SOAP12_ENV)) r.fail(`expected a SOAP Envelope, found <${env.qname}> in namespace "${env.uri}"`);
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
      if (!part.empty) {
        for (;;) {
          r.skipWhitespaceContent();
          if (r.atEndTag()) break;
          const child = r.startTag();
          if (child.uri === envNs && child.local === "Fault") {
            const tree = r.tree(child);
            fault = faultOf(typeof tree === "object" ? tree : {}, envNs);
          } else if (child.uri === wrapper.ns && child.local === wrapper.name && body === undefined) {
            body = r.record(wrapper, child, false);
          } else {
            r.fail(`expected <${wrapper.name}> in namespace ${wrapper.ns}, found <${child.qname}> in namespace "${child.uri}"`);
          }
        }
      }
      r.endTag(part);
    }
  }
  r.endTag(env);
  r.skipMisc();
  if (r.i < r.s.length) r.fail("content after the end of the Envelope");
  if (fault) return { body: undefined, headers, fault };
  if (!body) r.fail(`the Body has no <${wrapper.name}>`);
  return { body, headers, fault: undefined };
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
