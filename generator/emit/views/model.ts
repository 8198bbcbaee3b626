// The views: plain data the templates print, one kind per output file. Names, TypeScript types,
// imports and TSDoc are decided by the builders beside this file; templates only loop and branch.
import type { ApiSummary } from "../../api/summary.js";
import type { FileImports } from "../imports.js";
import type { DescriptorType, RuntimeSymbol } from "../symbols.js";

export interface Doc {
  readonly doc: readonly string[];
  /** Whether the comment needs more than one line (templates only branch, never count). */
  readonly docMulti: boolean;
}

export interface PropertyView extends Doc {
  readonly key: string;
  readonly optional: boolean;
  readonly ts: string;
  /**
   * A group that repeats: an array of one object per occurrence, each one of these alternatives
   * (printed `( | {...} | {...} )[]`); `ts` is then unused.
   */
  readonly entries?: readonly AlternativeView[];
}

/** One object type of a union: its properties (the union's other members as `?: never`), and the unions it is intersected with. */
export interface AlternativeView {
  readonly properties: readonly PropertyView[];
  readonly unions: readonly UnionView[];
}

/** An xs:choice as a union of its alternatives (one of none when the choice may be left out). */
export interface UnionView {
  readonly alternatives: readonly AlternativeView[];
}

/** A TypeScript object type to declare: an interface, or a type alias when it has unions or extends an alias. */
export interface DeclarationView extends Doc {
  readonly name: string;
  readonly alias: boolean;
  readonly base?: string;
  readonly properties: readonly PropertyView[];
  readonly unions: readonly UnionView[];
}

export interface FieldSpecView {
  readonly name: string;
  readonly desc: string;
  /** The runtime flag constants, or "0". */
  readonly flags: string;
  /** The member's namespace, when not the record's element namespace ("" otherwise). */
  readonly ns: string;
  /** The property, when not the wire name ("" otherwise). */
  readonly key: string;
}

export interface TypeView extends DeclarationView {
  /** A complex type (a declaration), rather than an enumeration or flags. */
  readonly isInterface: boolean;
  /** For enums and flags: the union of literals. */
  readonly union?: string;
  readonly isFlags: boolean;
  /** For a polymorphic complex type: the union of it and its derived types, by `$type`. */
  readonly polymorphic?: PolymorphicView;
}

export interface PolymorphicView extends Doc {
  readonly name: string;
  readonly variants: readonly { readonly type: string; readonly tag: string; readonly optional: boolean }[];
}

export interface DescriptorView {
  readonly name: string;
  readonly ns: string;
  readonly xsdName: string;
  /** The runtime function that builds the descriptor. */
  readonly kind: RuntimeSymbol & ("record" | "array" | "dictionary" | "enumeration" | "flags" | "restriction" | "list");
  /** The runtime type the constant is declared with (RecordType, ...; see DESCRIPTOR_TYPES). */
  readonly type: DescriptorType;
  readonly elementNs: string;
  readonly base: string;
  readonly fields: readonly FieldSpecView[];
  readonly entry?: string;
  readonly values?: string;
  readonly restrictionOf?: string;
  /** Restrictions: the [min, max] length the encoder checks, when the schema sets one. */
  readonly length?: string;
  /** Records: the `$type` of its values when it is not the XSD name ("" otherwise). */
  readonly tag: string;
  /** Records: the descriptors of the types that extend a polymorphic type directly. */
  readonly derived: readonly string[];
  /** Records whose content is not a plain sequence: the content model, as the runtime's `particles(...)` expression. */
  readonly model?: string;
  /** Records: open attributes (xs:anyAttribute) are kept in `$attributes`. */
  readonly openAttributes: boolean;
  /** Arrays: the runtime's hook of a SOAP-encoded array (soapenc:Array), when it is one. */
  readonly encodedArray?: string;
  /** Records: attributes or text, written and read by the runtime's content hooks. */
  readonly content: boolean;
  readonly hasOptions: boolean;
}

