// Opt-in (--docs): SuperOffice's reference docs (Swagger-v1-<Agent>Agent.json) add operation
// summaries, parameter and type descriptions to the TSDoc. Their markup (.NET XML doc comments)
// becomes plain TSDoc, with {@link} where a reference names a generated type.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { GeneratorError } from "../diagnostics.js";

export interface OperationDoc {
  readonly summary: string | undefined;
  readonly description: string | undefined;
  /** Request member descriptions by member name. */
  readonly params: ReadonlyMap<string, string>;
}

export interface TypeDoc {
  readonly description: string | undefined;
  readonly properties: ReadonlyMap<string, string>;
}

export interface ReferenceDocs {
  operation(agent: string, operation: string): OperationDoc | undefined;
  /** By XSD type name (the last segment of the .NET name the docs use). */
  type(name: string): TypeDoc | undefined;
}

interface Swagger {
  paths?: Record<string, Record<string, { summary?: string; description?: string; parameters?: { in?: string; schema?: { $ref?: string } }[] }>>;
  definitions?: Record<string, { description?: string; properties?: Record<string, { description?: string }> }>;
}

const lastSegment = (name: string) => name.slice(name.lastIndexOf(".") + 1);

export function readReferenceDocs(dir: string, agents: readonly string[]): ReferenceDocs {
  if (!existsSync(dir)) throw new GeneratorError('docs folder not found; fix --docs or the "docs" config key', { file: dir });
  const operations = new Map<string, OperationDoc>();
  const types = new Map<string, TypeDoc>();
  for (const agent of [...agents].sort()) {
    const file = path.join(dir, `Swagger-v1-${agent}Agent.json`);
    if (!existsSync(file)) continue; // docs are optional per agent
    let swagger: Swagger;
    try {
      swagger = JSON.parse(readFileSync(file, "utf8")) as Swagger;
    } catch (e) {
      throw new GeneratorError(`cannot read reference docs: ${(e as Error).message}`, { file });
    }
    const defs = swagger.definitions ?? {};
    for (const [name, def] of Object.entries(defs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      // Request wrappers of the REST API are not XSD types; everything else is keyed by its short name.
      if (name.includes(".WebApi.") || types.has(lastSegment(name))) continue;
      const properties = new Map(Object.entries(def.properties ?? {}).flatMap(([k, v]) => (v.description ? [[k, v.description] as const] : [])));
      types.set(lastSegment(name), { description: def.description, properties });
    }
    const prefix = `/api/v1/Agents/${agent}/`;
    for (const [p, methods] of Object.entries(swagger.paths ?? {})) {
      if (!p.startsWith(prefix)) continue;
      const op = methods["post"] ?? Object.values(methods)[0];
      if (!op) continue;
      const ref = op.parameters?.find((x) => x.in === "body")?.schema?.$ref;
      const request = ref ? defs[ref.slice(ref.lastIndexOf("/") + 1)] : undefined;
      const params = new Map(Object.entries(request?.properties ?? {}).flatMap(([k, v]) => (v.description ? [[k, v.description] as const] : [])));
      operations.set(`${agent}/${p.slice(prefix.length)}`, { summary: op.summary, description: op.description, params });
    }
  }
  return { operation: (agent, op) => operations.get(`${agent}/${op}`), type: (name) => types.get(name) };
}

/**
 * .NET doc markup to TSDoc lines: <para/> and \r\n break lines, <see cref> becomes {@link} when
 * it names a generated type (else its text), <b>/<i>/<c> become Markdown, other tags are dropped.
 */
export function toTsDoc(text: string | undefined, link: (name: string) => string | undefined): string[] {
  if (!text) return [];
  const s = text
    .replace(/\r\n?/g, "\n")
    .replace(/<para\s*\/>/g, "\n\n")
    .replace(/<\/?para>/g, "\n\n")
    .replace(/<see\s+cref="([^"]*)"\s*(?:\/>|>([\s\S]*?)<\/see>)/g, (_m, cref: string, label?: string) => {
      const target = link(lastSegment(cref.replace(/^[A-Z!]:/, "").replace(/\(.*$/, "")));
      const shown = label?.trim() || lastSegment(cref.replace(/^[A-Z!]:/, ""));
      return target ? `{@link ${target} | ${shown}}` : shown;
    })
    .replace(/<(b|strong)>([\s\S]*?)<\/\1>/g, "**$2**")
    .replace(/<(i|em)>([\s\S]*?)<\/\1>/g, "_$2_")
    .replace(/<c>([\s\S]*?)<\/c>/g, "`$1`")
    .replace(/<br\s*\/?>/g, "\n")
    .replace(/<\/?[a-zA-Z][^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    // TSDoc: a leading @ would start a tag, and */ would end the comment.
    .replace(/@/g, "\\@")
    .replace(/\*\//g, "*\\/");
  const lines = s.split("\n").map((l) => l.trim());
  const out: string[] = [];
  for (const l of lines) if (l !== "" || (out.length && out[out.length - 1] !== "")) out.push(l);
  while (out.length && out[out.length - 1] === "") out.pop();
  return out;
}
