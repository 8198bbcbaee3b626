import { DecodeFailure, decodeEnvelope, DEFAULT_LIMITS, type DecodeLimits } from "./decode.js";
import { EncodeFailure, encodeEnvelope } from "./encode.js";
import {
  SoapAbortError,
  SoapDecodeError,
  SoapEncodeError,
  SoapFaultError,
  SoapHttpError,
  SoapServiceError,
  SoapTimeoutError,
  SoapTransportError,
} from "./errors.js";
import type { OperationInfo, TypeRegistry } from "./schema.js";

/** The transport: any WHATWG-compatible fetch (global fetch by default). */
export type FetchLike = (input: string, init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal }) => Promise<ResponseLike>;

export interface ResponseLike {
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface ClientOptions {
  /** The service URL; defaults to the WSDL's soap:address. */
  readonly endpoint?: string;
  readonly fetch?: FetchLike;
  /** Milliseconds before a call fails with SoapTimeoutError (default: none). */
  readonly timeout?: number;
  /** Throw SoapServiceError when the response's failure header (ExceptionInfo) is set (default true). */
  readonly throwOnServiceError?: boolean;
  readonly limits?: Partial<DecodeLimits>;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Overrides the client's timeout for this call. */
  readonly timeout?: number;
}

/** A call's full answer: the response wrapper's members and the response headers. */
export interface SoapResult<Body, Headers> {
  readonly body: Body;
  readonly headers: Headers;
  readonly status: number;
}

/** What a generated agent tells the runtime about itself. */
export interface ServiceInfo {
  readonly address: string;
  readonly types: TypeRegistry;
  /** Response header that, when present and not nil, reports a failure. */
  readonly failureHeader?: string;
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
    this.#service = service;
    this.#options = options;
    this.#limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  get endpoint(): string {
    return this.#options.endpoint ?? this.#service.address;
  }

  /** Header element values by element name, sent with every call. */
  protected requestHeaders(): object {
    return {};
  }

  /** Calls an operation and returns the whole response wrapper and the response headers. */
  protected async soapInvoke<Body, Headers>(op: OperationInfo, request: object, call: CallOptions = {}): Promise<SoapResult<Body, Headers>> {
    let envelope: string;
    try {
      envelope = encodeEnvelope(op, request, this.requestHeaders());
    } catch (e) {
      if (e instanceof EncodeFailure) throw new SoapEncodeError(op.name, e.reason, e.path);
      throw e;
    }
    const fetchFn: FetchLike = this.#options.fetch ?? (globalThis.fetch as unknown as FetchLike);
    const timeout = call.timeout ?? this.#options.timeout;
    const signals: AbortSignal[] = [];
    if (call.signal) signals.push(call.signal);
    const timer = timeout !== undefined ? AbortSignal.timeout(timeout) : undefined;
    if (timer) signals.push(timer);
    const signal = signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
    if (call.signal?.aborted) throw new SoapAbortError(op.name, call.signal.reason);

    let text: string;
    let res: ResponseLike;
    try {
      res = await fetchFn(this.endpoint, {
        method: "POST",
        headers: { "Content-Type": "text/xml; charset=utf-8", SOAPAction: `"${op.soapAction}"` },
        body: envelope,
        ...(signal ? { signal } : {}),
      });
      text = await res.text();
    } catch (e) {
      if (timer?.aborted && !call.signal?.aborted) throw new SoapTimeoutError(op.name, timeout!);
      if (call.signal?.aborted) throw new SoapAbortError(op.name, call.signal.reason);
      throw new SoapTransportError(op.name, e);
    }

    const contentType = res.headers.get("content-type") ?? "";
    const isXml = /\b(text\/xml|application\/soap\+xml|application\/xml)\b/i.test(contentType);
    if (!isXml || text.trim() === "") {
      throw new SoapHttpError(op.name, res.status, res.statusText, contentType, text.slice(0, 500), res.status < 300 ? `expected a SOAP response, got ${contentType || "no content type"} (HTTP ${res.status})` : undefined);
    }
    let decoded;
    try {
      decoded = decodeEnvelope(text, op, this.#service.types, this.#limits);
    } catch (e) {
      if (!(e instanceof DecodeFailure)) throw e;
      if (res.status >= 300) throw new SoapHttpError(op.name, res.status, res.statusText, contentType, text.slice(0, 500));
      throw new SoapDecodeError(op.name, e.reason, e.path);
    }
    if (decoded.fault) throw new SoapFaultError(op.name, decoded.fault.code, decoded.fault.reason, decoded.fault.detail, res.status);
    if (res.status >= 300) throw new SoapHttpError(op.name, res.status, res.statusText, contentType, text.slice(0, 500));
    const failure = this.#service.failureHeader;
    if (failure && (this.#options.throwOnServiceError ?? true) && decoded.headers[failure] != null) {
      throw new SoapServiceError(op.name, failure, decoded.headers[failure]);
    }
    return { body: decoded.body as Body, headers: decoded.headers as Headers, status: res.status };
  }

  /** Calls an operation and returns the member the WSDL's response wrapper carries. */
  protected async soapCall<T>(op: OperationInfo, request: object, options?: CallOptions): Promise<T> {
    const { body } = await this.soapInvoke<Record<string, unknown>, unknown>(op, request, options);
    if (op.unwrap === undefined) return (op.output.body.fields.length ? body : undefined) as T;
    const value = body[op.unwrap];
    return (value === undefined ? (op.output.body.byName.get(op.unwrap)!.nillable ? null : undefined) : value) as T;
  }

  /** Keeps credentials out of logs: only the endpoint is shown. */
  toString(): string {
    return `${this.constructor.name}(${this.endpoint})`;
  }

  toJSON(): { endpoint: string } {
    return { endpoint: this.endpoint };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}
