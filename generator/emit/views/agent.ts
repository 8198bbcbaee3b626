// One agent's file: its wrapper interfaces, operations table, class and method declarations,
// and the headers its base class holds.
import { GeneratorError } from "../../diagnostics.js";
import {
  elementsOf,
  isRpc,
  qnameKey,
  SOAP12_ENC_NS,
  type BodyMessage,
  type ComplexTypeDef,
  type ElementDecl,
  type ElementParticle,
  type Operation,
  type Service,
} from "../../ir/model.js";
import { FileImports } from "../imports.js";
import { Layouts, canBeEmpty, type Layout } from "../layout.js";
import { entryKey, identifier, literal, memberAccess, methodName, pascalCase, propertyKey, Scope } from "../naming.js";
import { runtimeSymbol } from "../symbols.js";
import { doc, docText, documentation, header, withReference, type DocText } from "../tsdoc.js";
import { cmp, mapper, type Mapper, type TypeNames } from "../type-mapping.js";
import { asMember, commonPrefix, fieldSpec, importList, mostCommon, property, returnType, unwrapped, wrapperDef } from "./common.js";
import { modelExpression, objectView } from "./content.js";
import type { Profile } from "../profile.js";
import type { AgentView, HeaderSetView, OperationView, PropertyView, ShortcutView, WrapperView } from "./model.js";

