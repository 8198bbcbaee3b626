// Refreshes the WSDL folder from a tenant (`<base><Agent>.svc?singleWsdl`) or another folder:
// everything is fetched and checked first, and only when every agent is good are the files
// swapped in and the agent list rewritten. Nothing changed means nothing written.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { readLimited, ResponseTooLargeError } from "soap-ts-runtime/transport";
import { GeneratorError } from "../diagnostics.js";
import { writeAtomically } from "../emit/write.js";
import { parseXml } from "../xml/load.js";
import { printAgentList, readAgentList, sha256 } from "./agent-list.js";

const WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";

export interface UpdateOptions {
  /** The configured WSDL folder, which the refreshed files replace. */
  readonly folder: string;
  /** The agent list (wsdl/agents.json). */
  readonly listFile: string;
  /** A tenant's Services88 URL: each agent is fetched from `<base><Agent>.svc?singleWsdl`. */
  readonly base?: string;
  /** Or a folder of `<Agent>.wsdl` files to take them from (mirrored: files it lacks are removed). */
  readonly from?: string;
  /** Only these agents (the others stay as they are). */
  readonly agents?: readonly string[];
  /** Agents to probe besides the listed ones: added when the tenant serves them. */
  readonly discover?: readonly string[];
  /** Agents to drop from the folder and the list (gone upstream). */
  readonly remove?: readonly string[];
  readonly timeoutMs: number;
  /** The clock: a signal that fires when `timeoutMs` have passed (tests inject one that fires on an event). */
  readonly timeoutSignal?: (ms: number) => AbortSignal;
  readonly maxBytes: number;
  readonly maxRedirects: number;
  /** The date recorded for files that changed (YYYY-MM-DD). */
  readonly today: string;
  readonly log: (line: string) => void;
  readonly fetch?: typeof fetch;
}

export interface FileChange {
  readonly file: string;
  readonly before?: number;
  readonly after?: number;
}

export interface UpdateResult {
  readonly added: readonly FileChange[];
  readonly changed: readonly FileChange[];
  readonly removed: readonly FileChange[];
  readonly unchanged: number;
  /** Whether anything was written (the folder and the list). */
  readonly written: boolean;
}

interface Fetched {
  readonly agent: string;
  readonly bytes: Uint8Array;
  readonly source: string;
}

const fileOf = (agent: string) => `${agent}.wsdl`;
const AGENT = /^[A-Za-z][A-Za-z0-9_]*$/;

