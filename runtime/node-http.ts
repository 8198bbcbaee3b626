// The Node transport: node:http(s) with a keep-alive agent instead of fetch. It does the same
// job with far less CPU per call (fetch in Node is undici, built for generality). Clients use it
// by default in Node (default-transport.ts); pass one to set its own agents or limit:
//   import { nodeHttp } from "superoffice-soap-ts/runtime/node";
//   new UserAgent({ fetch: nodeHttp({ httpsAgent }) });
// Node's modules come from process.getBuiltinModule, not an import: the runtime's types then need
// no @types/node, and no bundler ever meets node:http.
import { concat, DEFAULT_MAX_RESPONSE_BYTES, ResponseTooLargeError, type FetchLike, type ResponseLike } from "./transport.js";

export interface NodeHttpOptions {
  /** Agents to use (an http.Agent, an https.Agent); by default keep-alive agents shared by every client using this transport. */
  readonly httpAgent?: object;
  readonly httpsAgent?: object;
  /** Stop reading (and destroy the socket) past this many bytes, counted after decompression; the client then reports it. */
  readonly maxResponseBytes?: number;
  /**
   * Most connections open at once to one host (default 32, shared by every client on the default
   * agents): calls past it wait for a free connection instead of each opening a socket. Ignored
   * for agents you pass, which set their own.
   */
  readonly maxSockets?: number;
}

/** Connections per host on the default agents: 1,000 calls at once open 32 sockets, not 1,000. */
export const DEFAULT_MAX_SOCKETS = 32;

// The little of node:http this transport uses.
interface Emitter {
  on(event: string, listener: (arg: never) => void): unknown;
  destroy(error?: Error): unknown;
}
interface IncomingMessage extends Emitter {
  readonly statusCode?: number;
  readonly statusMessage?: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly complete: boolean;
}
interface ClientRequest extends Emitter {
  end(body: Uint8Array): unknown;
}
interface HttpModule {
  request(url: URL, options: { method: string; headers: Record<string, string>; agent: object }): ClientRequest;
  Agent: new (options: { keepAlive: boolean; maxSockets: number }) => object;
}
/** A zlib decompression stream, as far as this transport uses it. */
interface Inflater extends Emitter {
  write(chunk: Uint8Array): unknown;
  end(): unknown;
}
interface ZlibModule {
  createGunzip(): Inflater;
  createInflate(): Inflater;
}

type GetBuiltin = (id: string) => unknown;
const getBuiltin = (globalThis as { process?: { getBuiltinModule?: GetBuiltin } }).process?.getBuiltinModule;

/** Whether this runtime has node:http (Node 20.16+, and runtimes that emulate it). */
export const hasNodeHttp = typeof getBuiltin === "function";

let shared: { http: HttpModule; https: HttpModule; zlib: ZlibModule; httpAgent: object; httpsAgent: object } | undefined;
function modules() {
  if (!shared) {
    if (!getBuiltin) throw new Error("nodeHttp() needs Node's http module (process.getBuiltinModule, Node 20.16 or later)");
    const http = getBuiltin("node:http") as HttpModule;
    const https = getBuiltin("node:https") as HttpModule;
    const zlib = getBuiltin("node:zlib") as ZlibModule;
    const maxSockets = DEFAULT_MAX_SOCKETS;
    shared = { http, https, zlib, httpAgent: new http.Agent({ keepAlive: true, maxSockets }), httpsAgent: new https.Agent({ keepAlive: true, maxSockets }) };
  }
  return shared;
}

/** The decompressor for a Content-Encoding this transport asks for; null for none; undefined for one it cannot read. */
function decoderFor(encoding: string | undefined, zlib: ZlibModule): Inflater | null | undefined {
  const e = (encoding ?? "").trim().toLowerCase();
  if (e === "" || e === "identity") return null;
  if (e === "gzip" || e === "x-gzip") return zlib.createGunzip();
  if (e === "deflate") return zlib.createInflate();
  return undefined;
}

