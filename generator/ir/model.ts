import type { GeneratorError } from "../diagnostics.js";

// The intermediate model: what the WSDL and its schemas say, with every QName resolved.
// Readers write it as the documents say it; the passes beside this file (build-model.ts runs
// them in order) interpret it; emitters read only the result.

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

/**
 * A reference to a type: a built-in XSD type, a named type of the model, or a type declared in
 * place (an anonymous xs:complexType or xs:simpleType). The anonymous-types pass names every
 * anonymous type but an operation wrapper's (whose members the agent's file declares).
 */
export type TypeRef = BuiltinRef | NamedRef | AnonymousRef;
export interface BuiltinRef {
  readonly kind: "builtin";
  readonly name: string;
}
export interface NamedRef {
  readonly kind: "named";
  readonly qname: QName;
}
export interface AnonymousRef {
  readonly kind: "anonymous";
  /** Its `qname` is the name it wants (`Owner_element`, or the element's name for a global element), not yet its own. */
  readonly def: TypeDef;
}

/** How often a particle may occur (XSD minOccurs and maxOccurs; Infinity for "unbounded"). */
export interface Occurs {
  readonly minOccurs: number;
  readonly maxOccurs: number;
}

/** A local element (or an element ref=) in a content model. */
export interface ElementParticle extends Occurs {
  readonly kind: "element";
  readonly name: string;
  /** Namespace of the element on the wire ("" when unqualified). */
  readonly ns: string;
  readonly type: TypeRef;
  readonly nillable: boolean;
  readonly loc: Loc;
  /** Where the element is declared, when that is elsewhere (`ref=` to a global element): where its type= is. */
  readonly declLoc?: Loc;
  /** Its xs:documentation (a ref='s own, else the global element's), or a message part's wsdl:documentation. */
  readonly doc?: string;
}

/**
 * xs:any: elements the schema leaves open, by namespace. `namespaces` lists the namespaces
 * allowed ("" for unqualified elements), `not` the ones excluded (##other); neither: any.
 */
export interface WildcardParticle extends Occurs {
  readonly kind: "any";
  readonly namespaces?: readonly string[];
  readonly not?: readonly string[];
  readonly loc: Loc;
}

/** A model group: xs:sequence, xs:choice or xs:all, in place or through xs:group ref= (then `ref` names it). */
export interface GroupParticle extends Occurs {
  readonly kind: "sequence" | "choice" | "all";
  readonly particles: readonly Particle[];
  readonly ref?: QName;
  readonly loc: Loc;
}

export type Particle = ElementParticle | WildcardParticle | GroupParticle;

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
  readonly doc?: string;
}

/** What a complex type is on the wire, once WCF idioms are recognised (ir/idioms.ts). */
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

/** A restriction of SOAP encoding's Array (soapenc:Array), as the schema declares it. */
export interface SoapArrayDecl {
  /** The encoding's namespace (SOAP 1.1's or 1.2's). */
  readonly encoding: string;
  /** The items: from `wsdl:arrayType="T[]"`, or the one element the restriction lists. */
  readonly item: ElementParticle;
}

export interface ComplexTypeDef {
  readonly kind: "complex";
  readonly qname: QName;
  /** xs:extension base: its content comes first on the wire, then `content`. */
  readonly base?: QName;
  /** The content model: the type's own particles (an extension's, after its base's). */
  readonly content?: GroupParticle;
  /** mixed="true": text may stand between the elements. */
  readonly mixed?: boolean;
  /** xs:attribute declarations, own and from attribute groups (absent when none). */
  readonly attributes?: readonly AttributeDecl[];
  /** xs:simpleContent: the type of the element's text (absent for element content). */
  readonly text?: TypeRef;
  /** xs:anyAttribute: attributes the schema leaves open, kept by name. */
  readonly openAttributes?: boolean;
  /** abstract="true": a value on the wire is always of a derived type. */
  readonly abstract?: boolean;
  /** WCF's `IsDictionary` annotation (ser:IsDictionary in xs:appinfo). */
  readonly isDictionary?: boolean;
  /** A restriction of soapenc:Array (rpc/encoded arrays). */
  readonly soapArray?: SoapArrayDecl;
  /** What the idioms pass made of it; the readers say "record". */
  readonly shape: ComplexShape;
  readonly loc: Loc;
  /** Its xs:documentation. */
  readonly doc?: string;
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
  /** Its xs:documentation. */
  readonly doc?: string;
  /** Each enumeration value's xs:documentation, beside `values` ("" for none; absent when none has any). */
  readonly valueDocs?: readonly string[];
}

