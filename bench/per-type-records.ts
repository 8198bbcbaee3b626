// An experiment, not a benchmark figure: would decoders generated per record type reach the
// target of 80% of the bare reader? It stands in for generated code by compiling, in this
// process only, one function per record type with the member names as literal keys (one store
// site per member, so V8 keeps each shape monomorphic) and the scalar path inlined, then
// measures both decoders against the bare reader, interleaved, on the bench's heavy response.
// The shipped runtime never compiles code at run time. Run: `npm run build && tsx bench/per-type-records.ts`.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { heavyUserResponse } from "./fixtures.js";
import type { Decoder as DecoderClass } from "../runtime/decode.js";
import type { RecordType, OperationInfo, TypeRegistry } from "../runtime/schema.js";
import type { Tag } from "../runtime/xml-reader.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const load = async <T>(f: string) => (await import(path.join(ROOT, f))) as T;
const { decodeEnvelope, Decoder } = await load<typeof import("../runtime/decode.js")>("runtime/dist/decode.js");
const { record, operation, message, reachableTypes } = await load<typeof import("../runtime/schema.js")>("runtime/dist/schema.js");
const { UserOperations } = await load<{ UserOperations: Record<string, OperationInfo> }>("generated/dist/services88/user.js");
const { types } = await load<{ types: TypeRegistry }>("generated/dist/services88/schema.js");

const heavy = new TextDecoder().decode(new TextEncoder().encode(heavyUserResponse(20)));
const op = UserOperations["GetUserFromPersonId"]!;
const S88 = "http://www.superoffice.net/ws/crm/NetServer/Services88";
const bareWrapper = record(S88, "GetUserFromPersonIdResponse", S88, undefined, () => []);
const bareOp = operation("bare", "bare", message(bareWrapper, []), message(bareWrapper, []));

type RecordReader = (r: DecoderClass, t: RecordType, tag: Tag, typed: boolean) => Record<string, unknown>;
const generic = Decoder.prototype.record;
const compiled = new Map<RecordType, RecordReader>();

/** What a generator could print for one record type: given the type's fields, its reader. */
function readerSource(t: RecordType): string {
  const lines = t.fields.map((f, k) => {
    const key = JSON.stringify(f.key);
    const read = f.code === 0 ? `child.attrs.length === 0 ? r.scalar(C${k}, child) : r.value(F[${k}], child)` : `r.value(F[${k}], child)`;
    const store = f.repeated ? `{ const v = ${read}; const l = out[${key}]; if (l) l.push(v); else out[${key}] = [v]; }` : `out[${key}] = ${read};`;
    return `case ${JSON.stringify(f.name)}: if (child.uri !== F[${k}].ns) r.unknown(child); else ${store} break;`;
  });
  return [
    ...t.fields.map((_, k) => `const C${k} = F[${k}].type.codec;`),
    "return function (r, t, tag, typed) {",
    "const out = typed ? { $type: t.tag } : {};",
    "if (!tag.empty) for (;;) { r.skipWhitespaceContent(); if (r.atEndTag()) break; const child = r.startTag(); switch (child.local) {",
    ...lines,
    "default: r.unknown(child); } }",
    "for (const f of t.required) if (out[f.key] === undefined) r.missing(t, f);",
    "r.endTag(tag); return out; };",
  ].join("\n");
}

const compile = (t: RecordType) => new Function("F", readerSource(t))(t.fields) as RecordReader;

function perType(this: DecoderClass, t: RecordType, tag: Tag, typed: boolean): Record<string, unknown> {
  // Types with attributes, text or xs:any keep the generic path (none in this response).
  if (t.content !== undefined) return generic.call(this, t, tag, typed);
  let read = compiled.get(t);
  if (!read) compiled.set(t, (read = compile(t)));
  return read(this, t, tag, typed);
}

const time = (f: () => unknown, n: number) => {
  const start = performance.now();
  for (let i = 0; i < n; i++) f();
  return (performance.now() - start) / n;
};
const decode = () => decodeEnvelope(heavy, op, types);
const bare = () => decodeEnvelope(heavy, bareOp, types);
for (const [name, reader] of [
  ["generic decoder (shipped)", generic],
  ["per-type decoders", perType],
  ["generic decoder (shipped)", generic],
  ["per-type decoders", perType],
] as const) {
  Decoder.prototype.record = reader;
  for (let i = 0; i < 100; i++) (decode(), bare());
  const ratios: number[] = [];
  let total = 0;
  for (let k = 0; k < 50; k++) {
    const d = time(decode, 10);
    ratios.push(time(bare, 10) / d);
    total += d;
  }
  const median = ratios.sort((a, b) => a - b)[ratios.length >> 1]!;
  console.log(`${name}: decode ${(total / 50).toFixed(3)} ms, ${(median * 100).toFixed(1)}% of the bare reader (median of 50 paired rounds)`);
}
Decoder.prototype.record = perType;
const viaPerType = JSON.stringify(decode().body);
Decoder.prototype.record = generic;
console.log(`both give the same body: ${viaPerType === JSON.stringify(decode().body)}`);
// What such readers would add to a bundle: their source for every record type the User agent
// reaches (the one-call app carries the User agent's whole operations table).
const userRecords = [...reachableTypes(UserOperations).values()].filter((t): t is RecordType => t.kind === "record" && t.content === undefined);
const { transformSync } = await import("esbuild");
const source = `export const readers = [${userRecords.map((t) => `(F) => {${readerSource(t)}}`).join(",\n")}];`;
const minified = transformSync(source, { minify: true, format: "esm" }).code.length;
console.log(`per-type readers for the ${userRecords.length} record types the User agent reaches: ${(minified / 1024).toFixed(1)} KB minified`);
