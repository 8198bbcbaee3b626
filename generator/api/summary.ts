// The SDK's public API as code that calls it sees it: agents, operations, their request and
// response members, and the named types. Written beside the generated code as api.json, so the
// next run can say what a WSDL update changed for callers (see changes.ts).
import type { ElementDecl, Model } from "../ir/model.js";
import { cmp, mapper, type TypeNames } from "../emit/type-mapping.js";
import { Layouts, type Member } from "../emit/layout.js";
import { returnType } from "../emit/views/common.js";

export interface ApiMember {
  /** The TypeScript type, without `| null` (see nillable). */
  readonly type: string;
  readonly optional?: true;
  readonly nillable?: true;
}

export type ApiMembers = Readonly<Record<string, ApiMember>>;

export interface ApiOperation {
  readonly method: string;
  readonly request: ApiMembers;
  readonly response: ApiMembers;
  /** What the method resolves to. */
  readonly returns: string;
}

export interface ApiAgent {
  readonly class: string;
  readonly operations: Readonly<Record<string, ApiOperation>>;
}

export interface ApiType {
  readonly base?: string;
  readonly members?: ApiMembers;
  readonly enum?: readonly string[];
  readonly flags?: readonly string[];
}

export interface ApiSummary {
  readonly agents: Readonly<Record<string, ApiAgent>>;
  readonly types: Readonly<Record<string, ApiType>>;
}

export const API_FILE = "api.json";

/** What buildViews decided about each agent that the summary repeats (names it claimed). */
export interface AgentNames {
  readonly agent: string;
  readonly className: string;
  /** Each operation's method and the name of its response wrapper's interface. */
  readonly operations: readonly { readonly name: string; readonly method: string; readonly response: string }[];
}

export function apiSummary(model: Model, names: TypeNames, agents: readonly AgentNames[], unwrap: "Response" | "single"): ApiSummary {
  const m = mapper(names, "", "");
  const members = (list: readonly Member[]): ApiMembers =>
    Object.fromEntries(
      list
        .filter((p) => p.sort === "element")
        .map((p) => [
          p.key,
          { type: m.ts(p.type, p.loc), ...(p.minOccurs === 0 ? { optional: true as const } : {}), ...(p.nillable ? { nillable: true as const } : {}) },
        ]),
    );
  const layouts = new Layouts((q) => {
    const def = names.has(q) ? names.def(q) : undefined;
    return def?.kind === "complex" ? def : undefined;
  });
  const layoutOf = (decl: ElementDecl) => {
    const def = decl.type.kind === "anonymous" ? decl.type.def : decl.type.kind === "named" ? names.def(decl.type.qname) : undefined;
    return def?.kind === "complex" && (def.shape.kind === "record" || decl.type.kind === "anonymous") ? layouts.of(def) : undefined;
  };
  const wrapper = (decl: ElementDecl): readonly Member[] => layoutOf(decl)?.members ?? [];

  const out: Record<string, ApiAgent> = {};
  for (const a of agents) {
    const service = model.services.find((s) => s.name === a.agent)!;
    const operations: Record<string, ApiOperation> = {};
    for (const op of service.operations) {
      const named = a.operations.find((o) => o.name === op.name)!;
      operations[op.name] = {
        method: named.method,
        request: members(wrapper(op.input.body)),
        response: members(wrapper(op.output.body)),
        // The same return type the method declares, with the types' own names (no T. prefix).
        // A response whose content is not a plain sequence is the whole wrapper, as the method says.
        returns: layoutOf(op.output.body)?.model
          ? named.response
          : returnType(
              wrapper(op.output.body).filter((p) => p.sort === "element"),
              m,
              named.response,
              unwrap,
            ),
      };
    }
    out[a.agent] = { class: a.className, operations };
  }

  const types: Record<string, ApiType> = {};
  for (const def of model.types.values()) {
    const name = names.name(def.qname);
    if (def.kind === "simple") {
      if (def.variety === "enum") types[name] = { enum: def.values };
      else if (def.variety === "flags") types[name] = { flags: def.values };
    } else if (def.shape.kind === "record") {
      types[name] = { ...(def.base ? { base: names.name(def.base) } : {}), members: members(layouts.of(def).members) };
    }
  }
  return { agents: out, types: Object.fromEntries(Object.entries(types).sort(([a], [b]) => cmp(a, b))) };
}

/**
 * api.json as text: objects down to `depth` levels one member a line, deeper ones on one line,
 * so an API change is a one-line diff and the file stays small.
 */
export function printApi(summary: ApiSummary): string {
  const print = (v: unknown, depth: number, indent: string): string => {
    if (depth >= 4 || typeof v !== "object" || v === null) return JSON.stringify(v);
    const inner = indent + "  ";
    const entries = Array.isArray(v)
      ? v.map((x) => inner + print(x, depth + 1, inner))
      : Object.entries(v).map(([k, x]) => `${inner}${JSON.stringify(k)}: ${print(x, depth + 1, inner)}`);
    if (!entries.length) return Array.isArray(v) ? "[]" : "{}";
    return Array.isArray(v) ? `[\n${entries.join(",\n")}\n${indent}]` : `{\n${entries.join(",\n")}\n${indent}}`;
  };
  return print(summary, 0, "") + "\n";
}
