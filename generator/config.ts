import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { GeneratorError } from "./diagnostics.js";
import { PROFILES, type ProfileName } from "./emit/profile.js";

/** soap-ts-gen.config.json: where the WSDLs are and where the SDK goes. Paths are relative to the config file. */
export interface Config {
  /** WSDL sources: files, folders (every *.wsdl in them) or http(s) URLs. */
  readonly wsdl: readonly string[];
  /** Output folder of the generated SDK. */
  readonly out: string;
  /**
   * A runtime folder the generated code imports by relative path (a checkout of soap-ts-runtime's
   * sources, as this repository's tests use). Unset: the code imports the installed package.
   */
  readonly runtime?: string;
  /** Largest WSDL accepted, in bytes. */
  readonly maxInputBytes: number;
  /** Most elements one document may hold: what bounds the generator's memory (about 1 KB each; see DEFAULT_MAX_ELEMENTS). */
  readonly maxXmlElements: number;
  /** Most documents (WSDL and XSD) one WSDL may pull in through imports. */
  readonly maxDocuments: number;
  /** Longest chain of imports. */
  readonly maxImportDepth: number;
  /** Milliseconds one document may take over HTTP. */
  readonly fetchTimeoutMs: number;
  /**
   * The module generated code imports the runtime from (default "soap-ts-runtime/codegen", the
   * runtime package, which the project then depends on). Ignored when `runtime` is set.
   */
  readonly runtimeImport?: string;
  /** Folder of Swagger-v1-<Agent>Agent.json reference docs to add to the TSDoc (off by default). */
  readonly docs?: string;
  /**
   * The agent list (wsdl/agents.json) that `npm run update-wsdl` writes: the WSDL folder must
   * hold exactly the listed files, as listed, so an agent that appears or disappears upstream, or
   * a WSDL changed by hand, shows up instead of passing silently. Off when unset.
   */
  readonly agents?: string;
  /**
   * Which SOAP binding a portType bound both ways gets its client from: "1.1" (the default, as
   * WCF's BasicHttpBinding), "1.2", or "both" (the 1.2 client named with a Soap12 suffix). A
   * portType bound one way only gets that one.
   */
  readonly soapVersion: SoapVersionChoice;
  /**
   * Generate from a WSDL with defects, as zeep does: each defect the generator works round is a
   * warning saying what was dropped or assumed (an operation whose messages do not resolve is
   * left out, a member whose type does not resolve is kept as open content). Off: a defect is an error.
   */
  readonly lenient: boolean;
  /**
   * The conventions of the generated code: "generic" (clients named after the service, a lone
   * response member returned as is) or "superoffice" (Services88's agents, credential options,
   * ExceptionInfo as a failure), which the Services88 config selects.
   */
  readonly profile: ProfileName;
}

export type SoapVersionChoice = "1.1" | "1.2" | "both";

export const CONFIG_FILE = "soap-ts-gen.config.json";

/** The runtime package and the module of it generated code imports (its package.json "exports"). */
export const RUNTIME_PACKAGE = "soap-ts-runtime";
export const DEFAULT_RUNTIME_IMPORT = `${RUNTIME_PACKAGE}/codegen`;

export const DEFAULTS: Config = {
  wsdl: [],
  out: "generated",
  maxInputBytes: 32 * 1024 * 1024,
  maxXmlElements: 250_000,
  maxDocuments: 500,
  maxImportDepth: 50,
  fetchTimeoutMs: 30_000,
  soapVersion: "1.1",
  lenient: false,
  profile: "generic",
};

