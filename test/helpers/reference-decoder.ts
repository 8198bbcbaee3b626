// The first decoder of the runtime, built on saxes (a well-kept namespace-aware parser). The
// runtime now reads with its own faster pull reader (runtime/decode.ts); this one stays as the
// oracle that differential tests compare it with.
import { SaxesParser, type SaxesTagNS } from "saxes";
import { xsiTypeOf, type DictionaryType, type Field, type OperationInfo, type SoapType, type TypeRegistry } from "../../runtime/schema.js";
import { SOAP11_ENV, XSI_NS } from "../../runtime/encode.js";
import { DecodeFailure, DEFAULT_LIMITS, faultOf, setKey, SOAP12_ENV, type DecodedEnvelope, type DecodeLimits } from "../../runtime/decode.js";

// Frame kinds: where in the envelope we are, and what the element being read is.
const ROOT = 0;
const ENVELOPE = 1;
const HEADER = 2;
const BODY = 3;
const VALUE = 4;
const SKIP = 5;
const TREE = 6;
const ENTRY = 7;

interface Frame {
  k: number;
  /** The element's type (VALUE, ENTRY: the dictionary type). */
  t: SoapType | undefined;
  /** The member of the parent this element fills. */
  f: Field | undefined;
  name: string;
  v: unknown;
  text: string;
  nil: boolean;
  key: unknown;
}

const frame = (k: number, t: SoapType | undefined, f: Field | undefined, name: string, v: unknown): Frame => ({
  k,
  t,
  f,
  name,
  v,
  text: "",
  nil: false,
  key: undefined,
});

/**
 * Decodes a SOAP response envelope straight into plain values, walking the operation's type
 * descriptors as the parser streams tags: no DOM, one pass. Accepts the SOAP 1.1 envelope the
 * binding specifies and also SOAP 1.2's, since SuperOffice's documented examples use it.
 */
