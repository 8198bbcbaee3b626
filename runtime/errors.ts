// Everything a call can throw. All extend SoapError, so `catch (e) { if (e instanceof SoapError) }`
// covers the runtime; none carries the request envelope, so credentials never reach a message.

/** `https://user:pass@host/` -> `https://***@host/`: every URL a message or a string shows goes through this. */
export function redactUrl(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/?#\s@]*@/gi, "$1***@");
}

export class SoapError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A fault the WSDL declares (wsdl:fault): its name, and the detail element decoded as its type. */
export interface DeclaredFault {
  readonly name: string;
  readonly value: unknown;
}

/** The declared faults of an operation map's entry (`{ request; response; fault? }`), never when it declares none. */
export type FaultOf<Entry> = Entry extends { readonly fault: infer F extends DeclaredFault } ? F : never;

/**
 * A SOAP Fault in the response (HTTP 500 with a Fault body, SOAP 1.1 or 1.2). `F` is the union of
 * the operation's declared faults when the error was narrowed by a client's `isFault(e, operation)`,
 * so `e.fault?.name === "..."` narrows `e.fault.value` to that fault's type.
 */
export class SoapFaultError<F extends DeclaredFault = DeclaredFault> extends SoapError {
  constructor(
    readonly operation: string,
    /** SOAP 1.1 faultcode (or the SOAP 1.2 Code/Value), as a QName string such as "s:Client". */
    readonly faultcode: string,
    readonly faultstring: string,
    /** The parsed detail element: element names to text or nested objects (e.g. WCF ExceptionDetail). */
    readonly detail: FaultDetail | undefined,
    readonly status: number,
    /**
     * The fault the WSDL declares for the operation (wsdl:fault), when the detail holds one: its
     * name and the detail element decoded as its type (see the method's TSDoc).
     */
    readonly fault?: F,
    /** The Fault response's SOAP headers the WSDL declares (soap:headerfault ones included), by element name. */
    readonly headers: Readonly<Record<string, unknown>> = {},
  ) {
    super(`${operation}: SOAP fault ${faultcode}: ${faultstring}`);
  }
}

/** A fault's detail read without a declared type: element names to text, null (xsi:nil), nested details, or arrays of them (a name twice). */
export type FaultDetail = { readonly [element: string]: string | null | FaultDetail | ReadonlyArray<string | null | FaultDetail> };

/** A non-2xx HTTP answer that is not a SOAP fault, or a response that is not SOAP at all. */
export class SoapHttpError extends SoapError {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly statusText: string,
    readonly contentType: string,
    /** The first few hundred characters of the body. */
    readonly bodyExcerpt: string,
    reason?: string,
  ) {
    const line = oneLine(bodyExcerpt, contentType);
    super(`${operation}: ${reason ?? `HTTP ${status} ${statusText}`.trim()}${line ? `: ${line}` : ""}`);
  }
}

/** A body's start as one short line for a message: an HTML page's text without its markup, whitespace folded. */
function oneLine(excerpt: string, contentType: string): string {
  let text = excerpt;
  if (/html/i.test(contentType) || /^\s*(<!doctype html|<html)/i.test(text))
    text = text
      .replace(/<(script|style)\b[^]*?(<\/\1\s*>|$)/gi, " ")
      .replace(/<[^>]*>?/g, " ")
      .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ nbsp: " ", amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e]!);
  text = text.replace(/\s+/g, " ").trim();
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/**
 * The endpoint answered with a redirect (3xx). A SOAP POST is never re-sent elsewhere: the
 * envelope carries credentials, and the answer of another host is not the service's.
 */
export class SoapRedirectError extends SoapHttpError {
  constructor(
    operation: string,
    status: number,
    statusText: string,
    /** Where the server pointed (credentials in it shown as ***); "" when the transport hides it (a browser's opaque redirect). */
    readonly location: string,
  ) {
    super(
      operation,
      status,
      statusText,
      "",
      "",
      `the endpoint redirects (HTTP ${status || "3xx"})${location ? ` to ${redactUrl(location)}` : ""}; redirects are not followed, so set the endpoint to where the service is`,
    );
  }
}

/** The response could not be read as the operation's response (malformed, hostile or unexpected XML). */
export class SoapDecodeError extends SoapError {
  constructor(
    readonly operation: string,
    readonly reason: string,
    /** Element path where decoding stopped, e.g. "Envelope/Body/GetUserResponse/Response/Name". */
    readonly path: string,
  ) {
    super(`${operation}: cannot decode response at ${path || "(document)"}: ${reason}`);
  }
}

/** A request value does not fit its schema type (wrong JS type, missing required member). */
export class SoapEncodeError extends SoapError {
  constructor(
    readonly operation: string,
    readonly reason: string,
    readonly path: string,
  ) {
    super(`${operation}: cannot encode request at ${path}: ${reason}`);
  }
}

/** The call took longer than the `timeout` option, or than the caller's AbortSignal.timeout() (`timeoutMs` then undefined). */
export class SoapTimeoutError extends SoapError {
  constructor(
    readonly operation: string,
    readonly timeoutMs: number | undefined,
    cause?: unknown,
  ) {
    super(`${operation}: ${timeoutMs === undefined ? "no response before the signal's timeout (AbortSignal.timeout)" : `no response within ${timeoutMs} ms`}`, {
      cause,
    });
  }
}

/** The caller's AbortSignal fired. */
export class SoapAbortError extends SoapError {
  constructor(
    readonly operation: string,
    cause?: unknown,
  ) {
    super(`${operation}: aborted`, { cause });
  }
}

/** The transport (fetch) failed: connection refused, DNS, TLS, reset. */
export class SoapTransportError extends SoapError {
  constructor(
    readonly operation: string,
    cause: unknown,
  ) {
    const inner = (cause as { cause?: { code?: string; message?: string } })?.cause;
    super(redactUrl(`${operation}: transport failed: ${(cause as Error)?.message ?? String(cause)}${inner ? ` (${inner.code ?? inner.message})` : ""}`), {
      cause,
    });
  }
}

/**
 * The service reported a failure in a response header (SuperOffice's ExceptionInfo) instead of a
 * fault. `info` is the decoded header value.
 */
export class SoapServiceError extends SoapError {
  constructor(
    readonly operation: string,
    readonly header: string,
    readonly info: unknown,
  ) {
    const msg = (info as { Message?: unknown } | null)?.Message;
    super(`${operation}: the service reported ${header}${typeof msg === "string" && msg ? `: ${msg}` : ""}`);
  }
}
