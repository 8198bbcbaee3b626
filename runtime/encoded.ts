// rpc/encoded (SOAP section 5 encoding): each part goes as in rpc/literal, its start tag saying
// its type (xsi:type). Generated operation tables name this (`encoded: rpcEncoded`, or
// rpcEncoded12 for SOAP 1.2's encoding) only for operations a WSDL binds with use="encoded", so
// other clients do not bundle it.
import { element, members, typedOpen } from "./encode.js";
import { XS_NS, type ArrayType, type EncodedArray, type Field, type RpcEncoding, type SoapType, type TypeRegistry } from "./schema.js";

const SOAP11_ENC = "http://schemas.xmlsoap.org/soap/encoding/";
const SOAP12_ENC = "http://www.w3.org/2003/05/soap-encoding";

const encoding = (style: string): RpcEncoding => ({
  write: (body, request) => `<${body.name} xmlns="${body.ns}" s:encodingStyle="${style}">${members(body, request, body.ns, typedElement)}</${body.name}>`,
  xsiType,
});

/** rpc/encoded in SOAP 1.1's encoding (encodingStyle http://schemas.xmlsoap.org/soap/encoding/). */
export const rpcEncoded: RpcEncoding = /*#__PURE__*/ encoding(SOAP11_ENC);
/** rpc/encoded in SOAP 1.2's encoding (encodingStyle http://www.w3.org/2003/05/soap-encoding). */
export const rpcEncoded12: RpcEncoding = /*#__PURE__*/ encoding(SOAP12_ENC);

/** An xsi:type (`{ns}local`) in the declared type's terms (see RpcEncoding). */
function xsiType(declared: SoapType, xsiType: string, types: TypeRegistry): string {
  // An encoded array may name another encoded array type (JAX-RPC sends its arrayList where a collection is declared): its items are read alike.
  if (declared.kind === "array" && declared.encoded !== undefined) {
    const named = types.get(xsiType);
    if (named?.kind === "array" && named.encoded !== undefined) return `{${declared.ns}}${declared.name}`;
  }
  const close = xsiType.indexOf("}");
  const ns = xsiType.slice(1, close);
  if (ns !== SOAP11_ENC && ns !== SOAP12_ENC) return xsiType;
  const local = xsiType.slice(close + 1);
  // An encoded array may say it is its encoding's Array rather than its own type.
  if (local === "Array") return declared.kind === "array" && declared.encoded?.ns === ns ? `{${declared.ns}}${declared.name}` : xsiType;
  // SOAP encoding restates the XSD built-ins (soapenc:string is xs:string), and servers name them so.
  return `{${XS_NS}}${local}`;
}

/** An element that says its type, unless it is xsi:nil or already says one (a derived value, xs:anyType). */
function typedElement(f: Field, value: unknown, ns: string): string {
  const el = element(f, value, ns);
  const at = el.indexOf(">");
  // Its own start tag only: the items or members inside may say their types too.
  if (value === null || el.slice(0, at).includes(" xsi:type=") || f.type.kind === "any") return el;
  const end = el.charCodeAt(at - 1) === 47 ? at - 1 : at;
  return typedOpen(el.slice(0, end) + ">", f.type).slice(0, -1) + el.slice(end);
}

/** An array's item type as a QName value, with the declaration it needs (built-ins use the envelope's xs prefix). */
const itemType = (t: ArrayType): [qname: string, declaration: string] => {
  const item = t.item.type;
  return item.ns === XS_NS ? [`xs:${item.name}`, ""] : [`at:${item.name}`, ` xmlns:at="${item.ns}"`];
};

/** SOAP 1.1 encoding's array (soapenc:Array): `soapenc:arrayType="xs:string[3]"` on the array element. */
export const encodedArray: EncodedArray = {
  ns: SOAP11_ENC,
  start(open, t, value) {
    const [qname, decl] = itemType(t);
    const n = Array.isArray(value) ? value.length : 0;
    return `${open.slice(0, -1)} xmlns:enc="${this.ns}" enc:arrayType="${qname}[${n}]"${decl}>`;
  },
};

/** SOAP 1.2 encoding's array: `enc:itemType="xs:string" enc:arraySize="3"` on the array element. */
export const encodedArray12: EncodedArray = {
  ns: SOAP12_ENC,
  start(open, t, value) {
    const [qname, decl] = itemType(t);
    const n = Array.isArray(value) ? value.length : 0;
    return `${open.slice(0, -1)} xmlns:enc="${this.ns}" enc:itemType="${qname}" enc:arraySize="${n}"${decl}>`;
  },
};
