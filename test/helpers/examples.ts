import { readdirSync, readFileSync } from "node:fs";
import * as sdk from "../../generated/services88/index.js";
import { types } from "../../generated/services88/schema.js";
import type { Field, OperationInfo } from "../../runtime/schema.js";
import { xsDateTime, xsDuration } from "../../runtime/xsd.js";
import { SHARED } from "./capture.js";

const EXAMPLES = new URL("services88/examples/", SHARED);

/**
 * The documentation leaves TimeSpan and DateTime values empty (`<AlarmLeadTime></AlarmLeadTime>`),
 * which is neither xs:duration nor xs:dateTime text and which a server never sends: those
 * placeholders are read as what WCF writes for a zero TimeSpan and DateTime.MinValue, and nothing
 * else of an example is touched.
 */
const placeholders = (() => {
  const byCodec = new Map<unknown, { value: string; names: Set<string> }>([
    [xsDuration.codec, { value: "PT0S", names: new Set() }],
    [xsDateTime.codec, { value: "0001-01-01T00:00:00", names: new Set() }],
  ]);
  const note = (f: Field) => {
    if (f.type.kind === "scalar") byCodec.get(f.type.codec)?.names.add(f.name);
  };
  for (const t of types.values()) {
    if (t.kind === "record") t.fields.forEach(note);
    else if (t.kind === "dictionary") [t.key, t.value].forEach(note);
    else if (t.kind === "array") note(t.item);
  }
  return [...byCodec.values()].map(({ value, names }) => ({
    value,
    pattern: new RegExp(`<((?:[\\w.-]+:)?(?:${[...names].join("|")}))(\\s[^>]*)?(?:></\\1>|/>)`, "g"),
  }));
})();
export const withoutPlaceholders = (xml: string) =>
  placeholders.reduce((text, { value, pattern }) => text.replace(pattern, (_m, name: string, attrs = "") => `<${name}${attrs}>${value}</${name}>`), xml);

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
        xml: withoutPlaceholders(readFileSync(new URL(`${agent}/${file}`, EXAMPLES), "utf8")),
      });
  }
  return out;
}
