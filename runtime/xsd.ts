// Codecs for the XSD built-in types, and how each maps to JavaScript (see README, "Type mapping").
import { XS_NS, type AnyType, type ScalarCodec, type ScalarType } from "./schema.js";

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
 * Whitespace-collapsed lexical forms kept as strings (exact, no reinterpretation). Decoding is
 * tolerant (the text is handed over as received, even when empty), encoding checks the form.
 */
const lexical =
  (pattern?: RegExp) =>
  (what: string): ScalarCodec => ({
    escape: true,
    decode: (t) => t.trim(),
    encode: (v) => (typeof v === "string" ? (pattern && !pattern.test(v) ? fail(what, v) : v) : wrongType(`a string (${what})`, v)),
  });

const integer =
  (min: number, max: number) =>
  (what: string): ScalarCodec => ({
    escape: false,
    decode: (t) => {
      const n = Number(t);
      // Number("") and Number(" ") are 0: only a zero needs a second look.
      return Number.isInteger(n) && n >= min && n <= max && (n !== 0 || /\d/.test(t)) ? n : fail(what, t);
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
    const n = Number(s);
    return s !== "" && !Number.isNaN(n) ? n : fail(what, t);
  },
  encode: (v) => {
    if (typeof v !== "number") return wrongType("a number", v);
    return v === Infinity ? "INF" : v === -Infinity ? "-INF" : Number.isNaN(v) ? "NaN" : String(v);
  },
});

const big =
  (min: bigint, max: bigint) =>
  (what: string): ScalarCodec => ({
    escape: false,
    decode: (t) => {
      let n: bigint;
      try {
        n = BigInt(t.trim());
      } catch {
        return fail(what, t);
      }
      return t.trim() !== "" && n >= min && n <= max ? n : fail(what, t);
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
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const DURATION = /^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** Scalar types of one namespace from codec makers keyed by type name (each name written once). */
function scalars<K extends string>(ns: string, makers: Readonly<Record<K, (name: string) => ScalarCodec>>): { readonly [P in K]: ScalarType } {
  const out = {} as Record<K, ScalarType>;
  for (const name in makers) out[name] = { kind: "scalar", name, ns, codec: makers[name](name) };
  return out;
}
const same = (codec: ScalarCodec) => () => codec;

/** The XSD built-in types, by their XSD names. */
export const xs = {
  ...scalars(XS_NS, {
    string: same(string),
    normalizedString: same(string),
    token: lexical(),
    anyURI: lexical(),
    QName: lexical(),
    ID: lexical(),
    IDREF: lexical(),
    boolean: same(boolean),
    byte: integer(-128, 127),
    unsignedByte: integer(0, 255),
    short: integer(-32768, 32767),
    unsignedShort: integer(0, 65535),
    int: integer(-2147483648, 2147483647),
    unsignedInt: integer(0, 4294967295),
    long: big(-(2n ** 63n), 2n ** 63n - 1n),
    unsignedLong: big(0n, 2n ** 64n - 1n),
    integer: big(-(2n ** 1024n), 2n ** 1024n),
    float: floating,
    double: floating,
    decimal: lexical(DECIMAL),
    dateTime: lexical(DATE_TIME),
    duration: lexical(DURATION),
    base64Binary: same(base64Binary),
  }),
  anyType: { kind: "any", name: "anyType", ns: XS_NS } as AnyType,
} as const;

/**
 * The other XSD built-ins (dates, binary as hex, the integer subtypes, names): a table of their
 * own, so a bundle that uses none of them carries none of their codecs.
 */
export const xsExtended = /*#__PURE__*/ (() => ({
  ...scalars(XS_NS, {
    hexBinary: same(hexBinary),
    nonNegativeInteger: big(0n, 2n ** 1024n),
    positiveInteger: big(1n, 2n ** 1024n),
    nonPositiveInteger: big(-(2n ** 1024n), 0n),
    negativeInteger: big(-(2n ** 1024n), -1n),
    // Dates, times and the other lexical types stay their text: exact, and free of time-zone guesses.
    date: lexical(),
    time: lexical(),
    gYear: lexical(),
    gYearMonth: lexical(),
    gMonth: lexical(),
    gMonthDay: lexical(),
    gDay: lexical(),
    language: lexical(),
    Name: lexical(),
    NCName: lexical(),
    NMTOKEN: lexical(),
    NMTOKENS: lexical(),
    IDREFS: lexical(),
    ENTITY: lexical(),
    ENTITIES: lexical(),
    NOTATION: lexical(),
    anySimpleType: same(string),
  }),
}))();

export const SER_NS = "http://schemas.microsoft.com/2003/10/Serialization/";
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * Microsoft's serialization types, which WCF sends as xsi:type on xs:anyType values (a .NET
 * object holding a char, Guid or TimeSpan): char is the UTF-16 code unit as a number.
 */
export const ser = scalars(SER_NS, { char: integer(0, 65535), guid: lexical(GUID), duration: lexical(DURATION) });

/** The built-ins by `{ns}name`, for xsi:type="xs:int" and the like on xs:anyType values. */
export const builtins: ReadonlyMap<string, ScalarType | AnyType> = new Map([...Object.values(xs), ...Object.values(ser)].map((t) => [`{${t.ns}}${t.name}`, t]));
