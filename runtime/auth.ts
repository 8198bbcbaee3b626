// HTTP authentication for ClientOptions.httpHeaders: what nearly every service behind a gateway
// needs, without a dependency (btoa and TextEncoder are in Node and in browsers).
import type { HttpHeaders } from "./client.js";
import { escapeText, notXml } from "./encode.js";

function base64(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** `Authorization: Basic …` (RFC 7617, UTF-8): `new XAgent({ httpHeaders: basicAuth(user, password) })`. */
export function basicAuth(user: string, password: string): HttpHeaders {
  if (user.includes(":")) throw new TypeError("a Basic auth user name may not hold ':'");
  return { Authorization: `Basic ${base64(new TextEncoder().encode(`${user}:${password}`))}` };
}

/**
 * `Authorization: Bearer …` (RFC 6750), from a token or a function asked for one before each
 * call (so a short-lived token is refreshed as it expires; it may be async).
 */
export function bearerAuth(token: string | (() => string | Promise<string>)): HttpHeaders {
  if (typeof token === "string") return { Authorization: `Bearer ${token}` };
  return async () => ({ Authorization: `Bearer ${await token()}` });
}

const WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
const WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
const PROFILE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0";
const BASE64 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

export interface WsSecurityOptions {
  readonly username: string;
  readonly password: string;
  /** PasswordDigest (default): Base64(SHA-1(nonce + created + password)), the password never sent; PasswordText: as is (over TLS only). */
  readonly passwordType?: "PasswordDigest" | "PasswordText";
  /** Add a wsu:Timestamp valid this many seconds (default 300); 0 for none. */
  readonly timestampSeconds?: number;
  /** The clock (tests inject one). */
  readonly now?: () => Date;
  /** 16 random bytes per request by default (crypto.getRandomValues). */
  readonly nonce?: () => Uint8Array;
}

/** xs:dateTime in UTC without milliseconds, as WS-Security implementations compare it. */
const utc = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

/**
 * A WS-Security header (OASIS WSS UsernameToken Profile 1.1): a UsernameToken with a fresh nonce
 * and creation time for every request, and a Timestamp. `new XAgent({ securityHeader: wsSecurity({ username, password }) })`.
 */
export function wsSecurity(options: WsSecurityOptions): () => Promise<string> {
  if (notXml(options.username + options.password))
    throw new TypeError("a WS-Security user name or password may not hold control characters or lone surrogates (XML cannot carry them)");
  const type = options.passwordType ?? "PasswordDigest";
  const ttl = options.timestampSeconds ?? 300;
  return async () => {
    const now = (options.now ?? (() => new Date()))();
    const created = utc(now);
    const nonce = (options.nonce ?? (() => globalThis.crypto.getRandomValues(new Uint8Array(16))))();
    let password = options.password;
    if (type === "PasswordDigest") {
      const text = new TextEncoder().encode(created + options.password);
      const joined = new Uint8Array(nonce.length + text.length);
      joined.set(nonce);
      joined.set(text, nonce.length);
      password = base64(new Uint8Array(await globalThis.crypto.subtle.digest("SHA-1", joined)));
    }
    const timestamp =
      ttl > 0
        ? `<wsu:Timestamp wsu:Id="TS-1"><wsu:Created>${created}</wsu:Created><wsu:Expires>${utc(new Date(now.getTime() + ttl * 1000))}</wsu:Expires></wsu:Timestamp>`
        : "";
    return (
      `<wsse:Security xmlns:wsse="${WSSE}" xmlns:wsu="${WSU}" s:mustUnderstand="1">${timestamp}` +
      `<wsse:UsernameToken wsu:Id="UT-1"><wsse:Username>${escapeText(options.username)}</wsse:Username>` +
      `<wsse:Password Type="${PROFILE}#${type}">${escapeText(password)}</wsse:Password>` +
      `<wsse:Nonce EncodingType="${BASE64}">${base64(nonce)}</wsse:Nonce><wsu:Created>${created}</wsu:Created></wsse:UsernameToken></wsse:Security>`
    );
  };
}
