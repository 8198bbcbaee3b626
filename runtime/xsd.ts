// Codecs for the XSD built-in types, and how each maps to JavaScript (see README, "Type mapping").
import { XS_NS, type AnyType, type ScalarCodec, type ScalarType, type TypeRegistry } from "./schema.js";
import { isSpace } from "./xml-reader.js";

const fail = (what: string, text: string): never => {
  throw new Error(`"${text.length > 40 ? text.slice(0, 40) + "…" : text}" is not a valid ${what}`);
};
const wrongType = (what: string, value: unknown): never => {
  throw new Error(`expected ${what}, got ${value === null ? "null" : Array.isArray(value) ? "array" : typeof value}`);
};

const string: ScalarCodec = {
  escape: true,
  decode: (t) => t,
  encode: (v) => (typeof v === "string" ? v : wrongType("a string", v)),
};

/**
 * Whitespace-collapsed lexical forms kept as strings (exact, no reinterpretation). A type with a
 * lexical pattern is checked both ways: a response's `yesterday` as a dateTime is an error with
 * the path, not a string the caller trusts.
 */
const lexical = (what: string, pattern?: RegExp): ScalarCodec => ({
  escape: true,
  decode: (t) => {
    const s = t.trim();
    return pattern && !pattern.test(s) ? fail(what, t) : s;
  },
  encode: (v) => (typeof v === "string" ? (pattern && !pattern.test(v) ? fail(what, v) : v) : wrongType(`a string (${what})`, v)),
});

// XSD's lexical spaces. Number() and BigInt() alone would take 0x10, 1e3, 0b11, Infinity or "".
/**
 * xs:integer's lexical form (optional sign, digits, XML whitespace around), tested by hand: ints
 * are most of a response's numbers, and a loop over a few characters beats a regex call.
 */
