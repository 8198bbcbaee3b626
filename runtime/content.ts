// What a record has beyond child elements: attributes (declared, and xs:anyAttribute's) and text
// (simple content). Generated descriptors name these hooks (`content: extendedContent`) only for
// types whose schema has such content, so a client whose types are all plain elements
// (Services88's) bundles none of this. Open content (xs:any) and mixed content are content
// models (runtime/particles.ts).
import { EncodeFailure, enumValue, escapeText, flagList, member, members, scalar, XSI_NS } from "./encode.js";
import type { Decoder } from "./decode.js";
import type { ContentHooks, Field, RecordType, SoapType } from "./schema.js";
import { setKey, type Tag } from "./xml-reader.js";

export const extendedContent: ContentHooks = {
  write(open, t, v, ns) {
    const obj = v as Record<string, unknown>;
    let s = startTag(open, t, obj);
    const text = t.text;
    if (text !== undefined) {
      const value = obj[text.key];
      if (value === undefined || value === null) {
        if (!text.optional) throw new EncodeFailure(`the element's text (${text.key}) is missing`).at(`/${text.key}`);
      } else
        try {
          s += simpleText(text, value);
        } catch (e) {
          throw e instanceof EncodeFailure ? e.at(`/${text.key}`) : e;
        }
    }
    return s + members(t, v, ns);
  },

  read(r, t, tag, out) {
    if (t.attributes.length !== 0) attributes(r, t, tag, out);
    if (t.openAttributes && tag.attrs.length !== 0) openAttributes(r, t, tag, out);
    const text = t.text;
    // Simple content: the text is the value; mixed content is read by its content model.
    if (text === undefined || t.fields.length !== 0 || t.model !== undefined) return false;
    const value = tag.empty ? "" : r.simpleContent(tag);
    if (value !== "" || text.type.kind !== "scalar" || text.type.codec.escape) out[text.key] = simple(r, text.type, value);
    return true;
  },
};

/** The text of a simple-typed value (element text or attribute value), not yet escaped for an attribute. */
function simpleText(f: Field, value: unknown): string {
  const t = f.type;
  if (t.kind === "scalar") return scalar(t, value);
  if (t.kind === "enum") return t.flags ? flagList(t.values, value) : enumValue(t.values, value);
  throw new EncodeFailure(`${t.name} is not a simple type`);
}

/** Text already escaped for element content, made fit for a quoted attribute (quotes, and tabs and newlines kept as such). */
const attributeText = (s: string) => s.replace(ATTR_ESCAPE, (c) => ATTR_REFS[c]!);
const ATTR_ESCAPE = /["\t\n]/g;
const ATTR_REFS: Record<string, string> = { '"': "&quot;", "\t": "&#x9;", "\n": "&#xA;" };

/** The start tag with the record's attributes added (qualified ones with a prefix of their own). */
function startTag(open: string, t: RecordType, obj: Record<string, unknown>): string {
  const attributes = t.attributes;
  let s = t.openAttributes && obj["$attributes"] !== undefined ? encodeOpenAttributes(obj["$attributes"]) : "";
  for (let i = 0; i < attributes.length; i++) {
    const a = attributes[i]!;
    const value = member(obj, a);
    if (value === undefined || value === null) {
      if (a.optional) continue;
      throw new EncodeFailure(`required attribute ${a.name} is missing`).at(`/${a.key}`);
    }
    let text: string;
    try {
      text = attributeText(simpleText(a, value));
    } catch (e) {
      throw e instanceof EncodeFailure ? e.at(`/${a.key}`) : e;
    }
    s += a.ns === "" ? ` ${a.name}="${text}"` : ` xmlns:a${i}="${a.ns}" a${i}:${a.name}="${text}"`;
  }
  return s === "" ? open : open.slice(0, -1) + s + ">";
}

/** Attributes the schema leaves open (xs:anyAttribute), by name or `{ns}name`, each a string. */
function encodeOpenAttributes(v: unknown): string {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new EncodeFailure("expected an object of attribute names to strings").at("/$attributes");
  let s = "";
  let n = 0;
  for (const [k, value] of Object.entries(v)) {
    if (typeof value !== "string") throw new EncodeFailure(`attribute ${k}: expected a string`).at("/$attributes");
    const text = attributeText(escapeText(value));
    const q = /^\{([^}]*)\}(.+)$/.exec(k);
    const local = q ? q[2]! : k;
    if (!/^[A-Za-z_][\w.-]*$/.test(local))
      throw new EncodeFailure(`${JSON.stringify(k)} is not an attribute name (name or {namespace}name)`).at("/$attributes");
    s += q ? ` xmlns:o${n}="${attributeText(escapeText(q[1]!))}" o${n++}:${local}="${text}"` : ` ${k}="${text}"`;
  }
  return s;
}

/** The record's attributes, from its start tag; attributes the schema does not define are read past. */
function attributes(r: Decoder, t: RecordType, tag: Tag, out: Record<string, unknown>): void {
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
    } else text = r.attr(tag, a.ns, a.name);
    if (text === undefined) {
      if (!a.optional) r.fail(`required attribute ${a.name} of ${t.name} is missing`);
      continue;
    }
    setKey(out, a.key, simple(r, a.type, text));
  }
}

/** Attributes the schema leaves open (xs:anyAttribute): by name, or `{ns}name` when qualified; declarations and xsi: are not data. */
function openAttributes(r: Decoder, t: RecordType, tag: Tag, out: Record<string, unknown>): void {
  let open: Record<string, string> | undefined;
  for (let k = 0; k < tag.attrs.length; k += 2) {
    const name = tag.attrs[k]!;
    if (name === "xmlns" || name.startsWith("xmlns:")) continue;
    const colon = name.indexOf(":");
    const ns = colon === -1 ? "" : r.scope[name.slice(0, colon)]!;
    const local = colon === -1 ? name : name.slice(colon + 1);
    if (ns === XSI_NS || t.attributes.some((a) => a.name === local && a.ns === ns)) continue;
    setKey((open ??= {}), ns ? `{${ns}}${local}` : local, tag.attrs[k + 1]!);
  }
  if (open) out["$attributes"] = open;
}

/** An attribute value or simple content as its type. */
function simple(r: Decoder, t: SoapType, text: string): unknown {
  if (t.kind === "enum")
    return t.flags
      ? text.trim() === ""
        ? []
        : text
            .trim()
            .split(/\s+/)
            .map((v) => r.enumValue(t, v))
      : r.enumValue(t, text.trim());
  if (t.kind !== "scalar") return text;
  try {
    return t.codec.decode(text);
  } catch (e) {
    return r.fail((e as Error).message);
  }
}
