// What the view builders share: members as properties and descriptor fields, import lists.
import { GeneratorError } from "../../diagnostics.js";
import type { ComplexTypeDef, ElementParticle } from "../../ir/model.js";
import { propertyKey } from "../naming.js";
import { doc, particleDoc, withReference } from "../tsdoc.js";
import { cmp, type Mapper } from "../type-mapping.js";
import type { FieldSpecView, PropertyView } from "./model.js";

/** An import list: values, then types, each sorted case-insensitively (as organize-imports would). */
export function importList(values: string[], types: string[]): string {
  const sort = (xs: string[]) => [...new Set(xs)].sort((a, b) => cmp(a.toLowerCase(), b.toLowerCase()) || cmp(a, b));
  return [...sort(values), ...sort(types).map((t) => `type ${t}`)].join(", ");
}

export function commonPrefix(values: readonly string[]): string {
  if (values.length < 2) return "";
  let prefix = values[0]!;
  for (const v of values) while (!v.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.slice(0, prefix.lastIndexOf("/") + 1);
}

export function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))[0]![0];
}

export function property(p: ElementParticle, m: Mapper, reference: string[] = []): PropertyView {
  return { key: propertyKey(p.name), optional: p.minOccurs === 0, ts: m.element(p), ...doc(withReference(particleDoc(p, m), reference)) };
}

export function fieldSpec(p: ElementParticle, m: Mapper): FieldSpecView {
  return { name: JSON.stringify(p.name), desc: m.desc(p.type, p.loc), flags: m.flags(p) };
}

export function elementNs(def: ComplexTypeDef, particles: readonly ElementParticle[]): string {
  const nss = new Set(particles.map((p) => p.ns));
  if (nss.size > 1) throw new GeneratorError(`complexType ${def.qname.local} mixes qualified and unqualified members; not supported`, def.loc);
  return nss.values().next().value ?? def.qname.ns;
}