/** What every generated module's template starts from: its header comment and runtime import. */
interface FileView {
  readonly header: readonly string[];
  readonly runtime: string;
  readonly runtimeImports: string;
}

/** The headers an agent sends and receives, and the options that set them: what a base class holds. */
export interface HeadersView {
  readonly headerSets: readonly HeaderSetView[];
  readonly requestHeaders: readonly PropertyView[];
  readonly responseHeaders: readonly PropertyView[];
  readonly shortcuts: readonly ShortcutView[];
  readonly failureHeader?: string;
  /** The WSDL's address is a placeholder: the options must say where the service is. */
  readonly addressRequired: boolean;
}

export interface SharedView extends FileView {
  /** No named types: types.ts still has to be a module. */
  readonly empty: boolean;
  readonly namespaces: readonly { readonly id: string; readonly uri: string }[];
  readonly types: readonly TypeView[];
  readonly descriptors: readonly DescriptorView[];
}

export interface WrapperView extends DeclarationView {
  readonly fields: readonly FieldSpecView[];
}

export interface HeaderSetView {
  readonly name: string;
  readonly elements: readonly { readonly ns: string; readonly name: string; readonly desc: string; readonly nillable: boolean }[];
}

export interface OperationView extends Doc {
  readonly name: string;
  /** The operation as an interface key, as a key in the operations table (object literal), and as a member access on it. */
  readonly key: string;
  readonly entryKey: string;
  readonly access: string;
  readonly method: string;
  readonly request: string;
  readonly response: string;
  readonly requestFields: readonly FieldSpecView[];
  readonly responseFields: readonly FieldSpecView[];
  /** Departures from WCF's naming conventions, as an object literal ("" when none). */
  readonly options: string;
  readonly returns: string;
  /** The declared faults as `isFault` narrows to: `{ name: "X"; value: T }` members (absent when none). */
  readonly fault?: string;
  /** Whether the method resolves to the response wrapper's members (not to a lone `<Response>` member, nor to nothing). */
  readonly returnsWrapper: boolean;
  /** The method resolves to the response's only member, not the wrapper. */
  readonly unwraps: boolean;
  readonly requestOptional: boolean;
}

export interface ShortcutView extends Doc {
  readonly option: string;
  readonly ts: string;
  readonly element: string;
  readonly member?: string;
}

export interface AgentView extends FileView, HeadersView {
  /** Whether the file refers to the shared types module (T.). */
  readonly usesTypes: boolean;
  readonly agent: string;
  /** The agent's name as comment text (docText). */
  readonly agentDoc: string;
  readonly className: string;
  readonly optionsName: string;
  readonly operationsName: string;
  readonly operationMapName: string;
  readonly file: string;
  /** The file of its operations table, `<agent>.operations` (descriptors, which the agent's file re-exports). */
  readonly operationsFile: string;
  readonly address: string;
  readonly actionPrefix: string;
  readonly namespace: string;
  readonly defaultIn: string;
  readonly defaultOut: string;
  /** Whether the wrappers' members are unqualified (elementFormDefault="unqualified", the XSD default). */
  readonly unqualified: boolean;
  /** Whether the binding is SOAP 1.2. */
  readonly soap12: boolean;
  /** The header sets the agent's operations name (imported from its base). */
  readonly headerSetsUsed: readonly string[];
  /** What printing the agent's headers used: its base class file imports these. */
  readonly headerImports: FileImports;
  readonly docMulti: boolean;
  readonly wrappers: readonly WrapperView[];
  readonly operations: readonly OperationView[];
  /** The operations whose methods this file declares (all of them, unless the agent is split into parts). */
  readonly methods: readonly OperationView[];
  /** A large agent's parts, which hold the other wrappers and methods (see render.ts, SPLIT_AT). */
  readonly parts: readonly AgentPartView[];
  /** Some method resolves to its response wrapper's members rather than a lone `<Response>` (the class doc says so). */
  readonly returnsWrappers: boolean;
  /** Methods resolve to a response's only member, whatever its name (the generic profile), not only to `<Response>`. */
  readonly unwrapsOnlyMember: boolean;
  /** The generic profile: a response whose only member is one element resolves to that member (the table says so once). */
  readonly unwrapSingle: boolean;
  /** Some method resolves to its lone `<Response>` (the operations table names it RESPONSE). */
  readonly unwraps: boolean;
  /** The shared base this agent extends (set once agents are grouped). */
  readonly base: {
    file: string;
    className: string;
    optionsName: string;
    responseHeadersName: string;
    /** The options of one call, with the base's request headers. */
    callOptionsName: string;
    /** What the agent's file imports from the base: the class and its options and headers types. */
    imports: string;
    /** What its operations table imports from the base: the header sets it names. */
    headerSetImports: string;
  };
  /** Whether the operations table refers to the descriptors module (S.). */
  readonly usesSchema: boolean;
}

