import {
  KIND,
  XS_NS,
  type DictionaryType,
  type Field,
  type OperationInfo,
  type RecordType,
  type ScalarType,
  type SoapType,
  type TypeRegistry,
} from "./schema.js";

export const SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
export const SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope";
export const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

/** A value that does not fit its type; the path is filled in on the way out, only when it happens. */
export class EncodeFailure extends Error {
  readonly #segments: string[] = [];
  constructor(readonly reason: string) {
    super(reason);
  }
  at(segment: string): this {
    this.#segments.push(segment);
    return this;
  }
  get path(): string {
    return [...this.#segments].reverse().join("").replace(/^\//, "");
  }
}

const ESCAPE = /[&<>\r]/;
/** Escapes markup characters (and CR, which parsers would otherwise turn into LF) in text. */
export function escapeText(s: string): string {
  if (!ESCAPE.test(s)) return s;
  let out = "";
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const rep = c === 38 ? "&amp;" : c === 60 ? "&lt;" : c === 62 ? "&gt;" : c === 13 ? "&#xD;" : undefined;
    if (rep === undefined) continue;
    out += s.slice(from, i) + rep;
    from = i + 1;
  }
  return out + s.slice(from);
}

/** Characters XML 1.0 cannot carry at all, not even escaped. */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A quick first look: most strings have no control characters or surrogates at all. */
const MAYBE_NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
export const notXml = (s: string) => MAYBE_NOT_XML_CHAR.test(s) && NOT_XML_CHAR.test(s);
/** One look for the common case: nothing to escape and nothing to refuse. */
const NEEDS_CARE = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Builds the SOAP 1.1 envelope for a call. Elements carry their namespace as the default
 * namespace, declared only where it changes, so the body reads as WCF writes it.
 */
/** @param extraHeaders header blocks written as they are (a WS-Security header), after the declared ones */
export function encodeEnvelope(op: OperationInfo, request: object, headerValues: object, types: TypeRegistry = NO_TYPES, extraHeaders = ""): string {
  registry = types;
  const headers = headerValues as Readonly<Record<string, unknown>>;
  let s = `<s:Envelope xmlns:s="${op.soap12 ? SOAP12_ENV : SOAP11_ENV}" xmlns:xsi="${XSI_NS}" xmlns:xs="${XS_NS}">`;
  let head = "";
  for (const h of op.input.headers) {
    const v = member(headers, h);
    if (v === undefined) continue;
    try {
      head += element(h, v, "");
    } catch (e) {
      throw e instanceof EncodeFailure ? e.at(`Header/${h.name}`) : e;
    }
  }
  head += extraHeaders;
  if (head) s += `<s:Header>${head}</s:Header>`;
  const body = op.input.body;
  let content: string;
  try {
    // A bare message's members sit in the Body itself, where no default namespace is declared.
    content = op.encoded
      ? op.encoded.write(body, request)
      : op.input.bare
        ? members(body, request, "")
        : `<${body.name} xmlns="${body.ns}">${members(body, request, body.ns)}</${body.name}>`;
  } catch (e) {
    throw e instanceof EncodeFailure ? e.at(body.name) : e;
  }
  return `${s}<s:Body>${content}</s:Body></s:Envelope>`;
}

const NO_TYPES: TypeRegistry = new Map();
/** The named types an xs:anyType value may be sent as (set per envelope; encoding is synchronous). */
let registry: TypeRegistry = NO_TYPES;
const byTag = new WeakMap<TypeRegistry, Map<string, RecordType>>();

function registeredRecord(tag: string): RecordType | undefined {
  let m = byTag.get(registry);
  if (!m) {
    m = new Map();
    for (const t of registry.values()) if (t.kind === "record") m.set(t.tag, t);
    byTag.set(registry, m);
  }
  return m.get(tag);
}

/** `<name xsi:type="t:Type" xmlns:t="ns">`: the open tag of an element whose value says its type. */
export const typedOpen = (open: string, t: { readonly name: string; readonly ns: string }) =>
  t.ns === XS_NS ? `${open.slice(0, -1)} xsi:type="xs:${t.name}">` : `${open.slice(0, -1)} xsi:type="t:${t.name}" xmlns:t="${t.ns}">`;

