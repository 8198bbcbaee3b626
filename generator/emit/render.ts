import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { GeneratorBug } from "../diagnostics.js";
import type { SdkView } from "./view-model.js";
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
  return hb;
}

const read = (name: string) => readFileSync(templates() + name, "utf8");

/** Renders every output file: relative path -> formatted TypeScript (and api.json), ending in one newline. */
export function render(view: SdkView): Map<string, string> {
  const hb = engine();
  const compile = (name: string) => hb.compile(read(name), { noEscape: true, strict: true });
  const agent = compile("agent.ts.hbs");
  const files = new Map<string, string>();
  files.set("types.ts", compile("types.ts.hbs")(view.shared));
  files.set("schema.ts", compile("schema.ts.hbs")(view.shared));
  const base = compile("agent-base.ts.hbs");
  for (const b of view.bases) files.set(`${b.file}.ts`, base(b));
  for (const a of view.agents) files.set(`${a.file}.ts`, agent(a));
  files.set("index.ts", compile("index.ts.hbs")(view.index));
  files.set(API_FILE, printApi(view.api));
  // Templates leave blank lines where a conditional printed nothing; fold runs into one.
  for (const [k, v] of files) files.set(k, v.replace(/\n{3,}/g, "\n\n").replace(/\n*$/, "\n"));
  return files;
}
