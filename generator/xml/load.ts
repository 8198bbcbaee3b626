import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { DOMParser, type Document } from "@xmldom/xmldom";
import { readLimited, ResponseTooLargeError } from "soap-ts-runtime/transport";
import { GeneratorError } from "../diagnostics.js";

/** WSDLs are a few hundred KB; anything far larger is refused before parsing (document bombs). */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

export interface LoadedXml {
  readonly file: string;
  readonly sha256: string;
  readonly doc: Document;
}

export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** Redirects followed for one document. */
const MAX_REDIRECTS = 5;

/** How long one document may take to arrive over HTTP. */
export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;

export async function readSource(source: string, maxBytes = DEFAULT_MAX_BYTES, timeoutMs = DEFAULT_FETCH_TIMEOUT_MS): Promise<string> {
  let bytes: Uint8Array;
  try {
    if (isUrl(source)) {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        let at = source;
        let res: Response;
        // Redirects are followed here, not by fetch: only to http(s), and a few at most.
        for (let hop = 0; ; hop++) {
          res = await fetch(at, { redirect: "manual", signal });
          const location = res.status >= 300 && res.status < 400 ? res.headers.get("location") : null;
          if (location === null) break;
          await res.body?.cancel().catch(() => {});
          const to = new URL(location, at);
          if (to.protocol !== "http:" && to.protocol !== "https:") throw new Error(`it redirects to a ${to.protocol} URL; only http and https are followed`);
          if (hop >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
          at = to.href;
        }
        if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
        // Read as it streams and stopped at the limit: an endless or oversized answer is never buffered whole.
        bytes = await readLimited(res, maxBytes).catch((e: unknown) => {
          if (!(e instanceof ResponseTooLargeError)) throw e;
          throw new GeneratorError(
            `document is ${e.declared ?? `more than ${maxBytes}`} bytes, over the ${maxBytes}-byte limit; raise maxInputBytes in the config if it is genuine`,
            { file: source },
          );
        });
      } catch (e) {
        if (signal.aborted) throw new Error(`timed out after ${timeoutMs} ms`);
        throw e;
      }
    } else {
      bytes = await readFile(source);
    }
  } catch (e) {
    if (e instanceof GeneratorError) throw e;
    throw new GeneratorError(`cannot read ${shortUrl(source)}: ${(e as Error).message}; check the path or URL in the config`, { file: source });
  }
  if (bytes.byteLength > maxBytes) {
    throw new GeneratorError(`document is ${bytes.byteLength} bytes, over the ${maxBytes}-byte limit; raise maxInputBytes in the config if it is genuine`, {
      file: source,
    });
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new GeneratorError("document is not valid UTF-8", { file: source });
  }
}

/** Deepest element nesting read: real WSDLs stay under 30; the generator's walks recurse per level. */
export const MAX_XML_DEPTH = 256;

/** Refuses a document nested deeper than MAX_XML_DEPTH, naming the element where it passes it. Walks without recursion. */
function checkDepth(file: string, doc: Document): void {
  type N = { nodeType: number; firstChild: N | null; nextSibling: N | null; parentNode: N | null; lineNumber?: number; columnNumber?: number };
  const root = doc.documentElement as unknown as N;
  let node: N | null = root;
  let depth = 1;
  while (node) {
    if (node.nodeType === 1 && depth > MAX_XML_DEPTH)
      throw new GeneratorError(`elements nest more than ${MAX_XML_DEPTH} deep here; no WSDL or schema needs that (refused so reading stays bounded)`, {
        file,
        line: node.lineNumber ?? 0,
        column: node.columnNumber ?? 0,
      });
    if (node.firstChild) {
      node = node.firstChild;
      depth++;
      continue;
    }
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      depth--;
    }
    node = node === root || !node ? null : node.nextSibling;
  }
}

/**
 * Most elements (and other markup: every `<` counts) one document may hold. The DOM takes about
 * 1 KB a node, so this bounds a document's memory (the benchmark's "Generator peak RSS": 265 MB
 * at 240,000) whatever its size in bytes; the largest real WSDLs hold well under a quarter of it.
 * Text (documentation) costs little: 30 MB of it peaks near 140 MB.
 */
export const DEFAULT_MAX_ELEMENTS = 250_000;

/**
 * Parses XML with line/column locations. DOCTYPE is refused outright: WSDL never needs it, and
 * refusing it means no entity is ever expanded and no external resource is ever fetched.
 */