export async function updateWsdl(o: UpdateOptions): Promise<UpdateResult> {
  if (!o.base === !o.from) throw new GeneratorError("give exactly one of --base URL or --from DIR");
  for (const a of [...(o.agents ?? []), ...(o.discover ?? []), ...(o.remove ?? [])]) {
    if (!AGENT.test(a)) throw new GeneratorError(`"${a}" is not an agent name (letters and digits, as in <Agent>.svc)`);
  }
  const list = existsSync(o.listFile) ? readAgentList(o.listFile).agents : [];
  // Names become URLs and file names: from the list as from the command line, only plain agent names.
  for (const a of list)
    if (!AGENT.test(a.agent) || a.file !== fileOf(a.agent))
      throw new GeneratorError(
        `the entry ${JSON.stringify(a.agent)} (file ${JSON.stringify(a.file)}) is not an agent name with its <Agent>.wsdl file (letters and digits, as in <Agent>.svc); fix or remove it`,
        { file: o.listFile },
      );
  const listed = new Map(list.map((a) => [a.agent, a]));
  const current = currentFiles(o.folder);

  // Which agents to take, and from where.
  let wanted: string[];
  const fromFiles = o.from ? agentsIn(o.from) : undefined;
  for (const a of fromFiles?.keys() ?? [])
    if (!AGENT.test(a))
      throw new GeneratorError(`"${a}.wsdl" is not named after an agent (letters and digits, as in <Agent>.svc); rename or remove it`, { file: o.from! });
  if (fromFiles) wanted = o.agents ? [...o.agents] : [...fromFiles.keys()];
  else {
    wanted = o.agents ? [...o.agents] : [...listed.keys()];
    if (!wanted.length && !o.discover?.length)
      throw new GeneratorError(`no agents to fetch: ${o.listFile} lists none; name them with --agents A,B or --discover A,B`);
  }
  wanted = wanted.filter((a) => !o.remove?.includes(a));

  const failures: string[] = [];
  const fetched: Fetched[] = [];
  for (const agent of wanted) {
    try {
      if (fromFiles) {
        const file = fromFiles.get(agent);
        if (!file) throw new Error(`no ${fileOf(agent)} in ${o.from}`);
        const bytes = readFileSync(file);
        checkWsdl(bytes, file, o.maxBytes);
        fetched.push({ agent, bytes, source: sourceName(o.from!) });
      } else fetched.push({ agent, ...(await fetchWsdl(agentUrl(o.base!, agent), o)) });
    } catch (e) {
      failures.push(`${agent}: ${(e as Error).message}`);
    }
  }
  for (const agent of o.discover ?? []) {
    if (wanted.includes(agent)) continue;
    try {
      fetched.push({ agent, ...(await fetchWsdl(agentUrl(o.base!, agent), o)) });
    } catch (e) {
      if (e instanceof NotServed) o.log(`  ${agent}: not served (${e.message})`);
      else failures.push(`${agent}: ${(e as Error).message}`);
    }
  }
  if (failures.length) {
    throw new GeneratorError(
      `${failures.length} of ${wanted.length + (o.discover?.length ?? 0)} agents failed; nothing was changed:\n${failures.map((f) => `  ${f}`).join("\n")}`,
    );
  }

  // Compare with the folder as it is.
  const next = new Map(current);
  const entries = new Map(listed);
  const added: FileChange[] = [];
  const changed: FileChange[] = [];
  const removed: FileChange[] = [];
  let unchanged = 0;
  for (const f of fetched) {
    const file = fileOf(f.agent);
    const before = current.get(file);
    const entry = listed.get(f.agent);
    const digest = sha256(f.bytes);
    if (!before) added.push({ file, after: f.bytes.byteLength });
    else if (sha256(before) !== digest) changed.push({ file, before: before.byteLength, after: f.bytes.byteLength });
    else unchanged++;
    next.set(file, f.bytes);
    // An entry changes only with its file: the same bytes from elsewhere keep their history.
    if (!entry || entry.sha256 !== digest || entry.file !== file)
      entries.set(f.agent, { agent: f.agent, file, sha256: digest, size: f.bytes.byteLength, source: f.source, date: o.today });
  }
  const gone = [...(o.remove ?? [])];
  // --from mirrors the folder: an agent it no longer has is gone upstream.
  if (fromFiles && !o.agents) for (const agent of listed.keys()) if (!fromFiles.has(agent)) gone.push(agent);
  if (fromFiles && !o.agents) for (const file of current.keys()) if (file.endsWith(".wsdl") && !fromFiles.has(file.slice(0, -5))) gone.push(file.slice(0, -5));
  for (const agent of new Set(gone)) {
    const file = listed.get(agent)?.file ?? fileOf(agent);
    const before = current.get(file);
    if (before) removed.push({ file, before: before.byteLength });
    next.delete(file);
    entries.delete(agent);
  }

  const newList = printAgentList({ agents: [...entries.values()] });
  const listChanged = !existsSync(o.listFile) || readFileSync(o.listFile, "utf8") !== newList;
  for (const c of added) o.log(`  added    ${c.file} (${bytes(c.after!)})`);
  for (const c of changed) o.log(`  changed  ${c.file} (${bytes(c.before!)} -> ${bytes(c.after!)})`);
  for (const c of removed) o.log(`  removed  ${c.file} (${bytes(c.before!)})`);
  const filesChanged = added.length + changed.length + removed.length > 0;
  if (!filesChanged && !listChanged) {
    o.log(`${fetched.length} agents checked: nothing changed, nothing written`);
    return { added, changed, removed, unchanged, written: false };
  }
  if (filesChanged) await writeAtomically(o.folder, next);
  await writeFileAtomically(o.listFile, newList);
  o.log(
    `${fetched.length} agents checked: ${added.length} added, ${changed.length} changed, ${removed.length} removed; wrote ${filesChanged ? `${o.folder} and ` : ""}${o.listFile}`,
  );
  return { added, changed, removed, unchanged, written: true };
}

const bytes = (n: number) => `${n.toLocaleString("en-US")} bytes`;

function currentFiles(folder: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  if (!existsSync(folder)) return out;
  for (const e of readdirSync(folder, { withFileTypes: true })) if (e.isFile()) out.set(e.name, readFileSync(path.join(folder, e.name)));
  return out;
}

function agentsIn(dir: string): Map<string, string> {
  if (!existsSync(dir)) throw new GeneratorError(`--from folder not found`, { file: dir });
  const out = new Map<string, string>();
  for (const f of readdirSync(dir).sort()) if (f.toLowerCase().endsWith(".wsdl")) out.set(f.slice(0, -5), path.join(dir, f));
  if (!out.size) throw new GeneratorError("--from folder has no *.wsdl files", { file: dir });
  return out;
}

/** A folder as the list records it: relative to the working directory, with forward slashes. */
const sourceName = (dir: string) => path.relative(process.cwd(), path.resolve(dir)).split(path.sep).join("/") || ".";

