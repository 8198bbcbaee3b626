// Type descriptors that generated code builds and the encoder/decoder walk. Composite types take
// their members as thunks so generated modules can declare types in any order (and recursively);
// members are resolved once, on first use.

export const XS_NS = "http://www.w3.org/2001/XMLSchema";

/** Field flags: minOccurs="0" and nillable="true". */
export const O = 1;
export const N = 2;
export const ON = 3;

export type FieldSpec = readonly [name: string, type: SoapType, flags: number];

export interface Field {
  readonly name: string;
  /** Element namespace on the wire ("" when unqualified). */
  readonly ns: string;
  readonly type: SoapType;
  readonly optional: boolean;
  readonly nillable: boolean;
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
  /** All members, base members first, as they appear on the wire. */
  readonly fields: readonly Field[];
  /** Members by element local name, for the decoder. */
  readonly byName: ReadonlyMap<string, Field>;
}

export interface ArrayType extends Named {
  readonly kind: "array";
  readonly item: Field;
}

export interface DictionaryType extends Named {
  readonly kind: "dictionary";
  readonly entry: string;
  readonly key: Field;
  readonly value: Field;
}

export interface AnyType extends Named {
  readonly kind: "any";
}

export type SoapType = ScalarType | EnumType | RecordType | ArrayType | DictionaryType | AnyType;

const toField = (elementNs: string, [name, type, flags]: FieldSpec): Field => ({
  name,
  ns: elementNs,
  type,
  optional: (flags & O) !== 0,
  nillable: (flags & N) !== 0,
});

/** Defines a lazily resolved property on a descriptor. */
function lazy<T extends object, K extends string, V>(target: T, key: K, compute: () => V): T & Record<K, V> {
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true });
      return value;
    },
  });
  return target as T & Record<K, V>;
}

export function record(
  ns: string,
  name: string,
  elementNs: string,
  base: RecordType | undefined,
  members: () => readonly FieldSpec[],
): RecordType {
  const t = { kind: "record" as const, name, ns, base };
  lazy(t, "fields", () => [...(base ? base.fields : []), ...members().map((m) => toField(elementNs, m))]);
  lazy(t, "byName", () => new Map((t as unknown as RecordType).fields.map((f) => [f.name, f])));
  return t as unknown as RecordType;
}

export function array(ns: string, name: string, elementNs: string, item: () => FieldSpec): ArrayType {
  return lazy({ kind: "array" as const, name, ns }, "item", () => toField(elementNs, item())) as ArrayType;
}

export function dictionary(
  ns: string,
  name: string,
  elementNs: string,
  entry: string,
  members: () => readonly [FieldSpec, FieldSpec],
): DictionaryType {
  const t = { kind: "dictionary" as const, name, ns, entry };
  let resolved: readonly [Field, Field] | undefined;
  const get = () => (resolved ??= [toField(elementNs, members()[0]), toField(elementNs, members()[1])] as const);
  lazy(t, "key", () => get()[0]);
  lazy(t, "value", () => get()[1]);
  return t as unknown as DictionaryType;
}

export function enumeration(ns: string, name: string, values: readonly string[]): EnumType {
  return { kind: "enum", name, ns, values, flags: false };
}

export function flags(ns: string, name: string, values: readonly string[]): EnumType {
  return { kind: "enum", name, ns, values, flags: true };
}

/** A named restriction of a built-in type (guid, char, duration): same codec, own QName. */
export function restriction(ns: string, name: string, base: ScalarType): ScalarType {
  return { kind: "scalar", name, ns, codec: base.codec };
}

/** Named types by `{ns}local`, for resolving xsi:type on the wire. */
export type TypeRegistry = ReadonlyMap<string, SoapType>;

export function registry(...lists: ReadonlyArray<readonly SoapType[]>): TypeRegistry {
  const m = new Map<string, SoapType>();
  for (const list of lists) for (const t of list) m.set(`{${t.ns}}${t.name}`, t);
  return m;
}

/** One operation as the runtime needs it: the SOAPAction, body elements and header elements. */
export interface OperationInfo {
  readonly name: string;
  readonly soapAction: string;
  readonly input: MessageInfo;
  readonly output: MessageInfo;
  /** The single member of the response wrapper that the method returns ("Response"), if any. */
  readonly unwrap: string | undefined;
}

export interface MessageInfo {
  /** The wrapper element: its QName is the record type's name and namespace. */
  readonly body: RecordType;
  readonly headers: readonly Field[];
}

export function message(body: RecordType, headers: readonly Field[]): MessageInfo {
  return { body, headers };
}

/** A global element used as a SOAP header. */
export function element(ns: string, name: string, type: SoapType, nillable: boolean): Field {
  return { name, ns, type, optional: true, nillable };
}

export function operation(name: string, soapAction: string, input: MessageInfo, output: MessageInfo, unwrap?: string): OperationInfo {
  return { name, soapAction, input, output, unwrap };
}