function isIntegerText(t: string): boolean {
  let i = 0;
  let end = t.length;
  while (i < end && isSpace(t.charCodeAt(i))) i++;
  while (end > i && isSpace(t.charCodeAt(end - 1))) end--;
  const sign = t.charCodeAt(i);
  if (sign === 43 || sign === 45) i++;
  if (i >= end) return false;
  for (; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
const DOUBLE = /^\s*([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|-?INF|NaN)\s*$/;

const integer = (what: string, min: number, max: number): ScalarCodec => ({
  escape: false,
  decode: (t) => {
    const n = Number(t);
    return Number.isInteger(n) && n >= min && n <= max && isIntegerText(t) ? n : fail(what, t);
  },
  encode: (v) => (typeof v === "number" && Number.isInteger(v) && v >= min && v <= max ? String(v) : wrongType(`an integer in ${what} range`, v)),
});

const floating = (what: string): ScalarCodec => ({
  escape: false,
  decode: (t) => {
    const s = t.trim();
    if (s === "INF") return Infinity;
    if (s === "-INF") return -Infinity;
    if (s === "NaN") return NaN;
    return DOUBLE.test(s) ? Number(s) : fail(what, t);
  },
  encode: (v) => {
    if (typeof v !== "number") return wrongType("a number", v);
    return v === Infinity ? "INF" : v === -Infinity ? "-INF" : Number.isNaN(v) ? "NaN" : String(v);
  },
});

const big = (what: string, min: bigint, max: bigint): ScalarCodec => ({
  escape: false,
  decode: (t) => {
    if (!isIntegerText(t)) return fail(what, t);
    const n = BigInt(t.trim());
    return n >= min && n <= max ? n : fail(what, t);
  },
  encode: (v) => (typeof v === "bigint" && v >= min && v <= max ? String(v) : wrongType(`a bigint in ${what} range`, v)),
});

const boolean: ScalarCodec = {
  escape: false,
  decode: (t) => {
    if (t === "true") return true;
    if (t === "false") return false;
    const s = t.trim();
    return s === "true" || s === "1" ? true : s === "false" || s === "0" ? false : fail("boolean", t);
  },
  encode: (v) => (typeof v === "boolean" ? (v ? "true" : "false") : wrongType("a boolean", v)),
};

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const base64Binary: ScalarCodec = {
  escape: false,
  decode: (t) => {
    const s = t.replace(/\s+/g, "");
    if (s.length % 4 !== 0 || !B64.test(s)) return fail("base64Binary", t);
    const B = (globalThis as { Buffer?: { from(s: string, e: string): Uint8Array } }).Buffer;
    if (B) return new Uint8Array(B.from(s, "base64"));
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  },
  encode: (v) => {
    if (!(v instanceof Uint8Array)) return wrongType("a Uint8Array", v);
    const B = (globalThis as { Buffer?: { from(a: Uint8Array): { toString(e: string): string } } }).Buffer;
    if (B) return B.from(v).toString("base64");
    let bin = "";
    for (let i = 0; i < v.length; i += 0x8000) bin += String.fromCharCode(...v.subarray(i, i + 0x8000));
    return btoa(bin);
  },
};

const HEX = /^([0-9a-fA-F]{2})*$/;
const hexBinary: ScalarCodec = {
  escape: false,
  decode: (t) => {
    const s = t.trim();
    if (!HEX.test(s)) return fail("hexBinary", t);
    const out = new Uint8Array(s.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
    return out;
  },
  encode: (v) => {
    if (!(v instanceof Uint8Array)) return wrongType("a Uint8Array", v);
    let s = "";
    for (const b of v) s += (b < 16 ? "0" : "") + b.toString(16).toUpperCase();
    return s;
  },
};

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
// Dates and times with their fields in range (month 01-12, hour 00-23 or 24:00:00, ...), an optional zone.
const ZONE = "(Z|[+-]((0\\d|1[0-3]):[0-5]\\d|14:00))?";
const YEAR = "-?([1-9]\\d{4,}|\\d{4})";
const MONTH = "(0[1-9]|1[0-2])";
const DAY = "(0[1-9]|[12]\\d|3[01])";
const TIME = "(([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?|24:00:00(\\.0+)?)";
const re = (source: string) => new RegExp(`^${source}${ZONE}$`);
const DATE_TIME = /*#__PURE__*/ re(`${YEAR}-${MONTH}-${DAY}T${TIME}`);
const DURATION = /^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** A built-in type of the XSD namespace, its codec made for its name (the name is in its error messages). */
const builtin = <A extends unknown[]>(name: string, codec: (name: string, ...args: A) => ScalarCodec, ...args: A): ScalarType => ({
  kind: "scalar",
  name,
  ns: XS_NS,
  codec: codec(name, ...args),
});

// One export per built-in, which generated code imports by name: a bundler keeps only those a
// client uses and shortens their names, where `xs.string` would cost 9 bytes at every use.
export const xsString = /*#__PURE__*/ builtin("string", () => string);
export const xsNormalizedString = /*#__PURE__*/ builtin("normalizedString", () => string);
export const xsToken = /*#__PURE__*/ builtin("token", lexical);
export const xsAnyURI = /*#__PURE__*/ builtin("anyURI", lexical);
export const xsQName = /*#__PURE__*/ builtin("QName", lexical);
export const xsID = /*#__PURE__*/ builtin("ID", lexical);
export const xsIDREF = /*#__PURE__*/ builtin("IDREF", lexical);
export const xsBoolean = /*#__PURE__*/ builtin("boolean", () => boolean);
export const xsByte = /*#__PURE__*/ builtin("byte", integer, -128, 127);
export const xsUnsignedByte = /*#__PURE__*/ builtin("unsignedByte", integer, 0, 255);
export const xsShort = /*#__PURE__*/ builtin("short", integer, -32768, 32767);
export const xsUnsignedShort = /*#__PURE__*/ builtin("unsignedShort", integer, 0, 65535);
export const xsInt = /*#__PURE__*/ builtin("int", integer, -2147483648, 2147483647);
export const xsUnsignedInt = /*#__PURE__*/ builtin("unsignedInt", integer, 0, 4294967295);
export const xsLong = /*#__PURE__*/ builtin("long", big, -(2n ** 63n), 2n ** 63n - 1n);
export const xsUnsignedLong = /*#__PURE__*/ builtin("unsignedLong", big, 0n, 2n ** 64n - 1n);
export const xsInteger = /*#__PURE__*/ builtin("integer", big, -(2n ** 1024n), 2n ** 1024n);
export const xsFloat = /*#__PURE__*/ builtin("float", floating);
export const xsDouble = /*#__PURE__*/ builtin("double", floating);
export const xsDecimal = /*#__PURE__*/ builtin("decimal", lexical, DECIMAL);
export const xsDateTime = /*#__PURE__*/ builtin("dateTime", lexical, DATE_TIME);
export const xsDuration = /*#__PURE__*/ builtin("duration", lexical, DURATION);
export const xsBase64Binary = /*#__PURE__*/ builtin("base64Binary", () => base64Binary);
export const xsAnyType: AnyType = {
  kind: "any",
  name: "anyType",
  ns: XS_NS,
  get builtins() {
    return builtins();
  },
};
// The other XSD built-ins (dates, binary as hex, the integer subtypes, names). Dates, times and the
// other lexical types stay their text: exact, and free of time-zone guesses.
export const xsHexBinary = /*#__PURE__*/ builtin("hexBinary", () => hexBinary);
export const xsNonNegativeInteger = /*#__PURE__*/ builtin("nonNegativeInteger", big, 0n, 2n ** 1024n);
export const xsPositiveInteger = /*#__PURE__*/ builtin("positiveInteger", big, 1n, 2n ** 1024n);
export const xsNonPositiveInteger = /*#__PURE__*/ builtin("nonPositiveInteger", big, -(2n ** 1024n), 0n);
export const xsNegativeInteger = /*#__PURE__*/ builtin("negativeInteger", big, -(2n ** 1024n), -1n);
export const xsDate = /*#__PURE__*/ builtin("date", lexical, re(`${YEAR}-${MONTH}-${DAY}`));
export const xsTime = /*#__PURE__*/ builtin("time", lexical, re(TIME));
export const xsGYear = /*#__PURE__*/ builtin("gYear", lexical, re(YEAR));
export const xsGYearMonth = /*#__PURE__*/ builtin("gYearMonth", lexical, re(`${YEAR}-${MONTH}`));
export const xsGMonth = /*#__PURE__*/ builtin("gMonth", lexical, re(`--${MONTH}`));
export const xsGMonthDay = /*#__PURE__*/ builtin("gMonthDay", lexical, re(`--${MONTH}-${DAY}`));
export const xsGDay = /*#__PURE__*/ builtin("gDay", lexical, re(`---${DAY}`));
export const xsLanguage = /*#__PURE__*/ builtin("language", lexical, /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/);
export const xsName = /*#__PURE__*/ builtin("Name", lexical, /^[\p{L}_:][\p{L}\p{N}\p{M}._:\u00B7\u203F\u2040-]*$/u);
export const xsNCName = /*#__PURE__*/ builtin("NCName", lexical, /^[\p{L}_][\p{L}\p{N}\p{M}._\u00B7\u203F\u2040-]*$/u);
export const xsNMTOKEN = /*#__PURE__*/ builtin("NMTOKEN", lexical, /^[\p{L}\p{N}\p{M}._:\u00B7\u203F\u2040-]+$/u);
export const xsNMTOKENS = /*#__PURE__*/ builtin("NMTOKENS", lexical);
export const xsIDREFS = /*#__PURE__*/ builtin("IDREFS", lexical);
export const xsENTITY = /*#__PURE__*/ builtin("ENTITY", lexical);
export const xsENTITIES = /*#__PURE__*/ builtin("ENTITIES", lexical);
export const xsNOTATION = /*#__PURE__*/ builtin("NOTATION", lexical);
export const xsAnySimpleType = /*#__PURE__*/ builtin("anySimpleType", () => string);

/** The XSD built-in types WCF services use, by their XSD names (also what xsi:type may name on an xs:anyType value). */
export const xs = {
  string: xsString,
  normalizedString: xsNormalizedString,
  token: xsToken,
  anyURI: xsAnyURI,
  QName: xsQName,
  ID: xsID,
  IDREF: xsIDREF,
  boolean: xsBoolean,
  byte: xsByte,
  unsignedByte: xsUnsignedByte,
  short: xsShort,
  unsignedShort: xsUnsignedShort,
  int: xsInt,
  unsignedInt: xsUnsignedInt,
  long: xsLong,
  unsignedLong: xsUnsignedLong,
  integer: xsInteger,
  float: xsFloat,
  double: xsDouble,
  decimal: xsDecimal,
  dateTime: xsDateTime,
  duration: xsDuration,
  base64Binary: xsBase64Binary,
  anyType: xsAnyType,
} as const;

/** The other XSD built-ins, by their XSD names. */
export const xsExtended = {
  hexBinary: xsHexBinary,
  nonNegativeInteger: xsNonNegativeInteger,
  positiveInteger: xsPositiveInteger,
  nonPositiveInteger: xsNonPositiveInteger,
  negativeInteger: xsNegativeInteger,
  date: xsDate,
  time: xsTime,
  gYear: xsGYear,
  gYearMonth: xsGYearMonth,
  gMonth: xsGMonth,
  gMonthDay: xsGMonthDay,
  gDay: xsGDay,
  language: xsLanguage,
  Name: xsName,
  NCName: xsNCName,
  NMTOKEN: xsNMTOKEN,
  NMTOKENS: xsNMTOKENS,
  IDREFS: xsIDREFS,
  ENTITY: xsENTITY,
  ENTITIES: xsENTITIES,
  NOTATION: xsNOTATION,
  anySimpleType: xsAnySimpleType,
} as const;

export const SER_NS = "http://schemas.microsoft.com/2003/10/Serialization/";
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * What xsi:type may name on an xs:anyType value besides the service's own types, by `{ns}name`:
 * the built-ins above and Microsoft's serialization types, which WCF sends for a .NET object
 * holding a char (the UTF-16 code unit, a number), Guid or TimeSpan. Made on first use and
 * reached only through xsAnyType, so a bundle whose types hold no xs:anyType carries none of
 * the codecs it does not name.
 */
let builtinTypes: TypeRegistry | undefined;
function builtins(): TypeRegistry {
  const ser: ScalarType[] = [
    { kind: "scalar", name: "char", ns: SER_NS, codec: integer("char", 0, 65535) },
    { kind: "scalar", name: "guid", ns: SER_NS, codec: lexical("guid", GUID) },
    { kind: "scalar", name: "duration", ns: SER_NS, codec: lexical("duration", DURATION) },
  ];
  return (builtinTypes ??= new Map([...Object.values(xs), ...ser].map((t) => [`{${t.ns}}${t.name}`, t])));
}
