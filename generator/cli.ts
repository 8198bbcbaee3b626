#!/usr/bin/env node
import { parseArgs } from "node:util";
import path from "node:path";
import { writeFile } from "node:fs/promises";
import { CONFIG_FILE, DEFAULTS, loadConfig, type Config } from "./config.js";
import { GeneratorError } from "./diagnostics.js";
import { generate } from "./generate.js";
import { staleFiles, writeAtomically } from "./emit/write.js";

const HELP = `Usage: npm run generate -- [options]

Reads WSDL (SOAP 1.1 document/literal), writes a typed TypeScript SDK.

Options:
  --config FILE    config file (default: ./${CONFIG_FILE} if present)
  --wsdl SOURCE    WSDL file, folder of *.wsdl or http(s) URL; repeatable; overrides the config
  --out DIR        output folder (default: ${DEFAULTS.out})
  --docs DIR       add the Swagger-v1-<Agent>Agent.json reference docs in DIR to the TSDoc
  --check          write nothing; exit 1 and list stale files if the output folder differs
  --emit-ir FILE   also write the intermediate model as JSON
  --no-typecheck   skip type-checking the output (faster; formatting still runs)
  -h, --help       this text

Exit codes: 0 done, 1 errors in the input (or stale output with --check), 2 usage.`;

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
        "emit-ir": { type: "string" },
        "no-typecheck": { type: "boolean" },
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
  try {
    const base = loadConfig(args.config);
    const config: Config = { ...base, ...(args.wsdl ? { wsdl: args.wsdl } : {}), ...(args.out ? { out: args.out } : {}), ...(args.docs ? { docs: args.docs } : {}) };
    const tty = process.stderr.isTTY;
    const { model, files } = await generate(config, {
      typeCheck: !args["no-typecheck"],
      onFile: (file, i, n) => {
        if (tty) {
          const done = Math.round(((i + 1) / n) * 30);
          process.stderr.write(`\r\x1b[K[${"#".repeat(done)}${".".repeat(30 - done)}] ${i + 1}/${n} ${path.basename(file)}`);
        }
        else if (n > 1 && (i + 1) % 10 === 0) process.stderr.write(`read ${i + 1}/${n} WSDLs\n`);
      },
    });
    if (tty) process.stderr.write("\r\x1b[K");
    if (args["emit-ir"]) await writeFile(args["emit-ir"], JSON.stringify(model, (_k, v) => (v instanceof Map ? Object.fromEntries(v) : v === Infinity ? "unbounded" : v), 2) + "\n");
    const ops = model.services.reduce((n, s) => n + s.operations.length, 0);
    const summary = `${model.services.length} agents, ${ops} operations, ${model.types.size} types, ${files.size} files`;
    if (args.check) {
      const stale = await staleFiles(config.out, files);
      if (stale.length) {
        process.stderr.write(`${config.out} is stale; run \`npm run generate\`:\n${stale.map((s) => `  ${s}`).join("\n")}\n`);
        return 1;
      }
      process.stdout.write(`${config.out} is up to date (${summary})\n`);
      return 0;
    }
    await writeAtomically(config.out, files);
    process.stdout.write(`generated ${summary} in ${config.out} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
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
