// Issue 23's experiment, built: a decoder that does less per byte. It reads a response straight
// from the string by the operation's descriptors, as runtime/decode.ts does, but without the
// tokenizer: no Tag objects, no attribute arrays, names compared in place, text sliced only where
// a value is kept. It is correct for what it reads (end tags matched, namespaces resolved through
// the declarations in scope, xsi:nil, the required members) and gives up (undefined) on anything
// else: entities, comments, CDATA, processing instructions, xsi:type, attributes other than
// namespace declarations and xsi:nil, unknown or repeated members, headers, faults. A shipped
// version would fall back to the full decoder there. Measured against the shipped decoder and
// JSON.parse in bench/run.ts; not part of the runtime.
import { KIND, type ArrayType, type DictionaryType, type Field, type OperationInfo, type RecordType, type ScalarType } from "../runtime/schema.js";
import { setKey } from "../runtime/xml-reader.js";

const SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const LT = 60;
const GT = 62;
const SLASH = 47;
const COLON = 58;

class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};
/** XML whitespace, by char code. */
export const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

class Fused {
  i = 0;
  /** The scope: the default namespace and the prefixes, replaced (never changed) where an element declares one. */
  def = "";
  pre: Record<string, string> = Object.create(null) as Record<string, string>;
  /** What the last start tag said. */
  local = "";
  uri = "";
  qname = "";
  empty = false;
  nil = false;
  depth = 0;

  constructor(readonly s: string) {}

  skipSpace(): void {
    const s = this.s;
    while (isSpace(s.charCodeAt(this.i))) this.i++;
  }

  /** Whether the last start tag was `{uri}local` with content. */
  at(local: string, uri: string): boolean {
    return this.local === local && this.uri === uri && !this.empty;
  }

  /** At `</`? */
  atEnd(): boolean {
    return this.s.charCodeAt(this.i) === LT && this.s.charCodeAt(this.i + 1) === SLASH;
  }

  /** Reads the start tag at `i`, declaring what it declares in the scope (the caller restores it). */
  start(): void {
    const s = this.s;
    if (s.charCodeAt(this.i) !== LT) giveUp();
    if (++this.depth > 256) giveUp();
    let j = this.i + 1;
    const from = j;
    let colon = -1;
    for (let c = s.charCodeAt(j); c !== GT && c !== SLASH && !isSpace(c); c = s.charCodeAt(++j)) {
      if (j >= s.length || c === 33 || c === 63 || c === LT) giveUp(); // "!" "?" or no end: comments, CDATA, PIs
      if (c === COLON) colon = j;
    }
    const qname = s.slice(from, j);
    let nil = false;
    let nilPrefix: string | undefined;
    for (;;) {
      while (isSpace(s.charCodeAt(j))) j++;
      const c = s.charCodeAt(j);
      if (c === GT || c === SLASH) break;
      const eq = s.indexOf("=", j);
      if (eq === -1) giveUp();
      const name = s.slice(j, eq).trim();
      const q = s.charCodeAt(eq + 1);
      if (q !== 34 && q !== 39) giveUp();
      const end = s.indexOf(q === 34 ? '"' : "'", eq + 2);
      if (end === -1) giveUp();
      const value = s.slice(eq + 2, end);
      if (value.includes("&") || value.includes("<")) giveUp();
      if (name === "xmlns") this.def = value;
      else if (name.startsWith("xmlns:")) {
        this.pre = Object.assign(Object.create(null) as Record<string, string>, this.pre);
        this.pre[name.slice(6)] = value;
      } else if (name.endsWith(":nil")) {
        nilPrefix = name.slice(0, -4);
        nil = value === "true" || value === "1";
        if (!nil && value !== "false" && value !== "0") giveUp();
      } else giveUp();
      j = end + 1;
    }
    // Prefixes are resolved once the whole tag is read: it may declare them after using them.
    if (nilPrefix !== undefined && this.pre[nilPrefix] !== XSI) giveUp();
    this.empty = s.charCodeAt(j) === SLASH;
    if (this.empty && s.charCodeAt(++j) !== GT) giveUp();
    this.i = j + 1;
    this.qname = qname;
    this.nil = nil;
    if (colon === -1) {
      this.local = qname;
      this.uri = this.def;
    } else {
      this.local = qname.slice(colon - from + 1);
      const uri = this.pre[qname.slice(0, colon - from)];
      if (uri === undefined) giveUp();
      this.uri = uri!;
    }
  }

  /** The end tag of the element `qname`, whose content was read. */
  end(qname: string): void {
    const s = this.s;
    const i = this.i;
    if (s.charCodeAt(i) !== LT || s.charCodeAt(i + 1) !== SLASH || !s.startsWith(qname, i + 2)) giveUp();
    let j = i + 2 + qname.length;
    while (isSpace(s.charCodeAt(j))) j++;
    if (s.charCodeAt(j) !== GT) giveUp();
    this.i = j + 1;
    this.depth--;
  }

  /** An element's text, up to its end tag (no child element, no entity). */
  text(): string {
    const s = this.s;
    const lt = s.indexOf("<", this.i);
    if (lt === -1 || s.charCodeAt(lt + 1) !== SLASH) giveUp();
    const text = s.slice(this.i, lt);
    if (text.includes("&") || text.includes("]]>")) giveUp();
    this.i = lt;
    return text;
  }

