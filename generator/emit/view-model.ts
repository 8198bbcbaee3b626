// Turns the model into the plain data the templates print: names, type expressions and doc lines
// are all decided here, so templates only loop and branch.
import { createHash } from "node:crypto";
import { GENERATOR_VERSION } from "../version.js";
import { GeneratorError } from "../diagnostics.js";
import {
  qnameKey,
  type ComplexTypeDef,
  type ElementDecl,
  type ElementParticle,
  type Model,
  type Operation,
  type Service,
  type SourceInfo,
  type TypeDef,
  type TypeRef,
} from "../ir/model.js";
import { apiSummary, type ApiSummary } from "../api/summary.js";
import { toTsDoc, type OperationDoc, type ReferenceDocs, type TypeDoc } from "../docs/reference-docs.js";
import { fileName, identifier, memberAccess, methodName, pascalCase, propertyKey, Scope } from "./naming.js";
import { FileImports } from "./imports.js";
import { runtimeSymbol, type RuntimeSymbol } from "./symbols.js";
import { cmp, mapper, namespacePrefix, nameTypes, type Mapper, type TypeNames } from "./type-mapping.js";

export interface Doc {
  readonly doc: readonly string[];
  /** Whether the comment needs more than one line (templates only branch, never count). */
  readonly docMulti: boolean;
}

const doc = (lines: readonly string[]): Doc => ({ doc: lines, docMulti: lines.length > 1 });

export interface PropertyView extends Doc {
  readonly key: string;
  readonly optional: boolean;
  readonly ts: string;
}

export interface FieldSpecView {
  readonly name: string;
  readonly desc: string;
  readonly flags: "0" | RuntimeSymbol;
}

export interface TypeView extends Doc {
  readonly name: string;
  readonly isInterface: boolean;
  readonly base?: string;
  readonly properties: readonly PropertyView[];
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
  readonly kind: RuntimeSymbol & ("record" | "array" | "dictionary" | "enumeration" | "flags" | "restriction");
  readonly elementNs: string;
  readonly base: string;
  readonly fields: readonly FieldSpecView[];
  readonly entry?: string;
  readonly values?: string;
  readonly restrictionOf?: string;
  /** Records: the `$type` of its values when it is not the XSD name ("" otherwise). */
  readonly tag: string;
  /** Records: the descriptors of the types that extend a polymorphic type directly. */
  readonly derived: readonly string[];
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
}

export interface SharedView extends FileView {
  readonly namespaces: readonly { readonly id: string; readonly uri: string }[];
  readonly types: readonly TypeView[];
  readonly descriptors: readonly DescriptorView[];
}

export interface WrapperView extends Doc {
  readonly name: string;
  readonly properties: readonly PropertyView[];
  readonly fields: readonly FieldSpecView[];
}

export interface HeaderSetView {
  readonly name: string;
  readonly elements: readonly { readonly ns: string; readonly name: string; readonly desc: string; readonly nillable: boolean }[];
}

export interface OperationView extends Doc {
  readonly name: string;
  /** The operation as an object key, and as a member access on the operations object. */
  readonly key: string;
  readonly access: string;
  readonly method: string;
  readonly request: string;
  readonly response: string;
  readonly requestFields: readonly FieldSpecView[];
  readonly responseFields: readonly FieldSpecView[];
  /** Departures from WCF's naming conventions, as an object literal ("" when none). */
  readonly options: string;
  readonly returns: string;
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
  readonly className: string;
  readonly optionsName: string;
  readonly operationsName: string;
  readonly operationMapName: string;
  readonly file: string;
  readonly address: string;
  readonly actionPrefix: string;
  readonly namespace: string;
  readonly defaultIn: string;
  readonly defaultOut: string;
  /** The header sets the agent's operations name (imported from its base). */
  readonly headerSetsUsed: readonly string[];
  /** What printing the agent's headers used: its base class file imports these. */
  readonly headerImports: FileImports;
  readonly docMulti: boolean;
  readonly wrappers: readonly WrapperView[];
  readonly operations: readonly OperationView[];
  /** The shared base this agent extends (set once agents are grouped). */
  readonly base: { file: string; className: string; optionsName: string; responseHeadersName: string; imports: string };
  /** Whether the agent's own code refers to the descriptors module (S.). */
  readonly usesSchema: boolean;
}

