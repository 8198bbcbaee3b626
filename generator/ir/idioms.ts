import { qnameKey, type TypeDef } from "./model.js";

/**
 * Decides the WCF idioms that depend on the whole model, once every type is known: the schema
 * reader marks a type whose content is one repeated element as an array (ArrayOfX), and here a
 * mark that cannot stand is taken back, so the type stays a record with a repeated member:
 * - a type that other types extend: they add members to it, which an array cannot hold;
 * - a list whose items are, through other lists, the list itself: it cannot be printed as X[].
 * SOAP-encoded arrays keep their shape: their wire form is the array's.
 */
export function lowerIdioms(types: Map<string, TypeDef>): void {
  const extended = new Set<string>();
  for (const def of types.values()) if (def.kind === "complex" && def.base) extended.add(qnameKey(def.base));
  for (const [key, def] of types) {
    if (def.kind !== "complex" || def.shape.kind !== "array" || def.shape.encoding) continue;
    if (extended.has(key) || itemsLoopBack(types, key)) types.set(key, { ...def, shape: { kind: "record" } });
  }
}

function itemsLoopBack(types: ReadonlyMap<string, TypeDef>, key: string): boolean {
  const seen = new Set<string>();
  for (let cur = types.get(key); cur?.kind === "complex" && cur.shape.kind === "array" && cur.shape.item.type.kind === "named";) {
    const next = qnameKey(cur.shape.item.type.qname);
    if (next === key) return true;
    if (seen.has(next)) return false;
    seen.add(next);
    cur = types.get(next);
  }
  return false;
}
