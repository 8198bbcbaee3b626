import { DecodeFailure, decodeEnvelope, DEFAULT_LIMITS, type DecodeLimits } from "./decode.js";
import { xmlPieces } from "./xml-reader.js";
import { defaultTransport } from "./default-transport.js";
import { DEFAULT_MAX_RESPONSE_BYTES, readLimited, ResponseTooLargeError, type FetchLike, type ResponseLike } from "./transport.js";
import { EncodeFailure, encodeEnvelope, escapeText } from "./encode.js";
export { DEFAULT_MAX_RESPONSE_BYTES, ResponseTooLargeError, type FetchLike, type ResponseLike } from "./transport.js";
import {
  SoapAbortError,
  SoapDecodeError,
  SoapEncodeError,
  SoapFaultError,
  SoapHttpError,
  SoapRedirectError,
  SoapServiceError,
  SoapTimeoutError,
  SoapTransportError,
  redactUrl,
} from "./errors.js";
import { reachableTypes, type OperationInfo } from "./schema.js";

export interface ClientOptions {
  /** The service URL; defaults to the WSDL's soap:address. */
  readonly endpoint?: string;
  /**
   * Where the tenant's services are, e.g. `https://sod.superoffice.com/Cust12345/Remote/Services88/`:
   * each agent appends the last segment of its WSDL address (`User.svc`). `endpoint` wins.
   */
  readonly baseUrl?: string;
  /** The transport; by default nodeHttp() in Node (package.json "browser" swaps in the global fetch for browser bundles). */
  readonly fetch?: FetchLike;
  /** Milliseconds before a call fails with SoapTimeoutError (default: none). */
  readonly timeout?: number;
  /** Throw SoapServiceError when the response's failure header (ExceptionInfo) is set (default true). */
  readonly throwOnServiceError?: boolean;
  /** Decoding limits: deepest element nesting (default 256). */
  readonly limits?: Partial<DecodeLimits>;
  /** Largest response body accepted, in bytes (default 64 MiB). */
  readonly maxResponseBytes?: number;
  /**
   * Refuse (SoapDecodeError) response elements the WSDL has no member for, instead of skipping
   * them as WCF clients do (a newer server may add members). Default false; invoke() reports
   * what it skipped either way.
   */
  readonly strict?: boolean;
  /**
   * HTTP headers sent with every call (`Authorization`, an API key, a tenant header): a value,
   * or a function called for each request (for short-lived tokens; it may be async). See
   * basicAuth() and bearerAuth(). Content-Type and SOAPAction are the client's and win.
   */
  readonly httpHeaders?: HttpHeaders;
  /**
   * SOAP header blocks the WSDL does not declare, written into every request's Header as
   * given: wsSecurity() makes a WS-Security UsernameToken (and Timestamp) header.
   */
  readonly securityHeader?: SecurityHeader;
}

/** Makes a header block for one request (fresh nonce and time each call): XML for inside `<s:Header>`, where `s` is the envelope's prefix. */
export type SecurityHeader = () => string | Promise<string>;

/** HTTP headers by name, or a function giving them for each request. */
export type HttpHeaders = Readonly<Record<string, string>> | (() => Readonly<Record<string, string>> | Promise<Readonly<Record<string, string>>>);

/** Options of one call. Generated clients type `headers` with their own request headers (`AgentCallOptions`, ...). */
export interface CallOptions<H extends object = Readonly<Record<string, unknown>>> {
  readonly signal?: AbortSignal;
  /** Overrides the client's timeout for this call. */
  readonly timeout?: number;
  /** HTTP headers for this call, over the client's `httpHeaders`. */
  readonly httpHeaders?: HttpHeaders;
  /**
   * SOAP header values for this call by element name (the operation's declared headers, such as
   * Exchange's ExchangeImpersonation), over the client's.
   */
  readonly headers?: H;
}