/** What agents with the same headers share: header sets, header and option types, the constructor. */
export interface BaseView extends FileView, HeadersView {
  readonly usesTypes: boolean;
  /** Whether a header is of a shared type (S.): only then is the descriptors module imported. */
  readonly usesSchema: boolean;
  readonly file: string;
  readonly className: string;
  readonly optionsName: string;
  readonly requestHeadersName: string;
  readonly responseHeadersName: string;
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
  /** The factory giving every agent from one set of options (services88()). */
  readonly factory: { readonly name: string; readonly typeName: string; readonly optionsName: string; readonly baseOptions: readonly string[] };
  readonly bases: readonly {
    readonly file: string;
    readonly className: string;
    readonly optionsName: string;
    readonly requestHeadersName: string;
    readonly responseHeadersName: string;
  }[];
}

export interface SdkView {
  readonly shared: SharedView;
  readonly bases: readonly BaseView[];
  readonly agents: readonly AgentView[];
  readonly index: IndexView;
  /** The public API as callers see it (api.json), for the change report of the next run. */
  readonly api: ApiSummary;
}

const TOOL = "soap-ts-gen";

/** A doc line must never end the comment it sits in. */
const docText = (s: string) => s.replace(/\*\//g, "*\\/");

/** Reference-doc text for the TSDoc, when --docs is given; none otherwise. */
interface DocText {
  type(xsdName: string): TypeDoc | undefined;
  operation(agent: string, op: string): OperationDoc | undefined;
  /** Reference text as TSDoc lines, with {@link} to generated types ("T." outside types.ts). */
  lines(text: string | undefined, alias: string): string[];
}

function docText_(model: Model, names: TypeNames, primaryNs: string, docs: ReferenceDocs | undefined): DocText {
  const byLocal = new Map<string, string>();
  for (const d of model.types.values()) {
    const generated = d.kind === "complex" ? d.shape.kind === "record" : d.variety !== "restriction";
    if (d.qname.ns === primaryNs && generated) byLocal.set(d.qname.local, names.name(d.qname));
  }
  return {
    type: (n) => docs?.type(n),
    operation: (a, o) => docs?.operation(a, o),
    lines: (text, alias) => toTsDoc(text, (n) => (byLocal.has(n) ? alias + byLocal.get(n)! : undefined)),
  };
}

/** Appends reference text after the WSDL-derived lines, separated by a blank line. */
const withReference = (wsdlLines: string[], reference: string[]): string[] => (reference.length ? [...reference, "", ...wsdlLines] : wsdlLines);

export function buildViews(model: Model, runtimeImport: string, docs?: ReferenceDocs): SdkView {
  if (!model.services.length) throw new GeneratorError("no services to generate: the configured WSDL sources are empty");
  const primaryNs = mostCommon(model.services.map((s) => s.targetNamespace));
  const scope = new Scope();
  const names = nameTypes(model, primaryNs, (w) => scope.claim(w));
  const ref = docText_(model, names, primaryNs, docs);
  const agentNames = model.services.map((s) => ({
    service: s,
    className: scope.claim(`${pascalCase(s.name)}Agent`),
    optionsName: scope.claim(`${pascalCase(s.name)}AgentOptions`),
    operationsName: scope.claim(`${pascalCase(s.name)}Operations`),
  }));
  const files = new Scope(["index", "types", "schema"], true);

  const shared = sharedView(model, names, primaryNs, runtimeImport, ref);
  const agents = agentNames.map((a) => agentView(a, names, files.claim(fileName(a.service.name)), runtimeImport, ref));
  const bases = groupAgents(agents, scope, files, runtimeImport, header(model.services.map((s) => s.source)));
  const api = apiSummary(
    model,
    names,
    agents.map((a) => ({
      agent: a.agent,
      className: a.className,
      operations: a.operations.map((o) => ({ name: o.name, method: o.method, returns: o.returns })),
    })),
  );
  // Named after the namespace the agents share (Services88 -> services88()).
  const family = namespacePrefix(primaryNs);
  const factory = {
    name: scope.claim(methodName(family)),
    typeName: scope.claim(pascalCase(family)),
    optionsName: scope.claim(`${pascalCase(family)}Options`),
    baseOptions: bases.map((b) => b.optionsName),
  };
  return {
    shared,
    bases,
    agents,
    api,
    index: {
      header: header(model.services.map((s) => s.source)),
      runtime: runtimeImport,
      factory,
      agents: agents.map((a) => ({
        className: a.className,
        optionsName: a.optionsName,
        operationsName: a.operationsName,
        file: a.file,
        property: methodName(a.agent),
      })),
      bases: bases.map((b) => ({
        file: b.file,
        className: b.className,
        optionsName: b.optionsName,
        requestHeadersName: b.requestHeadersName,
        responseHeadersName: b.responseHeadersName,
      })),
    },
  };
}

/** An import list: values, then types, each sorted case-insensitively (as organize-imports would). */
function importList(values: string[], types: string[]): string {
  const sort = (xs: string[]) => [...new Set(xs)].sort((a, b) => cmp(a.toLowerCase(), b.toLowerCase()) || cmp(a, b));
  return [...sort(values), ...sort(types).map((t) => `type ${t}`)].join(", ");
}

function commonPrefix(values: readonly string[]): string {
  if (values.length < 2) return "";
  let prefix = values[0]!;
  for (const v of values) while (!v.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.slice(0, prefix.lastIndexOf("/") + 1);
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))[0]![0];
}

