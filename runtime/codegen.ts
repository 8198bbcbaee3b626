// The runtime's contract with generated code: everything a generated module may import, and
// nothing else. Generated code imports from here (`superoffice-soap-ts/runtime/codegen`); the
// generator checks the names it prints against these exports (generator/emit/symbols.ts), so a
// rename here breaks the generator's build, not a user's generated code. What users import is
// in index.ts.
export {
  array,
  dictionary,
  element,
  enumeration,
  flags,
  list,
  A,
  N,
  O,
  ON,
  R,
  T,
  operations,
  record,
  registry,
  restriction,
  type Field,
  type OperationInfo,
} from "./schema.js";
export { xs, xsExtended } from "./xsd.js";
export { lazyAgents, SoapClient, type CallOptions, type ClientOptions, type SoapResult } from "./client.js";
export {
  SoapAbortError,
  SoapDecodeError,
  SoapEncodeError,
  SoapError,
  SoapFaultError,
  SoapHttpError,
  SoapServiceError,
  SoapTimeoutError,
  SoapTransportError,
} from "./errors.js";
