// One agent's file: its wrapper interfaces, operations table, class and method declarations,
// and the headers its base class holds.
import { GeneratorError } from "../../diagnostics.js";
import {
  qnameKey,
  SOAP12_ENC_NS,
  type ComplexTypeDef,
  type ElementDecl,
  type ElementParticle,
  type Operation,
  type Service,
  type TypeRef,
} from "../../ir/model.js";
import { FileImports } from "../imports.js";
import { entryKey, identifier, literal, memberAccess, methodName, pascalCase, propertyKey, Scope } from "../naming.js";
import { runtimeSymbol } from "../symbols.js";
import { doc, docText, header, withReference, type DocText } from "../tsdoc.js";
import { cmp, mapper, type Mapper, type TypeNames } from "../type-mapping.js";
import { commonPrefix, fieldSpec, importList, mostCommon, property, returnType, unwrapped } from "./common.js";
import { openContent } from "./shared.js";
import type { Profile } from "../profile.js";
import type { AgentView, HeaderSetView, OperationView, PropertyView, ShortcutView, WrapperView } from "./model.js";

const wrapperOf = (decl: ElementDecl, names: TypeNames, what: string): ComplexTypeDef => {
  const t = decl.type;
  if ("kind" in t && t.kind === "complex") return flatten(t, names);
  const ref = t as TypeRef;
  if (ref.kind === "named") {
    const def = names.def(ref.qname);
    if (def.kind === "complex" && def.shape.kind === "record") return flatten(def, names);
  }
  throw new GeneratorError(
    `${what} element ${decl.qname.local} is not a sequence wrapper; document/literal wrapped style needs a complex body element`,
    decl.loc,
  );
};

/** A wrapper whose type extends another: its base's members first, as on the wire. */
function flatten(def: ComplexTypeDef, names: TypeNames): ComplexTypeDef {
  if (!def.base) return def;
  const base = names.def(def.base);
  if (base.kind !== "complex") return def;
  const { base: _, ...own } = def;
  // A member the base already has (XSD lets a derived type restate one) is the base's.
  const inherited = flatten(base, names).elements;
  return { ...own, elements: [...inherited, ...def.elements.filter((e) => !inherited.some((i) => i.name === e.name && i.ns === e.ns))] };
}

