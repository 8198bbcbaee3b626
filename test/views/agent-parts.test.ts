// generator/emit/views/agent-parts.ts: a large agent split into parts, given the agent's view and
// how many parts, wants each part's operations, wrappers, imports and method interface.
import { test } from "node:test";
import assert from "node:assert/strict";
import { GENERIC } from "../../generator/emit/profile.js";
import { buildViews } from "../../generator/emit/view-model.js";
import { splitAgent } from "../../generator/emit/views/agent-parts.js";
import { manyOperationsWsdl, modelOf } from "../helpers/wsdl.js";

const agentOf = async (n: number) => buildViews(await modelOf(manyOperationsWsdl(n)), "soap-ts-runtime/codegen", GENERIC).agents[0]!;

test("operations in consecutive groups; a wrapper lives in the first part that uses it, and the others import it", async () => {
  const agent = await agentOf(4);
  const { agent: main, parts } = splitAgent(agent, 2);
  const shared = agent.operations[1]!.response;
  assert.deepEqual(
    parts.map((p) => [p.file, p.methodsName, p.range, p.methods.map((m) => m.name), p.wrappers.map((w) => w.name), p.imports]),
    [
      ["many.part-1", "ManyClientMethods1", "Op0000 to Op0001", ["Op0000", "Op0001"], ["Op0000Request", "Op0000Response", "Op0001Request", shared], []],
      [
        "many.part-2",
        "ManyClientMethods2",
        "Op0002 to Op0003",
        ["Op0002", "Op0003"],
        ["Op0002Request", "Op0002Response", "Op0003Request"],
        [{ file: "many.part-1", names: [shared] }],
      ],
    ],
  );
  assert.equal(shared, "SharedResponse");
  // The agent's own file keeps the table (every operation) and declares no wrapper or method.
  assert.deepEqual([main.operations.length, main.wrappers, main.methods, main.parts.length, main.usesTypes], [4, [], [], 2, false]);
  assert.deepEqual(
    parts.map((p) => p.usesTypes),
    [true, true],
  );
});

test("as many parts as asked, the last taking what is left", async () => {
  const agent = await agentOf(5);
  for (const [parts, want] of [
    [1, [5]],
    [2, [3, 2]],
    [3, [2, 2, 1]],
    [5, [1, 1, 1, 1, 1]],
  ] as const)
    assert.deepEqual(
      splitAgent(agent, parts).parts.map((p) => p.methods.length),
      want,
      `${parts} parts`,
    );
});
