// What a WSDL update changed for code that calls the SDK: the difference between two API
// summaries, each change marked breaking or not, and the semver bump that follows.
import { cmp } from "../emit/type-mapping.js";
import type { ApiMember, ApiMembers, ApiSummary, ApiType } from "./summary.js";

export interface ApiChange {
  /** What changed: `User.DeleteRole`, `Associate.Name`, `UserStatus`. */
  readonly subject: string;
  readonly what: string;
  /** Code written against the old API may stop compiling or working. */
  readonly breaking: boolean;
  /** Something new that callers may use (an operation, type, member or enum value). */
  readonly addition: boolean;
}

export type Bump = "major" | "minor" | "patch" | "none";

export function apiChanges(before: ApiSummary, after: ApiSummary): ApiChange[] {
  const out: ApiChange[] = [];
  const add = (subject: string, what: string, breaking: boolean, addition = false) => out.push({ subject, what, breaking, addition });

  for (const [agent, a] of keyed(before.agents, after.agents)) {
    if (!a.after) add(agent, `agent removed (${a.before!.class})`, true);
    else if (!a.before) add(agent, `agent added (${a.after.class}, ${Object.keys(a.after.operations).length} operations)`, false, true);
    else {
      for (const [op, o] of keyed(a.before.operations, a.after.operations)) {
        const subject = `${agent}.${op}`;
        if (!o.after) add(subject, `operation removed (${a.before.class}.${o.before!.method})`, true);
        else if (!o.before) add(subject, `operation added (${a.after.class}.${o.after.method})`, false, true);
        else {
          if (o.before.method !== o.after.method) add(subject, `method renamed: ${o.before.method} -> ${o.after.method}`, true);
          const reported = out.length;
          members(`${subject} request`, o.before.request, o.after.request, add);
          members(`${subject} response`, o.before.response, o.after.response, add);
          // A method that returns the response's member changes with it: said once, as the member's change.
          const responseChanged = out.slice(reported).some((c) => c.subject.startsWith(`${subject} response.`));
          if (o.before.returns !== o.after.returns && !responseChanged) add(subject, `returns ${o.after.returns} (was ${o.before.returns})`, true);
        }
      }
    }
  }

  const received = responseTypes(after);
  for (const [name, t] of keyed(before.types, after.types)) {
    if (!t.after) add(name, "type removed", true);
    else if (!t.before) add(name, `type added${t.after.base ? ` (extends ${t.after.base})` : ""}`, false, true);
    else typeChanges(name, t.before, t.after, add, received.has(name));
  }
  return out;
}

/**
 * The types a response can hold: those its members name, what they hold, and the types derived
 * from them (which arrive in their place). A value added to one of these enumerations reaches
 * code that handles every value it knew (an exhaustive switch), so it is breaking there.
 */
function responseTypes(api: ApiSummary): Set<string> {
  const names = (typeText: string) => typeText.match(/[A-Za-z_$][\w$]*/g) ?? [];
  const derived = new Map<string, string[]>();
  for (const [name, t] of Object.entries(api.types)) if (t.base) derived.set(t.base, [...(derived.get(t.base) ?? []), name]);
  const out = new Set<string>();
  const visit = (name: string): void => {
    // A member of a polymorphic type is typed with its union, XOrDerived.
    const own = Object.prototype.hasOwnProperty.call(api.types, name) ? name : name.endsWith("OrDerived") ? name.slice(0, -"OrDerived".length) : undefined;
    if (own === undefined || out.has(own) || !Object.prototype.hasOwnProperty.call(api.types, own)) return;
    out.add(own);
    const t = api.types[own]!;
    if (t.base) visit(t.base);
    for (const m of Object.values(t.members ?? {})) names(m.type).forEach(visit);
    for (const d of derived.get(own) ?? []) visit(d);
  };
  for (const agent of Object.values(api.agents))
    for (const op of Object.values(agent.operations)) {
      for (const m of Object.values(op.response)) names(m.type).forEach(visit);
      names(op.returns).forEach(visit);
    }
  return out;
}

