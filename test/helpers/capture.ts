import type { FetchLike } from "../../runtime/index.js";

export interface Captured {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** A fetch that records each request and answers with the given SOAP response. */
export function capturingFetch(respond: string | ((req: Captured) => string), init: { status?: number; contentType?: string } = {}) {
  const calls: Captured[] = [];
  const fetch: FetchLike = async (url, req) => {
    const c = { url, method: req.method, headers: req.headers, body: req.body };
    calls.push(c);
    const text = typeof respond === "string" ? respond : respond(c);
    return new Response(text, { status: init.status ?? 200, headers: { "content-type": init.contentType ?? "text/xml; charset=utf-8" } });
  };
  return { fetch, calls };
}

export const SHARED = new URL("../../../shared/", import.meta.url);

/** A tenant's Services88 address: Services88 agents need one (the WSDL's own is a placeholder). */
export const TENANT = "https://tenant.example/Cust1/Remote/Services88/";