  /** The content and end tag of the element just started, as member `f`. */
  value(f: Field): unknown {
    const qname = this.qname;
    if (this.nil) {
      if (!this.empty) this.end(qname);
      else this.depth--;
      return null;
    }
    let v: unknown;
    switch (f.code) {
      case KIND.scalar: {
        const text = this.empty ? "" : this.text();
        try {
          v = (f.type as ScalarType).codec.decode(text);
        } catch {
          return giveUp();
        }
        break;
      }
      case KIND.enum:
        v = this.empty ? "" : this.text().trim();
        break;
      case KIND.flags: {
        const text = this.empty ? "" : this.text().trim();
        v = text === "" ? [] : text.split(/\s+/);
        break;
      }
      case KIND.record:
      case KIND.polymorphic:
        return this.record(f.type as RecordType, f.code === KIND.polymorphic);
      case KIND.array:
        return this.array(f.type as ArrayType);
      case KIND.dictionary:
        return this.dictionary(f.type as DictionaryType);
      default:
        return giveUp();
    }
    if (this.empty) this.depth--;
    else this.end(qname);
    return v;
  }

  /**
   * The start tag of member `f` when it is exactly `<name>` in the default namespace, the
   * common case: compared in place, nothing sliced, no scope to save (it declares nothing).
   */
  plain(f: Field): boolean {
    if (f.ns !== this.def || !this.s.startsWith(f.open, this.i)) return false;
    this.i += f.open.length;
    if (++this.depth > 256) giveUp();
    this.qname = f.name;
    this.empty = false;
    this.nil = false;
    return true;
  }

  record(t: RecordType, typed: boolean): Record<string, unknown> {
    if (t.content !== undefined) giveUp();
    const qname = this.qname;
    const out: Record<string, unknown> = typed ? { $type: t.tag } : {};
    const fields = t.fields;
    if (!this.empty) {
      let next = 0;
      for (;;) {
        this.skipSpace();
        if (this.atEnd()) break;
        let f: Field | undefined = fields[next];
        if (f !== undefined && this.plain(f)) next++;
        else {
          const def = this.def;
          const pre = this.pre;
          this.start();
          if (f !== undefined && f.name === this.local) next++;
          else {
            f = t.byName.get(this.local);
            if (f === undefined) return giveUp();
            next = fields.indexOf(f) + 1;
          }
          if (f.ns !== this.uri && !t.anyNs) giveUp();
          this.store(out, f);
          this.def = def;
          this.pre = pre;
          continue;
        }
        this.store(out, f);
      }
      this.end(qname);
    } else this.depth--;
    for (const r of t.required) if (out[r.key] === undefined) giveUp();
    return fields.length > 16 ? { ...out } : out;
  }

  store(out: Record<string, unknown>, f: Field): void {
    if (f.repeated) ((out[f.key] ??= []) as unknown[]).push(this.value(f));
    else {
      if (f.inherited || out[f.key] !== undefined) giveUp();
      out[f.key] = this.value(f);
    }
  }

  array(t: ArrayType): unknown[] {
    if (t.encoded !== undefined) giveUp();
    const qname = this.qname;
    const out: unknown[] = [];
    if (!this.empty) {
      const item = t.item;
      for (;;) {
        this.skipSpace();
        if (this.atEnd()) break;
        if (this.plain(item)) out.push(this.value(item));
        else {
          const def = this.def;
          const pre = this.pre;
          this.start();
          if (this.local !== item.name || this.uri !== item.ns) giveUp();
          out.push(this.value(item));
          this.def = def;
          this.pre = pre;
        }
      }
      this.end(qname);
    } else this.depth--;
    return out;
  }

  dictionary(t: DictionaryType): Record<string, unknown> {
    const qname = this.qname;
    const out: Record<string, unknown> = {};
    if (!this.empty) {
      for (;;) {
        this.skipSpace();
        if (this.atEnd()) break;
        const def = this.def;
        const pre = this.pre;
        this.start();
        if (this.local !== t.entry || this.uri !== t.key.ns) giveUp();
        const entry = this.qname;
        let key: unknown;
        let value: unknown;
        if (!this.empty) {
          for (;;) {
            this.skipSpace();
            if (this.atEnd()) break;
            if (this.plain(t.key)) key = this.value(t.key);
            else if (this.plain(t.value)) value = this.value(t.value);
            else {
              const d = this.def;
              const p = this.pre;
              this.start();
              if (this.local === t.key.name && this.uri === t.key.ns) key = this.value(t.key);
              else if (this.local === t.value.name && this.uri === t.value.ns) value = this.value(t.value);
              else giveUp();
              this.def = d;
              this.pre = p;
            }
          }
          this.end(entry);
        } else this.depth--;
        if (key === undefined || key === null) giveUp();
        setKey(out, String(key), value);
        this.def = def;
        this.pre = pre;
      }
      this.end(qname);
    } else this.depth--;
    return out;
  }
}

/** The response wrapper's members, or undefined where this decoder gives up (the full decoder then reads it). */
export function fusedDecode(xml: string, op: OperationInfo): Record<string, unknown> | undefined {
  const out = op.output;
  if (out.bare) return undefined;
  const r = new Fused(xml);
  try {
    r.skipSpace();
    r.start();
    const env = r.qname;
    const envNs = r.uri;
    if (!r.at("Envelope", SOAP11) && !r.at("Envelope", SOAP12)) return undefined;
    r.skipSpace();
    r.start();
    // A Header (or a Fault in the Body) is left to the full decoder.
    if (!r.at("Body", envNs)) return undefined;
    const bodyTag = r.qname;
    r.skipSpace();
    r.start();
    if (!r.at(out.body.name, out.body.ns)) return undefined;
    const body = r.record(out.body, false);
    r.skipSpace();
    r.end(bodyTag);
    r.skipSpace();
    r.end(env);
    r.skipSpace();
    return r.i === xml.length ? body : undefined;
  } catch (e) {
    if (e instanceof GiveUp) return undefined;
    throw e;
  }
}
