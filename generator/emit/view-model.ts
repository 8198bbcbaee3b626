// Turns the model into the views the templates print (views/model.ts), one builder per kind of
// output file: the shared types and descriptors, each agent, the base classes, the index.
import { GeneratorError } from "../diagnostics.js";
import type { Model } from "../ir/model.js";
import { apiSummary } from "../api/summary.js";
import type { ReferenceDocs } from "../docs/reference-docs.js";
import { fileName, methodName, pascalCase, Scope } from "./naming.js";
import { header, referenceText } from "./tsdoc.js";
import { GLOBAL_TYPE_NAMES, namespacePrefix, nameTypes } from "./type-mapping.js";
import { agentView } from "./views/agent.js";
import { groupAgents } from "./views/base.js";
import { mostCommon } from "./views/common.js";
import type { SdkView } from "./views/model.js";
import { RUNTIME_NAMES, runtimeSymbol } from "./symbols.js";
import { serviceStem, type Profile } from "./profile.js";
import { sharedView } from "./views/shared.js";

export type * from "./views/model.js";

export function buildViews(model: Model, runtimeImport: string, profile: Profile, docs?: ReferenceDocs): SdkView {
  if (!model.services.length) throw new GeneratorError("no services to generate: the configured WSDL sources are empty");
  const primaryNs = mostCommon(model.services.map((s) => s.targetNamespace));
  // Types keep their plain XSD names in the namespace most of them are in (Services88's, or a
  // WSDL's one schema); types of other namespaces are prefixed as the profile says.
  const typesNs = model.types.size ? mostCommon([...model.types.values()].map((t) => t.qname.ns)) : primaryNs;
  const scope = new Scope(GLOBAL_TYPE_NAMES);
  const names = nameTypes(model, typesNs, scope, profile.typePrefix);
  const ref = referenceText(model, names, typesNs, docs);
  const agentNames = model.services.map((s) => {
    const client = pascalCase(profile.clientName(s, model.services));
    return {
      service: s,
      client,
      className: scope.claim(`${client}${profile.noun}`),
      optionsName: scope.claim(`${client}${profile.noun}Options`),
      operationsName: scope.claim(`${client}Operations`),
    };
  });
  const files = new Scope(["index", "types", "schema"], true);

  const shared = sharedView(model, names, typesNs, runtimeImport, ref, profile);
  const agents = agentNames.map((a) => agentView(a, names, files.claim(fileName(a.service.name)), runtimeImport, ref, profile));
  const sdkHeader = header(
    model.services.map((s) => s.source),
    profile.regenerate,
  );
  const bases = groupAgents(agents, scope, files, runtimeImport, sdkHeader, profile);
  const api = apiSummary(
    model,
    names,
    agents.map((a) => ({
      agent: a.agent,
      className: a.className,
      operations: a.operations.map((o) => ({ name: o.name, method: o.method, response: o.response })),
    })),
    profile.unwrap,
  );
  // Named after the namespace the agents share (Services88 -> services88()), or the WSDL's service (Calculator -> calculator()).
  const family = profile.factory === "namespace" ? namespacePrefix(primaryNs) : pascalCase(serviceStem(model.services[0]!.serviceName));
  // index.ts imports lazyAgents: the factory never takes a runtime name.
  const notRuntime = (n: string) => (RUNTIME_NAMES.has(n) ? `${n}_` : n);
  const factory = {
    name: scope.claim(notRuntime(methodName(family))),
    typeName: scope.claim(pascalCase(family)),
    optionsName: scope.claim(`${pascalCase(family)}Options`),
    baseOptions: bases.map((b) => b.optionsName),
  };
  const first = agents[0]!;
  const example = profile.example(factory.name, methodName(agentNames[0]!.client), first.operations[0]?.method ?? "operation");
  const origins = new Map<string, string>();
  for (const d of model.types.values()) {
    const where = `XSD ${d.kind === "complex" ? "complexType" : "simpleType"} {${d.qname.ns}}${d.qname.local} at ${d.loc.file}:${d.loc.line}:${d.loc.column}`;
    origins.set(names.name(d.qname), where);
    origins.set(names.desc(d.qname), where);
  }
  return {
    shared,
    bases,
    agents,
    api,
    origins,
    index: {
      header: sdkHeader,
      runtime: runtimeImport,
      factory: { ...factory, example },
      noun: profile.noun.toLowerCase(),
      lazy: runtimeSymbol(profile.noun === "Agent" ? "lazyAgents" : "lazyClients"),
      agents: agents.map((a, i) => ({
        className: a.className,
        optionsName: a.optionsName,
        operationsName: a.operationsName,
        file: a.file,
        property: methodName(agentNames[i]!.client),
      })),
      bases: bases.map((b) => ({
        file: b.file,
        className: b.className,
        optionsName: b.optionsName,
        requestHeadersName: b.requestHeadersName,
        responseHeadersName: b.responseHeadersName,
        callOptionsName: b.callOptionsName,
      })),
    },
  };
}