/**
 * One line: the generator's version and a digest of the inputs (each WSDL's name and sha256), so
 * a file says what made it without a line per WSDL.
 */
function header(sources: readonly SourceInfo[]): string[] {
  const inputs = [...sources].sort((a, b) => cmp(a.displayName, b.displayName)).map((s) => `${s.displayName} ${s.sha256}\n`);
  const digest = createHash("sha256").update(inputs.join("")).digest("hex").slice(0, 16);
  const from = sources.length === 1 ? sources[0]!.displayName : `${sources.length} WSDLs`;
  return [`Generated by ${TOOL} ${GENERATOR_VERSION} from ${from} (inputs sha256:${digest}). Do not edit: run \`npm run generate\`.`];
}

function particleDoc(p: ElementParticle, m: Mapper): string[] {
  const occurs = p.minOccurs === 0 ? "optional (minOccurs=0)" : "required";
  return [docText(`\`<${p.name}>\` ${m.xsd(p.type)}, ${occurs}${p.nillable ? ", nillable (null is sent as xsi:nil)" : ""}.`)];
}

function property(p: ElementParticle, m: Mapper, reference: string[] = []): PropertyView {
  return { key: propertyKey(p.name), optional: p.minOccurs === 0, ts: m.element(p), ...doc(withReference(particleDoc(p, m), reference)) };
}

function fieldSpec(p: ElementParticle, m: Mapper): FieldSpecView {
  return { name: JSON.stringify(p.name), desc: m.desc(p.type, p.loc), flags: m.flags(p) };
}

function elementNs(def: ComplexTypeDef, particles: readonly ElementParticle[]): string {
  const nss = new Set(particles.map((p) => p.ns));
  if (nss.size > 1) throw new GeneratorError(`complexType ${def.qname.local} mixes qualified and unqualified members; not supported`, def.loc);
  return nss.values().next().value ?? def.qname.ns;
}