export function agentView(
  a: { service: Service; className: string; optionsName: string; operationsName: string },
  names: TypeNames,
  file: string,
  runtime: string,
  ref: DocText,
  profile: Profile,
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

  // The agent's wrapper namespace: the one most wrappers are in (the service's, for WCF); others say theirs.
  const wrapperNamespaces = service.operations.flatMap((o) => [o.input, o.output].filter((u) => !u.bare).map((u) => u.body.qname.ns));
  const namespace = wrapperNamespaces.length ? mostCommon(wrapperNamespaces) : service.targetNamespace;
  const membersNs = wrapperMembersNs(service);
  const wrappers: WrapperView[] = [];
  // One interface per wrapper element: operations may share one (SoPrincipal's <AuthenticateResponse>).
  const byElement = new Map<string, { view: WrapperView; def: ComplexTypeDef }>();
  const wrapper = (decl: ElementDecl, bare: boolean, suffix: string, what: string, params: ReadonlyMap<string, string> = new Map()) => {
    const known = bare ? undefined : byElement.get(qnameKey(decl.qname));
    if (known) return known;
    const def = wrapperOf(decl, names, what);
    if (def.attributes?.length || def.text)
      throw new GeneratorError(`wrapper element ${decl.qname.local} has attributes or simple content; a document/literal wrapper holds elements only`, def.loc);
    const name = local.claim(`${pascalCase(decl.qname.local.replace(/Response$/, ""))}${suffix}`);
    // The runtime gives a wrapper's members its namespace, or none (unqualified); a bare message's members name their own.
    const expected = bare ? "" : membersNs === "" ? "" : decl.qname.ns;
    const view: WrapperView = {
      name,
      properties: [...def.elements.map((p) => property(p, m, ref.lines(params.get(p.name), "T."))), ...(def.open ? [openContent] : [])],
      fields: def.elements.map((p) => fieldSpec(p, m, expected, (uri) => (uri === namespace ? "NS" : literal(uri)))),
      ...doc([`The \`<${decl.qname.local}>\` ${what} wrapper of ${service.name}.`]),
    };
    wrappers.push(view);
    if (!bare) byElement.set(qnameKey(decl.qname), { view, def });
    return { view, def };
  };

  // Header sets are named in the order of their contents, so agents with the same headers
  // describe them identically and can share them.
  const setElements = new Map<string, HeaderSetView["elements"]>();
  const headerKey = (parts: readonly { element: ElementDecl }[]) => {
    const elements = parts.map(({ element: e }) => {
      if ("kind" in e.type && e.type.kind === "complex")
        throw new GeneratorError(`header element ${e.qname.local} has an anonymous type; not supported`, e.loc);
      return { ns: literal(e.qname.ns), name: literal(e.qname.local), desc: mh.desc(e.type as TypeRef, e.loc), nillable: e.nillable };
    });
    const key = JSON.stringify(elements);
    setElements.set(key, elements);
    return key;
  };
  const headerKeys = service.operations.map((op) => ({ inH: headerKey(op.input.headers), outH: headerKey(op.output.headers) }));
  // A binding without operations still gets a (header-less) default for its operations table.
  const noHeaders = headerKeys.length ? "" : headerKey([]);
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
        seen.set(e.qname.local, { ...property(p, mh), ...doc([`Header \`<${e.qname.local}>\` ${mh.xsd(p.type)}${e.nillable ? ", nillable" : ""}.`]) });
      }
    return [...seen.values()];
  };

  const headerUse = headerKeys.map((k) => ({ inH: headerSet(k.inH), outH: headerSet(k.outH) }));
  const defaultIn = headerUse.length ? mostCommon(headerUse.map((h) => h.inH)) : headerSet(noHeaders);
  const defaultOut = headerUse.length ? mostCommon(headerUse.map((h) => h.outH)) : headerSet(noHeaders);
  const operations: OperationView[] = service.operations.map((op, i) => {
    const options: string[] = [];
    if (!op.input.bare && op.input.body.qname.local !== op.name) options.push(`request: ${literal(op.input.body.qname.local)}`);
    if (!op.output.bare && op.output.body.qname.local !== `${op.name}Response`) options.push(`response: ${literal(op.output.body.qname.local)}`);
    // The wrappers' namespace when not the agent's; a response wrapper in yet another namespace says so apart.
    const requestNs = op.input.bare ? undefined : op.input.body.qname.ns;
    const responseNs = op.output.bare ? undefined : op.output.body.qname.ns;
    const wrapperNs = requestNs ?? responseNs;
    if (wrapperNs !== undefined && wrapperNs !== namespace) options.push(`ns: ${literal(wrapperNs)}`);
    if (responseNs !== undefined && responseNs !== wrapperNs) options.push(`responseNs: ${literal(responseNs)}`);
    const bare = op.input.bare && op.output.bare ? "both" : op.input.bare ? "in" : op.output.bare ? "out" : undefined;
    if (bare) options.push(`bare: ${literal(bare)}`);
    if (op.oneWay) options.push("oneWay: true");
    if (op.addressing !== undefined) options.push(`addressing: ${literal(op.addressing)}`);
    if (op.style === "rpc") options.push("rpc: true");
    if (op.input.encoded)
      options.push(`encoded: ${imports.use(runtimeSymbol(op.input.encoded.split(/\s+/).includes(SOAP12_ENC_NS) ? "rpcEncoded12" : "rpcEncoded"))}`);
    // Declared faults: the detail element each carries, decoded as its type into SoapFaultError.fault.
    const faults = op.faults.map((f) => {
      const ref = f.element.type as TypeRef;
      imports.use(runtimeSymbol("element"));
      const ns = f.element.qname.ns === namespace ? "NS" : literal(f.element.qname.ns);
      return {
        name: f.name,
        element: f.element,
        ref,
        code: `[${literal(f.name)}, element(${ns}, ${literal(f.element.qname.local)}, ${m.desc(ref, f.element.loc)}, ${f.element.nillable})]`,
      };
    });
    if (faults.length) options.push(`faults: ${imports.use(runtimeSymbol("declaredFaults"))}([${faults.map((f) => f.code).join(", ")}])`);
    if (!(actionPrefix.length > 1 && op.soapAction === actionPrefix + op.name)) options.push(`action: ${literal(op.soapAction)}`);
    if (headerUse[i]!.inH !== defaultIn) options.push(`in: ${headerUse[i]!.inH}`);
    if (headerUse[i]!.outH !== defaultOut) options.push(`out: ${headerUse[i]!.outH}`);
    // The runtime names the method; only a clash (operations differing in case) is spelled out.
    const method = methods.claim(methodName(op.name));
    if (method !== methodName(op.name)) options.push(`method: ${literal(method)}`);
    const opDoc = ref.operation(service.name, op.name);
    const req = wrapper(op.input.body, op.input.bare === true, "Request", "request", opDoc?.params);
    const res = wrapper(op.output.body, op.output.bare === true, "Response", "response");
    // xs:any directly in a wrapper: its elements are kept and sent where the wildcard stands.
    const openAt = (def: ComplexTypeDef) => (def.open ? (def.openAt ?? "true") : undefined);
    const [openIn, openOut] = [openAt(req.def), openAt(res.def)];
    if (openIn !== undefined || openOut !== undefined)
      options.push(
        `open: { ${openIn !== undefined ? `in: ${openIn}, ` : ""}${openOut !== undefined ? `out: ${openOut}, ` : ""}content: ${imports.use(runtimeSymbol("extendedContent"))} }`,
      );
    const members = res.def.elements;
    // A response with open content is the whole wrapper: its $elements are part of the answer.
    const unwrap = res.def.open ? undefined : unwrapped(members, profile.unwrap);
    const returns = res.def.open ? res.view.name : returnType(members, m, res.view.name, profile.unwrap);
    const requestDoc = op.input.bare ? "the members of the request's Body" : `the \`<${op.input.body.qname.local}>\` members`;
    return {
      name: op.name,
      key: propertyKey(op.name),
      entryKey: entryKey(op.name),
      access: memberAccess(op.name),
      method,
      request: req.view.name,
      response: res.view.name,
      requestFields: req.view.fields,
      // The member the method returns is named by the runtime's constant, which says why it is special.
      responseFields:
        unwrap && profile.unwrap === "Response" ? res.view.fields.map((f) => ({ ...f, name: imports.use(runtimeSymbol("RESPONSE")) })) : res.view.fields,
      options: options.length ? `{ ${options.join(", ")} }` : "",
      returns,
      returnsWrapper: (members.length !== 0 || res.def.open === true) && unwrap === undefined,
      unwraps: unwrap !== undefined,
      requestOptional: req.def.elements.every((p) => p.minOccurs === 0),
      ...doc([
        ...withReference([], [...ref.lines(opDoc?.summary, "T."), ...(opDoc?.description ? ["", ...ref.lines(opDoc.description, "T.")] : [])]),
        ...[...(opDoc?.params ?? [])].flatMap(([k, v], i) => [...(i === 0 ? ["Request members:"] : []), ...ref.lines(`- \`${k}\`: ${v}`, "T.")]),
        ...(opDoc?.params.size ? [""] : []),
        `Calls ${service.name}.${op.name} (SOAP ${service.soapVersion}${op.style === "rpc" ? (op.input.encoded ? ", rpc/encoded" : ", rpc/literal") : op.input.bare ? ", document/literal bare" : ""}, SOAPAction \`${op.soapAction}\`).`,
        "",
        `@param request - ${requestDoc}, see {@link ${req.view.name}}`,
        "@param options - cancellation and timeout for this call",
        ...faults.map(
          (f) => `@throws SoapFaultError with \`fault.name\` "${f.name}" when the detail is \`<${f.element.qname.local}>\`: \`fault.value\` is ${m.xsd(f.ref)}`,
        ),
        op.oneWay
          ? "@returns nothing: a one-way operation, done when the server has taken the request (HTTP 2xx)"
          : unwrap
            ? `@returns the \`<${unwrap.name}>\` of \`<${op.output.body.qname.local}>\` (${m.xsd(unwrap.type)})${unwrap.nillable ? "; null when nil or absent" : ""}`
            : members.length === 0
              ? `@returns nothing: ${op.output.bare ? "the response Body is empty" : `\`<${op.output.body.qname.local}>\` is empty`}`
              : `@returns the members of ${op.output.bare ? "the response Body" : `\`<${op.output.body.qname.local}>\``}, see {@link ${res.view.name}}`,
      ]),
    };
  });

  const requestHeaders = headerProps((op) => op.input.headers);
  const responseHeaders = headerProps((op) => op.output.headers);
  const agentShortcuts = profile.headerShortcuts ? shortcuts(service, names, mh) : [];
  imports.use(runtimeSymbol("operations"));
  return {
    header: header([service.source], profile.regenerate),
    runtime,
    // The runtime values are the operations table's; the agent's file imports only CallOptions and SoapResult.
    runtimeImports: importList([...imports.runtime], []),
    usesTypes: imports.types,
    usesSchema: imports.schema,
    headerImports,
    base: { file: "", className: "", optionsName: "", responseHeadersName: "", imports: "", headerSetImports: "" },
    agent: service.name,
    agentDoc: docText(service.name),
    className: a.className,
    optionsName: a.optionsName,
    operationsName: a.operationsName,
    operationMapName,
    file,
    operationsFile: `${file}.operations`,
    address: literal(service.address),
    actionPrefix: actionPrefix.length > 1 ? literal(actionPrefix) : "",
    defaultIn,
    defaultOut,
    unqualified: membersNs === "",
    headerSetsUsed: [...new Set([defaultIn, defaultOut, ...headerUse.flatMap((h) => [h.inH, h.outH])])],
    namespace: literal(namespace),
    soap12: service.soapVersion === "1.2",
    ...doc([
      `Client of the ${service.name} ${profile.noun.toLowerCase()}: wsdl:service ${service.serviceName}, port ${service.portName}, SOAP ${service.soapVersion} ${[...new Set(service.operations.map((o) => `${o.style}/${o.input.encoded ? "encoded" : "literal"}`))].join(" and ") || "document/literal"}.`,
      service.address ? `Default endpoint: ${service.address}` : "No default endpoint (the WSDL gives no soap:address): pass the `endpoint` option.",
    ]),
    wrappers,
    headerSets,
    requestHeaders,
    responseHeaders,
    shortcuts: agentShortcuts,
    ...(profile.failureHeader !== undefined && responseHeaders.some((h) => h.key === profile.failureHeader)
      ? { failureHeader: literal(profile.failureHeader) }
      : {}),
    unwrapSingle: profile.unwrap === "single" && operations.some((o) => o.unwraps),
    operations,
    methods: operations,
    parts: [],
    returnsWrappers: operations.some((o) => o.returnsWrapper),
    unwraps: imports.runtime.has(runtimeSymbol("RESPONSE")),
  };
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

/**
 * The namespace of the wrapper elements' members: the service's (qualified, as WCF writes) or
 * none (unqualified, the XSD default), whichever most members use. The runtime takes one for
 * all of an agent's wrappers; a member elsewhere (an element ref= to another schema) names its own.
 */
function wrapperMembersNs(service: Service): string {
  let qualified = 0;
  let unqualified = 0;
  for (const op of service.operations)
    for (const use of [op.input, op.output]) {
      if (use.bare) continue;
      const t = use.body.type;
      for (const p of "kind" in t && t.kind === "complex" ? t.elements : []) {
        if (p.ns === "") unqualified++;
        else if (p.ns === use.body.qname.ns) qualified++;
      }
    }
  return unqualified > qualified ? "" : service.targetNamespace;
}
