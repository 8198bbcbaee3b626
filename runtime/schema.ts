// Type descriptors that generated code builds and the encoder/decoder walk. Composite types take
// their members as thunks so generated modules can declare types in any order (and recursively);
// members are resolved once, on first use.

import type { DecodedFault, Decoder } from "./decode.js";
import type { ElementWriter } from "./encode.js";
import { methodName } from "./naming.js";
import type { Tag } from "./xml-reader.js";

export const XS_NS = "http://www.w3.org/2001/XMLSchema";

/** Field flags: minOccurs="0" and nillable="true". */
export const O = 1;
export const N = 2;
export const ON = 3;
/** Field flags: maxOccurs > 1 (an array of elements in place), an attribute, the text of simple content. */
export const R = 4;
export const A = 8;
export const T = 16;

/**
 * A member: its element (or attribute) name, type and flags; its namespace when it is not the
 * record's element namespace (attributes: when qualified); its property when not its name.
 */
export type FieldSpec = readonly [name: string, type: SoapType, flags: number, ns?: string, key?: string];

export interface Field {
  readonly name: string;
  /** The property that holds the member's value (its name, unless it had to differ). */
  readonly key: string;
  /** Element namespace on the wire ("" when unqualified). */
  readonly ns: string;
  readonly type: SoapType;
  readonly optional: boolean;
  readonly nillable: boolean;
  /** maxOccurs > 1: the value is an array, one element per item. */
  readonly repeated: boolean;
  /** The type's kind as a number (see KIND): fields share one shape, so dispatching on it is fast. */
  readonly code: number;
  /**
   * The key is also a property every object inherits (`constructor`, `toString`, `__proto__`):
   * its value is read and written as an own property only, never through Object.prototype.
   */
  readonly inherited: boolean;
  /** Tags for the encoder, built once: `<name>`, `<name xmlns="ns">`, `</name>`. */
  readonly open: string;
  readonly openNs: string;
  readonly close: string;
}

/** Numeric kinds, for Field.code. */
export const KIND = { scalar: 0, enum: 1, flags: 2, record: 3, array: 4, dictionary: 5, any: 6, polymorphic: 7 } as const;

export function kindCode(t: SoapType): number {
  if (t.kind === "record") return t.polymorphic ? KIND.polymorphic : KIND.record;
  return t.kind === "enum" ? (t.flags ? KIND.flags : KIND.enum) : KIND[t.kind];
}

export interface ScalarCodec {
  /** Text content to value; throws an Error with a short reason on bad input. */
  decode(text: string): unknown;
  /** Value to text content (not yet XML-escaped); throws on a value of the wrong JS type. */
  encode(value: unknown): string;
  /** Whether the text needs XML escaping (only strings can contain markup characters). */
  readonly escape: boolean;
}

interface Named {
  readonly name: string;
  readonly ns: string;
}

export interface ScalarType extends Named {
  readonly kind: "scalar";
  readonly codec: ScalarCodec;
}

export interface EnumType extends Named {
  readonly kind: "enum";
  readonly values: readonly string[];
  /** xs:list of the values (WCF [Flags] enums): an array on the JS side. */
  readonly flags: boolean;
}