function sharedView(model: Model, names: TypeNames, primaryNs: string, runtime: string, ref: DocText): SharedView {
  const imports = new FileImports();
  const m = mapper(names, "", "", imports);
  const nsIds = new Map<string, string>();
  const nsId = (uri: string) => {
    if (!nsIds.has(uri)) nsIds.set(uri, `NS${nsIds.size}`);
    return nsIds.get(uri)!;
  };
  nsId(primaryNs);
  const defs = [...model.types.values()].sort((a, b) => cmp(names.name(a.qname), names.name(b.qname)));
  // Bases first: descriptors pass their base by value.
  const ordered: TypeDef[] = [];
  const placed = new Set<string>();
  const place = (d: TypeDef) => {
    const key = qnameKey(d.qname);
    if (placed.has(key)) return;
    placed.add(key);
    if (d.kind === "complex" && d.base) place(names.def(d.base));
    ordered.push(d);
  };
  defs.forEach(place);

  const types: TypeView[] = [];
  const descriptors: DescriptorView[] = [];
  for (const d of ordered) {
    const name = names.name(d.qname);
    const xsdName = JSON.stringify(d.qname.local);
    const ns = nsId(d.qname.ns);
    const common = { name, ns, xsdName, elementNs: ns, base: "undefined", fields: [] as FieldSpecView[], tag: "", derived: [], hasOptions: false };
    const where = d.qname.ns === primaryNs ? "" : ` in namespace ${d.qname.ns}`;
    if (d.kind === "simple") {
      if (d.variety === "restriction") {
        descriptors.push({ ...common, kind: "restriction", restrictionOf: m.desc(d.base, d.loc) });
        continue;
      }
      const union = d.values.map((v) => JSON.stringify(v)).join(" | ") || "never";
      const values =
        d.values.length <= 40 ? `Allowed values: ${d.values.map((v) => `\`${v}\``).join(", ")}.` : `${d.values.length} allowed values, listed in the type.`;
      types.push({
        name,
        isInterface: false,
        properties: [],
        union,
        isFlags: d.variety === "flags",
        ...doc(
          withReference(
            [
              docText(
                d.variety === "flags"
                  ? `XSD simpleType ${d.qname.local}${where}: a list of flags (WCF [Flags] enum), sent space-separated.`
                  : `XSD simpleType ${d.qname.local}${where}: an enumeration.`,
              ),
              docText(values),
            ],
            ref.lines(ref.type(d.qname.local)?.description, ""),
          ),
        ),
      });
      descriptors.push({ ...common, kind: d.variety === "flags" ? "flags" : "enumeration", values: `[${d.values.map((v) => JSON.stringify(v)).join(", ")}]` });
      continue;
    }
    const particles = d.shape.kind === "dictionary" ? [d.shape.key, d.shape.value] : d.elements;
    const eNs = nsId(elementNs(d, particles));
    if (d.shape.kind === "array") {
      descriptors.push({ ...common, kind: "array", elementNs: eNs, fields: [fieldSpec(d.shape.item, m)] });
      continue;
    }
    if (d.shape.kind === "dictionary") {
      descriptors.push({ ...common, kind: "dictionary", elementNs: eNs, entry: JSON.stringify(d.shape.entry), fields: particles.map((p) => fieldSpec(p, m)) });
      continue;
    }
    const base = d.base ? names.name(d.base) : undefined;
    if (base && names.def(d.base!).kind !== "complex")
      throw new GeneratorError(`complexType ${d.qname.local} extends simple type ${d.base!.local}; not supported`, d.loc);
    const union = names.union(d.qname);
    types.push({
      name,
      isInterface: true,
      ...(base ? { base } : {}),
      properties: d.elements.map((p) => property(p, m, ref.lines(ref.type(d.qname.local)?.properties.get(p.name), ""))),
      isFlags: false,
      ...doc(
        withReference(
          [docText(`XSD complexType ${d.qname.local}${where}${base ? `, extending {@link ${base}} (its members come first on the wire)` : ""}.`)],
          ref.lines(ref.type(d.qname.local)?.description, ""),
        ),
      ),
      ...(union ? { polymorphic: polymorphicView(d, union, names) } : {}),
    });
    const tag = name === d.qname.local ? "" : JSON.stringify(name);
    const derived = names.subtypes(d.qname).map((q) => names.name(q));
    descriptors.push({
      ...common,
      kind: "record",
      elementNs: eNs,
      base: base ?? "undefined",
      fields: d.elements.map((p) => fieldSpec(p, m)),
      tag,
      derived,
      hasOptions: tag !== "" || derived.length > 0,
    });
  }
  imports.use(runtimeSymbol("registry"));
  for (const d of descriptors) imports.use(d.kind);
  return {
    header: header(model.services.map((s) => s.source)),
    runtime,
    runtimeImports: importList([...imports.runtime], []),
    namespaces: [...nsIds].map(([uri, id]) => ({ id, uri: JSON.stringify(uri) })),
    types,
    descriptors,
  };
}

/**
 * The union a member of a polymorphic type is typed with: the type and everything derived from
 * it, each marked by its `$type`. The decoder always fills `$type`; a request may leave it out
 * for the declared type itself.
 */
function polymorphicView(d: ComplexTypeDef, union: string, names: TypeNames): PolymorphicView {
  const family: string[] = [];
  const walk = (q: ComplexTypeDef["qname"]) => {
    for (const s of names.subtypes(q)) {
      family.push(names.name(s));
      walk(s);
    }
  };
  walk(d.qname);
  const own = names.name(d.qname);
  return {
    name: union,
    variants: [own, ...family.sort(cmp)].map((type) => ({ type, tag: JSON.stringify(type), optional: type === own })),
    ...doc([
      docText(`A {@link ${own}} or any type derived from it: \`$type\` says which (xsi:type on the wire).`),
      docText(`Responses always carry \`$type\`; a request sends a derived type only when \`$type\` names it.`),
    ]),
  };
}