export type TypeDef = ComplexTypeDef | SimpleTypeDef;

/** A global element declaration (operation wrappers and headers use these). */
export interface ElementDecl {
  readonly qname: QName;
  readonly type: TypeRef;
  readonly nillable: boolean;
  readonly loc: Loc;
  /** Its xs:documentation, or the wsdl:documentation of the message part that names it. */
  readonly doc?: string;
}

export interface HeaderPart {
  readonly part: string;
  readonly element: ElementDecl;
}

/**
 * What a wsdl:input or wsdl:output carries in the Body, by binding style:
 * - document (as read): the parts' global elements, which the messages pass makes `wrapped`
 *   (one element whose type is a sequence of members) or `bare`;
 * - wrapped: document/literal wrapped, the one body element;
 * - bare: document/literal bare, the parts' elements are the Body's children, held by a wrapper
 *   of the operation's name that is not on the wire;
 * - rpc: rpc/literal or rpc/encoded, a wrapper named after the operation with an accessor per part.
 */
export type MessageUse = DocumentMessage | WrappedMessage | BareMessage | RpcMessage;

interface MessageParts {
  readonly headers: readonly HeaderPart[];
}

export interface DocumentMessage extends MessageParts {
  readonly kind: "document";
  /** The element of each body part, in soap:body parts= order; `name` is the part's name. */
  readonly parts: readonly { readonly name: string; readonly element: ElementDecl; readonly loc: Loc; readonly doc?: string }[];
  /** The wrapper a bare message would get (`<operation>` or `<operation>Response` in the target namespace). */
  readonly wrapperName: QName;
  readonly loc: Loc;
}

export interface WrappedMessage extends MessageParts {
  readonly kind: "wrapped";
  readonly body: ElementDecl;
}

export interface BareMessage extends MessageParts {
  readonly kind: "bare";
  /** Not on the wire: its members are the Body's children. */
  readonly body: ElementDecl;
}

export interface RpcMessage extends MessageParts {
  readonly kind: "rpc";
  /** Named after the operation, in the soap:body namespace; one unqualified member per part. */
  readonly body: ElementDecl;
  /**
   * rpc/encoded: each part carries its type (xsi:type) and the wrapper the encoding style, this
   * (soap:body encodingStyle, else the SOAP encoding of the binding's SOAP version).
   */
  readonly encoded?: string;
}

/** A message use once the messages pass has run: every body is a wrapper, on the wire or not. */
export type BodyMessage = WrappedMessage | BareMessage | RpcMessage;

export interface FaultUse {
  readonly name: string;
  readonly element: ElementDecl;
}

export interface Operation<M extends MessageUse = BodyMessage> {
  readonly name: string;
  readonly soapAction: string;
  readonly input: M;
  readonly output: M;
  readonly faults: readonly FaultUse[];
  /** No wsdl:output: the call ends with the HTTP exchange (`output` is then an empty bare message). */
  readonly oneWay?: boolean;
  /**
   * WS-Addressing, when the binding says it is in use: the action of the operation's input (its
   * wsam:Action or wsaw:Action, else the SOAPAction). A request then carries wsa:Action,
   * wsa:MessageID and wsa:To header blocks.
   */
  readonly addressing?: string;
  readonly loc: Loc;
  /** The portType operation's wsdl:documentation, else the binding operation's. */
  readonly doc?: string;
}

/** One wsdl:service/wsdl:port bound with SOAP 1.1 or 1.2. */
export interface Service<M extends MessageUse = BodyMessage> {
  readonly soapVersion: "1.1" | "1.2";
  /** The agent name, from the WSDL's portType (User, Contact, ...). */
  readonly name: string;
  readonly serviceName: string;
  readonly portName: string;
  readonly address: string;
  readonly targetNamespace: string;
  readonly operations: readonly Operation<M>[];
  readonly source: SourceInfo;
  /** The wsdl:documentation of the service, its port and the portType, in that order. */
  readonly doc?: string;
}

export interface SourceInfo {
  /** The path or URL as configured. */
  readonly file: string;
  /** File name only, used in generated headers so output does not depend on the checkout path. */
  readonly displayName: string;
  readonly sha256: string;
}