export function parseXml(file: string, text: string, maxElements = DEFAULT_MAX_ELEMENTS): LoadedXml {
  let tags = 0;
  for (let at = text.indexOf("<"); at !== -1; at = text.indexOf("<", at + 1))
    if (++tags > maxElements) {
      const { line, column } = position(text, at);
      throw new GeneratorError(
        `the document holds more than ${maxElements} elements (one past the limit here); no WSDL needs that many: raise maxXmlElements in the config if it is genuine`,
        { file, line, column },
      );
    }
  // Whitespace before the XML declaration is not well-formed, yet every other tool reads it: the
  // declaration is blanked out (same length, so lines and columns stay right); the text is UTF-8 already.
  const decl = /^\s+(<\?xml[^?]*\?>)/.exec(text);
  if (decl) text = text.slice(0, decl.index + decl[0].length - decl[1]!.length) + decl[1]!.replace(/[^\n]/g, " ") + text.slice(decl[0].length);
  text = withoutDoctype(file, text);
  let first: GeneratorError | undefined;
  const parser = new DOMParser({
    locator: true,
    onError: (level, message, context) => {
      if (level === "warning") return;
      const at = (context as { locator?: { lineNumber?: number; columnNumber?: number } } | undefined)?.locator;
      first ??= new GeneratorError(`malformed XML: ${explain(message, text, at?.lineNumber)}`, {
        file,
        line: at?.lineNumber ?? 0,
        column: at?.columnNumber ?? 0,
      });
      throw first;
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(text, "text/xml");
  } catch (e) {
    if (first) throw first;
    const at = (e as { locator?: { lineNumber?: number; columnNumber?: number } }).locator;
    throw new GeneratorError(`malformed XML: ${explain((e as Error).message, text, at?.lineNumber)}`, {
      file,
      line: at?.lineNumber ?? 0,
      column: at?.columnNumber ?? 0,
    });
  }
  if (!doc.documentElement) throw new GeneratorError("malformed XML: no root element", { file, line: 1, column: 1 });
  checkDepth(file, doc);
  return { file, sha256: createHash("sha256").update(text).digest("hex"), doc };
}

/**
 * The document without its DOCTYPE, which WSDL never needs: one that declares no entity (a
 * reference to an external DTD, an empty internal subset, as schemas that import ws-addr.xsd
 * have) is blanked out, so nothing is ever fetched or expanded, and lines and columns stay right;
 * one that declares entities is refused. A DOCTYPE can stand only in the prolog, before the root
 * element: the text of a comment there, or anywhere later, is not one.
 */
function withoutDoctype(file: string, text: string): string {
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith("<?", i)) {
      const end = text.indexOf("?>", i + 2);
      if (end === -1) return text; // malformed: the parser says where
      i = end + 2;
    } else if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i + 4);
      if (end === -1) return text;
      i = end + 3;
    } else break;
  }
  if (!/^<!DOCTYPE[\s[>]/i.test(text.slice(i, i + 10))) return text;
  // The declaration ends at the ">" after its internal subset ([ ... ]), if it has one; quoted literals may hold either.
  let j = i + 9;
  let subset = "";
  for (let quote = ""; j < text.length; j++) {
    const c = text[j]!;
    if (quote) {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[") {
      const close = text.indexOf("]", j + 1);
      if (close === -1) break;
      subset = text.slice(j + 1, close);
      j = close;
    } else if (c === ">") break;
  }
  const { line, column } = position(text, i);
  if (j >= text.length) throw new GeneratorError("malformed XML: the DOCTYPE declaration does not end", { file, line, column });
  if (/<!ENTITY/i.test(subset.replace(/<!--[\s\S]*?-->/g, "")))
    throw new GeneratorError("a DOCTYPE that declares entities is not allowed in WSDL/XSD input (refused, nothing expanded)", { file, line, column });
  return text.slice(0, i) + text.slice(i, j + 1).replace(/[^\n]/g, " ") + text.slice(j + 1);
}

/** xmldom's namespace errors say what is wrong but not which prefix: find it on the line. */
function explain(message: string, text: string, line: number | undefined): string {
  if (!/prefix is non-null and namespace is null/.test(message) || !line) return message;
  const source = text.split("\n")[line - 1] ?? "";
  const declared = new Set(["xml", "xmlns", ...[...text.matchAll(/xmlns:([\w.-]+)\s*=/g)].map((m) => m[1]!)]);
  const used = [...source.matchAll(/[<\s]([A-Za-z_][\w.-]*):[A-Za-z_]/g)].map((m) => m[1]!).find((p) => !declared.has(p));
  return used
    ? `namespace prefix "${used}" is not declared (add xmlns:${used}="..." to this element or an ancestor)`
    : "an element or attribute here uses a namespace prefix that is not declared";
}

/** A URL as messages show it: host and last path segment, so chains of imports stay readable. */
export function shortUrl(source: string): string {
  if (!isUrl(source)) return source;
  try {
    const u = new URL(source);
    const last = u.pathname.split("/").filter(Boolean).pop() ?? "";
    return `${u.host}/${u.pathname.split("/").filter(Boolean).length > 1 ? ".../" : ""}${last}${u.search}`;
  } catch {
    return source;
  }
}

function position(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) {
    line++;
    last = i;
  }
  return { line, column: index - last };
}