export function loadConfig(file: string | undefined): Config {
  const configPath = file ?? (existsSync(CONFIG_FILE) ? CONFIG_FILE : undefined);
  if (!configPath) return DEFAULTS;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(configPath, "utf8"));
  } catch (e) {
    throw new GeneratorError(`cannot read config: ${(e as Error).message}`, { file: configPath });
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new GeneratorError("config must be a JSON object", { file: configPath });
  const known = new Set(["$comment", "docs", "agents", "runtime", "runtimeImport", ...Object.keys(DEFAULTS)]);
  for (const k of Object.keys(raw))
    if (!known.has(k)) throw new GeneratorError(`unknown config key "${k}"; known keys: ${[...known].join(", ")}`, { file: configPath });
  const r = raw as Partial<Record<keyof Config, unknown>>;
  const base = path.dirname(configPath);
  const rel = (p: string) => (/^https?:\/\//i.test(p) || path.isAbsolute(p) ? p : path.join(base, p));
  const wsdl = r.wsdl === undefined ? DEFAULTS.wsdl : typeof r.wsdl === "string" ? [r.wsdl] : r.wsdl;
  if (!Array.isArray(wsdl) || !wsdl.every((w) => typeof w === "string"))
    throw new GeneratorError('"wsdl" must be a string or an array of strings', { file: configPath });
  const str = (k: "out" | "runtime", v: unknown) => {
    if (typeof v !== "string" || v === "") throw new GeneratorError(`"${k}" must be a non-empty string (a folder)`, { file: configPath });
    return rel(v);
  };
  const positive = (k: "maxInputBytes" | "maxXmlElements" | "maxDocuments" | "maxImportDepth" | "fetchTimeoutMs"): number => {
    const v = r[k] ?? DEFAULTS[k];
    if (typeof v !== "number" || !(v > 0)) throw new GeneratorError(`"${k}" must be a positive number`, { file: configPath });
    return v;
  };
  const max = positive("maxInputBytes");
  if (r.runtimeImport !== undefined && (typeof r.runtimeImport !== "string" || r.runtimeImport === ""))
    throw new GeneratorError(`"runtimeImport" must be a module specifier, e.g. "${DEFAULT_RUNTIME_IMPORT}"`, { file: configPath });
  if (r.runtimeImport !== undefined && r.runtime !== undefined)
    throw new GeneratorError('"runtime" (a folder) and "runtimeImport" (a module) both say where the runtime is: keep one', { file: configPath });
  const soapVersion = r.soapVersion ?? DEFAULTS.soapVersion;
  if (soapVersion !== "1.1" && soapVersion !== "1.2" && soapVersion !== "both")
    throw new GeneratorError(`"soapVersion" must be "1.1", "1.2" or "both", not ${JSON.stringify(soapVersion)}`, { file: configPath });
  if (r.profile !== undefined && !PROFILES.includes(r.profile as ProfileName))
    throw new GeneratorError(`"profile" must be ${PROFILES.map((p) => JSON.stringify(p)).join(" or ")}, not ${JSON.stringify(r.profile)}`, {
      file: configPath,
    });
  if (r.lenient !== undefined && typeof r.lenient !== "boolean") throw new GeneratorError('"lenient" must be true or false', { file: configPath });
  if (r.docs !== undefined && typeof r.docs !== "string") throw new GeneratorError('"docs" must be a string (a folder)', { file: configPath });
  if (r.agents !== undefined && typeof r.agents !== "string")
    throw new GeneratorError('"agents" must be a string (the agent list file, e.g. wsdl/agents.json)', { file: configPath });
  return {
    wsdl: wsdl.map(rel),
    out: str("out", r.out ?? DEFAULTS.out),
    ...(r.runtime !== undefined ? { runtime: str("runtime", r.runtime) } : {}),
    maxInputBytes: max,
    maxXmlElements: positive("maxXmlElements"),
    maxDocuments: positive("maxDocuments"),
    maxImportDepth: positive("maxImportDepth"),
    fetchTimeoutMs: positive("fetchTimeoutMs"),
    soapVersion,
    lenient: r.lenient ?? false,
    profile: (r.profile as ProfileName | undefined) ?? DEFAULTS.profile,
    ...(typeof r.docs === "string" ? { docs: rel(r.docs) } : {}),
    ...(typeof r.runtimeImport === "string" ? { runtimeImport: r.runtimeImport } : {}),
    ...(typeof r.agents === "string" ? { agents: rel(r.agents) } : {}),
  };
}
