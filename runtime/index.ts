// What users of the generated clients import from the runtime: options, results, errors and the
// transport's shape. (Generated code imports runtime/codegen.ts; the Node transport is
// runtime/node-http.ts, `superoffice-soap-ts/runtime/node`.)
export * from "./errors.js";
export type { CallOptions, ClientOptions, FetchLike, HttpHeaders, ResponseLike, SecurityHeader, SoapResult } from "./client.js";
export { basicAuth, bearerAuth, wsSecurity, type WsSecurityOptions } from "./auth.js";
export type { DecodeLimits } from "./decode.js";
