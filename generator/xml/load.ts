import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { DOMParser, type Document } from "@xmldom/xmldom";
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

export async function readSource(source: string, maxBytes = DEFAULT_MAX_BYTES): Promise<string> {
  let bytes: Uint8Array;
  try {
    if (isUrl(source)) {
      const res = await fetch(source, { redirect: "follow" });
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
      bytes = new Uint8Array(await res.arrayBuffer());
    } else {
      bytes = await readFile(source);
    }
  } catch (e) {
    throw new GeneratorError(`cannot read WSDL source: ${(e as Error).message}; check the path or URL in the config`, { file: source });
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

/**
 * Parses XML with line/column locations. DOCTYPE is refused outright: WSDL never needs it, and
 * refusing it means no entity is ever expanded and no external resource is ever fetched.
 */
export function parseXml(file: string, text: string): LoadedXml {
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype) {
    const { line, column } = position(text, doctype.index);
    throw new GeneratorError("DOCTYPE and entity declarations are not allowed in WSDL/XSD input (refused, nothing expanded)", { file, line, column });
  }
  let first: GeneratorError | undefined;
  const parser = new DOMParser({
    locator: true,
    onError: (level, message, context) => {
      if (level === "warning") return;
      const at = (context as { locator?: { lineNumber?: number; columnNumber?: number } } | undefined)?.locator;
      first ??= new GeneratorError(`malformed XML: ${message}`, { file, line: at?.lineNumber ?? 0, column: at?.columnNumber ?? 0 });
      throw first;
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(text, "text/xml");
  } catch (e) {
    if (first) throw first;
    const at = (e as { locator?: { lineNumber?: number; columnNumber?: number } }).locator;
    throw new GeneratorError(`malformed XML: ${(e as Error).message}`, { file, line: at?.lineNumber ?? 0, column: at?.columnNumber ?? 0 });
  }
  if (!doc.documentElement) throw new GeneratorError("malformed XML: no root element", { file, line: 1, column: 1 });
  return { file, sha256: createHash("sha256").update(text).digest("hex"), doc };
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
