// A pull reader over an XML document in a string, or in consecutive pieces of one (xmlPieces):
// what the decoder (decode.ts) reads SOAP responses with, knowing XML only. It is
// namespace-aware (every prefix resolved through the declarations in scope), strict about
// well-formedness, refuses DOCTYPE (so no entity is ever expanded) and processing instructions,
// and bounds nesting depth. Callers drive it element by element: startTag, then the content
// (text, or child elements), then endTag.

export const XML_NS = "http://www.w3.org/XML/1998/namespace";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";

/** Why a document was refused, and where: the path of the elements open at the time. */
export class DecodeFailure extends Error {
  constructor(
    readonly reason: string,
    readonly path: string,
  ) {
    super(reason);
  }
}

// Character codes the scanner compares against.
export const LT = 60; // <
const GT = 62; // >
export const SLASH = 47; // /
const EQ = 61; // =
const QUOT = 34; // "
const APOS = 39; // '
const BANG = 33; // !
const QUESTION = 63; // ?
const AMP = 38; // &

export const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** Namespace declarations in scope: prefix -> URI ("" is the default namespace). */
type Scope = Record<string, string>;
// Never written to: each declaring tag gets a scope of its own (a copy of the outer one, or one whose prototype it is).
const ROOT_SCOPE: Scope = Object.assign(Object.create(null) as Scope, { xml: XML_NS, "": "" });

/** A start tag as read: its name split at the prefix, its attributes, and whether it was `<x/>`. */
export interface Tag {
  qname: string;
  local: string;
  uri: string;
  /** Flat list: name, value, name, value, ... (most tags have none). */
  attrs: string[];
  empty: boolean;
  /** The scope that was in force before this tag's own declarations, and its size. */
  outer: Scope;
  outerSize: number;
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

// No prototype: `&constructor;` must be an undefined entity, not Object.prototype.constructor.
const ENTITIES: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" });

const END_OF_DOC = "unexpected end of document";
const END_IN_TAG = `${END_OF_DOC} in a start tag`;

/** Bytes per piece: under V8's 128 KB young large-object line even when every character takes two bytes. */
const PIECE = 48 * 1024;

/**
 * UTF-8 bytes decoded as consecutive strings, each cut just before a `<`, so that no string is
 * over 128 KB: on V8 each bigger one costs about a millisecond to allocate, more than decoding a
 * 160 KB response. A text run longer than a piece with no `<` stays whole. Throws (TextDecoder's
 * TypeError) on invalid UTF-8.
 */
export function xmlPieces(bytes: Uint8Array): string[] {
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const out: string[] = [];
  let start = 0;
  while (bytes.length - start > PIECE) {
    // `<` is ASCII: never inside a multi-byte sequence, so each piece is valid UTF-8 on its own.
    let cut = bytes.lastIndexOf(LT, start + PIECE);
    if (cut <= start) cut = bytes.indexOf(LT, start + PIECE);
    if (cut === -1) break;
    out.push(utf8.decode(bytes.subarray(start, cut)));
    start = cut;
  }
  out.push(utf8.decode(bytes.subarray(start)));
  return out;
}

export class XmlReader {
  /** Position in the current piece `s`. */
  i = 0;
  /** Where `s` starts in the whole document. */
  base = 0;
  /** `s` is `pieces[p]`. */
  p = 0;
  readonly pieces: string[];
  /** Open elements: tags[0..depth) (pooled by depth: a tag lives until its end tag). */
  depth = 0;
  readonly tags: Tag[] = [];
  scope: Scope = ROOT_SCOPE;
  /** Prefixes declared in `scope` (how many a flat copy of it would take). */
  scopeSize = 2;
  /** The default namespace in scope (scope[""]), kept apart: most elements are unprefixed. */
  dflt = "";
  s: string;

  /**
   * @param namespaces URIs the caller compares with, by value: a declared URI equal to one of them
   *   is replaced by the caller's own string, so its comparisons are pointer comparisons
   */
  constructor(
    xml: string | readonly string[],
    readonly namespaces: ReadonlyMap<string, string>,
    readonly maxDepth: number,
  ) {
    const pieces = typeof xml === "string" ? [xml] : xml.length ? [...xml] : [""];
    if (pieces[0]!.charCodeAt(0) === 0xfeff) pieces[0] = pieces[0]!.slice(1);
    this.pieces = pieces;
    this.s = pieces[0]!;
  }

