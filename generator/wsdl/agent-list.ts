// wsdl/agents.json: which agents the SDK covers and where each WSDL was last taken from.
// `npm run update-wsdl` writes it; the generator holds the WSDL folder to it.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { GeneratorError } from "../diagnostics.js";

export interface AgentEntry {
  /** The agent's name as in `<Agent>.svc` (User, Contact, ...). */
  readonly agent: string;
  /** The file in the WSDL folder. */
  readonly file: string;
  readonly sha256: string;
  readonly size: number;
  /** Where it was taken from: the URL fetched, or the folder copied from. */
  readonly source: string;
  /** The day it was taken (YYYY-MM-DD); kept while the file is unchanged. */
  readonly date: string;
}

export interface AgentList {
  readonly agents: readonly AgentEntry[];
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export function readAgentList(file: string): AgentList {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new GeneratorError(`cannot read the agent list: ${(e as Error).message}; \`npm run update-wsdl -- --from <folder>\` writes it`, { file });
  }
  const agents = (raw as { agents?: unknown } | null)?.agents;
  const fields: [keyof AgentEntry, "string" | "number"][] = [
    ["agent", "string"],
    ["file", "string"],
    ["sha256", "string"],
    ["size", "number"],
    ["source", "string"],
    ["date", "string"],
  ];
  if (
    !Array.isArray(agents) ||
    !agents.every((a) => typeof a === "object" && a !== null && fields.every(([k, t]) => typeof (a as Record<string, unknown>)[k] === t))
  ) {
    throw new GeneratorError(`the agent list must be { "agents": [{ ${fields.map(([k, t]) => `"${k}": ${t}`).join(", ")} }, ...] }`, { file });
  }
  return { agents: agents as AgentEntry[] };
}

/** agents.json as text: sorted by agent, one entry a line, so a refresh is a small diff. */
export function printAgentList(list: AgentList): string {
  const sorted = [...list.agents].sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0));
  const line = (a: AgentEntry) => JSON.stringify({ agent: a.agent, file: a.file, sha256: a.sha256, size: a.size, source: a.source, date: a.date });
  return `{\n  "agents": [\n${sorted.map((a) => `    ${line(a)}`).join(",\n")}\n  ]\n}\n`;
}

/**
 * The WSDL folder must hold exactly the listed files, with the listed content: an agent added or
 * removed upstream, or a WSDL edited or copied by hand, is reported before anything is generated.
 */
export function checkAgentList(listFile: string, sources: readonly string[], files: readonly string[]): void {
  const folder = sources.length === 1 && existsSync(sources[0]!) && statSync(sources[0]!).isDirectory() ? sources[0]! : undefined;
  if (!folder)
    throw new GeneratorError(
      `"agents" applies to one WSDL folder; "wsdl" names ${sources.length} sources. Remove "agents" from the config, or point "wsdl" at the folder`,
      { file: listFile },
    );
  if (!existsSync(listFile))
    throw new GeneratorError(`the agent list is missing; run \`npm run update-wsdl -- --from ${folder}\` to write it from the WSDLs in ${folder}`, {
      file: listFile,
    });
  const list = readAgentList(listFile);
  const onDisk = new Map(files.map((f) => [path.basename(f), f]));
  const problems: string[] = [];
  for (const a of list.agents) {
    const file = onDisk.get(a.file);
    if (!file) problems.push(`${a.agent}: ${a.file} is listed but not in ${folder}`);
    else if (sha256(readFileSync(file)) !== a.sha256)
      problems.push(`${a.agent}: ${a.file} differs from the listed version (sha256 ${a.sha256.slice(0, 12)}…, taken ${a.date} from ${a.source})`);
    onDisk.delete(a.file);
  }
  for (const name of onDisk.keys()) problems.push(`${name} is in ${folder} but not in the agent list`);
  if (problems.length) {
    throw new GeneratorError(
      `the WSDL folder does not match the agent list:\n${problems.map((p) => `  ${p}`).join("\n")}\n` +
        `Refresh both with \`npm run update-wsdl -- --from <folder>\` or \`-- --base https://<host>/<tenant>/Remote/Services88/\`, then review the API change report of \`npm run generate\``,
      { file: listFile },
    );
  }
}
