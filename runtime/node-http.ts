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
  /** Stop reading (and destroy the socket) past this many bytes; the client then reports it. */
  readonly maxResponseBytes?: number;
}

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
  Agent: new (options: { keepAlive: boolean }) => object;
}

type GetBuiltin = (id: string) => unknown;
const getBuiltin = (globalThis as { process?: { getBuiltinModule?: GetBuiltin } }).process?.getBuiltinModule;

/** Whether this runtime has node:http (Node 20.16+, and runtimes that emulate it). */
export const hasNodeHttp = typeof getBuiltin === "function";

let shared: { http: HttpModule; https: HttpModule; httpAgent: object; httpsAgent: object } | undefined;
function modules() {
  if (!shared) {
    if (!getBuiltin) throw new Error("nodeHttp() needs Node's http module (process.getBuiltinModule, Node 20.16 or later)");
    const http = getBuiltin("node:http") as HttpModule;
    const https = getBuiltin("node:https") as HttpModule;
    shared = { http, https, httpAgent: new http.Agent({ keepAlive: true }), httpsAgent: new https.Agent({ keepAlive: true }) };
  }
  return shared;
}

class AbortError extends Error {
  override readonly name = "AbortError";
}

const utf8 = new TextEncoder();

export function nodeHttp(options: NodeHttpOptions = {}): FetchLike {
  const limit = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const m = modules();
  return (url, init) =>
    new Promise<ResponseLike>((resolve, reject) => {
      const target = new URL(url);
      const secure = target.protocol === "https:";
      if (!secure && target.protocol !== "http:") return reject(new TypeError(`unsupported protocol ${target.protocol}`));
      const body = utf8.encode(init.body);
      if (init.signal?.aborted) return reject(new AbortError("aborted"));
      const req = (secure ? m.https : m.http).request(target, {
        method: init.method,
        headers: { ...init.headers, "Content-Length": String(body.byteLength) },
        agent: secure ? (options.httpsAgent ?? m.httpsAgent) : (options.httpAgent ?? m.httpAgent),
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
          reject(new ResponseTooLargeError());
          res.destroy();
          return;
        }
        const chunks: Uint8Array[] = [];
        let size = 0;
        res.on("data", (c: Uint8Array) => {
          size += c.byteLength;
          if (size > limit) {
            // Settled first: destroying the socket makes the request emit an error of its own.
            reject(new ResponseTooLargeError());
            res.destroy();
            return;
          }
          chunks.push(c);
        });
        res.on("error", (e: Error) => reject(e));
        res.on("close", () => {
          init.signal?.removeEventListener("abort", onAbort);
          if (size > limit) return;
          if (!res.complete) return reject(new Error("the connection closed before the response was complete"));
          const all = concat(chunks, size);
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? "",
            headers: { get: (name: string) => headerValue(res.headers[name.toLowerCase()]) },
            body: null,
            arrayBuffer: async () => all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer,
          });
        });
      });
      req.end(body);
    });
}

const headerValue = (v: string | string[] | undefined): string | null => (v === undefined ? null : Array.isArray(v) ? v.join(", ") : v);