export function agentUrl(base: string, agent: string): string {
  const b = new URL(base.endsWith("/") ? base : `${base}/`);
  return new URL(`${agent}.svc?singleWsdl`, b).href;
}

/** What a tenant answers for an agent it does not have: a --discover probe skips it. */
class NotServed extends Error {}

/** URLs in messages and in the list: no credentials. */
const shown = (url: string) => {
  const u = new URL(url);
  u.username = "";
  u.password = "";
  return u.href;
};

async function fetchWsdl(url: string, o: UpdateOptions): Promise<{ bytes: Uint8Array; source: string }> {
  const doFetch = o.fetch ?? fetch;
  let at = url;
  for (let hop = 0; ; hop++) {
    let res: Response;
    try {
      res = await doFetch(at, { redirect: "manual", signal: (o.timeoutSignal ?? AbortSignal.timeout)(o.timeoutMs) });
    } catch (e) {
      const err = e as Error;
      throw new Error(
        err.name === "TimeoutError"
          ? `no answer from ${shown(at)} within ${o.timeoutMs} ms`
          : `cannot fetch ${shown(at)}: ${(err.cause as Error | undefined)?.message ?? err.message}`,
      );
    }
    if (res.status >= 300 && res.status < 400 && res.headers.get("location")) {
      await res.body?.cancel();
      const to = redirectTarget(at, res.headers.get("location")!);
      if (hop >= o.maxRedirects) throw new Error(`more than ${o.maxRedirects} redirects from ${shown(url)} (last to ${shown(to)})`);
      at = to;
      continue;
    }
    if (res.status === 404) {
      await res.body?.cancel();
      throw new NotServed(`HTTP 404 from ${shown(at)}; if the agent was removed upstream, drop it with --remove`);
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      throw new Error(`HTTP ${res.status} ${res.statusText} from ${shown(at)}`);
    }
    const type = res.headers.get("content-type") ?? "";
    if (/text\/html/i.test(type)) {
      await res.body?.cancel();
      throw new Error(`${shown(at)} answered with an HTML page (${type}), not a WSDL: an error or sign-in page?`);
    }
    let body: Uint8Array;
    try {
      body = await readLimited(res, o.maxBytes);
    } catch (e) {
      const err = e as Error;
      if (e instanceof ResponseTooLargeError) throw new Error(`${shown(at)}: ${err.message} (maxInputBytes)`);
      throw new Error(err.name === "TimeoutError" ? `${shown(at)} stopped sending within ${o.timeoutMs} ms` : `${shown(at)}: ${err.message}`);
    }
    checkWsdl(body, shown(at), o.maxBytes);
    // Where the file really came from, after any redirect on the same host.
    return { bytes: body, source: shown(at) };
  }
}

/**
 * Where a redirect leads, when it may be followed: http(s) on the same host and port (http to
 * https on it too). A WSDL from another host is not the tenant's: that is for the user to decide.
 */
function redirectTarget(from: string, location: string): string {
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    throw new Error(`${shown(from)} redirects to ${JSON.stringify(location.slice(0, 200))}, which is not a URL`);
  }
  if (to.protocol !== "http:" && to.protocol !== "https:")
    throw new Error(`${shown(from)} redirects to a ${to.protocol} URL; only http and https redirects on the same host are followed`);
  const f = new URL(from);
  const port = (u: URL) => u.port || (u.protocol === "https:" ? "443" : "80");
  const sameHost = to.hostname === f.hostname && (port(to) === port(f) || (f.protocol === "http:" && to.protocol === "https:" && port(to) === "443"));
  if (!sameHost)
    throw new Error(
      `${shown(from)} redirects to another host (${shown(to.href)}); redirects are followed on the same host only: if that is where the tenant is, pass it as --base`,
    );
  return to.href;
}

/** A WSDL is well-formed UTF-8 XML without DOCTYPE whose root is wsdl:definitions. */
function checkWsdl(bytes: Uint8Array, where: string, maxBytes: number): void {
  if (bytes.byteLength > maxBytes) throw new Error(`${bytes.byteLength} bytes is over the ${maxBytes}-byte limit (maxInputBytes)`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${where} is not UTF-8 text`);
  }
  if (!text.trim()) throw new Error(`${where} is empty`);
  let root;
  try {
    root = parseXml(where, text).doc.documentElement!;
  } catch (e) {
    throw new Error(e instanceof GeneratorError ? e.format().replace(/ error: /, " ") : (e as Error).message);
  }
  if (root.namespaceURI !== WSDL_NS || root.localName !== "definitions")
    throw new Error(`${where} is not a WSDL: its root is <${root.tagName}>, not wsdl:definitions`);
}

async function writeFileAtomically(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  try {
    await writeFile(tmp, text);
    await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
}