export function element(f: Field, value: unknown, ns: string): string {
  if (value === null) {
    if (!f.nillable) throw new EncodeFailure("null is not allowed here (the element is not nillable)");
    return `<${f.ns === ns ? f.name : `${f.name} xmlns="${f.ns}"`} xsi:nil="true"/>`;
  }
  const open = f.ns === ns ? f.open : f.openNs;
  switch (f.code) {
    case KIND.scalar:
      return open + scalar(f.type as ScalarType, value) + f.close;
    case KIND.record:
      if (typeof value !== "object" || Array.isArray(value)) throw new EncodeFailure(`expected an object (${f.type.name})`);
      return recordElement(open, f.type as RecordType, value as object, f.ns, f.close);
    case KIND.enum:
      return open + enumValue((f.type as { values: readonly string[] }).values, value) + f.close;
    case KIND.flags:
      return open + flagList((f.type as { values: readonly string[] }).values, value) + f.close;
    case KIND.polymorphic: {
      if (typeof value !== "object" || Array.isArray(value)) throw new EncodeFailure(`expected an object (${f.type.name})`);
      const declared = f.type as RecordType;
      const tag = (value as { $type?: unknown }).$type;
      if (tag === undefined || tag === declared.tag) return recordElement(open, declared, value as object, f.ns, f.close);
      const t = typeof tag === "string" ? declared.family.byTag.get(tag) : undefined;
      if (!t)
        throw new EncodeFailure(
          `$type ${JSON.stringify(tag)} is not ${declared.tag} or a type derived from it (${[...declared.family.byTag.keys()].join(", ")})`,
        );
      // A derived type goes with its name (xsi:type) and all its members, base members first.
      return recordElement(typedOpen(open, t), t, value as object, f.ns, f.close);
    }
    case KIND.any: {
      const tag = typeof value === "object" && value !== null ? (value as { $type?: unknown }).$type : undefined;
      if (typeof tag === "string") {
        const t = registeredRecord(tag);
        if (!t) throw new EncodeFailure(`$type ${JSON.stringify(tag)} names no type of this service`);
        return recordElement(typedOpen(open, t), t, value as object, f.ns, f.close);
      }
      const [type, text] = anyValue(value);
      return `${open.slice(0, -1)} xsi:type="xs:${type}">${text}${f.close}`;
    }
    default: {
      const t = f.type;
      // A SOAP-encoded array's start tag says its items' type and count (runtime/encoded.ts).
      return (t.kind === "array" && t.encoded !== undefined ? t.encoded.start(open, t, value) : open) + content(t, value, f.ns) + f.close;
    }
  }
}

export function scalar(t: ScalarType, v: unknown): string {
  let text: string;
  try {
    text = t.codec.encode(v);
  } catch (e) {
    throw new EncodeFailure((e as Error).message);
  }
  if (!t.codec.escape || !NEEDS_CARE.test(text)) return text;
  if (notXml(text)) throw new EncodeFailure("the string holds a character XML cannot carry (a control character, U+FFFE/U+FFFF or a lone surrogate)");
  return escapeText(text);
}

/** Arrays and dictionaries. */
function content(t: SoapType, v: unknown, ns: string): string {
  if (t.kind === "array") {
    if (!Array.isArray(v)) throw new EncodeFailure(`expected an array (${t.name})`);
    let s = "";
    for (let i = 0; i < v.length; i++) {
      try {
        s += element(t.item, v[i], ns);
      } catch (e) {
        throw e instanceof EncodeFailure ? e.at(`[${i}]`) : e;
      }
    }
    return s;
  }
  if (t.kind === "dictionary") return dictionary(t, v, ns);
  throw new EncodeFailure(`internal: no encoder for ${t.kind}`);
}