const wrapperOf = (decl: ElementDecl, names: TypeNames, what: string): ComplexTypeDef => {
  const t = decl.type;
  if ("kind" in t && t.kind === "complex") return t;
  const ref = t as TypeRef;
  if (ref.kind === "named") {
    const def = names.def(ref.qname);
    if (def.kind === "complex" && def.shape.kind === "record") return def;
  }
  throw new GeneratorError(
    `${what} element ${decl.qname.local} is not a sequence wrapper; document/literal wrapped style needs a complex body element`,
    decl.loc,
  );
};

function agentView(
  a: { service: Service; className: string; optionsName: string; operationsName: string },
  names: TypeNames,
  file: string,
  runtime: string,
  ref: DocText,
): AgentView {
  const { service } = a;
  // The agent's file and its headers (which its base class file prints) import apart.
  const imports = new FileImports();
  const m = mapper(names, "T.", "S.", imports);
  const headerImports = new FileImports();
  const mh = mapper(names, "T.", "S.", headerImports);
  const local = new Scope([a.className, a.optionsName, a.operationsName, "T", "S", "NS"]);
  const agent = pascalCase(service.name);
  const operationMapName = local.claim(`${agent}OperationMap`);
  const methods = new Scope();
  // WCF actions are <namespace>/<contract>/<operation>: the shared prefix is printed once.
  const actionPrefix = commonPrefix(service.operations.map((o) => o.soapAction));

  const wrappers: WrapperView[] = [];
  // One interface per wrapper element: operations may share one (SoPrincipal's <AuthenticateResponse>).
  const byElement = new Map<string, { view: WrapperView; def: ComplexTypeDef }>();
  const wrapper = (decl: ElementDecl, suffix: string, what: string, params: ReadonlyMap<string, string> = new Map()) => {
    const known = byElement.get(qnameKey(decl.qname));
    if (known) return known;
    const def = wrapperOf(decl, names, what);
    if (def.base) throw new GeneratorError(`wrapper element ${decl.qname.local} has an extension base; not supported`, def.loc);
    const name = local.claim(`${pascalCase(decl.qname.local.replace(/Response$/, ""))}${suffix}`);
    if (decl.qname.ns !== service.targetNamespace)
      throw new GeneratorError(
        `wrapper element ${decl.qname.local} is in namespace ${decl.qname.ns}, not the service's ${service.targetNamespace}; not supported`,
        decl.loc,
      );
    const view: WrapperView = {
      name,
      properties: def.elements.map((p) => property(p, m, ref.lines(params.get(p.name), "T."))),
      fields: def.elements.map((p) => fieldSpec(p, m)),
      ...doc([docText(`The \`<${decl.qname.local}>\` ${what} wrapper of ${service.name}.`)]),
    };
    wrappers.push(view);
    byElement.set(qnameKey(decl.qname), { view, def });
    return { view, def };
  };

  // Header sets are named in the order of their contents, so agents with the same headers
  // describe them identically and can share them.
  const setElements = new Map<string, HeaderSetView["elements"]>();
  const headerKey = (parts: readonly { element: ElementDecl }[]) => {
    const elements = parts.map(({ element: e }) => {
      if ("kind" in e.type && e.type.kind === "complex")
        throw new GeneratorError(`header element ${e.qname.local} has an anonymous type; not supported`, e.loc);
      return { ns: JSON.stringify(e.qname.ns), name: JSON.stringify(e.qname.local), desc: mh.desc(e.type as TypeRef, e.loc), nillable: e.nillable };
    });
    const key = JSON.stringify(elements);
    setElements.set(key, elements);
    return key;
  };
  const headerKeys = service.operations.map((op) => ({ inH: headerKey(op.input.headers), outH: headerKey(op.output.headers) }));
  // Sets are named by what they hold (HEADERS_ApplicationToken_Credentials, NO_HEADERS), so a
  // WSDL change never renumbers them.
  const setNames = new Scope();
  const headerSets: HeaderSetView[] = [...setElements.keys()].sort(cmp).map((key) => {
    const elements = setElements.get(key)!;
    const names = elements.map((e) => identifier(JSON.parse(e.name) as string));
    return { name: setNames.claim(names.length ? `HEADERS_${names.join("_")}` : "NO_HEADERS"), elements };
  });
  const headerSet = (key: string) => headerSets.find((h) => JSON.stringify(h.elements) === key)!.name;
  const headerProps = (pick: (op: Operation) => readonly { element: ElementDecl }[]): PropertyView[] => {
    const seen = new Map<string, PropertyView>();
    for (const op of service.operations)
      for (const { element: e } of pick(op)) {
        if (seen.has(e.qname.local)) continue;
        const p: ElementParticle = {
          name: e.qname.local,
          ns: e.qname.ns,
          type: e.type as TypeRef,
          minOccurs: 0,
          maxOccurs: 1,
          nillable: e.nillable,
          loc: e.loc,
        };
        seen.set(e.qname.local, { ...property(p, mh), ...doc([docText(`Header \`<${e.qname.local}>\` ${mh.xsd(p.type)}${e.nillable ? ", nillable" : ""}.`)]) });
      }
    return [...seen.values()];
  };

  const headerUse = headerKeys.map((k) => ({ inH: headerSet(k.inH), outH: headerSet(k.outH) }));
  const defaultIn = mostCommon(headerUse.map((h) => h.inH));
  const defaultOut = mostCommon(headerUse.map((h) => h.outH));
  const operations: OperationView[] = service.operations.map((op, i) => {
    const options: string[] = [];
    if (op.input.body.qname.local !== op.name) options.push(`request: ${JSON.stringify(op.input.body.qname.local)}`);
    if (op.output.body.qname.local !== `${op.name}Response`) options.push(`response: ${JSON.stringify(op.output.body.qname.local)}`);
    if (!(actionPrefix.length > 1 && op.soapAction === actionPrefix + op.name)) options.push(`action: ${JSON.stringify(op.soapAction)}`);
    if (headerUse[i]!.inH !== defaultIn) options.push(`in: ${headerUse[i]!.inH}`);
    if (headerUse[i]!.outH !== defaultOut) options.push(`out: ${headerUse[i]!.outH}`);
    // The runtime names the method; only a clash (operations differing in case) is spelled out.
    const method = methods.claim(methodName(op.name));
    if (method !== methodName(op.name)) options.push(`method: ${JSON.stringify(method)}`);
    const opDoc = ref.operation(service.name, op.name);
    const req = wrapper(op.input.body, "Request", "request", opDoc?.params);
    const res = wrapper(op.output.body, "Response", "response");
    const members = res.def.elements;
    const only = members.length === 1 ? members[0] : undefined;
    const unwrap = only && only.name === "Response" ? only : undefined;
    const returns = unwrap
      ? m.element(unwrap) + (unwrap.minOccurs === 0 && !unwrap.nillable ? " | undefined" : "")
      : members.length === 0
        ? "void"
        : res.view.name;
    return {
      name: op.name,
      key: propertyKey(op.name),
      access: memberAccess(op.name),
      method,
      request: req.view.name,
      response: res.view.name,
      requestFields: req.view.fields,
      responseFields: res.view.fields,
      options: options.length ? `{ ${options.join(", ")} }` : "",
      returns,
      requestOptional: req.def.elements.every((p) => p.minOccurs === 0),
      ...doc([
        ...withReference([], [...ref.lines(opDoc?.summary, "T."), ...(opDoc?.description ? ["", ...ref.lines(opDoc.description, "T.")] : [])]),
        ...[...(opDoc?.params ?? [])].flatMap(([k, v], i) => [...(i === 0 ? ["Request members:"] : []), ...ref.lines(`- \`${k}\`: ${v}`, "T.")]),
        ...(opDoc?.params.size ? [""] : []),
        docText(`Calls ${service.name}.${op.name} (SOAP 1.1, SOAPAction \`${op.soapAction}\`).`),
        "",
        docText(`@param request - the \`<${op.input.body.qname.local}>\` members, see {@link ${req.view.name}}`),
        "@param options - cancellation and timeout for this call",
        docText(
          unwrap
            ? `@returns the \`<Response>\` of \`<${op.output.body.qname.local}>\` (${m.xsd(unwrap.type)})${unwrap.nillable ? "; null when nil or absent" : ""}`
            : members.length === 0
              ? `@returns nothing: \`<${op.output.body.qname.local}>\` is empty`
              : `@returns the members of \`<${op.output.body.qname.local}>\`, see {@link ${res.view.name}}`,
        ),
      ]),
    };
  });

  const requestHeaders = headerProps((op) => op.input.headers);
  const responseHeaders = headerProps((op) => op.output.headers);
  const agentShortcuts = shortcuts(service, names, mh);
  imports.use(runtimeSymbol("operations"));
  return {
    header: header([service.source]),
    runtime,
    runtimeImports: importList([...imports.runtime], ["CallOptions", "SoapResult"]),
    usesTypes: imports.types,
    usesSchema: imports.schema,
    headerImports,
    base: { file: "", className: "", optionsName: "", responseHeadersName: "", imports: "" },
    agent: service.name,
    className: a.className,
    optionsName: a.optionsName,
    operationsName: a.operationsName,
    operationMapName,
    file,
    address: JSON.stringify(service.address),
    actionPrefix: actionPrefix.length > 1 ? JSON.stringify(actionPrefix) : "",
    defaultIn,
    defaultOut,
    headerSetsUsed: [...new Set([defaultIn, defaultOut, ...headerUse.flatMap((h) => [h.inH, h.outH])])],
    namespace: JSON.stringify(service.targetNamespace),
    ...doc([
      docText(`Client of the ${service.name} agent: wsdl:service ${service.serviceName}, port ${service.portName}, SOAP 1.1 document/literal.`),
      docText(`Default endpoint: ${service.address}`),
    ]),
    wrappers,
    headerSets,
    requestHeaders,
    responseHeaders,
    shortcuts: agentShortcuts,
    ...(responseHeaders.some((h) => h.key === "ExceptionInfo") ? { failureHeader: JSON.stringify("ExceptionInfo") } : {}),
    operations,
  };
}

