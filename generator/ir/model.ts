// The intermediate model: what the WSDL and its schemas say, with every QName resolved.
// Emitters read only this; readers write only this.

export interface QName {
  readonly ns: string;
  readonly local: string;
}

export const qnameKey = (q: QName): string => `{${q.ns}}${q.local}`;

/** Where a construct came from, for diagnostics (1-based line and column). */
export interface Loc {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export const XS_NS = "http://www.w3.org/2001/XMLSchema";
export const SER_NS = "http://schemas.microsoft.com/2003/10/Serialization/";
/** SOAP encoding (rpc/encoded) of SOAP 1.1 and of SOAP 1.2: its arrays, and its restatements of the XSD built-ins. */
export const SOAP_ENC_NS = "http://schemas.xmlsoap.org/soap/encoding/";
export const SOAP12_ENC_NS = "http://www.w3.org/2003/05/soap-encoding";

/** A reference to a type: a built-in XSD type, or a named type in the model. */
export type TypeRef = { readonly kind: "builtin"; readonly name: string } | { readonly kind: "named"; readonly qname: QName };

/** A local element in a sequence (XSD particle). */
export interface ElementParticle {
  readonly name: string;
  /** Namespace of the element on the wire ("" when unqualified). */
  readonly ns: string;
  readonly type: TypeRef;
  readonly minOccurs: number;
  /** Infinity for "unbounded". */
  readonly maxOccurs: number;
  readonly nillable: boolean;
  /**
   * Set when the element is an alternative of an xs:choice: members with the same `id` are one
   * choice, members with the same `alt` one alternative of it (a sequence inside the choice).
   */
  readonly choice?: ChoiceMark;
  readonly loc: Loc;
  /** Where the element is declared, when that is elsewhere (`ref=` to a global element): where its type= is. */
  readonly declLoc?: Loc;
  /**
   * The property name, when it is not the element's name: an element name that occurs again
   * further on in a content model is a member of its own there (`a`, then `a2`), in schema order.
   */
  readonly key?: string;
}

/** Where an element sits in an xs:choice. */
export interface ChoiceMark {
  /** The choice (unique within its type). */
  readonly id: number;
  /** The alternative (a sequence inside the choice is one alternative). */
  readonly alt: number;
  /** Whether the element must be present when its alternative is the one chosen. */
  readonly required: boolean;
  /** Whether the choice as a whole may be left out (minOccurs="0" on it or around it). */
  readonly absent: boolean;
  /** Whether the choice repeats (maxOccurs > 1 on it or around it): several alternatives may occur. */
  readonly repeated: boolean;
}

/** An xs:attribute of a complex type (simple-typed, carried in the element's start tag). */
export interface AttributeDecl {
  readonly name: string;
  /** Namespace of the attribute ("" when unqualified, the XSD default). */
  readonly ns: string;
  readonly type: TypeRef;
  readonly required: boolean;
  readonly default?: string;
  readonly fixed?: string;
  readonly loc: Loc;
}

/** What a complex type is on the wire, once WCF idioms are recognised. */
export type ComplexShape =
  | { readonly kind: "record" }
  /**
   * ArrayOfX: a single repeated element, mapped to X[]; a SOAP-encoded array (soapenc:Array)
   * also names its encoding's namespace (items in any name, the array saying their type and count)
   */
  | { readonly kind: "array"; readonly item: ElementParticle; readonly encoding?: string }
  /** WCF IsDictionary: repeated key/value entries, mapped to Record<string, V> */
  | {
      readonly kind: "dictionary";
      readonly entry: string;
      readonly key: ElementParticle;
      readonly value: ElementParticle;
    };

export interface ComplexTypeDef {
  readonly kind: "complex";
  readonly qname: QName;
  /** xs:extension base; its members come first on the wire. */
  readonly base?: QName;
  readonly elements: readonly ElementParticle[];
  /** xs:attribute declarations, own and from attribute groups (absent when none). */
  readonly attributes?: readonly AttributeDecl[];
  /** xs:simpleContent: the type of the element's text (absent for element content). */
  readonly text?: TypeRef;
  /** xs:anyAttribute: attributes the schema leaves open, kept by name. */
  readonly openAttributes?: boolean;
  /** xs:any in the content model: elements the schema leaves open, kept as XML. */
  readonly open?: boolean;
  /** Where the (first) xs:any stands among `elements`, when members follow it: open content is sent there. */
  readonly openAt?: number;
  /** abstract="true": a value on the wire is always of a derived type. */
  readonly abstract?: boolean;
  readonly shape: ComplexShape;
  readonly loc: Loc;
}

export interface SimpleTypeDef {
  readonly kind: "simple";
  readonly qname: QName;
  /**
   * enum: xs:restriction with enumerations; flags: xs:list of such an enum (WCF [Flags]);
   * restriction: any other restriction of a built-in (guid, char, duration, ...); list: xs:list
   * of any other simple type (`base` is the item type), an array on the JS side.
   */
  readonly variety: "enum" | "flags" | "restriction" | "list";
  readonly base: TypeRef;
  readonly values: readonly string[];
  /** Facets of a restriction other than enumerations (maxLength, pattern, minInclusive, ...), in schema order; for TSDoc. */
  readonly facets?: readonly { readonly name: string; readonly value: string }[];
  readonly loc: Loc;
}

export type TypeDef = ComplexTypeDef | SimpleTypeDef;

/** A global element declaration (operation wrappers and headers use these). */
export interface ElementDecl {
  readonly qname: QName;
  /** Named type, or an anonymous complex type (operation wrappers). */
  readonly type: TypeRef | ComplexTypeDef;
  readonly nillable: boolean;
  readonly loc: Loc;
}

export interface HeaderPart {
  readonly part: string;
  readonly element: ElementDecl;
}

export interface MessageUse {
  /**
   * The body element (document/literal wrapped), or for rpc/literal the wrapper named after the
   * operation with the parts as its members. For a bare message (`bare`), a wrapper of the
   * operation's name that is not on the wire: its members are the Body's children.
   */
  readonly body: ElementDecl;
  readonly headers: readonly HeaderPart[];
  /** document/literal bare: no wrapper element; the parts' elements sit in the Body. */
  readonly bare?: boolean;
  /**
   * rpc/encoded: each part carries its type (xsi:type) and the wrapper the encoding style, this
   * (soap:body encodingStyle, else the SOAP encoding of the binding's SOAP version).
   */
  readonly encoded?: string;
}

export interface FaultUse {
  readonly name: string;
  readonly element: ElementDecl;
}

export interface Operation {
  readonly name: string;
  readonly soapAction: string;
  readonly input: MessageUse;
  readonly output: MessageUse;
  readonly faults: readonly FaultUse[];
  /** No wsdl:output: the call ends with the HTTP exchange (`output` is then an empty bare message). */
  readonly oneWay?: boolean;
  /**
   * WS-Addressing, when the binding says it is in use: the action of the operation's input (its
   * wsam:Action or wsaw:Action, else the SOAPAction). A request then carries wsa:Action,
   * wsa:MessageID and wsa:To header blocks.
   */
  readonly addressing?: string;
  /** The binding style of the operation. */
  readonly style: "document" | "rpc";
  readonly loc: Loc;
}

/** One wsdl:service/wsdl:port bound with SOAP 1.1 or 1.2, literal. */
export interface Service {
  readonly soapVersion: "1.1" | "1.2";
  /** The agent name, from the WSDL's portType (User, Contact, ...). */
  readonly name: string;
  readonly serviceName: string;
  readonly portName: string;
  readonly address: string;
  readonly targetNamespace: string;
  readonly operations: readonly Operation[];
  readonly source: SourceInfo;
}

export interface SourceInfo {
  /** The path or URL as configured. */
  readonly file: string;
  /** File name only, used in generated headers so output does not depend on the checkout path. */
  readonly displayName: string;
  readonly sha256: string;
}

/** Everything read from all configured WSDLs: shared named types plus one service per WSDL. */
export interface Model {
  readonly types: ReadonlyMap<string, TypeDef>;
  /**
   * The polymorphic complex types (by qnameKey): those a value of a derived type may stand in
   * for on the wire (xsi:type), with the types that extend each directly, sorted. A type is here
   * when types derive from it and it, or a type it derives from, is some element's declared type.
   */
  readonly subtypes: ReadonlyMap<string, readonly QName[]>;
  readonly services: readonly Service[];
  /** What the readers left out and why, as `file:line:col: warning: ...` lines. */
  readonly warnings: readonly string[];
  /** How many of the warnings are defects a lenient run worked round (0 in a strict run). */
  readonly rescues: number;
}