/** Everything read from all configured WSDLs: shared named types plus one service per WSDL. */
export interface Model<M extends MessageUse = BodyMessage> {
  readonly types: ReadonlyMap<string, TypeDef>;
  /**
   * The polymorphic complex types (by qnameKey): those a value of a derived type may stand in
   * for on the wire (xsi:type), with the types that extend each directly, sorted. A type is here
   * when types derive from it and it, or a type it derives from, is some element's declared type.
   */
  readonly subtypes: ReadonlyMap<string, readonly QName[]>;
  readonly services: readonly Service<M>[];
  /** What the readers left out and why, as `file:line:col: warning: ...` lines. */
  readonly warnings: readonly string[];
  /** Advice about the WSDL that holds until it changes (a localhost address), as `file:line:col: warning: ...` lines. */
  readonly notices?: readonly string[];
  /** How many of the warnings are defects a lenient run worked round (0 in a strict run). */
  readonly rescues: number;
  /**
   * Global declarations the schema reader could not read (`type {ns}name`), and why: where an
   * operation reaches one, that is the error; the others are warnings. Absent once pruned.
   */
  readonly unread?: ReadonlyMap<string, GeneratorError>;
}

/** The model as the readers leave it, before the passes: document messages not yet wrapped or bare. */
export type ReadModel = Model<MessageUse>;

/** Whether an operation is rpc style. */
export const isRpc = (op: Operation): boolean => op.input.kind === "rpc";

/** The element particles of a content model, depth first, in document order. */
export function elementsOf(p: Particle | undefined): ElementParticle[] {
  const out: ElementParticle[] = [];
  const walk = (x: Particle) => {
    if (x.kind === "element") out.push(x);
    else if (x.kind !== "any") x.particles.forEach(walk);
  };
  if (p) walk(p);
  return out;
}

/** Whether a content model holds a wildcard (xs:any) anywhere. */
export function hasWildcard(p: Particle | undefined): boolean {
  return p !== undefined && (p.kind === "any" || (p.kind !== "element" && p.particles.some(hasWildcard)));
}

/**
 * The same content model without groups that say nothing: a group of one particle that occurs
 * once is that particle, a sequence occurring once inside a sequence (or a choice inside a
 * choice) is spliced into it, an empty group is dropped, and a repeated group of one element that
 * occurs at most once is that element repeated. What is sent and accepted does not change.
 */
export function simplified(group: GroupParticle): GroupParticle {
  const once = (p: Occurs) => p.minOccurs === 1 && p.maxOccurs === 1;
  const simplify = (p: Particle): Particle | undefined => {
    if (p.kind !== "sequence" && p.kind !== "choice" && p.kind !== "all") return p;
    const particles: Particle[] = [];
    for (const c of p.particles) {
      const s = simplify(c);
      if (s === undefined) continue;
      if (s.kind === p.kind && s.kind !== "all" && once(s)) particles.push(...(s as GroupParticle).particles);
      else particles.push(s);
    }
    if (particles.length === 0) return undefined;
    if (particles.length === 1) {
      const only = particles[0]!;
      if (once(p)) return only;
      if (only.kind !== "any" && only.kind !== "element" && once(only)) return { ...only, minOccurs: p.minOccurs, maxOccurs: p.maxOccurs };
      if (only.kind === "element" && only.maxOccurs === 1) return { ...only, minOccurs: only.minOccurs === 0 ? 0 : p.minOccurs, maxOccurs: p.maxOccurs };
      // An optional group of one element that may repeat: the element, optional (0, or c..d, is 0..d when c <= 1).
      if (only.kind === "element" && p.maxOccurs === 1 && only.minOccurs <= 1) return { ...only, minOccurs: p.minOccurs === 0 ? 0 : only.minOccurs };
    }
    return { ...p, particles };
  };
  const s = simplify(group);
  if (s === undefined) return { ...group, particles: [] };
  return s.kind === "element" || s.kind === "any" || !once(s) ? sequenceOf([s], group.loc) : s;
}

/**
 * The members of a content model that is a plain sequence: element particles with distinct
 * names, directly in one sequence (or xs:all) that occurs once, no wildcard; undefined for any
 * other model. All of Services88's types are plain; the emitters keep their flat shape.
 */
export function plainElements(def: ComplexTypeDef): readonly ElementParticle[] | undefined {
  if (!def.content) return [];
  const c = simplified(def.content);
  if (c.kind === "choice" || c.minOccurs !== 1 || c.maxOccurs !== 1) return undefined;
  const seen = new Set<string>();
  for (const p of c.particles) {
    if (p.kind !== "element") return undefined;
    const key = `{${p.ns}}${p.name}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
  }
  return c.particles as readonly ElementParticle[];
}

/** A sequence of the given particles, occurring once: the content model of a wrapper that is not in a schema. */
export function sequenceOf(particles: readonly Particle[], loc: Loc): GroupParticle {
  return { kind: "sequence", minOccurs: 1, maxOccurs: 1, particles, loc };
}