export function decodeEnvelope(xml: string, op: OperationInfo, types: TypeRegistry, limits: DecodeLimits = DEFAULT_LIMITS): DecodedEnvelope {
  const parser = new SaxesParser({ xmlns: true });
  const stack: Frame[] = [frame(ROOT, undefined, undefined, "", undefined)];
  let top = stack[0]!;
  let envNs = "";
  let body: Record<string, unknown> | undefined;
  const headers: Record<string, unknown> = {};
  const skipped: string[] = [];
  let faultTree: Record<string, unknown> | undefined;
  const outHeaders = new Map(op.output.headers.map((h) => [`{${h.ns}}${h.name}`, h]));
  const wrapper = op.output.body;

  const path = () => {
    const names = stack.slice(1).map((f) => f.name);
    return (names.length > 16 ? [...names.slice(0, 6), `…(${names.length - 12} more)…`, ...names.slice(-6)] : names).join("/");
  };
  const fail = (reason: string): never => {
    throw new DecodeFailure(reason, path());
  };

  parser.on("error", (e) => fail(e.message.replace(/^undefined:/, "").trim()));
  parser.on("doctype", () => fail("DOCTYPE is not allowed in a SOAP message (entities are never expanded)"));
  parser.on("processinginstruction", (pi) => {
    if (pi.target.toLowerCase() !== "xml") fail(`processing instruction <?${pi.target}?> is not allowed in a SOAP message`);
  });

  /** The type an element is read as: its declared type, or the derived type its xsi:type names. */
  const actualType = (declared: SoapType, tag: SaxesTagNS): SoapType => {
    const a = findXsi(tag, "type");
    if (!a) return declared;
    const value = a.value.trim();
    const colon = value.indexOf(":");
    const ns = parser.resolve(colon === -1 ? "" : value.slice(0, colon));
    if (ns === undefined) return fail(`xsi:type "${value}" uses an undeclared namespace prefix`);
    try {
      return xsiTypeOf(declared, `{${ns}}${value.slice(colon + 1)}`, types);
    } catch (e) {
      return fail((e as Error).message);
    }
  };

  const open = (tag: SaxesTagNS, f: Field): Frame => {
    const nil = findXsi(tag, "nil");
    if (nil && (nil.value === "true" || nil.value === "1")) {
      const fr = frame(VALUE, f.type, f, tag.local!, undefined);
      fr.nil = true;
      return fr;
    }
    const t = actualType(f.type, tag);
    const fr = frame(VALUE, t, f, tag.local!, undefined);
    switch (t.kind) {
      case "record":
        // Members that may hold a derived type, and xs:anyType values, say their type.
        fr.v = (f.type.kind === "record" && f.type.polymorphic) || f.type.kind === "any" ? { $type: t.tag } : {};
        break;
      case "array":
        fr.v = [];
        break;
      case "dictionary":
        fr.v = {};
        break;
      case "enum":
        if (t.flags) fr.v = [];
        break;
    }
    return fr;
  };

  parser.on("opentag", (tag) => {
    if (stack.length > limits.maxDepth) fail(`elements nest deeper than ${limits.maxDepth}`);
    const uri = tag.uri ?? "";
    const local = tag.local!;
    let next: Frame;
    switch (top.k) {
      case ROOT:
        if (local !== "Envelope" || (uri !== SOAP11_ENV && uri !== SOAP12_ENV)) fail(`expected a SOAP Envelope, found <${tag.name}> in namespace "${uri}"`);
        envNs = uri;
        next = frame(ENVELOPE, undefined, undefined, local, undefined);
        break;
      case ENVELOPE:
        if (uri !== envNs || (local !== "Header" && local !== "Body")) fail(`unexpected <${tag.name}> in the Envelope`);
        next = frame(local === "Header" ? HEADER : BODY, undefined, undefined, local, undefined);
        break;
      case HEADER: {
        const h = outHeaders.get(`{${uri}}${local}`);
        next = h ? open(tag, h) : frame(SKIP, undefined, undefined, local, undefined);
        break;
      }
      case BODY:
        if (uri === envNs && local === "Fault") {
          next = frame(TREE, undefined, undefined, local, {});
        } else if (body === undefined && (op.rpc || (uri === wrapper.ns && local === wrapper.name))) {
          next = frame(VALUE, wrapper, undefined, local, {});
        } else {
          return fail(`expected <${wrapper.name}> in namespace ${wrapper.ns}, found <${tag.name}> in namespace "${uri}"`);
        }
        break;
      case VALUE: {
        const t = top.t!;
        if (top.nil) fail('an element with xsi:nil="true" must be empty');
        let f: Field | undefined;
        if (t.kind === "record") f = t.byName.get(local);
        else if (t.kind === "array") f = t.item.name === local ? t.item : undefined;
        else if (t.kind === "dictionary" && local === t.entry) {
          next = frame(ENTRY, t, undefined, local, undefined);
          break;
        }
        // Unknown members are skipped, as WCF does: newer servers may add members.
        if (f && f.ns === uri) next = open(tag, f);
        else {
          next = frame(SKIP, undefined, undefined, local, undefined);
          if (t.kind !== "any") skipped.push(`${path()}/${local}`);
        }
        break;
      }
      case ENTRY: {
        const d = top.t as DictionaryType;
        const f = local === d.key.name ? d.key : local === d.value.name ? d.value : undefined;
        if (f && f.ns === uri) next = open(tag, f);
        else {
          next = frame(SKIP, undefined, undefined, local, undefined);
          skipped.push(`${path()}/${local}`);
        }
        break;
      }
      case TREE:
        next = frame(TREE, undefined, undefined, local, {});
        break;
      default:
        next = frame(SKIP, undefined, undefined, local, undefined);
    }
    stack.push(next);
    top = next;
  });

  parser.on("text", (text) => {
    if (top.k === VALUE || top.k === TREE) top.text += text;
  });

  parser.on("closetag", () => {
    const done = top;
    // Finish while the element is still on the stack, so a failure's path names it.
    const value = done.k === VALUE ? (done.nil ? null : finish(done, fail)) : undefined;
    stack.pop();
    const parent = (top = stack[stack.length - 1]!);
    if (done.k === SKIP || done.k === ENVELOPE || done.k === HEADER || done.k === BODY) return;
    if (done.k === TREE) {
      const value = Object.keys(done.v as object).length ? done.v : done.text.trim();
      if (parent.k === TREE) addTree(parent.v as Record<string, unknown>, done.name, value);
      else faultTree = typeof value === "object" ? (value as Record<string, unknown>) : {};
      return;
    }
    if (done.k === ENTRY) {
      if (done.key === undefined || done.key === null) fail(`dictionary entry without a ${(done.t as DictionaryType).key.name}`);
      // Keys are the lexical form: int and dateTime keys become their text.
      setKey(parent.v as Record<string, unknown>, String(done.key), done.v);
      return;
    }
    const f = done.f;
    if (!f) {
      body = value as Record<string, unknown>;
      return;
    }
    switch (parent.k) {
      case HEADER:
        headers[f.name] = value;
        break;
      case ENTRY:
        if (f === (parent.t as DictionaryType).key) parent.key = value;
        else parent.v = value;
        break;
      default:
        if (Array.isArray(parent.v)) parent.v.push(value);
        else {
          // A member the schema allows once, sent twice: an error, not a silent overwrite.
          if (Object.prototype.hasOwnProperty.call(parent.v, f.name)) fail(`<${f.name}> occurs more than once`);
          setKey(parent.v as Record<string, unknown>, f.name, value);
        }
    }
  });

  parser.write(xml).close();
  if (envNs === "") fail("the response is empty or has no SOAP Envelope");
  if (faultTree) return { body: undefined, headers, fault: faultOf(faultTree, envNs), skipped };
  // An empty Body is a response with nothing in it, when the wrapper has no members.
  if (!body) {
    if (wrapper.fields.length !== 0 || wrapper.model !== undefined) fail(`the Body has no <${wrapper.name}>`);
    body = {};
  }
  return { body, headers, fault: undefined, skipped };
}

function findXsi(tag: SaxesTagNS, local: string) {
  for (const k in tag.attributes) {
    const a = tag.attributes[k]!;
    if (a.local === local && a.uri === XSI_NS) return a;
  }
  return undefined;
}

function finish(fr: Frame, fail: (reason: string) => never): unknown {
  const t = fr.t!;
  switch (t.kind) {
    case "scalar":
      try {
        return t.codec.decode(fr.text);
      } catch (e) {
        return fail((e as Error).message);
      }
    case "enum": {
      const text = fr.text.trim();
      const values = t.flags ? (text === "" ? [] : text.split(/\s+/)) : [text];
      // A value the schema does not list never passes unnoticed.
      for (const v of values) if (!t.values.includes(v)) fail(`${JSON.stringify(v)} is not a value of ${t.name}`);
      return t.flags ? values : text;
    }
    case "any":
      return fr.text;
    case "record":
      for (const f of t.required) if ((fr.v as Record<string, unknown>)[f.name] === undefined) fail(`required member <${f.name}> of ${t.name} is missing`);
      return fr.v;
    default:
      return fr.v;
  }
}

function addTree(obj: Record<string, unknown>, name: string, value: unknown): void {
  if (!Object.prototype.hasOwnProperty.call(obj, name)) return setKey(obj, name, value);
  const prev = obj[name];
  setKey(obj, name, Array.isArray(prev) ? [...prev, value] : [prev, value]);
}
