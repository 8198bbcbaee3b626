import { readdirSync, readFileSync } from "node:fs";
import type { OperationInfo } from "../../runtime/schema.js";
import * as sdk from "../../generated/services88/index.js";
import { SHARED } from "./capture.js";

const EXAMPLES = new URL("services88/examples/", SHARED);

/** Every documented example response (../shared, read in place), with the operation it answers. */
export function documentedResponses(): { name: string; op: OperationInfo; xml: string }[] {
  const out: { name: string; op: OperationInfo; xml: string }[] = [];
  for (const agent of readdirSync(EXAMPLES).sort()) {
    const ops = (sdk as unknown as Record<string, Record<string, OperationInfo>>)[`${agent}Operations`]!;
    for (const file of readdirSync(new URL(`${agent}/`, EXAMPLES))
      .filter((f) => f.endsWith(".response.xml"))
      .sort())
      out.push({
        name: `${agent}/${file}`,
        op: ops[file.slice(0, -".response.xml".length)]!,
        xml: readFileSync(new URL(`${agent}/${file}`, EXAMPLES), "utf8"),
      });
  }
  return out;
}