export interface RecordType extends Named {
  readonly kind: "record";
  readonly base: RecordType | undefined;
  /**
   * The `$type` of a value of this type: the generated type's name (the XSD name, or the
   * prefixed name of a type from another namespace).
   */
  readonly tag: string;
  /** Whether types derive from this one: a member of this type may hold any of them (xsi:type). */
  readonly polymorphic: boolean;
  /** This type and every type derived from it, directly or not, by `{ns}name` and by tag. */
  readonly family: Family;
  /** All members, base members first, as they appear on the wire. */
  readonly fields: readonly Field[];
  /** Members by element local name, for the decoder. */
  readonly byName: ReadonlyMap<string, Field>;
  /** Members the schema requires (minOccurs >= 1): a value without one is not of this type. */
  readonly required: readonly Field[];
  /** Attributes, base attributes first. */
  readonly attributes: readonly Field[];
  /** Simple content: the element's text, held in `$value`. */
  readonly text: Field | undefined;
  /**
   * The content model, when it is not a plain sequence (choices, repeated groups, a name in two
   * places, xs:any, mixed content): the encoder and decoder walk it (runtime/particles.ts)
   * instead of `fields` in order.
   */
  readonly model: ContentModel | undefined;
  /** Members are known by local name alone (rpc part accessors, which servers qualify or not). */
  readonly anyNs: boolean;
  /** xs:anyAttribute: attributes no member names are kept in `$attributes` (by name, or `{ns}name`). */
  readonly openAttributes: boolean;
  /** How attributes, text and open content are written and read (runtime/content.ts); undefined when the type has only elements. */
  readonly content: ContentHooks | undefined;
}

/**
 * What a record type with more than child elements (attributes, text, xs:any) needs from the
 * encoder and decoder. Kept out of them (runtime/content.ts) so bundles carry it only when a
 * generated descriptor names it.
 */
export interface ContentHooks {
  /** The whole element but its end tag: `open` with the attributes added, then text, members and open content. */
  write(open: string, t: RecordType, v: object, ns: string): string;
  /** Reads the attributes of `tag` into `out`, and simple content when that is all the type has (then true). */
  read(r: Decoder, t: RecordType, tag: Tag, out: Record<string, unknown>): boolean;
}

/** A content model the encoder and decoder walk (runtime/particles.ts), bound to its record type. */
export interface ContentModel {
  /** The model itself, where this one binds it on first use (a record's `model`). */
  readonly bound?: ContentModel;
  /** The record's child elements, in the order the model gives them (`write` writes each element). */
  write(v: object, ns: string, write: ElementWriter): string;
  /** Reads a record's children, whose start tag was read, up to its end tag, into `out`. */
  read(r: Decoder, tag: Tag, out: Record<string, unknown>): void;
}

/** What a generated descriptor gives for a content model: bound to its type (and its base's model) on first use. */
export interface ModelSpec {
  bind(t: RecordType): ContentModel;
}

/** rpc/encoded (runtime/encoded.ts): how the request's parts are written, and how the response's types are named. */
export interface RpcEncoding {
  /** The request wrapper, saying the encoding style, with its members each saying its type (xsi:type). */
  write(body: RecordType, request: object): string;
  /** An xsi:type (`{ns}local`) as the declared type's terms: soapenc:string is xs:string, soapenc:Array an encoded array's own type. */
  xsiType(declared: SoapType, xsiType: string, types: TypeRegistry): string;
}

export interface ArrayType extends Named {
  readonly kind: "array";
  readonly item: Field;
  /** A SOAP-encoded array (soapenc:Array, runtime/encoded.ts): items in any name, the array saying their type and count. */
  readonly encoded: EncodedArray | undefined;
}

/** How a SOAP-encoded array says what it holds: the encoding's namespace, and its start tag with the attributes that say it. */
export interface EncodedArray {
  readonly ns: string;
  start(open: string, t: ArrayType, value: unknown): string;
}

export interface DictionaryType extends Named {
  readonly kind: "dictionary";
  readonly entry: string;
  readonly key: Field;
  readonly value: Field;
}

export interface AnyType extends Named {
  readonly kind: "any";
  /** The built-in types a value's xsi:type may name (runtime/xsd.ts), by `{ns}name`. */
  readonly builtins: TypeRegistry;
}

export interface Family {
  readonly byQName: ReadonlyMap<string, RecordType>;
  readonly byTag: ReadonlyMap<string, RecordType>;
}

export type SoapType = ScalarType | EnumType | RecordType | ArrayType | DictionaryType | AnyType;

