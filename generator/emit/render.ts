import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import type { SdkView } from "./view-model.js";

const TEMPLATES = fileURLToPath(new URL("../../templates/", import.meta.url));

function engine(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
  hb.registerPartial("doc", read("doc.hbs"));
  hb.registerPartial("fileHeader", read("file-header.hbs"));
  return hb;
}

const read = (name: string) => readFileSync(TEMPLATES + name, "utf8");

/** Renders every output file: relative path -> unformatted TypeScript. */
export function render(view: SdkView): Map<string, string> {
  const hb = engine();
  const compile = (name: string) => hb.compile(read(name), { noEscape: true, strict: true });
  const agent = compile("agent.ts.hbs");
  const files = new Map<string, string>();
  files.set("types.ts", compile("types.ts.hbs")(view.shared));
  files.set("schema.ts", compile("schema.ts.hbs")(view.shared));
  for (const a of view.agents) files.set(`${a.file}.ts`, agent(a));
  files.set("index.ts", compile("index.ts.hbs")(view.index));
  return files;
}
