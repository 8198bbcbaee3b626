// Text from a WSDL (its file name or URL, documentation, names, SOAPAction) that lands in a
// comment or a string literal of generated code stays text: no line terminator or "*/" gets out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { docText } from "../../generator/emit/tsdoc.js";
import { literal } from "../../generator/emit/naming.js";
import { ROOT, runCli, runCliAsync } from "../helpers/cli.js";
import { listen } from "../helpers/server.js";
import { tempDir } from "../helpers/temp.js";

const TERMINATORS: Record<string, string> = { LF: "\n", CR: "\r", CRLF: "\r\n", LS: "\u2028", PS: "\u2029" };

test("docText: every line terminator and */ stay inside the comment", () => {
  const given: [string, string][] = [
    ["a\nb", "a b"],
    ["a\rb", "a b"],
    ["a\r\nb", "a b"],
    ["a\u2028b", "a b"],
    ["a\u2029b", "a b"],
    ["end */ code", "end *\\/ code"],
    ["*/*/", "*\\/*\\/"],
    ["plain", "plain"],
  ];
  for (const [text, want] of given) {
    assert.equal(docText(text), want, JSON.stringify(text));
    assert.equal(docText(docText(text)), want, "idempotent");
  }
});

test("literal: a string literal for any text, U+2028 and U+2029 escaped", () => {
  for (const t of [...Object.values(TERMINATORS), '"', "\\", "`${x}`", "\u0000", "*/"]) {
    const lit = literal(`a${t}b`);
    assert.doesNotMatch(lit, /[\n\r\u2028\u2029]/);
    assert.equal(eval(lit), `a${t}b`);
  }
});

/** A WSDL whose every text a generator might print carries `evil`. */
const wsdl = (name: string, evil: string) => {
  const x = evil.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  return `<?xml version="1.0"?>
<wsdl:definitions targetNamespace="urn:evil" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:evil" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <wsdl:documentation>${x}</wsdl:documentation>
  <wsdl:types><xs:schema targetNamespace="urn:evil" elementFormDefault="qualified">
    <xs:simpleType name="${name}Kind"><xs:annotation><xs:documentation>${x}</xs:documentation></xs:annotation><xs:restriction base="xs:string"><xs:enumeration value="a${x}"/></xs:restriction></xs:simpleType>
    <xs:element name="Do${name}"><xs:complexType><xs:sequence><xs:element name="In" type="tns:${name}Kind"><xs:annotation><xs:documentation>${x}</xs:documentation></xs:annotation></xs:element></xs:sequence></xs:complexType></xs:element>
    <xs:element name="Do${name}Response"><xs:complexType><xs:sequence><xs:element name="Out" type="xs:string" default="${x}"/></xs:sequence></xs:complexType></xs:element>
  </xs:schema></wsdl:types>
  <wsdl:message name="In"><wsdl:part name="p" element="tns:Do${name}"/></wsdl:message>
  <wsdl:message name="Out"><wsdl:part name="p" element="tns:Do${name}Response"/></wsdl:message>
  <wsdl:portType name="${name}"><wsdl:documentation>${x}</wsdl:documentation><wsdl:operation name="Do${name}"><wsdl:documentation>${x}</wsdl:documentation><wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="B" type="tns:${name}"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Do${name}"><soap:operation soapAction="urn:evil/${x}"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="${name}Service"><wsdl:port name="P" binding="tns:B"><soap:address location="http://127.0.0.1:9/${x}"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;
};
const payload = (t: string, n: number) => `x${t}globalThis.INJECTED_${n} = true; */ globalThis.INJECTED_${n} = true; /*${t}`;

test("file names, documentation, enumeration values, defaults, SOAPActions and addresses with every line terminator and */: code that compiles and runs nothing", async () => {
  const dir = tempDir("injection-", ROOT);
  const src = path.join(dir, "wsdl");
  mkdirSync(src);
  // A file name cannot hold "/": its payload is the line terminator alone.
  Object.entries(TERMINATORS).forEach(([name, t], n) =>
    writeFileSync(path.join(src, `${name}x${t}globalThis.INJECTED_F${n} = true;${t}.wsdl`), wsdl(name, payload(t, n))),
  );
  const out = path.join(dir, "out");
  // The generator type-checks what it writes: a comment broken open would not compile, or would.
  const r = runCli(["--wsdl", src, "--out", out]);
  assert.equal(r.code, 0, r.stderr);
  for (const f of readdirSync(out).filter((f) => f.endsWith(".ts"))) {
    const text = readFileSync(path.join(out, f), "utf8");
    assert.doesNotMatch(text, /[\r\u2028\u2029]/, `${f} holds no CR, U+2028 or U+2029`);
    for (const line of text.split("\n")) {
      if (!line.includes("INJECTED")) continue;
      // Every line that mentions the payload is a comment or holds it inside a string literal.
      assert.ok(/^\s*(\/\/|\*|\/\*\*)/.test(line) || /"[^"]*INJECTED[^"]*"/.test(line), `${f}: ${line}`);
    }
  }
  await import(pathToFileURL(path.join(out, "index.ts")).href);
  assert.deepEqual(
    Object.keys(globalThis).filter((k) => k.startsWith("INJECTED")),
    [],
    "nothing of the payload ran on import",
  );
});

test("a WSDL URL with a line terminator in it stays in the header comment", async () => {
  const dir = tempDir("injection-url-", ROOT);
  const srv = await listen((_req, res) => {
    res.setHeader("content-type", "text/xml");
    res.end(wsdl("Url", "plain"));
  });
  try {
    const out = path.join(dir, "out");
    const url = `${srv.url}/svc?wsdl&x=\u2028globalThis.INJECTED_URL=true;//`;
    const r = await runCliAsync(["--wsdl", url, "--out", out]);
    assert.equal(r.code, 0, r.stderr);
    const header = readFileSync(path.join(out, "url.ts"), "utf8").split("\n")[0]!;
    assert.match(header, /^\/\/ Generated by soap-ts-gen .* from http:\/\/127\.0\.0\.1:\d+\/svc\?wsdl&x= globalThis\.INJECTED_URL=true;\/\/ \(inputs/);
    await import(pathToFileURL(path.join(out, "index.ts")).href);
    assert.equal((globalThis as Record<string, unknown>)["INJECTED_URL"], undefined);
  } finally {
    await srv.close();
  }
});

test("an agent (portType) named with */ and a line terminator stays in its comments", async () => {
  const dir = tempDir("injection-agent-", ROOT);
  const file = path.join(dir, "Evil.wsdl");
  const evil = "Echo*/globalThis.INJECTED_PT=1;/*&#x2028;x";
  writeFileSync(
    file,
    readFileSync(path.join(ROOT, "test/fixtures/Bare.wsdl"), "utf8")
      .replace('portType name="Echo"', `portType name="${evil}"`)
      .replace('type="tns:Echo"', `type="tns:${evil}"`),
  );
  const out = path.join(dir, "out");
  const r = runCli(["--wsdl", file, "--out", out]);
  assert.equal(r.code, 0, r.stderr);
  for (const f of readdirSync(out).filter((f) => f.endsWith(".ts")))
    for (const line of readFileSync(path.join(out, f), "utf8").split("\n"))
      if (line.includes("globalThis.INJECTED_PT=1")) assert.match(line, /^\s*(\/\*\*|\*) .*\*\\\/globalThis\.INJECTED_PT=1;/, `${f}: ${line}`);
  await import(pathToFileURL(path.join(out, "index.ts")).href);
  assert.equal((globalThis as Record<string, unknown>)["INJECTED_PT"], undefined);
});