/**
 * Agents whose headers, header options and failure header are the same share one generated base
 * class (and its header sets and types) instead of each repeating them.
 */
function groupAgents(agents: AgentView[], scope: Scope, files: Scope, runtime: string, fileHeader: string[]): BaseView[] {
  const headersOf = (a: AgentView): HeadersView => ({
    headerSets: a.headerSets,
    requestHeaders: a.requestHeaders,
    responseHeaders: a.responseHeaders,
    shortcuts: a.shortcuts,
    ...(a.failureHeader ? { failureHeader: a.failureHeader } : {}),
  });
  const groups = new Map<string, AgentView[]>();
  for (const a of agents) {
    const key = JSON.stringify(headersOf(a));
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const bases: BaseView[] = [];
  // The group most agents share is the AgentBase; any other is named after its first agent
  // (SoPrincipalAgentBase), never numbered, so a WSDL change cannot rename a public type.
  const ordered = [...groups.values()].sort((x, y) => y.length - x.length || cmp(x[0]!.agent, y[0]!.agent));
  for (const [i, members] of ordered.entries()) {
    const a = members[0]!;
    const headers = headersOf(a);
    const owner = i === 0 ? "" : pascalCase(a.agent);
    const base: BaseView = {
      header: fileHeader,
      runtime,
      file: files.claim(i === 0 ? "agent-base" : `${a.file}-base`),
      className: scope.claim(`${owner}AgentBase`),
      optionsName: scope.claim(i === 0 ? "AgentOptions" : `${owner}AgentBaseOptions`),
      requestHeadersName: scope.claim(`${owner}RequestHeaders`),
      responseHeadersName: scope.claim(`${owner}ResponseHeaders`),
      ...headers,
      runtimeImports: importList(
        [runtimeSymbol("SoapClient"), ...(a.headerSets.some((h) => h.elements.length) ? [runtimeSymbol("element")] : []), ...a.headerImports.runtime],
        ["ClientOptions", "Field", "OperationInfo"],
      ),
      usesTypes: a.headerImports.types,
      usesSchema: a.headerImports.schema,
      agents: members.length === 1 ? members[0]!.className : `the ${members.length} agents`,
    };
    bases.push(base);
    for (const m of members) {
      (m as { base: AgentView["base"] }).base = {
        file: base.file,
        className: base.className,
        optionsName: base.optionsName,
        responseHeadersName: base.responseHeadersName,
        imports: importList([base.className, ...m.headerSetsUsed], [base.optionsName, base.responseHeadersName]),
      };
    }
  }
  return bases;
}

/**
 * SuperOffice's credential headers get plain options (applicationToken, ticket, timeZone) when
 * the WSDL declares them with the expected shape; any header can still be set through `headers`.
 */
function shortcuts(service: Service, names: TypeNames, m: Mapper): ShortcutView[] {
  const inputs = new Map<string, ElementDecl>();
  for (const op of service.operations) for (const h of op.input.headers) inputs.set(h.element.qname.local, h.element);
  const out: ShortcutView[] = [];
  const token = inputs.get("ApplicationToken");
  if (token && (token.type as TypeRef).kind === "builtin" && (token.type as { name: string }).name === "string") {
    out.push({ option: "applicationToken", ts: "string", element: "ApplicationToken", ...doc(["Sent as the `<ApplicationToken>` header."]) });
  }
  const creds = inputs.get("Credentials");
  const credsRef = creds?.type as TypeRef | undefined;
  if (credsRef?.kind === "named") {
    const def = names.def(credsRef.qname);
    if (def.kind === "complex" && def.elements.some((p) => p.name === "Ticket")) {
      out.push({ option: "ticket", ts: "string", element: "Credentials", member: "Ticket", ...doc(["Sent as the `<Credentials><Ticket>` header."]) });
    }
  }
  const tz = inputs.get("TimeZone");
  if (tz && (tz.type as TypeRef).kind === "named") {
    out.push({ option: "timeZone", ts: m.ts(tz.type as TypeRef, tz.loc), element: "TimeZone", ...doc(["Sent as the `<TimeZone>` header."]) });
  }
  return out;
}
