import type { AgentPartView, AgentView, OperationView, PropertyView, UnionView, WrapperView } from "./model.js";

/** Whether a type expression (a member's type, a method's return) names the shared types module. */
const usesShared = (texts: readonly string[]) => texts.some((t) => /(^|[^\w$.])T\./.test(t));

/** The member types of properties, those of union alternatives and of repeated groups' entries included. */
const typesOf = (o: { readonly properties: readonly PropertyView[]; readonly unions: readonly UnionView[] }): string[] => [
  ...o.properties.flatMap((p) => [p.ts, ...(p.entries ?? []).flatMap(typesOf)]),
  ...o.unions.flatMap((u) => u.alternatives.flatMap(typesOf)),
];

/**
 * Splits a large agent into `parts` groups of consecutive operations. Each part declares the
 * wrappers its operations are the first to use and its methods' interface; the agent's file keeps
 * the operation map and the class (its operations table has a file of its own), imports the wrappers back and re-exports
 * every part, and its interface extends the parts' method interfaces: the public names stay.
 */
export function splitAgent(agent: AgentView, parts: number): { agent: AgentView; parts: AgentPartView[] } {
  const size = Math.ceil(agent.operations.length / parts);
  const groups: OperationView[][] = [];
  for (let i = 0; i < agent.operations.length; i += size) groups.push(agent.operations.slice(i, i + size));
  const wrapperNames = new Set(agent.wrappers.map((w) => w.name));
  // Which part declares each wrapper: the first whose operations use it (the first part for any other).
  const home = new Map<string, number>();
  groups.forEach((ops, i) => {
    for (const op of ops) for (const name of [op.request, op.response]) if (wrapperNames.has(name) && !home.has(name)) home.set(name, i);
  });
  for (const w of agent.wrappers) if (!home.has(w.name)) home.set(w.name, 0);
  const file = (i: number) => `${agent.file}.part-${i + 1}`;
  const views = groups.map((ops, i): AgentPartView => {
    const wrappers: WrapperView[] = agent.wrappers.filter((w) => home.get(w.name) === i);
    // What the methods name: the request wrapper, and the response wrapper when it is what they return.
    const named = new Set(ops.flatMap((op) => [op.request, ...(op.returnsWrapper ? [op.response] : [])]).filter((n) => wrapperNames.has(n)));
    const imports = new Map<number, string[]>();
    for (const n of named) {
      const at = home.get(n)!;
      if (at !== i) imports.set(at, [...(imports.get(at) ?? []), n]);
    }
    return {
      header: agent.header,
      runtime: agent.runtime,
      file: file(i),
      number: i + 1,
      agentFile: agent.file,
      className: agent.className,
      base: { file: agent.base.file, callOptionsName: agent.base.callOptionsName },
      methodsName: `${agent.className}Methods${i + 1}`,
      range: ops.length === 1 ? ops[0]!.name : `${ops[0]!.name} to ${ops[ops.length - 1]!.name}`,
      usesTypes: usesShared([...wrappers.flatMap(typesOf), ...ops.map((op) => op.returns)]),
      imports: [...imports].sort(([a], [b]) => a - b).map(([at, names]) => ({ file: file(at), names: names.sort() })),
      wrappers,
      methods: ops,
    };
  });
  return {
    // The agent's own file names no shared type any more: its members and methods moved to the parts.
    agent: { ...agent, wrappers: [], methods: [], parts: views, usesTypes: false },
    parts: views,
  };
}
