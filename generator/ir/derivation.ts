import { GeneratorError } from "../diagnostics.js";
import { qnameKey, type TypeDef } from "./model.js";

/**
 * A type may not be derived from itself: through its base (extension or restriction, complex or
 * simple content) or a list's item type, every chain must end at a built-in. Invalid XSD that
 * would otherwise send the passes round the chain for ever. Each type is walked once.
 */
export function checkDerivation(types: ReadonlyMap<string, TypeDef>): void {
  const done = new Set<string>();
  const next = (def: TypeDef): string | undefined => {
    if (def.kind === "simple") return def.base.kind === "named" ? qnameKey(def.base.qname) : undefined;
    if (def.base) return qnameKey(def.base);
    return def.text?.kind === "named" ? qnameKey(def.text.qname) : undefined;
  };
  for (const start of types.keys()) {
    const chain: string[] = [];
    const onChain = new Set<string>();
    for (let key: string | undefined = start; key !== undefined && !done.has(key);) {
      const def = types.get(key);
      if (!def) break; // an undefined base is reported where it is used
      if (onChain.has(key)) {
        const cycle = [...chain.slice(chain.indexOf(key)), key].map((k) => types.get(k)!.qname.local);
        throw new GeneratorError(
          `type ${def.qname.local} is derived from itself (${cycle.join(" -> ")}): a base, simple content or list item type must not lead back to the type; the schema is invalid XSD`,
          def.loc,
        );
      }
      chain.push(key);
      onChain.add(key);
      key = next(def);
    }
    for (const k of chain) done.add(k);
  }
}
