// The names generated code and the runtime must agree on. The generator imports these, so a
// change here changes both sides at once.

/** Members of SoapClient (and of every object) that an operation method must not shadow. */
export const CLIENT_MEMBERS: ReadonlySet<string> = new Set([
  "soapInvoke",
  "soapCall",
  "soapIsFault",
  "invoke",
  "isFault",
  "requestHeaders",
  "endpoint",
  "toString",
  "toJSON",
  "constructor",
  // A client with a then() method is a thenable: awaiting it would send a call and never settle.
  "then",
]);

/**
 * The method an operation is called through: RegisterWithAccessGateway -> registerWithAccessGateway,
 * GetHTMLBody -> getHTMLBody, BLOB -> blob, Delete -> delete (JavaScript allows reserved words as
 * method names, as Map.prototype.delete). Names the client or every object already has get a `_`.
 */
export function methodName(operation: string): string {
  const id = operation.replace(/[^A-Za-z0-9_$]/g, "_").replace(/^(?=[0-9]|$)/, "_");
  const lead = /^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/.exec(id)?.[0] ?? "";
  const name = lead.toLowerCase() + id.slice(lead.length);
  return CLIENT_MEMBERS.has(name) || name in Object.prototype ? `${name}_` : name;
}
