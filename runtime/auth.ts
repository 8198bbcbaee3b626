// HTTP authentication for ClientOptions.httpHeaders: what nearly every service behind a gateway
// needs, without a dependency (btoa and TextEncoder are in Node and in browsers).
import type { HttpHeaders } from "./client.js";

/** `Authorization: Basic …` (RFC 7617, UTF-8): `new XAgent({ httpHeaders: basicAuth(user, password) })`. */
export function basicAuth(user: string, password: string): HttpHeaders {
  if (user.includes(":")) throw new TypeError("a Basic auth user name may not hold ':'");
  let bin = "";
  for (const b of new TextEncoder().encode(`${user}:${password}`)) bin += String.fromCharCode(b);
  return { Authorization: `Basic ${btoa(bin)}` };
}

/**
 * `Authorization: Bearer …` (RFC 6750), from a token or a function asked for one before each
 * call (so a short-lived token is refreshed as it expires; it may be async).
 */
export function bearerAuth(token: string | (() => string | Promise<string>)): HttpHeaders {
  if (typeof token === "string") return { Authorization: `Bearer ${token}` };
  return async () => ({ Authorization: `Bearer ${await token()}` });
}