const encodedOf = (u: BodyMessage) => (u.kind === "rpc" ? u.encoded : undefined);

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
  const wrapperNamespaces = service.operations.flatMap((o) => [o.input, o.output].filter((u) => u.kind !== "bare").map((u) => u.body.qname.ns));
  const namespace = wrapperNamespaces.length ? mostCommon(wrapperNamespaces) : service.targetNamespace;
  const membersNs = wrapperMembersNs(service);
  // Wrappers are laid out as the shared types are (their named types' bases from the model).
  const layouts = new Layouts((q) => {
    const def = names.has(q) ? names.def(q) : undefined;
    return def?.kind === "complex" ? def : undefined;
  });
  const wrappers: WrapperView[] = [];
  // One interface per wrapper element: operations may share one (SoPrincipal's <AuthenticateResponse>).
  const byElement = new Map<string, { view: WrapperView; def: ComplexTypeDef; layout: Layout; model: string | undefined }>();
  const wrapper = (decl: ElementDecl, bare: boolean, suffix: string, what: string, params: ReadonlyMap<string, string> = new Map()) => {
    const known = bare ? undefined : byElement.get(qnameKey(decl.qname));
    if (known) return known;
    const def = wrapperDef(decl, names, what);
    if (def.attributes?.length || def.text)
      throw new GeneratorError(`wrapper element ${decl.qname.local} has attributes or simple content; a document/literal wrapper holds elements only`, def.loc);
    const layout = layouts.of(def);
    const name = local.claim(`${pascalCase(decl.qname.local.replace(/Response$/, ""))}${suffix}`);
    // The runtime gives a wrapper's members its namespace, or none (unqualified); a bare message's members name their own.
    const expected = bare ? "" : membersNs === "" ? "" : decl.qname.ns;
    const nsOf = (uri: string) => (uri === namespace && uri !== "" ? "NS" : literal(uri));
    const object = objectView(layout.shape, (member, optional, where) => property(member, m, ref.lines(params.get(member.name), "T."), optional, where), m);
    const view: WrapperView = {
      name,
      alias: object.unions.length > 0,
      properties: object.properties,
      unions: object.unions,
      fields: layout.members.map((p) => fieldSpec(p, m, expected, nsOf)),
      // A wrapper element's own xs:documentation, or its type's (JAX-WS documents the type).
      ...doc(
        withReference(
          [`The \`<${decl.qname.local}>\` ${what} wrapper of ${service.name}.`],
          documentation(bare ? undefined : (decl.doc ?? (decl.type.kind === "anonymous" ? decl.type.def.doc : undefined))),
        ),
      ),
    };
    wrappers.push(view);
    const built = { view, def, layout, model: modelExpression(layout, imports, nsOf) };
    if (!bare) byElement.set(qnameKey(decl.qname), built);
    return built;
  };

  // Header sets are named in the order of their contents, so agents with the same headers
  // describe them identically and can share them.
  const setElements = new Map<string, HeaderSetView["elements"]>();
  const headerKey = (parts: readonly { element: ElementDecl }[]) => {
    const elements = parts.map(({ element: e }) => {
      return { ns: literal(e.qname.ns), name: literal(e.qname.local), desc: mh.desc(e.type, e.loc), nillable: e.nillable };
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
          kind: "element",
          name: e.qname.local,
          ns: e.qname.ns,
          type: e.type,
          minOccurs: 0,
          maxOccurs: 1,
          nillable: e.nillable,
          loc: e.loc,
        };
        seen.set(e.qname.local, {
          ...property(asMember(p), mh),
          ...doc([`Header \`<${e.qname.local}>\` ${mh.xsd(p.type)}${e.nillable ? ", nillable" : ""}.`]),
        });
      }
    return [...seen.values()];
  };

  const headerUse = headerKeys.map((k) => ({ inH: headerSet(k.inH), outH: headerSet(k.outH) }));
  const defaultIn = headerUse.length ? mostCommon(headerUse.map((h) => h.inH)) : headerSet(noHeaders);
  const defaultOut = headerUse.length ? mostCommon(headerUse.map((h) => h.outH)) : headerSet(noHeaders);
  const operations: OperationView[] = service.operations.map((op, i) => {
    const options: string[] = [];
    const bareIn = op.input.kind === "bare";
    const bareOut = op.output.kind === "bare";
    if (!bareIn && op.input.body.qname.local !== op.name) options.push(`request: ${literal(op.input.body.qname.local)}`);
    if (!bareOut && op.output.body.qname.local !== `${op.name}Response`) options.push(`response: ${literal(op.output.body.qname.local)}`);
    // The wrappers' namespace when not the agent's; a response wrapper in yet another namespace says so apart.
    const requestNs = bareIn ? undefined : op.input.body.qname.ns;
    const responseNs = bareOut ? undefined : op.output.body.qname.ns;
    const wrapperNs = requestNs ?? responseNs;
    if (wrapperNs !== undefined && wrapperNs !== namespace) options.push(`ns: ${literal(wrapperNs)}`);
    if (responseNs !== undefined && responseNs !== wrapperNs) options.push(`responseNs: ${literal(responseNs)}`);
    const bare = bareIn && bareOut ? "both" : bareIn ? "in" : bareOut ? "out" : undefined;
    if (bare) options.push(`bare: ${literal(bare)}`);
    if (op.oneWay) options.push("oneWay: true");
    if (op.addressing !== undefined) options.push(`addressing: ${literal(op.addressing)}`);
    const encoded = encodedOf(op.input);
    if (isRpc(op)) options.push("rpc: true");
    if (encoded) options.push(`encoded: ${imports.use(runtimeSymbol(encoded.split(/\s+/).includes(SOAP12_ENC_NS) ? "rpcEncoded12" : "rpcEncoded"))}`);
    // Declared faults: the detail element each carries, decoded as its type into SoapFaultError.fault.
    const faults = op.faults.map((f) => {
      const ref = f.element.type;
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
    const req = wrapper(op.input.body, bareIn, "Request", "request", opDoc?.params);
    const res = wrapper(op.output.body, bareOut, "Response", "response");
    // A content model that is not a plain sequence (choices, groups that repeat, xs:any directly in a wrapper).
    if (req.model !== undefined || res.model !== undefined)
      options.push(
        `model: { ${req.model !== undefined ? `in: () => ${req.model}, ` : ""}${res.model !== undefined ? `out: () => ${res.model} ` : ""}}`.replace(
          ", }",
          " }",
        ),
      );
    // A response that is not a plain sequence is the whole wrapper: its choices and open content are part of the answer.
    const members = res.layout.model ? undefined : elementsOf(res.def.content);
    const unwrap = members && unwrapped(members, profile.unwrap);
    const returns = members ? returnType(members, m, res.view.name, profile.unwrap) : res.view.name;
    const requestDoc = bareIn ? "the members of the request's Body" : `the \`<${op.input.body.qname.local}>\` members`;
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
      // The union `isFault` narrows SoapFaultError.fault to: one member per declared fault.
      ...(faults.length ? { fault: faults.map((f) => `{ name: ${literal(f.name)}; value: ${m.element(f.element)} }`).join(" | ") } : {}),
      returnsWrapper: (members === undefined || members.length !== 0) && unwrap === undefined,
      unwraps: unwrap !== undefined,
      requestOptional: req.def.content === undefined || canBeEmpty(req.def.content),
      ...doc([
        ...documentation(op.doc),
        ...(op.doc !== undefined ? [""] : []),
        ...withReference([], [...ref.lines(opDoc?.summary, "T."), ...(opDoc?.description ? ["", ...ref.lines(opDoc.description, "T.")] : [])]),
        ...[...(opDoc?.params ?? [])].flatMap(([k, v], i) => [...(i === 0 ? ["Request members:"] : []), ...ref.lines(`- \`${k}\`: ${v}`, "T.")]),
        ...(opDoc?.params.size ? [""] : []),
        `Calls ${service.name}.${op.name} (SOAP ${service.soapVersion}${isRpc(op) ? (encoded ? ", rpc/encoded" : ", rpc/literal") : bareIn ? ", document/literal bare" : ""}, ${op.soapAction ? `SOAPAction \`${op.soapAction}\`` : service.soapVersion === "1.1" ? 'an empty SOAPAction ("")' : "no action"}).`,
        "",
        `@param request - ${requestDoc}, see {@link ${req.view.name}}`,
        "@param options - cancellation and timeout for this call",
        ...faults.map(
          (f) =>
            `@throws SoapFaultError with \`fault.name\` "${f.name}" when the detail is \`<${f.element.qname.local}>\`: \`fault.value\` is ${m.xsd(f.ref)} (\`isFault(e, ${literal(op.name)})\` narrows it)`,
        ),
        op.oneWay
          ? "@returns nothing: a one-way operation, done when the server has taken the request (HTTP 2xx)"
          : unwrap
            ? `@returns the \`<${unwrap.name}>\` of \`<${op.output.body.qname.local}>\` (${m.xsd(unwrap.type)})${unwrap.nillable ? "; null when nil or absent" : ""}`
            : members?.length === 0
              ? `@returns nothing: ${bareOut ? "the response Body is empty" : `\`<${op.output.body.qname.local}>\` is empty`}`
              : `@returns the members of ${bareOut ? "the response Body" : `\`<${op.output.body.qname.local}>\``}, see {@link ${res.view.name}}`,
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
    // The runtime values are the operations table's; the agent's file imports only SoapResult.
    runtimeImports: importList([...imports.runtime], []),
    usesTypes: imports.types,
    usesSchema: imports.schema,
    headerImports,
    base: { file: "", className: "", optionsName: "", responseHeadersName: "", callOptionsName: "", imports: "", headerSetImports: "" },
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
      ...documentation(service.doc),
      ...(service.doc !== undefined ? [""] : []),
      `Client of ${profile.clientOf(service.name)}: wsdl:service ${service.serviceName}, port ${service.portName}, SOAP ${service.soapVersion} ${[...new Set(service.operations.map((o) => `${isRpc(o) ? "rpc" : "document"}/${encodedOf(o.input) ? "encoded" : "literal"}`))].join(" and ") || "document/literal"}.`,
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
    addressRequired: profile.addressRequired(service.address),
    unwrapsOnlyMember: profile.unwrap === "single",
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
  if (token && token.type.kind === "builtin" && token.type.name === "string") {
    out.push({ option: "applicationToken", ts: "string", element: "ApplicationToken", ...doc(["Sent as the `<ApplicationToken>` header."]) });
  }
  const creds = inputs.get("Credentials");
  const credsRef = creds?.type;
  if (credsRef?.kind === "named") {
    const def = names.def(credsRef.qname);
    if (def.kind === "complex" && elementsOf(def.content).some((p) => p.name === "Ticket")) {
      out.push({ option: "ticket", ts: "string", element: "Credentials", member: "Ticket", ...doc(["Sent as the `<Credentials><Ticket>` header."]) });
    }
  }
  const tz = inputs.get("TimeZone");
  if (tz && tz.type.kind === "named") {
    out.push({ option: "timeZone", ts: m.ts(tz.type, tz.loc), element: "TimeZone", ...doc(["Sent as the `<TimeZone>` header."]) });
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
      if (use.kind === "bare") continue;
      const t = use.body.type;
      for (const p of t.kind === "anonymous" && t.def.kind === "complex" ? elementsOf(t.def.content) : []) {
        if (p.ns === "") unqualified++;
        else if (p.ns === use.body.qname.ns) qualified++;
      }
    }
  return unqualified > qualified ? "" : service.targetNamespace;
}
