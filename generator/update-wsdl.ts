#!/usr/bin/env node
// npm run update-wsdl: refresh the WSDL folder and the agent list (see wsdl/README.md).
import { parseArgs } from "node:util";
import { loadConfig } from "./config.js";
import { GeneratorError } from "./diagnostics.js";
import { updateWsdl } from "./wsdl/update.js";

const HELP = `Usage: npm run update-wsdl -- (--base URL | --from DIR) [options]

Fetches <base><Agent>.svc?singleWsdl for every agent in the agent list (or takes <Agent>.wsdl
from DIR), checks each is a WSDL, and only when all are good swaps them into the configured WSDL
folder and rewrites the agent list. Prints what was added, changed and removed.

Options:
  --base URL         a tenant's Services88 address, e.g. https://sod.superoffice.com/Cust12345/Remote/Services88/
  --from DIR         a folder of <Agent>.wsdl files (mirrored: agents it lacks are removed)
  --agents A,B       only these agents (the others stay as they are)
  --discover A,B     also probe these agents; those the tenant serves are added
  --remove A,B       drop these agents (gone upstream)
  --config FILE      config file (default: ./soap-ts-gen.config.json); its "wsdl" folder and "agents" list are updated
  --timeout MS       per request (default 30000)
  --max-redirects N  redirects followed per agent (default 3)
  -h, --help         this text

Exit codes: 0 done (or nothing changed), 1 an agent failed (nothing was changed), 2 usage.`;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        base: { type: "string" },
        from: { type: "string" },
        agents: { type: "string" },
        discover: { type: "string" },
        remove: { type: "string" },
        config: { type: "string" },
        timeout: { type: "string" },
        "max-redirects": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
    if (!args.help && !args.base === !args.from) throw new Error("give exactly one of --base URL or --from DIR");
    for (const k of ["timeout", "max-redirects"] as const) if (args[k] !== undefined && !/^\d+$/.test(args[k])) throw new Error(`--${k} takes a whole number`);
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(HELP + "\n");
    return 0;
  }
  const list = (v: string | undefined) =>
    v
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  try {
    const config = loadConfig(args.config);
    if (config.wsdl.length !== 1)
      throw new GeneratorError(`the config names ${config.wsdl.length} WSDL sources; update-wsdl refreshes one folder (set "wsdl" to it)`);
    const agentsFile = config.agents ?? "wsdl/agents.json";
    const agents = list(args.agents);
    const discover = list(args.discover);
    const remove = list(args.remove);
    await updateWsdl({
      folder: config.wsdl[0]!,
      listFile: agentsFile,
      ...(args.base ? { base: args.base } : {}),
      ...(args.from ? { from: args.from } : {}),
      ...(agents ? { agents } : {}),
      ...(discover ? { discover } : {}),
      ...(remove ? { remove } : {}),
      timeoutMs: Number(args.timeout ?? 30_000),
      maxRedirects: Number(args["max-redirects"] ?? 3),
      maxBytes: config.maxInputBytes,
      today: new Date().toISOString().slice(0, 10),
      log: (line) => process.stdout.write(line + "\n"),
    });
    return 0;
  } catch (e) {
    if (e instanceof GeneratorError) {
      process.stderr.write(e.format() + "\n");
      return 1;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
