// Content models as views: a layout's object shape (emit/layout.ts) as properties and unions for
// the templates, and its particle tree as the descriptor's `particles(...)` expression.
import { literal, propertyKey } from "../naming.js";
import { runtimeSymbol } from "../symbols.js";
import { doc } from "../tsdoc.js";
import type { FileImports } from "../imports.js";
import type { Mapper } from "../type-mapping.js";
import { MIXED_KEY, OPEN_KEY, type Layout, type Member, type ModelNode, type ObjectShape, type ShapeProp, type UnionShape } from "../layout.js";
import type { AlternativeView, PropertyView, UnionView } from "./model.js";

/** How a member becomes a property (its doc, its reference text): the caller's. */
export type MemberView = (member: Member, optional: boolean, where?: "choice") => PropertyView;

/** The properties and unions of an object shape. */
export function objectView(shape: ObjectShape, member: MemberView, m: Mapper): { properties: PropertyView[]; unions: UnionView[] } {
  return { properties: shape.props.map((p) => propView(p, member, m, false)), unions: shape.unions.map((u) => unionView(u, member, m)) };
}

const keyOf = (p: ShapeProp): string => (p.kind === "member" ? p.member.key : p.kind === "open" ? OPEN_KEY : p.kind === "entries" ? p.key : MIXED_KEY);

/** Every property key of an object shape: its own and its unions' alternatives', in order. */
function keysOf(o: ObjectShape): string[] {
  return [...new Set([...o.props.map(keyOf), ...o.unions.flatMap((u) => u.alternatives.flatMap(keysOf))])];
}

/**
 * One xs:choice: each alternative lists every key of the union, its own with their types and the
 * others as `?: never`, so a value holds one alternative and `"Pickup" in order` narrows. Keys of
 * a union nested in an alternative are that union's to list.
 */
function unionView(u: UnionShape, member: MemberView, m: Mapper): UnionView {
  const all = [...new Set(u.alternatives.flatMap(keysOf))];
  return {
    alternatives: u.alternatives.map((alt): AlternativeView => {
      const nested = new Set(alt.unions.flatMap((x) => x.alternatives.flatMap(keysOf)));
      const own = new Map(alt.props.map((p) => [keyOf(p), p]));
      return {
        properties: all.flatMap((k) => {
          const p = own.get(k);
          if (p) return [propView(p, member, m, true)];
          return nested.has(k) ? [] : [{ key: propertyKey(k), optional: true, ts: "never", doc: [], docMulti: false }];
        }),
        unions: alt.unions.map((x) => unionView(x, member, m)),
      };
    }),
  };
}

function propView(p: ShapeProp, member: MemberView, m: Mapper, inChoice: boolean): PropertyView {
  switch (p.kind) {
    case "member":
      return member(p.member, p.optional, p.inChoice || inChoice ? "choice" : undefined);
    case "open":
      return {
        key: OPEN_KEY,
        optional: p.optional,
        ts: "string[]",
        ...doc(["Elements of open content (xs:any) as XML, one string each: kept when received, sent as given where the schema's wildcard stands."]),
      };
    case "entries": {
      const g = p.group;
      const what = g.ref ? `xs:group ${g.ref.local} (an xs:${g.kind})` : `An xs:${g.kind}`;
      const times = `${g.minOccurs === 0 ? "zero" : g.minOccurs === 1 ? "one" : g.minOccurs} or more times (maxOccurs=${g.maxOccurs === Infinity ? "unbounded" : g.maxOccurs})`;
      const entry = p.entry;
      // A repeated choice is a list of its alternatives; anything else a list of one object type.
      const entries =
        entry.props.length === 0 && entry.unions.length === 1
          ? unionView(entry.unions[0]!, member, m).alternatives
          : [{ properties: entry.props.map((x) => propView(x, member, m, false)), unions: entry.unions.map((x) => unionView(x, member, m)) }];
      return {
        key: propertyKey(p.key),
        optional: p.optional,
        ts: "",
        entries,
        ...doc([`${what} that occurs ${times}: one object per occurrence, in document order${g.kind === "choice" ? ", each holding one alternative" : ""}.`]),
      };
    }
    case "mixed": {
      const items = ["string", ...p.elements.map((e) => `{ ${propertyKey(e.key)}: ${elementTs(e, m)} }`), ...(p.open ? ["{ $element: string }"] : [])];
      return {
        key: MIXED_KEY,
        optional: true,
        ts: `(${items.join(" | ")})[]`,
        ...doc([
          "Mixed content: the text and the elements in document order, each element as an object of one member (open content as `$element`, its XML); sent in the order given.",
        ]),
      };
    }
  }
}

/** A member's value type in mixed content (one element per entry). */
const elementTs = (e: Member, m: Mapper) => m.element(e);

/** The runtime's expression for a layout's content model (`particles(sequence([0, choice([1, 2])]))`), recording its imports. */
export function modelExpression(layout: Layout, imports: FileImports, ns: (uri: string) => string): string | undefined {
  if (!layout.model) return undefined;
  const max = (n: number) => (n === Infinity ? "Infinity" : String(n));
  const list = (xs: readonly string[]) => `[${xs.map(ns).join(", ")}]`;
  const node = (n: ModelNode): string => {
    if (n.kind === "element") return String(n.index);
    if (n.kind === "any") {
      const tail = n.not ? `, ${n.namespaces ? list(n.namespaces) : "undefined"}, ${list(n.not)}` : n.namespaces ? `, ${list(n.namespaces)}` : "";
      return `${imports.use(runtimeSymbol("wildcard"))}(${n.minOccurs}, ${max(n.maxOccurs)}${tail})`;
    }
    const items = `[${n.particles.map(node).join(", ")}]`;
    const occurs =
      n.kind !== "all" && n.key !== undefined
        ? `, ${n.minOccurs}, ${max(n.maxOccurs)}, ${literal(n.key)}`
        : n.minOccurs !== 1 || n.maxOccurs !== 1
          ? `, ${n.minOccurs}${n.maxOccurs !== 1 ? `, ${max(n.maxOccurs)}` : ""}`
          : "";
    return `${imports.use(runtimeSymbol(n.kind))}(${items}${occurs})`;
  };
  return `${imports.use(runtimeSymbol("particles"))}(${node(layout.model)}${layout.mixed ? ", true" : ""})`;
}
