// The transport a client uses when none is passed. In Node (and runtimes with node:http) it is
// nodeHttp(): the same job as the global fetch (undici) at a fraction of its CPU per call.
// Elsewhere, the global fetch. Bundlers building for the browser take
// default-transport.browser.ts instead (package.json "browser"), so browser bundles do not carry
// the Node transport at all.
import { hasNodeHttp, nodeHttp } from "./node-http.js";
import type { FetchLike } from "./transport.js";

const byLimit = new Map<number, FetchLike>();

/** @param maxResponseBytes the client's limit, which the Node transport enforces while reading */
export function defaultTransport(maxResponseBytes: number): FetchLike {
  if (!hasNodeHttp) return globalThis.fetch as unknown as FetchLike;
  let t = byLimit.get(maxResponseBytes);
  if (!t) byLimit.set(maxResponseBytes, (t = nodeHttp({ maxResponseBytes })));
  return t;
}