const toField = (elementNs: string, [name, type, flags, ns = flags & A ? "" : elementNs, key = name]: FieldSpec): Field => ({
  name,
  key,
  ns,
  type,
  optional: (flags & O) !== 0,
  nillable: (flags & N) !== 0,
  repeated: (flags & R) !== 0,
  code: kindCode(type),
  inherited: key in Object.prototype,
  open: `<${name}>`,
  openNs: `<${name} xmlns="${ns}">`,
  close: `</${name}>`,
});

// Descriptors are classes with fixed shapes (hot in the decoder); members resolve on first use.

/** What only some record types have: types derived from them, and a tag other than their name. */
export interface RecordOptions {
  /** The types that extend this one directly (a thunk: they are declared after it). */
  readonly derived?: () => readonly RecordType[];
  /** The `$type` value, when it is not the XSD name. */
  readonly tag?: string;
  /** The content model, when it is not a plain sequence (runtime/particles.ts: `particles(...)`). */
  readonly model?: () => ModelSpec;
  /** Read members by local name in any namespace (rpc wrappers). */
  readonly anyNs?: boolean;
  /** xs:anyAttribute: attributes no member names are kept (`$attributes`). */
  readonly openAttributes?: boolean;
  /** Attributes or text: the hooks that write and read them (derived types inherit them). */
  readonly content?: ContentHooks;
}

/** A record with attributes or text whose descriptor names no content hooks (generated by an older generator, or by hand). */
const noHooks = (name: string): never => {
  throw new Error(`${name} has attributes or text but no content hooks (runtime/content.ts); regenerate the client`);
};

