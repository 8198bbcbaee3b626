// A content model in a line, for given/want tables: `seq(A, B?, choice(C, D)*)`. Occurrence as a
// suffix (? 0..1, * 0..unbounded, + 1..unbounded, {min,max} otherwise); a group ref names its
// group (`G:seq(...)`); a wildcard is `any` with its namespaces (`any[##local]`, `any[not urn:t]`).
import type { Particle } from "../../generator/ir/model.js";

const occurs = (p: { minOccurs: number; maxOccurs: number }) => {
  const { minOccurs: min, maxOccurs: max } = p;
  if (min === 1 && max === 1) return "";
  if (min === 0 && max === 1) return "?";
  if (min === 0 && max === Infinity) return "*";
  if (min === 1 && max === Infinity) return "+";
  return `{${min},${max === Infinity ? "unbounded" : max}}`;
};

export function describe(p: Particle | undefined): string {
  if (!p) return "none";
  if (p.kind === "element") return `${p.name}${occurs(p)}`;
  if (p.kind === "any") {
    const ns = p.namespaces ? `[${p.namespaces.map((n) => n || "##local").join(" ")}]` : p.not ? `[not ${p.not.map((n) => n || "##local").join(" ")}]` : "";
    return `any${ns}${occurs(p)}`;
  }
  const kind = p.kind === "sequence" ? "seq" : p.kind;
  return `${p.ref ? `${p.ref.local}:` : ""}${kind}(${p.particles.map(describe).join(", ")})${occurs(p)}`;
}