  /**
   * At the end of the current piece, moves to the next: pieces are cut before a `<`, so between
   * tokens. False when there is none (the end of the document).
   */
  next(): boolean {
    if (this.i < this.s.length || this.p + 1 >= this.pieces.length) return false;
    this.base += this.s.length;
    this.s = this.pieces[++this.p]!;
    this.i = 0;
    return true;
  }

  /**
   * A token that starts at `from` runs past the current piece (a comment or CDATA holding `<`, or
   * malformed markup): `from` onwards joins the rest of the document, and the token is read again
   * from there. All of the rest at once: joining piece by piece would read a long token again
   * for each piece it spans (quadratic in its length).
   */
  join(from: number): boolean {
    const { s, p, pieces } = this;
    if (p + 1 >= pieces.length) return false;
    pieces[p] = s.slice(0, from);
    const rest = s.slice(from) + pieces.slice(p + 1).join("");
    pieces.length = p + 1;
    pieces.push(rest);
    this.s = rest;
    this.p++;
    this.base += from;
    this.i -= from;
    return true;
  }

  fail(reason: string): never {
    throw new DecodeFailure(reason, this.path());
  }

  /** The open elements' local names, `Envelope/Body/...` (the middle left out past 16). */
  path(): string {
    const n = this.tags.slice(0, this.depth).map((t) => t.local);
    return (n.length > 16 ? [...n.slice(0, 6), `…(${n.length - 12} more)…`, ...n.slice(-6)] : n).join("/");
  }

  /** Checks the characters, skips the prolog and reads the root element's start tag. */
  root(expected: string): Tag {
    let offset = 0;
    for (const piece of this.pieces) {
      const bad = NOT_XML_CHAR.exec(piece);
      if (bad)
        this.fail(`character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")} at offset ${offset + bad.index} is not allowed in XML`);
      offset += piece.length;
    }
    this.skipMisc();
    if (this.i >= this.s.length) this.fail(`the document is empty or has no root element; expected ${expected}`);
    if (this.s.charCodeAt(this.i) !== LT) this.fail("text before the root element");
    return this.startTag();
  }

  /** After the root element's end tag: only comments and whitespace may follow. */
  end(root: Tag): void {
    this.skipMisc();
    if (this.i < this.s.length) this.fail(`content after the end of <${root.qname}>`);
  }