/** The headers a value or function gives, checked: a header value may not hold a line break (header injection). */
async function httpHeadersOf(given: HttpHeaders | undefined): Promise<Record<string, string>> {
  if (given === undefined) return {};
  const h = typeof given === "function" ? await given() : given;
  const out: Record<string, string> = {};
  for (const name of Object.keys(h)) {
    const value = h[name];
    if (typeof value !== "string" || /[\r\n\0]/.test(value) || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
      throw new TypeError(`HTTP header ${JSON.stringify(name)} must be a token name with a string value on one line`);
    out[name] = value;
  }
  return out;
}

/** A call's full answer: the response wrapper's members and the response headers. */
export interface SoapResult<Body, Headers> {
  readonly body: Body;
  readonly headers: Headers;
  readonly status: number;
  /** Paths of response elements the WSDL has no member for, which were skipped (see `strict`). */
  readonly skipped: readonly string[];
}

const charsetOf = (contentType: string) => /charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? "utf-8";

/**
 * Strict decoding: invalid bytes are an error, never silently replaced. Undefined when invalid.
 * UTF-8 (nearly every SOAP response) comes in pieces the reader takes in turn; others whole.
 */
function decodeText(bytes: Uint8Array, contentType: string): string[] | undefined {
  const charset = charsetOf(contentType);
  try {
    return /^utf-?8$/.test(charset) ? xmlPieces(bytes) : [new TextDecoder(charset, { fatal: true }).decode(bytes)];
  } catch {
    return undefined;
  }
}

const blank = (text: string[]) => text.every((piece) => piece.trim() === "");
/** Whether a body begins (after a declaration, comments and whitespace) with a SOAP 1.1 or 1.2 Envelope. */
const ENVELOPE =
  /^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!--[^]*?-->\s*)*<([A-Za-z_][\w.-]*:)?Envelope[\s>][^>]*xmlns(:[\w.-]+)?\s*=\s*["']http:\/\/(schemas\.xmlsoap\.org\/soap\/envelope\/|www\.w3\.org\/2003\/05\/soap-envelope)["']/;
const isEnvelope = (text: string[]) => ENVELOPE.test((text[0] ?? "").slice(0, 4096));
/** The first 500 characters, for error messages: without joining a large body's pieces. */
function excerpt(text: string[]): string {
  let head = "";
  for (const piece of text) if ((head += piece).length >= 500) break;
  return head.slice(0, 500);
}

/** What a generated agent tells the runtime about itself. */
export interface ServiceInfo {
  readonly address: string;
  /** The agent's operations: the named types they reach are what xs:anyType values may be. */
  readonly operations: Readonly<Record<string, OperationInfo>>;
  /** Response header that, when present and not nil, reports a failure. */
  readonly failureHeader?: string;
  /** `address` is a placeholder (SuperOffice's WSDLs name a sample tenant): `endpoint` or `baseUrl` must be given. */
  readonly addressRequired?: boolean;
}

/** `https://host/Cust1/Remote/Services88/User.svc` -> `User.svc`. */
function lastSegment(address: string): string {
  const path = address.split(/[?#]/)[0]!;
  return path.slice(path.lastIndexOf("/") + 1);
}

/**
 * An object whose properties are agents sharing one set of options, each created on first use
 * (what generated `services88()`-style factories return).
 */
export function lazyAgents<T extends object>(options: object, classes: Readonly<Record<string, new (options: object) => unknown>>): T {
  const out = {} as Record<string, unknown>;
  for (const [key, Agent] of Object.entries(classes)) {
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get() {
        const agent = new Agent(options);
        Object.defineProperty(out, key, { value: agent, enumerable: true });
        return agent;
      },
    });
  }
  return out as T;
}

/** lazyAgents under the generic profile's word: what a `calculator()`-style factory returns. */
export const lazyClients: typeof lazyAgents = lazyAgents;

const installed = new WeakSet<object>();

/**
 * Gives an agent's class one method per operation (`registerWithAccessGateway(request, options)`),
 * once, on its prototype: generated code declares the methods with their types and TSDoc but
 * carries no body for each, which keeps bundles small. A method the class defines itself wins.
 */
function installMethods(proto: object, operations: Readonly<Record<string, OperationInfo>>): void {
  if (installed.has(proto)) return;
  installed.add(proto);
  for (const op of Object.values(operations)) {
    if (Object.prototype.hasOwnProperty.call(proto, op.method)) continue;
    const method = function (this: SoapClient, request: object = {}, options?: CallOptions<object>) {
      return (this as unknown as { soapCall(op: OperationInfo, request: object, options?: CallOptions<object>): Promise<unknown> }).soapCall(
        op,
        request,
        options,
      );
    };
    Object.defineProperty(proto, op.method, { value: method, writable: true, configurable: true, enumerable: false });
  }
}

/**
 * The part of every generated client that is not generated: builds the envelope, posts it,
 * and decodes the answer. Request headers come from `requestHeaders()`, which agents override.
 */
export abstract class SoapClient {
  readonly #service: ServiceInfo;
  readonly #options: ClientOptions;
  readonly #limits: DecodeLimits;

  protected constructor(service: ServiceInfo, options: ClientOptions = {}) {
    installMethods(Object.getPrototypeOf(this) as object, service.operations);
    if (service.addressRequired && options.endpoint === undefined && options.baseUrl === undefined)
      throw new TypeError(
        `${new.target.name} needs baseUrl (https://<host>/<tenant>/Remote/Services88/) or endpoint: the WSDL's address (${lastSegment(service.address) ? `…/${lastSegment(service.address)}` : "none"}) is a placeholder tenant, and calls carry credentials`,
      );
    this.#service = service;
    this.#options = options;
    this.#limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  get endpoint(): string {
    const { endpoint, baseUrl } = this.#options;
    if (endpoint !== undefined) return endpoint;
    if (baseUrl !== undefined) return new URL(lastSegment(this.#service.address), baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`).href;
    return this.#service.address;
  }

  /** Header element values by element name, sent with every call. */
  protected requestHeaders(): object {
    return {};
  }

  /** Calls an operation and returns the whole response wrapper and the response headers. */
  /**
   * Whether `e` is a SOAP fault `operation` (by name, as invoke takes it) answered with, its
   * `fault` (if any) one the operation declares: another client's operation of the same name
   * may declare others.
   */
  protected soapIsFault(e: unknown, operation: string): boolean {
    if (!(e instanceof SoapFaultError) || e.operation !== operation) return false;
    if (!Object.prototype.hasOwnProperty.call(this.#service.operations, operation)) return false;
    const declared = this.#service.operations[operation]!.faults?.faults ?? [];
    return e.fault === undefined || declared.some((f) => f.name === e.fault!.name);
  }

  protected async soapInvoke<Body, Headers>(op: OperationInfo, request: object, call: CallOptions<object> = {}): Promise<SoapResult<Body, Headers>> {
    let envelope: string;
    let security = this.#options.securityHeader === undefined ? "" : await this.#options.securityHeader();
    if (op.addressing !== undefined) security += addressingHeaders(op.addressing, this.endpoint);
    const headers = call.headers === undefined ? this.requestHeaders() : { ...this.requestHeaders(), ...call.headers };
    try {
      envelope = encodeEnvelope(op, request, headers, reachableTypes(this.#service.operations), security);
    } catch (e) {
      if (e instanceof EncodeFailure) throw new SoapEncodeError(op.name, e.reason, e.path);
      throw e;
    }
    const limit = this.#options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const fetchFn: FetchLike = this.#options.fetch ?? defaultTransport(limit);
    const timeout = call.timeout ?? this.#options.timeout;
    const signals: AbortSignal[] = [];
    if (call.signal) signals.push(call.signal);
    const timer = timeout !== undefined ? AbortSignal.timeout(timeout) : undefined;
    if (timer) signals.push(timer);
    const signal = signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
    if (call.signal?.aborted) throw aborted(op.name, call.signal.reason);

    // The caller's HTTP headers (a function may fetch a token); the client's own win, whatever their case.
    let extra: Record<string, string> | undefined;
    if (this.#options.httpHeaders !== undefined || call.httpHeaders !== undefined) {
      extra = { ...(await httpHeadersOf(this.#options.httpHeaders)), ...(await httpHeadersOf(call.httpHeaders)) };
      for (const name of Object.keys(extra)) if (/^(content-type|soapaction|content-length)$/i.test(name)) delete extra[name];
    }
    const endpoint = this.endpoint;
    if (!endpoint) throw new SoapTransportError(op.name, new Error("the WSDL gives no address (soap:address): pass the endpoint option"));
    let res: ResponseLike;
    let bytes: Uint8Array;
    try {
      res = await fetchFn(endpoint, {
        method: "POST",
        // SOAP 1.2 carries the action in the media type; 1.1 in its own (quoted) header.
        headers: op.soap12
          ? { ...extra, "Content-Type": `application/soap+xml; charset=utf-8; action="${op.soapAction}"` }
          : { ...extra, "Content-Type": "text/xml; charset=utf-8", SOAPAction: `"${op.soapAction}"` },
        body: envelope,
        redirect: "manual",
        ...(signal ? { signal } : {}),
      });
      if ((res.status >= 300 && res.status < 400) || res.type === "opaqueredirect") {
        await res.body?.cancel().catch(() => {});
        throw new SoapRedirectError(op.name, res.status, res.statusText, res.headers.get("location") ?? "");
      }
      bytes = await readLimited(res, limit);
    } catch (e) {
      if (timer?.aborted && !call.signal?.aborted) throw new SoapTimeoutError(op.name, timeout!);
      if (call.signal?.aborted) throw aborted(op.name, call.signal.reason);
      if (e instanceof SoapRedirectError) throw e;
      if (e instanceof ResponseTooLargeError) throw new SoapDecodeError(op.name, `response body is larger than maxResponseBytes (${limit})`, "");
      throw new SoapTransportError(op.name, e);
    }

    const contentType = res.headers.get("content-type") ?? "";
    const text = decodeText(bytes, contentType);
    // Some servers label their SOAP answers text/plain or text/html: a body that is an Envelope is read whatever the label.
    const isXml = /\b(text\/xml|application\/soap\+xml|application\/xml)\b/i.test(contentType) || (text !== undefined && isEnvelope(text));
    // A one-way operation has no response message: success is the HTTP status (202, often empty).
    if (op.oneWay && res.status < 300 && (!isXml || !text || blank(text)))
      return { body: undefined as Body, headers: {} as Headers, status: res.status, skipped: [] };
    if (!isXml || text === undefined || blank(text)) {
      if (isXml && text === undefined && res.status < 300) throw new SoapDecodeError(op.name, `response is not valid ${charsetOf(contentType)}`, "");
      throw new SoapHttpError(
        op.name,
        res.status,
        res.statusText,
        contentType,
        text ? excerpt(text) : new TextDecoder().decode(bytes.subarray(0, 500)),
        res.status < 300
          ? `expected a SOAP response, got ${contentType || "no content type"}${bytes.length ? "" : " and an empty body"} (HTTP ${res.status})`
          : undefined,
      );
    }
    let decoded;
    try {
      decoded = decodeEnvelope(text, op, reachableTypes(this.#service.operations), this.#limits, this.#options.strict ?? false);
    } catch (e) {
      if (!(e instanceof DecodeFailure)) throw e;
      if (res.status >= 300) throw new SoapHttpError(op.name, res.status, res.statusText, contentType, excerpt(text));
      throw new SoapDecodeError(op.name, e.reason, e.path);
    }
    if (decoded.fault)
      throw new SoapFaultError(op.name, decoded.fault.code, decoded.fault.reason, decoded.fault.detail, res.status, decoded.fault.typed, decoded.headers);
    if (res.status >= 300) throw new SoapHttpError(op.name, res.status, res.statusText, contentType, excerpt(text));
    const failure = this.#service.failureHeader;
    if (failure && (this.#options.throwOnServiceError ?? true) && decoded.headers[failure] != null) {
      throw new SoapServiceError(op.name, failure, decoded.headers[failure]);
    }
    return { body: decoded.body as Body, headers: decoded.headers as Headers, status: res.status, skipped: decoded.skipped };
  }

  /** Calls an operation and returns the member the WSDL's response wrapper carries. */
  protected async soapCall<T>(op: OperationInfo, request: object, options?: CallOptions<object>): Promise<T> {
    const { body } = await this.soapInvoke<Record<string, unknown>, unknown>(op, request, options);
    if (op.unwrap === undefined) return ((op.output.body.fields.length || op.output.body.model) && !op.oneWay ? body : undefined) as T;
    const value = body[op.unwrap];
    return (value === undefined ? (op.output.body.fields.find((f) => f.key === op.unwrap)!.nillable ? null : undefined) : value) as T;
  }

  /** Keeps credentials out of logs: only the endpoint is shown, without any user:password in it. */
  toString(): string {
    return `${this.constructor.name}(${redactUrl(this.endpoint)})`;
  }

  toJSON(): { endpoint: string } {
    return { endpoint: redactUrl(this.endpoint) };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** The caller's signal fired: a timeout (AbortSignal.timeout() gives a TimeoutError) is one, anything else an abort. */
const aborted = (operation: string, reason: unknown) =>
  (reason as { name?: unknown } | undefined)?.name === "TimeoutError"
    ? new SoapTimeoutError(operation, undefined, reason)
    : new SoapAbortError(operation, reason);

const WSA = "http://www.w3.org/2005/08/addressing";

/** WS-Addressing 1.0 request headers, as zeep sends them for an operation whose WSDL gives it a wsam:Action. */
function addressingHeaders(action: string, to: string): string {
  const block = (name: string, text: string) => `<wsa:${name} xmlns:wsa="${WSA}">${escapeText(text)}</wsa:${name}>`;
  return block("Action", action) + block("MessageID", `urn:uuid:${globalThis.crypto.randomUUID()}`) + block("To", to);
}
