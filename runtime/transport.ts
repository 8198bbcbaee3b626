// What a transport is: a WHATWG-style fetch, and how it reports a body over the size limit.

/** The transport: any WHATWG-compatible fetch (by default nodeHttp() in Node, the global fetch in browsers). */
export type FetchLike = (
  input: string,
  // "manual": a redirect is the answer, never followed (the envelope carries credentials).
  init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal; redirect?: "manual" },
) => Promise<ResponseLike>;

export interface ResponseLike {
  readonly status: number;
  readonly statusText: string;
  /** "opaqueredirect" is a browser's answer to a redirect with redirect: "manual" (status 0, no Location). */
  readonly type?: string;
  readonly headers: { get(name: string): string | null };
  /** Streamed when present, so the size limit holds without buffering an oversized body. */
  readonly body?: ReadableStream<Uint8Array> | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** A body past its size limit: the transport or readLimited stops reading and rejects with this. */
export class ResponseTooLargeError extends Error {
  constructor(
    readonly limit = 0,
    /** The Content-Length the sender declared, when that is what was over the limit. */
    readonly declared?: number,
  ) {
    super(declared !== undefined ? `${declared} bytes is over the ${limit}-byte limit` : `over the ${limit}-byte limit`);
  }
}

/** Reads a body (streamed when it can be), stopping and cancelling the stream once it passes the limit. */
export async function readLimited(res: Pick<ResponseLike, "headers" | "body" | "arrayBuffer">, limit: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (declared > limit) {
    await res.body?.cancel().catch(() => {});
    throw new ResponseTooLargeError(limit, declared);
  }
  if (!res.body) {
    const buf = new Uint8Array(await res.arrayBuffer());
    if (buf.byteLength > limit) throw new ResponseTooLargeError(limit);
    return buf;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new ResponseTooLargeError(limit);
    }
    chunks.push(value);
  }
  return concat(chunks, size);
}

/** The chunks of a body read in pieces, as one array (the one chunk itself when there is one). */
export function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