  /** Skips whitespace, comments and processing instructions; stops at the next tag or text. */
  skipMisc(): void {
    for (;;) {
      const s = this.s;
      let i = this.i;
      while (i < s.length && isSpace(s.charCodeAt(i))) i++;
      this.i = i;
      if (this.next()) continue;
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
    if (end === -1) {
      if (this.join(this.i)) return this.skipComment();
      this.fail("unterminated comment");
    }
    if (this.s.lastIndexOf("--", end - 1) > this.i + 3) this.fail('"--" is not allowed inside a comment');
    this.i = end + 3;
  }

  skipPI(): void {
    const end = this.s.indexOf("?>", this.i + 2);
    if (end === -1) {
      if (this.join(this.i)) return this.skipPI();
      this.fail("unterminated processing instruction");
    }
    const target = /^[^\s?]*/.exec(this.s.slice(this.i + 2, end))![0];
    if (target.toLowerCase() === "xml") {
      if (this.base + this.i !== 0) this.fail("the XML declaration must come first");
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
    if (i >= s.length) return this.more(END_IN_TAG);
    const qname = s.slice(nameStart, i);
    if (qname === "" || colon === nameStart || colon === i - 1) this.fail(`invalid element name "${qname}"`);
    let attrs: string[] = NO_ATTRS;
    let names: Set<string> | undefined;
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
      if (!isSpace(c)) {
        if (i >= s.length) return this.more(END_IN_TAG);
        this.fail(`expected whitespace, ">" or "/>" in <${qname}>`);
      }
      while (isSpace(s.charCodeAt(i))) i++;
      const a = s.charCodeAt(i);
      if (a === GT || a === SLASH) continue;
      if (i >= s.length) return this.more(END_IN_TAG);
      const attrStart = i;
      while (i < s.length) {
        const d = s.charCodeAt(i);
        if (d === EQ || isSpace(d) || d === GT || d === SLASH || d === LT || d === QUOT || d === APOS) break;
        i++;
      }
      const name = s.slice(attrStart, i);
      if (!ATTR_NAME.test(name)) this.fail(`invalid attribute name "${name}" on <${qname}>`);
      while (isSpace(s.charCodeAt(i))) i++;
      if (i >= s.length) return this.more(END_IN_TAG);
      if (name === "" || s.charCodeAt(i) !== EQ) this.fail(`attribute ${name || "(no name)"} of <${qname}> has no value`);
      i++;
      while (isSpace(s.charCodeAt(i))) i++;
      if (i >= s.length) return this.more(END_IN_TAG);
      const quote = s.charCodeAt(i);
      if (quote !== QUOT && quote !== APOS) this.fail(`the value of attribute ${name} of <${qname}> must be quoted`);
      const end = s.indexOf(quote === QUOT ? '"' : "'", i + 1);
      if (end === -1) return this.more(`unterminated value of attribute ${name} of <${qname}>`);
      const raw = s.slice(i + 1, end);
      if (raw.includes("<")) this.fail(`"<" in the value of attribute ${name} of <${qname}>`);
      // Few attributes: a scan; many (hostile): a set, so a tag's attributes cost linear time.
      if (attrs.length < 32) {
        for (let k = 0; k < attrs.length; k += 2) if (attrs[k] === name) this.fail(`attribute ${name} appears twice on <${qname}>`);
      } else {
        if (names === undefined) {
          names = new Set<string>();
          for (let k = 0; k < attrs.length; k += 2) names.add(attrs[k]!);
        }
        if (names.has(name)) this.fail(`attribute ${name} appears twice on <${qname}>`);
        names.add(name);
      }
      if (attrs === NO_ATTRS) attrs = [];
      attrs.push(name, this.attrValue(raw));
      if (name === "xmlns" || name.startsWith("xmlns:")) declares = true;
      i = end + 1;
    }
    this.i = i;
    const outer = this.scope;
    const outerSize = this.scopeSize;
    if (declares) {
      // A small scope is copied flat, so lookups stay one step however deep the declarations
      // nest; a large one (hostile: thousands of prefixes) is the prototype of the inner one, so
      // no element copies it. The chain is as long as the nesting at most (maxDepth).
      let inner: Scope;
      // (Sizes only grow inwards, so a scope copied flat always comes from a flat one: own properties are all of it.)
      if (outerSize <= 32) inner = Object.assign(Object.create(null), outer) as Scope;
      else inner = Object.create(outer) as Scope;
      let size = outerSize;
      for (let k = 0; k < attrs.length; k += 2) {
        const n = attrs[k]!;
        const v = attrs[k + 1]!;
        const uri = this.namespaces.get(v) ?? v;
        if (n === "xmlns") inner[""] = uri;
        else if (n.startsWith("xmlns:")) {
          if (v === "") this.fail(`prefix ${n.slice(6)} cannot be undeclared (xmlns:${n.slice(6)}="")`);
          inner[n.slice(6)] = uri;
          size++;
        }
      }
      this.scope = inner;
      this.scopeSize = size;
      this.dflt = inner[""]!;
    }
    for (let k = 0; k < attrs.length; k += 2) {
      const n = attrs[k]!;
      const c = n.indexOf(":");
      if (c !== -1 && !n.startsWith("xmlns:") && this.scope[n.slice(0, c)] === undefined)
        this.fail(`unbound namespace prefix "${n.slice(0, c)}" on attribute ${n} of <${qname}>`);
    }
    const prefix = colon === -1 ? "" : qname.slice(0, colon - nameStart);
    const local = colon === -1 ? qname : qname.slice(colon - nameStart + 1);
    const uri = colon === -1 ? this.dflt : this.scope[prefix];
    if (uri === undefined) this.fail(`unbound namespace prefix "${prefix}" on <${qname}>`);
    if (this.depth >= this.maxDepth) this.fail(`elements nest deeper than ${this.maxDepth}`);
    let tag = this.tags[this.depth];
    if (tag === undefined) this.tags.push((tag = { qname, local, uri, attrs, empty, outer, outerSize }));
    else {
      tag.qname = qname;
      tag.local = local;
      tag.uri = uri;
      tag.attrs = attrs;
      tag.empty = empty;
      tag.outer = outer;
      tag.outerSize = outerSize;
    }
    this.depth++;
    return tag;
  }

  /** A start tag runs past the current piece: read it again joined to the next, or fail. */
  more(why: string): Tag {
    if (this.join(this.i)) return this.startTag();
    this.fail(why);
  }

  /** Closes the element `tag` opened: consumes `</qname>` (unless it was `<x/>`). */
  endTag(tag: Tag): void {
    if (!tag.empty) {
      const s = this.s;
      const i = this.i;
      if (s.charCodeAt(i) !== LT || s.charCodeAt(i + 1) !== SLASH)
        this.fail(i >= s.length ? `unexpected end of document: <${tag.qname}> is not closed` : `expected </${tag.qname}>`);
      let k = i + 2 + tag.qname.length;
      if (!s.startsWith(tag.qname, i + 2)) {
        // The text quoted may run into the next piece.
        if (k + 1 > s.length && this.join(i)) return this.endTag(tag);
        this.fail(`expected </${tag.qname}>, found ${JSON.stringify(s.slice(i, k + 1))}`);
      }
      while (isSpace(s.charCodeAt(k))) k++;
      if (s.charCodeAt(k) !== GT) this.fail(`expected </${tag.qname}>`);
      this.i = k + 1;
    }
    if (this.scope !== tag.outer) {
      this.scope = tag.outer;
      this.scopeSize = tag.outerSize;
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
    let out = "";
    for (;;) {
      const s = this.s;
      const lt = s.indexOf("<", this.i);
      if (lt === -1) {
        // Pieces are cut before a `<`: the text goes on to the end of this one.
        if (this.p + 1 >= this.pieces.length) this.fail("unexpected end of document in text");
        out += this.chars(s.slice(this.i));
        this.i = s.length;
        this.next();
        continue;
      }
      if (lt > this.i) out += this.chars(s.slice(this.i, lt));
      this.i = lt;
      const next = s.charCodeAt(lt + 1);
      if (next === SLASH) return out;
      if (next === BANG && s.startsWith("<![CDATA[", lt)) {
        const end = s.indexOf("]]>", lt + 9);
        if (end === -1) {
          if (this.join(lt)) continue;
          this.fail("unterminated CDATA section");
        }
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
    const t = this.s;
    if (this.i >= t.length) this.fail(END_OF_DOC);
    // Text (or CDATA) where elements are expected: read past it (tolerated, as WCF tolerates it).
    if (t.charCodeAt(this.i) !== LT || t.startsWith("<![CDATA[", this.i)) this.text();
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

  /** The value of the attribute `{ns}local` on a start tag just read (its prefix resolved in scope). */
  attr(tag: Tag, ns: string, local: string): string | undefined {
    const a = tag.attrs;
    for (let k = 0; k < a.length; k += 2) {
      const name = a[k]!;
      const colon = name.indexOf(":");
      if (colon === -1 || name.slice(colon + 1) !== local) continue;
      if (this.scope[name.slice(0, colon)] === ns) return a[k + 1];
    }
    return undefined;
  }

  /** A generic element tree (fault details): element names to text, null (xsi:nil) or nested objects; a name twice, an array. */
  tree(tag: Tag): string | null | Record<string, unknown> {
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
          if (Array.isArray(prev)) prev.push(v);
          else setKey(obj, child.local, [prev, v]);
        } else setKey(obj, child.local, v);
      }
    }
    this.endTag(tag);
    if (obj === undefined && text.trim() === "") {
      // WCF writes each null member of a fault's detail as <X i:nil="true"/>: null, not "".
      const nil = tag.attrs.length === 0 ? undefined : this.attr(tag, XSI, "nil");
      if (nil === "true" || nil === "1") return null;
    }
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

/** The document from position `at` (the reader's `base + i` then) to where the reader is now. */
export function textSince(r: XmlReader, at: number): string {
  const { pieces } = r;
  let k = r.p;
  let start = r.base;
  while (start > at) start -= pieces[--k]!.length;
  let out = "";
  for (; k < r.p; k++) {
    out += pieces[k]!.slice(Math.max(0, at - start));
    start += pieces[k]!.length;
  }
  return out + r.s.slice(Math.max(0, at - r.base), r.i);
}
