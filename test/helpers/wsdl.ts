import { writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULTS, type Config } from "../../generator/config.js";
import { readModel } from "../../generator/generate.js";
import type { Model, ReadModel } from "../../generator/ir/model.js";
import { joined } from "../../generator/ir/build-model.js";
import { loadDocuments } from "../../generator/wsdl/load-documents.js";
import { readWsdl, type ReadOptions, type WsdlContents } from "../../generator/wsdl/read-wsdl.js";
import { tempDir } from "./temp.js";

/**
 * A WSDL of one document/literal wrapped operation over SOAP 1.1, for tests of one construct:
 * `types` goes into the schema (prefix xs, target namespace tns), `request` and `response` are
 * the wrappers' members.
 */
export function oneOperationWsdl(o: { ns: string; op?: string; portType?: string; types?: string; request?: string; response?: string }): string {
  const op = o.op ?? "Do";
  const portType = o.portType ?? "Svc";
  return `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="${o.ns}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${o.ns}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<wsdl:types><xs:schema targetNamespace="${o.ns}" elementFormDefault="qualified">${o.types ?? ""}
<xs:element name="${op}"><xs:complexType><xs:sequence>${o.request ?? ""}</xs:sequence></xs:complexType></xs:element>
<xs:element name="${op}Response"><xs:complexType><xs:sequence>${o.response ?? ""}</xs:sequence></xs:complexType></xs:element>
</xs:schema></wsdl:types>
<wsdl:message name="In"><wsdl:part name="p" element="tns:${op}"/></wsdl:message>
<wsdl:message name="Out"><wsdl:part name="p" element="tns:${op}Response"/></wsdl:message>
<wsdl:portType name="${portType}"><wsdl:operation name="${op}"><wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/></wsdl:operation></wsdl:portType>
<wsdl:binding name="B" type="tns:${portType}"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/><wsdl:operation name="${op}"><soap:operation soapAction="${o.ns}/${op}"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation></wsdl:binding>
<wsdl:service name="${portType}"><wsdl:port name="P" binding="tns:B"><soap:address location="http://svc.example/${op}"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;
}

/** Writes a WSDL to a temporary file (named `name`) and reads it to the model, as the generator would. */
export async function modelOf(text: string, name = "Test.wsdl", config: Partial<Config> = {}): Promise<Model> {
  const file = path.join(tempDir("model-"), name);
  writeFileSync(file, text);
  return readModel({ ...DEFAULTS, ...config, wsdl: [file] });
}

/**
 * A document/literal WSDL of `n` operations (Op0000, Op0001, ...) in one portType, each with a
 * request of its own and a complex type of its own; the odd ones share the response element
 * `Shared` (two members, so a method returns the wrapper). For tests of large services.
 */
export function manyOperationsWsdl(n: number, ns = "urn:many"): string {
  const name = (i: number) => `Op${String(i).padStart(4, "0")}`;
  const ops = Array.from({ length: n }, (_, i) => name(i));
  const types = ops
    .map(
      (op, i) =>
        `<xs:complexType name="${op}Item"><xs:sequence><xs:element minOccurs="0" name="Id" type="xs:int"/><xs:element minOccurs="0" name="Name" nillable="true" type="xs:string"/></xs:sequence></xs:complexType>
<xs:element name="${op}"><xs:complexType><xs:sequence><xs:element name="Item" type="tns:${op}Item"/></xs:sequence></xs:complexType></xs:element>` +
        (i % 2
          ? ""
          : `<xs:element name="${op}Response"><xs:complexType><xs:sequence><xs:element minOccurs="0" name="${op}Result" type="tns:${op}Item"/></xs:sequence></xs:complexType></xs:element>`),
    )
    .join("\n");
  const out = (i: number) => (i % 2 ? "Shared" : `${ops[i]}Response`);
  return `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="${ns}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${ns}" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<wsdl:types><xs:schema targetNamespace="${ns}" elementFormDefault="qualified">
<xs:element name="Shared"><xs:complexType><xs:sequence><xs:element name="Code" type="xs:int"/><xs:element minOccurs="0" name="Text" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
${types}
</xs:schema></wsdl:types>
${ops.map((op, i) => `<wsdl:message name="${op}In"><wsdl:part name="p" element="tns:${op}"/></wsdl:message><wsdl:message name="${op}Out"><wsdl:part name="p" element="tns:${out(i)}"/></wsdl:message>`).join("\n")}
<wsdl:portType name="Many">${ops.map((op) => `<wsdl:operation name="${op}"><wsdl:input message="tns:${op}In"/><wsdl:output message="tns:${op}Out"/></wsdl:operation>`).join("\n")}</wsdl:portType>
<wsdl:binding name="B" type="tns:Many"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>${ops.map((op) => `<wsdl:operation name="${op}"><soap:operation soapAction="${ns}/${op}"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>`).join("\n")}</wsdl:binding>
<wsdl:service name="ManyService"><wsdl:port name="P" binding="tns:B"><soap:address location="http://many.example/svc"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;
}

/** Reads a WSDL as the readers leave it, joined but before any pass (ir/build-model.ts `joined`): for the passes' tables. */
export async function readOnly(text: string, name = "Test.wsdl"): Promise<ReadModel> {
  const file = path.join(tempDir("read-"), name);
  writeFileSync(file, text);
  const set = await loadDocuments(file, { maxBytes: DEFAULTS.maxInputBytes });
  return joined([readWsdl(set, name)]);
}

/** Reads one WSDL document (and what it imports, beside it in `others`) with the WSDL reader alone. */
export async function readDocument(text: string, options: ReadOptions = {}, others: Record<string, string> = {}): Promise<WsdlContents> {
  const dir = tempDir("wsdl-");
  for (const [name, body] of Object.entries(others)) writeFileSync(path.join(dir, name), body);
  const file = path.join(dir, "Main.wsdl");
  writeFileSync(file, text);
  return readWsdl(await loadDocuments(file, { maxBytes: DEFAULTS.maxInputBytes }), "Main.wsdl", options);
}