/** One part of a split agent: a group of operations' wrappers and method declarations. */
export interface AgentPartView extends Omit<FileView, "runtimeImports"> {
  /** Its file name, without .ts: `<agent>.part-<number>`. */
  readonly file: string;
  readonly number: number;
  readonly agentFile: string;
  readonly className: string;
  /** The base's file and its call options type, which the methods take. */
  readonly base: { readonly file: string; readonly callOptionsName: string };
  /** The interface of this part's methods, which the agent's interface extends. */
  readonly methodsName: string;
  /** Which operations, as comment text: "Operation0000Process to Operation0377Process". */
  readonly range: string;
  readonly usesTypes: boolean;
  /** Wrappers this part's methods name that other parts declare. */
  readonly imports: readonly { readonly file: string; readonly names: readonly string[] }[];
  readonly wrappers: readonly WrapperView[];
  readonly methods: readonly OperationView[];
}

/** What agents with the same headers share: header sets, header and option types, the constructor. */
export interface BaseView extends FileView, HeadersView {
  /** The header elements' namespaces, each written once (NS0, NS1, ...) rather than per element. */
  readonly namespaces: readonly { readonly id: string; readonly uri: string }[];
  readonly usesTypes: boolean;
  /** Whether a header is of a shared type (S.): only then is the descriptors module imported. */
  readonly usesSchema: boolean;
  readonly file: string;
  readonly className: string;
  readonly optionsName: string;
  readonly requestHeadersName: string;
  readonly responseHeadersName: string;
  /** `CallOptions` with these request headers: what each method's `options` are. */
  readonly callOptionsName: string;
  readonly agents: string;
}

export interface IndexView extends Omit<FileView, "runtimeImports"> {
  readonly agents: readonly {
    readonly className: string;
    readonly optionsName: string;
    readonly operationsName: string;
    readonly file: string;
    readonly property: string;
  }[];
  /** The factory giving every agent from one set of options (services88()), with the lines of its usage example. */
  readonly factory: {
    readonly name: string;
    readonly typeName: string;
    readonly optionsName: string;
    readonly baseOptions: readonly string[];
    readonly example: readonly string[];
  };
  /** What the profile calls a client ("agent", "client") in the docs. */
  readonly noun: string;
  /** The runtime's factory helper the index imports (named by the profile's word). */
  readonly lazy: string;
  readonly bases: readonly {
    readonly file: string;
    readonly className: string;
    readonly optionsName: string;
    readonly requestHeadersName: string;
    readonly responseHeadersName: string;
    readonly callOptionsName: string;
  }[];
}

export interface SdkView {
  readonly shared: SharedView;
  readonly bases: readonly BaseView[];
  readonly agents: readonly AgentView[];
  readonly index: IndexView;
  /** The public API as callers see it (api.json), for the change report of the next run. */
  readonly api: ApiSummary;
  /** Where each generated type and descriptor comes from, by its name in types.ts or schema.ts: for reporting a generator bug. */
  readonly origins: ReadonlyMap<string, string>;
}
