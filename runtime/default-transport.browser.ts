// The transport a client uses when none is passed, in browsers (see default-transport.ts): the
// global fetch, which streams, so the client enforces the size limit itself.
import type { FetchLike } from "./transport.js";

export function defaultTransport(_maxResponseBytes: number): FetchLike {
  return globalThis.fetch as unknown as FetchLike;
}
