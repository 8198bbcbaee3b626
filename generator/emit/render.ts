import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { GeneratorBug } from "../diagnostics.js";
import type { SdkView } from "./view-model.js";
import type { AgentPartView, AgentView } from "./views/model.js";
import { splitAgent } from "./views/agent-parts.js";
import { API_FILE, printApi } from "../api/summary.js";

// templates/ sits at the package root, beside generator/ (run from source) and dist/ (compiled).
const CANDIDATES = [new URL("../../templates/", import.meta.url), new URL("../../../templates/", import.meta.url)].map((u) => fileURLToPath(u));
const TEMPLATES = CANDIDATES.find((p) => existsSync(p));

function templates(): string {
  if (TEMPLATES === undefined)
    throw new GeneratorBug(
      `the generator's templates/ folder is missing (looked in ${CANDIDATES.join(" and ")}): the installed package is incomplete; reinstall it`,
    );
  return TEMPLATES;
}

function engine(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  hb.registerPartial("doc", read("doc.hbs"));
  hb.registerPartial("fileHeader", read("file-header.hbs"));
  // A member as the runtime's field tuple: [element name, descriptor, flags].
  hb.registerPartial("field", read("field.hbs"));
  hb.registerPartial("wrapper", read("wrapper.hbs"));
  // An object type's declaration, its properties and the alternatives of its unions (recursive: a choice may hold a choice).
  hb.registerPartial("declaration", read("declaration.hbs"));
  hb.registerPartial("property", read("property.hbs"));
  hb.registerPartial("alternative", read("alternative.hbs"));
  hb.registerPartial("method", read("method.hbs"));
  return hb;
}

const read = (name: string) => readFileSync(templates() + name, "utf8");

/**
 * Renders every output file: relative path -> formatted TypeScript (and api.json), ending in one
 * newline. Each file is also handed to `onFile` as soon as it is rendered (the type-check parses
 * it while the rest are rendered), saying whether it holds only descriptor tables.
 */
export function render(view: SdkView, onFile?: (file: string, text: string, descriptors: boolean) => void): Map<string, string> {
  const hb = engine();
  const compile = (name: string) => hb.compile(read(name), { noEscape: true, strict: true });
  const files = new Map<string, string>();
  const put = (file: string, text: string, descriptors = false) => {
    // Templates leave blank lines where a conditional printed nothing; fold runs into one.
    const folded = text.replace(/\n{3,}/g, "\n\n").replace(/\n*$/, "\n");
    files.set(file, folded);
    onFile?.(file, folded, descriptors);
  };
  put("types.ts", compile("types.ts.hbs")(view.shared));
  put("schema.ts", compile("schema.ts.hbs")(view.shared), true);
  const base = compile("agent-base.ts.hbs");
  for (const b of view.bases) put(`${b.file}.ts`, base(b));
  const agent = compile("agent.ts.hbs");
  const part = compile("agent-part.ts.hbs");
  const table = compile("agent-operations.ts.hbs");
  for (const a of view.agents) {
    put(`${a.operationsFile}.ts`, table(a), true);
    for (const [file, text] of agentFiles(a, agent, part)) put(file, text);
  }
  put("index.ts", compile("index.ts.hbs")(view.index));
  put(API_FILE, printApi(view.api));
  return files;
}

/** Past this, an agent's file is split (editors and compilers slow down on multi-megabyte files). */
export const SPLIT_AT = 768 * 1024;
/** What each part of a split agent aims at: well under SPLIT_AT, whatever an operation's size. */
const PART_TARGET = 384 * 1024;

/**
 * An agent's file, or for a large service the file and its parts: groups of operations whose
 * wrappers and method declarations move to `<agent>.part-N.ts`, re-exported by the agent's file,
 * so every public name stays where it was.
 */
function agentFiles(a: AgentView, agent: (v: AgentView) => string, part: (v: AgentPartView) => string): [string, string][] {
  const whole = agent(a);
  if (whole.length <= SPLIT_AT || a.operations.length < 2) return [[`${a.file}.ts`, whole]];
  for (let n = Math.ceil(whole.length / PART_TARGET); n <= a.operations.length; n++) {
    const split = splitAgent(a, n);
    const files: [string, string][] = [[`${a.file}.ts`, agent(split.agent)], ...split.parts.map((p): [string, string] => [`${p.file}.ts`, part(p)])];
    if (files.every(([, text]) => text.length <= SPLIT_AT)) return files;
  }
  return [[`${a.file}.ts`, whole]];
}
