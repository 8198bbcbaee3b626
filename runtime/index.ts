export * from "./schema.js";
export { xs } from "./xsd.js";
export * from "./errors.js";
export { SoapClient, type ClientOptions, type CallOptions, type FetchLike, type ResponseLike, type SoapResult, type ServiceInfo } from "./client.js";
export { decodeEnvelope, type DecodedEnvelope, type DecodeLimits } from "./decode.js";
export { encodeEnvelope } from "./encode.js";
export { methodName } from "./naming.js";