/** A content model bound to its type on first use: its members (and its base's) are thunks until then. */
class LazyModel implements ContentModel {
  #bound: ContentModel | undefined;
  constructor(
    private readonly t: RecordType,
    private readonly spec: () => ModelSpec,
  ) {}
  get bound(): ContentModel {
    return (this.#bound ??= this.spec().bind(this.t));
  }
  write(v: object, ns: string, write: ElementWriter): string {
    return this.bound.write(v, ns, write);
  }
  read(r: Decoder, tag: Tag, out: Record<string, unknown>): void {
    this.bound.read(r, tag, out);
  }
}

class Record_ implements RecordType {
  readonly kind = "record" as const;
  readonly tag: string;
  readonly polymorphic: boolean;
  readonly anyNs: boolean;
  readonly openAttributes: boolean;
  readonly content: ContentHooks | undefined;
  #fields: readonly Field[] | undefined;
  #attributes: readonly Field[] | undefined;
  #text: Field | undefined | null;
  #byName: ReadonlyMap<string, Field> | undefined;
  #required: readonly Field[] | undefined;
  #family: Family | undefined;
  /** A plain field, undefined for a plain sequence: the decoder's flat path asks for it per element. */
  readonly model: ContentModel | undefined;
  constructor(
    readonly ns: string,
    readonly name: string,
    private readonly elementNs: string,
    readonly base: RecordType | undefined,
    private readonly members: () => readonly FieldSpec[],
    private readonly options: RecordOptions | undefined,
  ) {
    this.tag = options?.tag ?? name;
    this.polymorphic = options?.derived !== undefined;
    this.anyNs = options?.anyNs === true;
    this.openAttributes = options?.openAttributes === true || base?.openAttributes === true;
    this.content = options?.content ?? base?.content;
    const spec = options?.model;
    this.model = spec ? new LazyModel(this, spec) : base?.model;
    if (this.openAttributes && this.content === undefined) noHooks(name);
  }
  get family(): Family {
    if (this.#family) return this.#family;
    const byQName = new Map<string, RecordType>();
    const byTag = new Map<string, RecordType>();
    byQName.set(`{${this.ns}}${this.name}`, this);
    byTag.set(this.tag, this);
    // A derived type's family is already closed over its own descendants.
    for (const d of this.options?.derived?.() ?? [])
      for (const [k, t] of d.family.byQName) {
        byQName.set(k, t);
        byTag.set(t.tag, t);
      }
    return (this.#family = { byQName, byTag });
  }
  get fields(): readonly Field[] {
    return (this.#fields ??= [...(this.base ? this.base.fields : []), ...this.#own(0)]);
  }
  get attributes(): readonly Field[] {
    return (this.#attributes ??= [...(this.base ? this.base.attributes : []), ...this.#own(A)]);
  }
  get text(): Field | undefined {
    if (this.#text === undefined) this.#text = this.#own(T)[0] ?? this.base?.text ?? null;
    return this.#text ?? undefined;
  }
  /** Own members of one sort: elements (0), attributes (A) or the text (T). */
  #own(sort: number): Field[] {
    const own = this.members()
      .filter((m) => (m[2] & (A | T)) === sort)
      .map((m) => toField(this.elementNs, m));
    // Without the hooks, attributes and text would be dropped without a word.
    if (own.length !== 0 && sort !== 0 && this.content === undefined) noHooks(this.name);
    return own;
  }
  get byName(): ReadonlyMap<string, Field> {
    return (this.#byName ??= new Map(this.fields.map((f) => [f.name, f])));
  }
  get required(): readonly Field[] {
    return (this.#required ??= this.fields.filter((f) => !f.optional));
  }
}

class Array_ implements ArrayType {
  readonly kind = "array" as const;
  #item: Field | undefined;
  constructor(
    readonly ns: string,
    readonly name: string,
    private readonly elementNs: string,
    private readonly spec: () => FieldSpec,
    readonly encoded: EncodedArray | undefined,
  ) {}
  get item(): Field {
    return (this.#item ??= toField(this.elementNs, this.spec()));
  }
}

class Dictionary_ implements DictionaryType {
  readonly kind = "dictionary" as const;
  #members: readonly [Field, Field] | undefined;
  constructor(
    readonly ns: string,
    readonly name: string,
    private readonly elementNs: string,
    readonly entry: string,
    private readonly spec: () => readonly [FieldSpec, FieldSpec],
  ) {}
  #resolve(): readonly [Field, Field] {
    return (this.#members ??= [toField(this.elementNs, this.spec()[0]), toField(this.elementNs, this.spec()[1])]);
  }
  get key(): Field {
    return this.#resolve()[0];
  }
  get value(): Field {
    return this.#resolve()[1];
  }
}

export function record(
  ns: string,
  name: string,
  elementNs: string,
  base: RecordType | undefined,
  members: () => readonly FieldSpec[],
  options?: RecordOptions,
): RecordType {
  return new Record_(ns, name, elementNs, base, members, options);
}

export function array(ns: string, name: string, elementNs: string, item: () => FieldSpec, encoded?: EncodedArray): ArrayType {
  return new Array_(ns, name, elementNs, item, encoded);
}

export function dictionary(ns: string, name: string, elementNs: string, entry: string, members: () => readonly [FieldSpec, FieldSpec]): DictionaryType {
  return new Dictionary_(ns, name, elementNs, entry, members);
}

export function enumeration(ns: string, name: string, values: readonly string[]): EnumType {
  return { kind: "enum", name, ns, values, flags: false };
}

export function flags(ns: string, name: string, values: readonly string[]): EnumType {
  return { kind: "enum", name, ns, values, flags: true };
}

/** A named restriction of a built-in type (guid, char, duration): same codec, own QName. */
export function restriction(ns: string, name: string, base: ScalarType, length?: readonly [min: number, max: number]): ScalarType {
  if (!length) return { kind: "scalar", name, ns, codec: base.codec };
  // length/minLength/maxLength: checked on encode, where a too-long value would only be refused by the server.
  const [min, max] = length;
  const codec = base.codec;
  return {
    kind: "scalar",
    name,
    ns,
    codec: {
      escape: codec.escape,
      decode: codec.decode,
      encode: (v) => {
        const n = typeof v === "string" ? [...v].length : v instanceof Uint8Array ? v.length : undefined;
        if (n !== undefined && (n < min || n > max))
          throw new Error(`${name} allows ${min === max ? `exactly ${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`} characters, got ${n}`);
        return codec.encode(v);
      },
    },
  };
}

/** xs:list of a simple type: space-separated items on the wire, an array in JS. */
export function list(ns: string, name: string, item: ScalarType): ScalarType {
  const c = item.codec;
  return {
    kind: "scalar",
    name,
    ns,
    codec: {
      escape: c.escape,
      decode: (t) => {
        const s = t.trim();
        return s === "" ? [] : s.split(/\s+/).map((x) => c.decode(x));
      },
      encode: (v) => {
        if (!Array.isArray(v)) throw new Error(`expected an array (xs:list ${name})`);
        return v.map((x) => c.encode(x)).join(" ");
      },
    },
  };
}

/**
 * The type a value of `declared` is read as when its element names `xsiType` (`{ns}local`): the
 * declared type itself or one derived from it; for xs:anyType, any type the registry or the
 * built-ins (which xs:anyType carries) know. Throws an Error saying why otherwise: a type nobody
 * defines, or one not derived from the declared type. Never a silent fallback, which would drop
 * the derived members.
 */
export function xsiTypeOf(declared: SoapType, xsiType: string, types: TypeRegistry): SoapType {
  if (declared.kind === "record") {
    const t = declared.family.byQName.get(xsiType);
    if (t) return t;
  } else if (declared.kind === "any") {
    const t = types.get(xsiType) ?? declared.builtins.get(xsiType);
    if (t) return t;
    // Another XSD built-in (a date, a name): its text, as sent.
    if (xsiType.startsWith(`{${XS_NS}}`)) return declared.builtins.get(`{${XS_NS}}string`)!;
  } else if (xsiType === `{${declared.ns}}${declared.name}`) return declared;
  throw new Error(
    types.has(xsiType) || xsiType.startsWith(`{${XS_NS}}`)
      ? `xsi:type ${xsiType} is not ${declared.name} or a type derived from it`
      : `xsi:type ${xsiType} is not a type the WSDL defines (expected ${declared.name}${declared.kind === "record" && declared.polymorphic ? " or a type derived from it" : ""}); regenerate the client if the service has new types`,
  );
}

/** Named types by `{ns}local`, for resolving xsi:type on the wire. */
export type TypeRegistry = ReadonlyMap<string, SoapType>;

/**
 * Every named type the operations reach (members, array items, dictionary entries, derived
 * types), by `{ns}local`: the types an xs:anyType value may name with xsi:type. Built from the
 * operations rather than from one list of all types, so a bundle carries only the descriptors
 * its agents use. Walked once per operation table.
 */
export function reachableTypes(operations: Readonly<Record<string, OperationInfo>>): TypeRegistry {
  let m = reachable.get(operations);
  if (m) return m;
  const out = new Map<string, SoapType>();
  const visit = (t: SoapType): void => {
    const key = `{${t.ns}}${t.name}`;
    if (out.has(key) || t.ns === XS_NS) return;
    out.set(key, t);
    if (t.kind === "record") {
      if (t.base) visit(t.base);
      for (const f of t.fields) visit(f.type);
      for (const f of t.attributes) visit(f.type);
      if (t.text) visit(t.text.type);
      for (const d of t.family.byQName.values()) visit(d);
    } else if (t.kind === "array") visit(t.item.type);
    else if (t.kind === "dictionary") {
      visit(t.key.type);
      visit(t.value.type);
    }
  };
  for (const op of Object.values(operations))
    for (const msg of [op.input, op.output]) {
      for (const f of msg.body.fields) visit(f.type);
      for (const h of msg.headers) visit(h.type);
    }
  reachable.set(operations, (m = out));
  return m;
}
const reachable = new WeakMap<object, TypeRegistry>();

export function registry(...lists: ReadonlyArray<readonly SoapType[]>): TypeRegistry {
  const m = new Map<string, SoapType>();
  for (const list of lists) for (const t of list) m.set(`{${t.ns}}${t.name}`, t);
  return m;
}

/**
 * WCF's name for the member of a response wrapper (`<GetUserResponse><Response>`): when it is
 * the wrapper's only member, the operation's method returns it rather than the wrapper.
 */
export const RESPONSE = "Response";

/** One operation as the runtime needs it: the SOAPAction, body elements and header elements. */
export interface OperationInfo {
  readonly name: string;
  /** The client method that calls it (see methodName). */
  readonly method: string;
  readonly soapAction: string;
  readonly input: MessageInfo;
  readonly output: MessageInfo;
  /** The single member of the response wrapper that the method returns (RESPONSE), if any. */
  readonly unwrap: string | undefined;
  /** A one-way operation: the call ends when the HTTP exchange does (202 and an empty body are fine). */
  readonly oneWay: boolean;
  /** WS-Addressing: the action sent in wsa:Action (with wsa:MessageID and wsa:To), when the WSDL declares one. */
  readonly addressing: string | undefined;
  /** SOAP 1.2 (envelope namespace and media type) rather than 1.1. */
  readonly soap12: boolean;
  /** rpc style: the response wrapper is known by its name alone (servers differ on its namespace). */
  readonly rpc: boolean;
  /** The faults the WSDL declares (wsdl:fault): a Fault's detail holding one of their elements decodes as its type. */
  readonly faults: DeclaredFaults | undefined;
  /** rpc/encoded: the request's parts say their types (xsi:type), the wrapper the SOAP encoding style. */
  readonly encoded: RpcEncoding | undefined;
}

/** A declared fault: its wsdl:fault name and the detail element it carries. */
export interface FaultInfo {
  readonly name: string;
  readonly element: Field;
}

/** An operation's declared faults and how a Fault is read with them (runtime/faults.ts). */
export interface DeclaredFaults {
  readonly faults: readonly FaultInfo[];
  read(r: Decoder, tag: Tag, envNs: string): DecodedFault;
}

export interface MessageInfo {
  /** The wrapper element: its QName is the record type's name and namespace. */
  readonly body: RecordType;
  readonly headers: readonly Field[];
  /** document/literal bare: the Body holds the members themselves, with no wrapper element. */
  readonly bare: boolean;
}

export function message(body: RecordType, headers: readonly Field[], bare = false): MessageInfo {
  return { body, headers, bare };
}

/** A global element used as a SOAP header. */
export function element(ns: string, name: string, type: SoapType, nillable: boolean): Field {
  return toField(ns, [name, type, nillable ? ON : O]);
}

export function operation(
  name: string,
  soapAction: string,
  input: MessageInfo,
  output: MessageInfo,
  unwrap?: string,
  method = methodName(name),
  oneWay = false,
  soap12 = false,
  rpc = false,
  faults?: DeclaredFaults,
  encoded?: RpcEncoding,
  addressing?: string,
): OperationInfo {
  return { name, method, soapAction, input, output, unwrap, oneWay, soap12, rpc, faults, encoded, addressing };
}

/** One operation in an agent's table: its request and response members, and any departures from WCF's conventions. */
export type OperationSpec = readonly [request: readonly FieldSpec[], response: readonly FieldSpec[], options?: OperationOptions];

export interface OperationOptions {
  /** Request wrapper element, when it is not the operation's name. */
  readonly request?: string;
  /** Response wrapper element, when it is not `<operation>Response` (operations may share one). */
  readonly response?: string;
  /** SOAPAction, when it is not the agent's prefix plus the operation's name. */
  readonly action?: string;
  /** The client method, when it is not methodName(operation) (two operations that differ only in case). */
  readonly method?: string;
  readonly in?: readonly Field[];
  readonly out?: readonly Field[];
  /** The wrappers' namespace, when not the agent's (rpc: the soap:body namespace). */
  readonly ns?: string;
  /** The response wrapper's namespace, when not the request wrapper's. */
  readonly responseNs?: string;
  /** document/literal bare: the request (`in`), the response (`out`) or both carry their members with no wrapper element. */
  readonly bare?: "in" | "out" | "both";
  /** No response message: the call ends when the HTTP exchange does. */
  readonly oneWay?: true;
  /** WS-Addressing: the operation's wsam:Action, sent with a fresh wsa:MessageID and wsa:To in every request. */
  readonly addressing?: string;
  /** rpc style (wrappers named after the operation; the response's is read in any namespace). */
  readonly rpc?: true;
  /** Declared faults (`declaredFaults([[wsdl:fault name, detail element], ...])`). */
  readonly faults?: DeclaredFaults;
  /** rpc/encoded: parts are sent with xsi:type (`rpcEncoded`). */
  readonly encoded?: RpcEncoding;
  /**
   * The request's (`in`) or response's (`out`) wrapper content model, when it is not a plain
   * sequence (choices, repeated groups, xs:any directly in the wrapper): see RecordOptions.model.
   */
  readonly model?: { readonly in?: () => ModelSpec; readonly out?: () => ModelSpec };
}

const RPC: RecordOptions = { anyNs: true };

/**
 * Builds an agent's operations from a compact table, by WCF's conventions (`headers` are the
 * request and response header elements most operations use; an operation's own options may
 * name others): the request wrapper
 * is named after the operation, the response wrapper `<operation>Response`, the SOAPAction is
 * `actionPrefix + operation`; a response wrapper holding only `<Response>` is unwrapped.
 * Members name shared types directly: the shared module is fully loaded before any agent's.
 */
export function operations<K extends string>(
  ns: string,
  actionPrefix: string,
  headers: {
    readonly in: readonly Field[];
    readonly out: readonly Field[];
    /** The wrappers' members are in no namespace (elementFormDefault="unqualified"), not in `ns`. */
    readonly unqualified?: boolean;
    /** The binding is SOAP 1.2. */
    readonly soap12?: boolean;
    /** A response whose only member is one element resolves to it, whatever its name (the generic profile's rule). */
    readonly unwrapSingle?: boolean;
  },
  table: Readonly<Record<K, OperationSpec>>,
): Readonly<Record<K, OperationInfo>> {
  const wrappers = new Map<string, RecordType>();
  const wrapper = (wns: string, name: string, members: readonly FieldSpec[], bare: boolean, rpc: boolean, model?: () => ModelSpec) => {
    const options: RecordOptions | undefined = model === undefined ? (rpc ? RPC : undefined) : { ...(rpc ? RPC : {}), model };
    // A bare message has no element of its own to be shared by.
    if (bare) return record("", name, "", undefined, () => members, options);
    let w = wrappers.get(`{${wns}}${name}`);
    if (w) return w;
    wrappers.set(`{${wns}}${name}`, (w = record(wns, name, headers.unqualified ? "" : wns, undefined, () => members, options)));
    return w;
  };
  const out = {} as Record<K, OperationInfo>;
  for (const name of Object.keys(table) as K[]) {
    const [request, response, o = {}] = table[name];
    const only = response.length === 1 ? response[0]! : undefined;
    const unwrap =
      only === undefined ? undefined : only[0] === RESPONSE ? RESPONSE : headers.unwrapSingle && o.model?.out === undefined ? (only[4] ?? only[0]) : undefined;
    const wns = o.ns ?? ns;
    const bareIn = o.bare === "in" || o.bare === "both";
    const bareOut = o.bare === "out" || o.bare === "both";
    // An operation may be named __proto__: a property, never the table's prototype.
    Object.defineProperty(out, name, {
      enumerable: true,
      value: operation(
        name,
        o.action ?? actionPrefix + name,
        message(wrapper(wns, o.request ?? name, request, bareIn, o.rpc === true, o.model?.in), o.in ?? headers.in, bareIn),
        message(wrapper(o.responseNs ?? wns, o.response ?? `${name}Response`, response, bareOut, o.rpc === true, o.model?.out), o.out ?? headers.out, bareOut),
        unwrap,
        o.method,
        o.oneWay === true,
        headers.soap12 === true,
        o.rpc === true,
        o.faults,
        o.encoded,
        o.addressing,
      ),
    });
  }
  return out;
}
