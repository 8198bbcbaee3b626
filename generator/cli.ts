#!/usr/bin/env node
import { parseArgs } from "node:util";
import path from "node:path";
import { existsSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { apiChanges, changesMarkdown, formatChanges } from "./api/changes.js";
import { API_FILE, type ApiSummary } from "./api/summary.js";
import { CONFIG_FILE, DEFAULTS, loadConfig, type Config } from "./config.js";
import { GeneratorBug, GeneratorError } from "./diagnostics.js";
import { startTypeCheck } from "./emit/type-check.js";
import { PROFILES, profileNamed, type ProfileName } from "./emit/profile.js";
import { staleFiles, withManifest, writeGenerated } from "./emit/write.js";

const HELP = `Usage: npm run generate -- [options]   (in another project: npx soap-ts-gen [options])

Reads WSDL 1.1 (SOAP 1.1 or 1.2; document/literal wrapped or bare, rpc/literal) and writes a typed TypeScript SDK.

Options:
  --config FILE    config file (default: ./${CONFIG_FILE} if present)
  --wsdl SOURCE    WSDL file, folder of *.wsdl or http(s) URL; repeatable; overrides the config
  --out DIR        output folder (default: ${DEFAULTS.out})
  --docs DIR       add the Swagger-v1-<Agent>Agent.json reference docs in DIR to the TSDoc
  --check          write nothing; exit 1 and list stale files (and the API changes) if the output differs
  --changes FILE   also write the API change report as Markdown (for a changelog or pull request)
  --emit-ir FILE   also write the intermediate model as JSON
  --no-typecheck   skip type-checking the output (faster; formatting still runs)
  --typecheck-all  also type-check the descriptor tables (schema.ts, *.operations.ts), which carry
                   @ts-nocheck for a project's compiler; the generator's tests do
  --profile NAME   generic (the default) or superoffice (Services88's conventions; its config selects it)
  --lenient        work round defects in the WSDL, as zeep does, each with a warning (config "lenient": true)
  -h, --help       this text

Exit codes: 0 done, 1 errors in the input (or stale output with --check), 2 usage, 3 a bug in the generator.`;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        config: { type: "string" },
        wsdl: { type: "string", multiple: true },
        out: { type: "string" },
        docs: { type: "string" },
        check: { type: "boolean" },
        changes: { type: "string" },
        "emit-ir": { type: "string" },
        "no-typecheck": { type: "boolean" },
        "typecheck-all": { type: "boolean" },
        lenient: { type: "boolean" },
        profile: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      allowPositionals: false,
    }).values;
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(HELP + "\n");
    return 0;
  }
  const started = performance.now();
  // The type-check's worker starts loading TypeScript before this thread loads the rest of the generator.
  const checking = args["no-typecheck"] ? undefined : startTypeCheck({ all: args["typecheck-all"] === true });
  try {
    const { generate } = await import("./generate.js");
    const base = loadConfig(args.config);
    // WSDLs named on the command line are not the listed agents: the agent list does not apply.
    const { agents: _, ...unlisted } = base;
    const config: Config = {
      ...(args.wsdl ? { ...unlisted, wsdl: args.wsdl } : base),
      ...(args.out ? { out: args.out } : {}),
      ...(args.docs ? { docs: args.docs } : {}),
      ...(args.lenient ? { lenient: true } : {}),
      ...(args.profile !== undefined ? { profile: profileArg(args.profile) } : {}),
    };
    const tty = process.stderr.isTTY;
    const { model, files, api, inputs } = await generate(config, {
      // The check it started, or none.
      ...(checking ? { checking } : { typeCheck: false }),
      onFile: (file, i, n) => {
        if (tty) {
          const done = Math.round(((i + 1) / n) * 30);
          process.stderr.write(`\r\x1b[K[${"#".repeat(done)}${".".repeat(30 - done)}] ${i + 1}/${n} ${path.basename(file)}`);
        } else if (n > 1 && (i + 1) % 10 === 0) process.stderr.write(`read ${i + 1}/${n} WSDLs\n`);
      },
    });
    if (tty) process.stderr.write("\r\x1b[K");
    for (const w of model.warnings) process.stderr.write(`${w}\n`);
    // Advice about the WSDL holds until it changes: said on the first run after a change.
    if (previousInputs(config.out) !== inputs) for (const n of model.notices ?? []) process.stderr.write(`${n}\n`);
    if (config.lenient && model.rescues)
      process.stderr.write(
        `lenient: worked round ${model.rescues} defect${model.rescues === 1 ? "" : "s"} in the WSDL (warnings above); a strict run refuses it\n`,
      );
    if (args["emit-ir"])
      await writeFile(
        args["emit-ir"],
        JSON.stringify(model, (_k, v) => (v instanceof Map ? Object.fromEntries(v) : v === Infinity ? "unbounded" : v), 2) + "\n",
      );
    const ops = model.services.reduce((n, s) => n + s.operations.length, 0);
    const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
    const clients = count(model.services.length, profileNamed(config.profile).noun.toLowerCase());
    const summary = `${clients}, ${count(ops, "operation")}, ${count(model.types.size, "type")}, ${count(files.size, "file")}`;
    // What changed for callers since the checked-in output was generated.
    const previous = readApi(config.out);
    const changes = previous ? changesSince(previous, api) : undefined;
    const report = changes ? formatChanges(changes) : `no ${API_FILE} in ${config.out} yet: the API change report starts with the next run\n`;
    if (args.changes && changes) await writeFile(args.changes, changesMarkdown(changes));
    if (args.check) {
      const stale = await staleFiles(config.out, withManifest(files));
      if (stale.length) {
        process.stderr.write(`${config.out} is stale; run \`npm run generate\`:\n${stale.map((s) => `  ${s}`).join("\n")}\n${report}`);
        return 1;
      }
      process.stdout.write(`${config.out} is up to date (${summary})\n`);
      return 0;
    }
    await writeGenerated(config.out, files);
    process.stdout.write(report);
    process.stdout.write(`generated ${summary} in ${config.out} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n\n${HELP}\n`);
      return 2;
    }
    if (e instanceof GeneratorError) {
      process.stderr.write(e.format() + "\n");
      return 1;
    }
    if (e instanceof GeneratorBug) {
      process.stderr.write(
        `internal error: ${e.message}\nThis is a bug in soap-ts-gen, not in the input; please report it with the WSDL that shows it.\n${e.stack ?? ""}\n`,
      );
      return 3;
    }
    throw e;
  } finally {
    // Closed by generate() unless something failed before it ran; closing twice is harmless.
    await checking?.close();
  }
}

function profileArg(name: string): ProfileName {
  if (!PROFILES.includes(name as ProfileName)) throw new UsageError(`--profile must be ${PROFILES.join(" or ")}, not ${JSON.stringify(name)}`);
  return name as ProfileName;
}

/** A command line the options parser accepts but that means nothing: exit 2, with the help. */
class UsageError extends Error {}

/** The inputs digest the output folder's index.ts was generated from (its header line), if any. */
function previousInputs(out: string): string | undefined {
  try {
    return /inputs sha256:([0-9a-f]+)/.exec(readFileSync(path.join(out, "index.ts"), "utf8").slice(0, 400))?.[1];
  } catch {
    return undefined;
  }
}

/** The API changes since `previous`; none when that file is not a summary this version can read (hand-edited, or older). */
function changesSince(previous: ApiSummary, api: ApiSummary) {
  try {
    return apiChanges(previous, api);
  } catch {
    return undefined;
  }
}

/** The API summary the output folder was last generated with; none when absent or unreadable. */
function readApi(out: string): ApiSummary | undefined {
  const file = path.join(out, API_FILE);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as ApiSummary;
  } catch {
    return undefined;
  }
}

process.exitCode = await main(process.argv.slice(2));
