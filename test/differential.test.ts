// The runtime's own pull decoder against the saxes-based reference decoder (a well-kept,
// namespace-aware parser): on every documented example and on seeded mutations of them, both
// accept with deep-equal values, or both reject.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import { decodeEnvelope } from "../runtime/decode.js";
import type { OperationInfo } from "../runtime/schema.js";
import { types } from "../generated/services88/schema.js";
import { documentedResponses } from "./helpers/examples.js";
import { mutate, prng } from "./helpers/mutate.js";
import { decodeEnvelope as reference } from "./helpers/reference-decoder.js";

const MUTATIONS = 2500;

type Outcome = { value: unknown } | { error: string };
const run = (decode: typeof reference, xml: string, op: OperationInfo): Outcome => {
  try {
    return { value: decode(xml, op, types) };
  } catch (e) {
    return { error: (e as { reason?: string }).reason ?? (e as Error).message };
  }
};

function compare(xml: string, op: OperationInfo, label: string, disagreements: string[]): "same" | "both-reject" {
  const ours = run(decodeEnvelope, xml, op);
  const ref = run(reference, xml, op);
  if ("value" in ours && "value" in ref) {
    if (isDeepStrictEqual(ours.value, ref.value)) return "same";
    disagreements.push(`${label}: different values`);
  } else if ("error" in ours && "error" in ref) return "both-reject";
  else
    disagreements.push(
      `${label}: ours ${"error" in ours ? `rejects (${ours.error})` : "accepts"}, reference ${"error" in ref ? `rejects (${ref.error})` : "accepts"}`,
    );
  return "same";
}

const examples = documentedResponses();

test("both decoders give the same values for every documented example", () => {
  const disagreements: string[] = [];
  for (const e of examples) assert.equal(compare(e.xml, e.op, e.name, disagreements), "same");
  assert.deepEqual(disagreements, []);
});

test("both decoders agree on seeded mutations of the examples", () => {
  const r = prng(0xd1ff);
  const disagreements: string[] = [];
  const counts = { same: 0, "both-reject": 0 };
  for (let n = 0; n < MUTATIONS; n++) {
    const e = r.pick(examples);
    const { text, what } = mutate(e.xml, r);
    counts[compare(text, e.op, `${e.name} (${what})`, disagreements)]++;
  }
  console.log(
    `  ${MUTATIONS} mutated responses: ${counts.same} decoded alike, ${counts["both-reject"]} rejected by both, ${disagreements.length} disagreements`,
  );
  assert.deepEqual(disagreements.slice(0, 10), []);
});