function dictionary(t: DictionaryType, v: unknown, ns: string): string {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new EncodeFailure(`expected an object of key/value pairs (${t.name})`);
  const entryOpen = t.key.ns === ns ? t.entry : `${t.entry} xmlns="${t.key.ns}"`;
  const keyType = t.key.type;
  let s = "";
  for (const k of Object.keys(v)) {
    try {
      // Keys are strings on the JS side; a typed key (int, dateTime) is read back from its text.
      let key: unknown = k;
      if (keyType.kind === "scalar") {
        try {
          key = keyType.codec.decode(k);
        } catch (e) {
          throw new EncodeFailure(`key ${JSON.stringify(k)}: ${(e as Error).message}`);
        }
      }
      s += `<${entryOpen}>${element(t.key, key, t.key.ns)}${element(t.value, (v as Record<string, unknown>)[k], t.key.ns)}</${t.entry}>`;
    } catch (e) {
      throw e instanceof EncodeFailure ? e.at(`[${JSON.stringify(k)}]`) : e;
    }
  }
  return s;
}

/** A member's value. One named like an inherited property (`constructor`, `__proto__`) is data only as the object's own property. */
export const member = (obj: Record<string, unknown>, f: Field): unknown => (f.inherited ? ownValue(obj, f.key) : obj[f.key]);
export const ownValue = (obj: object, key: string): unknown => Object.getOwnPropertyDescriptor(obj, key)?.value;

/** An element of a record type: its start tag (with any attributes), content and end tag. */
function recordElement(open: string, t: RecordType, v: object, ns: string, close: string): string {
  // Attributes, text and xs:any are in runtime/content.ts, which only such types name.
  return (t.content === undefined ? open + members(t, v, ns) : t.content.write(open, t, v, ns)) + close;
}

/**
 * A record's child elements, in schema order; `write` is how each is written (rpc/encoded adds
 * xsi:type). A content model that is not a plain sequence is walked by runtime/particles.ts.
 */
export function members(t: RecordType, v: object, ns: string, write: ElementWriter = element): string {
  if (t.model !== undefined) return t.model.write(v, ns, write);
  let s = "";
  const obj = v as Record<string, unknown>;
  const fields = t.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const value = member(obj, f);
    if (value === undefined) {
      if (f.optional) continue;
      throw new EncodeFailure(`required member ${f.key} is missing`).at(`/${f.key}`);
    }
    try {
      if (!f.repeated) s += write(f, value, ns);
      else s += repeated(f, value, ns, write);
    } catch (e) {
      throw e instanceof EncodeFailure ? e.at(`/${f.key}`) : e;
    }
  }
  return s;
}

export type ElementWriter = (f: Field, value: unknown, ns: string) => string;

/** maxOccurs > 1: one element per item of the array, in place. */
export function repeated(f: Field, value: unknown, ns: string, write: ElementWriter): string {
  if (!Array.isArray(value)) throw new EncodeFailure(`expected an array (${f.name} may occur more than once)`);
  if (value.length === 0 && !f.optional) throw new EncodeFailure(`at least one ${f.name} is required`);
  let s = "";
  for (let i = 0; i < value.length; i++) {
    try {
      s += write(f, value[i], ns);
    } catch (e) {
      throw e instanceof EncodeFailure ? e.at(`[${i}]`) : e;
    }
  }
  return s;
}

/** xs:anyType carries its type on the wire as xsi:type; it is inferred from the JS value. */
function anyValue(value: unknown): [type: string, text: string] {
  switch (typeof value) {
    case "string":
      if (notXml(value)) throw new EncodeFailure("the string holds a character XML cannot carry");
      return ["string", escapeText(value)];
    case "boolean":
      return ["boolean", value ? "true" : "false"];
    case "bigint":
      return ["long", String(value)];
    case "number":
      if (Number.isInteger(value) && Math.abs(value) <= 2147483647) return ["int", String(value)];
      return ["double", Number.isFinite(value) ? String(value) : value > 0 ? "INF" : value < 0 ? "-INF" : "NaN"];
    default:
      throw new EncodeFailure("an xs:anyType value must be a string, number, bigint, boolean, null or an object with the $type of a generated type");
  }
}

export function enumValue(values: readonly string[], v: unknown): string {
  if (typeof v !== "string" || !values.includes(v)) throw new EncodeFailure(`${JSON.stringify(v)} is not one of ${values.join(", ")}`);
  return v;
}

export function flagList(values: readonly string[], v: unknown): string {
  if (!Array.isArray(v)) throw new EncodeFailure("expected an array of flag names");
  for (const x of v) enumValue(values, x);
  return v.join(" ");
}