class AbortError extends Error {
  override readonly name = "AbortError";
}

const utf8 = new TextEncoder();

export function nodeHttp(options: NodeHttpOptions = {}): FetchLike {
  const limit = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const m = modules();
  const own = options.maxSockets !== undefined && options.maxSockets !== DEFAULT_MAX_SOCKETS;
  const httpAgent = options.httpAgent ?? (own ? new m.http.Agent({ keepAlive: true, maxSockets: options.maxSockets! }) : m.httpAgent);
  const httpsAgent = options.httpsAgent ?? (own ? new m.https.Agent({ keepAlive: true, maxSockets: options.maxSockets! }) : m.httpsAgent);
  return (url, init) =>
    new Promise<ResponseLike>((resolve, reject) => {
      const target = new URL(url);
      const secure = target.protocol === "https:";
      if (!secure && target.protocol !== "http:") return reject(new TypeError(`unsupported protocol ${target.protocol}`));
      const body = utf8.encode(init.body);
      if (init.signal?.aborted) return reject(new AbortError("aborted"));
      const req = (secure ? m.https : m.http).request(target, {
        method: init.method,
        headers: { "Accept-Encoding": "gzip, deflate", ...init.headers, "Content-Length": String(body.byteLength) },
        agent: secure ? httpsAgent : httpAgent,
      });
      const onAbort = () => req.destroy(new AbortError("aborted"));
      init.signal?.addEventListener("abort", onAbort, { once: true });
      req.on("error", (e: Error) => {
        init.signal?.removeEventListener("abort", onAbort);
        reject(e);
      });
      req.on("response", (res: IncomingMessage) => {
        if (Number(res.headers["content-length"] ?? NaN) > limit) {
          init.signal?.removeEventListener("abort", onAbort);
          reject(new ResponseTooLargeError(limit, Number(res.headers["content-length"])));
          res.destroy();
          return;
        }
        const encoding = headerValue(res.headers["content-encoding"]) ?? undefined;
        const inflater = decoderFor(encoding, m.zlib);
        if (inflater === undefined) {
          init.signal?.removeEventListener("abort", onAbort);
          reject(new Error(`the response is compressed as "${encoding}", which this client cannot read (it asks for gzip or deflate)`));
          res.destroy();
          return;
        }
        const chunks: Uint8Array[] = [];
        let size = 0;
        let failed = false;
        const fail = (e: Error) => {
          if (failed) return;
          failed = true;
          init.signal?.removeEventListener("abort", onAbort);
          reject(e);
          inflater?.destroy();
          res.destroy();
        };
        // The limit counts the bytes the client would hold: after decompression, so a small
        // compressed body cannot expand past it.
        const take = (c: Uint8Array) => {
          if (failed) return;
          size += c.byteLength;
          if (size > limit) return fail(new ResponseTooLargeError(limit));
          chunks.push(c);
        };
        const done = () => {
          if (failed) return;
          init.signal?.removeEventListener("abort", onAbort);
          const all = concat(chunks, size);
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? "",
            headers: { get: (name: string) => (/^content-(encoding|length)$/i.test(name) && inflater ? null : headerValue(res.headers[name.toLowerCase()])) },
            body: null,
            arrayBuffer: async () => all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer,
          });
        };
        if (inflater) {
          inflater.on("data", take);
          inflater.on("error", (e: Error) => fail(new Error(`the ${encoding} response body is corrupt: ${e.message}`)));
          inflater.on("end", done);
        }
        res.on("data", (c: Uint8Array) => (inflater ? inflater.write(c) : take(c)));
        res.on("error", (e: Error) => fail(e));
        res.on("close", () => {
          if (failed) return;
          if (!res.complete) return fail(new Error("the connection closed before the response was complete"));
          if (inflater) inflater.end();
          else done();
        });
      });
      req.end(body);
    });
}

const headerValue = (v: string | string[] | undefined): string | null => (v === undefined ? null : Array.isArray(v) ? v.join(", ") : v);
