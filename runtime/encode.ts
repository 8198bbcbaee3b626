import type { Field, OperationInfo, RecordType, SoapType } from "./schema.js";
import { XS_NS } from "./schema.js";

export const SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/";
export const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

class EncodeFailure extends Error {
  constructor(
    readonly reason: string,
    readonly path: string,
  ) {
    super(reason);
  }
}
export { EncodeFailure };

const ESC = /[&<>\r]/g;
const escapeText = (s: string): string =>
  ESC.test(s) ? s.replace(ESC, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&#xD;")) : s;

/**
 * Builds the SOAP 1.1 envelope for a call. Elements carry their namespace as the default
 * namespace, declared only where it changes, so the body reads as WCF writes it.
 */
export function encodeEnvelope(op: OperationInfo, request: object, headerValues: object): string {
  const headers = headerValues as Readonly<Record<string, unknown>>;
  let s = `<s:Envelope xmlns:s="${SOAP11_ENV}" xmlns:xsi="${XSI_NS}" xmlns:xs="${XS_NS}">`;
  let head = "";
  for (const h of op.input.headers) {
    const v = headers[h.name];
    if (v === undefined) continue;
    head += element(h, v, "", h.name);
  }
  if (head) s += `<s:Header>${head}</s:Header>`;
  const body = op.input.body;
  s += `<s:Body><${body.name} xmlns="${body.ns}">${members(body, request, body.ns, body.name)}</${body.name}></s:Body></s:Envelope>`;
  return s;
}

function element(f: Field, value: unknown, ns: string, path: string): string {
  const open = f.ns === ns ? f.name : `${f.name} xmlns="${f.ns}"`;
  if (value === null) {
    if (!f.nillable) throw new EncodeFailure("null is not allowed here (the element is not nillable)", path);
    return `<${open} xsi:nil="true"/>`;
  }
  if (f.type.kind === "any") {
    const [type, text] = anyValue(value, path);
    return `<${open} xsi:type="xs:${type}">${text}</${f.name}>`;
  }
  return `<${open}>${content(f.type, value, f.ns, path)}</${f.name}>`;
}

function content(t: SoapType, v: unknown, ns: string, path: string): string {
  switch (t.kind) {
    case "scalar": {
      let text: string;
      try {
        text = t.codec.encode(v);
      } catch (e) {
        throw new EncodeFailure((e as Error).message, path);
      }
      return t.codec.escape ? escapeText(text) : text;
    }
    case "enum":
      return t.flags ? flagList(t.values, v, path) : enumValue(t.values, v, path);
    case "record":
      if (typeof v !== "object" || v === null || Array.isArray(v)) throw new EncodeFailure(`expected an object (${t.name})`, path);
      return members(t, v, ns, path);
    case "array": {
      if (!Array.isArray(v)) throw new EncodeFailure(`expected an array (${t.name})`, path);
      let s = "";
      for (let i = 0; i < v.length; i++) s += element(t.item, v[i], ns, `${path}[${i}]`);
      return s;
    }
    case "dictionary": {
      if (typeof v !== "object" || v === null || Array.isArray(v)) throw new EncodeFailure(`expected an object of key/value pairs (${t.name})`, path);
      const entryOpen = t.key.ns === ns ? t.entry : `${t.entry} xmlns="${t.key.ns}"`;
      let s = "";
      const keyType = t.key.type;
      for (const k of Object.keys(v)) {
        // Keys are strings on the JS side; a typed key (int, dateTime) is read back from its text.
        let key: unknown = k;
        if (keyType.kind === "scalar") {
          try {
            key = keyType.codec.decode(k);
          } catch (e) {
            throw new EncodeFailure(`key ${JSON.stringify(k)}: ${(e as Error).message}`, path);
          }
        }
        s += `<${entryOpen}>${element(t.key, key, t.key.ns, `${path}[${k}]`)}${element(t.value, (v as Record<string, unknown>)[k], t.key.ns, `${path}[${k}]`)}</${t.entry}>`;
      }
      return s;
    }
    case "any":
      throw new EncodeFailure("internal: xs:anyType is encoded by element()", path);
  }
}

function members(t: RecordType, v: object, ns: string, path: string): string {
  let s = "";
  const obj = v as Record<string, unknown>;
  for (const f of t.fields) {
    // A member named __proto__ is data only when it is the object's own property.
    const value = f.name === "__proto__" ? Object.getOwnPropertyDescriptor(obj, f.name)?.value : obj[f.name];
    if (value === undefined) {
      if (f.optional) continue;
      throw new EncodeFailure(`required member ${f.name} is missing`, `${path}/${f.name}`);
    }
    s += element(f, value, ns, `${path}/${f.name}`);
  }
  return s;
}

/** xs:anyType carries its type on the wire as xsi:type; it is inferred from the JS value. */
function anyValue(value: unknown, path: string): [type: string, text: string] {
  switch (typeof value) {
    case "string":
      return ["string", escapeText(value)];
    case "boolean":
      return ["boolean", value ? "true" : "false"];
    case "bigint":
      return ["long", String(value)];
    case "number":
      if (Number.isInteger(value) && Math.abs(value) <= 2147483647) return ["int", String(value)];
      return ["double", Number.isFinite(value) ? String(value) : value > 0 ? "INF" : value < 0 ? "-INF" : "NaN"];
    default:
      throw new EncodeFailure("an xs:anyType value must be a string, number, bigint, boolean or null", path);
  }
}

function enumValue(values: readonly string[], v: unknown, path: string): string {
  if (typeof v !== "string" || !values.includes(v)) throw new EncodeFailure(`${JSON.stringify(v)} is not one of ${values.join(", ")}`, path);
  return v;
}

function flagList(values: readonly string[], v: unknown, path: string): string {
  if (!Array.isArray(v)) throw new EncodeFailure("expected an array of flag names", path);
  for (const x of v) enumValue(values, x, path);
  return v.join(" ");
}
