import { GeneratorError } from "../diagnostics.js";
import { plainElements, qnameKey, simplified, type ComplexShape, type ComplexTypeDef, type MessageUse, type Model, type TypeDef } from "./model.js";
import { mapComplexTypes } from "./visit.js";

/**
 * The wire idioms the schema reader leaves as written, decided over the whole model:
 * - WCF's ArrayOfX: a type whose content is one repeated element is an array (X[]), unless other
 *   types extend it (they add members, which an array cannot hold) or its items are, through
 *   other lists, the list itself (it cannot be printed as X[]); those stay records;
 * - WCF's IsDictionary: one repeated entry of Key and Value is a dictionary;
 * - a restriction of soapenc:Array is a SOAP-encoded array, and so is a type extending one that
 *   adds nothing (JAX-RPC's list and arrayList extend its collection).
 */
export function lowerIdioms<M extends MessageUse>(model: Model<M>): Model<M> {
  const marked = mapComplexTypes(model, (def) => ({ ...def, shape: shapeOf(def) }));
  const types = new Map(marked.types);
  encodedExtensions(types);
  const extended = new Set<string>();
  for (const def of types.values()) if (def.kind === "complex" && def.base) extended.add(qnameKey(def.base));
  for (const [key, def] of types) {
    if (def.kind !== "complex" || def.shape.kind !== "array" || def.shape.encoding) continue;
    if (extended.has(key) || itemsLoopBack(types, key)) types.set(key, { ...def, shape: { kind: "record" } });
  }
  return { ...marked, types };
}

function shapeOf(def: ComplexTypeDef): ComplexShape {
  if (def.soapArray) return { kind: "array", item: def.soapArray.item, encoding: def.soapArray.encoding };
  if (def.isDictionary) return dictionaryOf(def);
  if (def.base || def.text || def.attributes?.length || def.openAttributes || def.mixed || !def.content) return { kind: "record" };
  const only = plainElements(def);
  // A type that is only a list of one element (WCF's ArrayOfX): the list itself.
  if (only?.length === 1 && only[0]!.maxOccurs > 1) return { kind: "array", item: only[0]! };
  return { kind: "record" };
}

/** WCF IsDictionary: one repeated entry element holding Key and Value. */
function dictionaryOf(def: ComplexTypeDef): ComplexShape {
  const unsupported = (what: string) => new GeneratorError(`unsupported XSD construct: ${what}`, def.loc);
  const entries = plainElements(def);
  const entry = entries?.length === 1 ? entries[0]! : undefined;
  const inline = entry?.type.kind === "anonymous" && entry.type.def.kind === "complex" ? entry.type.def : undefined;
  if (!entry || !inline) throw unsupported(`IsDictionary type ${def.qname.local} that is not a single key/value entry`);
  const members = plainElements(inline);
  const [key, value] = members ?? [];
  if (members?.length !== 2 || key!.name !== "Key" || value!.name !== "Value")
    throw new GeneratorError(`unsupported XSD construct: dictionary entry of ${def.qname.local} without exactly Key and Value`, entry.loc);
  return { kind: "dictionary", entry: entry.name, key: key!, value: value! };
}

/**
 * A type extending a SOAP-encoded array without adding members is that array under its own name;
 * one that adds members cannot be sent as an encoded array, and is refused. Bases first, so a
 * chain (collection, list, arrayList) becomes arrays all the way.
 */
function encodedExtensions(types: Map<string, TypeDef>): void {
  const done = new Set<string>();
  const visit = (key: string, depth: number): void => {
    const def = types.get(key);
    if (done.has(key) || def?.kind !== "complex" || !def.base || depth > 64) return;
    done.add(key);
    visit(qnameKey(def.base), depth + 1);
    const base = types.get(qnameKey(def.base));
    if (base?.kind !== "complex" || base.shape.kind !== "array" || !base.shape.encoding) return;
    if (def.attributes?.length || def.text || (def.content && simplified(def.content).particles.length))
      throw new GeneratorError(
        `unsupported XSD construct: ${def.qname.local} extends the SOAP-encoded array ${base.qname.local} with members of its own; an encoded array holds items only`,
        def.loc,
      );
    const { base: _, ...rest } = def;
    types.set(key, { ...rest, shape: base.shape });
  };
  for (const key of [...types.keys()]) visit(key, 0);
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
