// The base classes: agents that send the same headers share one (AgentBase), named by what it
// is, never numbered.
import { Scope, pascalCase } from "../naming.js";
import { runtimeSymbol } from "../symbols.js";
import { cmp } from "../type-mapping.js";
import { importList } from "./common.js";
import type { AgentView, BaseView, HeadersView } from "./model.js";
import type { Profile } from "../profile.js";

/**
 * Agents whose headers, header options and failure header are the same share one generated base
 * class (and its header sets and types) instead of each repeating them.
 */
export function groupAgents(agents: AgentView[], scope: Scope, files: Scope, runtime: string, fileHeader: string[], profile: Profile): BaseView[] {
  const noun = profile.noun;
  const headersOf = (a: AgentView): HeadersView => ({
    headerSets: a.headerSets,
    requestHeaders: a.requestHeaders,
    responseHeaders: a.responseHeaders,
    shortcuts: a.shortcuts,
    ...(a.failureHeader ? { failureHeader: a.failureHeader } : {}),
    addressRequired: a.addressRequired,
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
    const nsIds = new Map<string, string>();
    const headerSets = headers.headerSets.map((set) => ({
      ...set,
      elements: set.elements.map((e) => {
        if (!nsIds.has(e.ns)) nsIds.set(e.ns, `NS${nsIds.size}`);
        return { ...e, ns: nsIds.get(e.ns)! };
      }),
    }));
    const base: BaseView = {
      header: fileHeader,
      runtime,
      file: files.claim(i === 0 ? `${noun.toLowerCase()}-base` : `${a.file}-base`),
      className: scope.claim(`${owner}${noun}Base`),
      optionsName: scope.claim(i === 0 ? `${noun}${noun === "Client" ? "Base" : ""}Options` : `${owner}${noun}BaseOptions`),
      requestHeadersName: scope.claim(`${owner}RequestHeaders`),
      callOptionsName: scope.claim(`${owner}${noun}CallOptions`),
      responseHeadersName: scope.claim(`${owner}ResponseHeaders`),
      ...headers,
      headerSets,
      namespaces: [...nsIds].map(([uri, id]) => ({ id, uri })),
      runtimeImports: importList(
        [runtimeSymbol("SoapClient"), ...(a.headerSets.some((h) => h.elements.length) ? [runtimeSymbol("element")] : []), ...a.headerImports.runtime],
        ["CallOptions", "ClientOptions", "Field", "OperationInfo"],
      ),
      usesTypes: a.headerImports.types,
      usesSchema: a.headerImports.schema,
      agents: members.length === 1 ? members[0]!.className : `the ${members.length} ${noun.toLowerCase()}s`,
    };
    bases.push(base);
    for (const m of members) {
      (m as { base: AgentView["base"] }).base = {
        file: base.file,
        className: base.className,
        optionsName: base.optionsName,
        responseHeadersName: base.responseHeadersName,
        callOptionsName: base.callOptionsName,
        imports: importList([base.className], [base.optionsName, base.responseHeadersName, base.callOptionsName]),
        headerSetImports: importList([...m.headerSetsUsed], []),
      };
    }
  }
  return bases;
}