function typeChanges(
  name: string,
  before: ApiType,
  after: ApiType,
  add: (subject: string, what: string, breaking: boolean, addition?: boolean) => void,
  inResponses: boolean,
): void {
  const kind = (t: ApiType) => (t.members ? "complex type" : t.enum ? "enumeration" : "flags");
  if (kind(before) !== kind(after)) return add(name, `${kind(before)} became ${kind(after)}`, true);
  if (before.base !== after.base) add(name, `base type ${before.base ?? "(none)"} -> ${after.base ?? "(none)"}`, true);
  if (before.members && after.members) members(name, before.members, after.members, add);
  const values = (t: ApiType) => t.enum ?? t.flags ?? [];
  const was = new Set(values(before));
  const is = new Set(values(after));
  for (const v of values(before)) if (!is.has(v)) add(name, `value ${JSON.stringify(v)} removed`, true);
  for (const v of values(after))
    if (!was.has(v)) add(name, `value ${JSON.stringify(v)} added${inResponses ? " (responses may hold it)" : ""}`, inResponses, true);
}

/** Member changes: removals, type and nillability changes and new required members break callers. */
function members(
  owner: string,
  before: ApiMembers,
  after: ApiMembers,
  add: (subject: string, what: string, breaking: boolean, addition?: boolean) => void,
): void {
  for (const [name, m] of keyed(before, after)) {
    const subject = `${owner}.${name}`;
    if (!m.after) add(subject, "member removed", true);
    else if (!m.before) add(subject, `member added: ${describe(m.after)}`, !m.after.optional, true);
    else {
      const b = m.before;
      const a = m.after;
      if (b.type !== a.type) add(subject, `type ${a.type} (was ${b.type})`, true);
      if (b.optional && !a.optional) add(subject, "became required", true);
      if (!b.optional && a.optional) add(subject, "became optional", false);
      if (!b.nillable && a.nillable) add(subject, "became nillable (| null)", true);
      if (b.nillable && !a.nillable) add(subject, "is no longer nillable", true);
    }
  }
}

const describe = (m: ApiMember) => `${m.type}${m.nillable ? " | null" : ""}${m.optional ? ", optional" : ", required"}`;

/** Both sides of two records by key: removed and changed in the old order, then additions. */
function keyed<V>(before: Readonly<Record<string, V>>, after: Readonly<Record<string, V>>): [string, { before?: V; after?: V }][] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(cmp);
  const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  return keys.map((k) => [k, { ...(has(before, k) ? { before: before[k] } : {}), ...(has(after, k) ? { after: after[k] } : {}) }]);
}

export function suggestedBump(changes: readonly ApiChange[]): Bump {
  if (changes.some((c) => c.breaking)) return "major";
  if (changes.some((c) => c.addition)) return "minor";
  return changes.length ? "patch" : "none";
}

const counts = (changes: readonly ApiChange[]) => {
  const breaking = changes.filter((c) => c.breaking).length;
  const additions = changes.filter((c) => !c.breaking && c.addition).length;
  return { breaking, additions, other: changes.length - breaking - additions };
};

/** The report `npm run generate` prints. */
export function formatChanges(changes: readonly ApiChange[]): string {
  if (!changes.length) return "no API changes\n";
  const { breaking, additions, other } = counts(changes);
  const lines = [`API changes: ${breaking} breaking, ${additions} additions, ${other} other (suggested version bump: ${suggestedBump(changes)})`];
  for (const c of sorted(changes)) lines.push(`  ${c.breaking ? "BREAKING" : c.addition ? "added   " : "changed "}  ${c.subject}: ${c.what}`);
  return lines.join("\n") + "\n";
}

/** The same as Markdown, for a changelog or a pull request (`--changes FILE`). */
export function changesMarkdown(changes: readonly ApiChange[]): string {
  if (!changes.length) return "## API changes\n\nNone.\n";
  const { breaking, additions, other } = counts(changes);
  const out = [`## API changes`, "", `Suggested version bump: **${suggestedBump(changes)}** (${breaking} breaking, ${additions} additions, ${other} other).`];
  const section = (title: string, list: readonly ApiChange[]) => {
    if (list.length) out.push("", `### ${title}`, "", ...list.map((c) => `- \`${c.subject}\`: ${c.what}`));
  };
  section(
    "Breaking",
    changes.filter((c) => c.breaking),
  );
  section(
    "Added",
    changes.filter((c) => !c.breaking && c.addition),
  );
  section(
    "Other",
    changes.filter((c) => !c.breaking && !c.addition),
  );
  return out.join("\n") + "\n";
}

const sorted = (changes: readonly ApiChange[]) =>
  [...changes].sort((a, b) => Number(b.breaking) - Number(a.breaking) || Number(b.addition) - Number(a.addition));
