// Wsdl:import and xs:import with schemaLocation, from files and over HTTP, as WCF
// serves a service in pieces (Service.svc?wsdl, ?wsdl=wsdl0, ?xsd=xsd0).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DOMParser, XMLSerializer, type Element } from "@xmldom/xmldom";
import { runCli } from "./helpers/cli.js";
import { SHARED } from "./helpers/capture.js";
import { listen } from "./helpers/server.js";
import { tempDir } from "./helpers/temp.js";

const XS = "http://www.w3.org/2001/XMLSchema";
const userWsdl = readFileSync(new URL("services88/wsdl/User.wsdl", SHARED), "utf8");
const tmp = () => tempDir("imports-");

/**
 * Splits User.wsdl into WCF's pieces: a main WSDL (binding, service) importing wsdl0 (types stub,
 * messages, portType), whose stub schema imports the three real schemas.
 * @param loc how a piece is addressed from another: (name) => location
 */
function splitUserWsdl(loc: (piece: string) => string): Record<string, string> {
  const doc = new DOMParser().parseFromString(userWsdl, "text/xml");
  const root = doc.documentElement!;
  const ser = (n: Element) => new XMLSerializer().serializeToString(n);
  const rootAttrs = Array.from({ length: root.attributes.length }, (_, i) => root.attributes.item(i)!)
    .map((a) => `${a.name}="${a.value}"`)
    .join(" ");
  const kids = (local: string) => Array.from(root.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === local);
  const schemas = Array.from(doc.getElementsByTagNameNS(XS, "schema"));
  const pieces: Record<string, string> = {};
  const imports: string[] = [];
  schemas.forEach((s, i) => {
    for (let j = 0; j < root.attributes.length; j++) {
      const a = root.attributes.item(j)!;
      if (a.prefix === "xmlns" && !s.hasAttribute(a.name)) s.setAttribute(a.name, a.value);
    }
    for (const imp of Array.from(s.getElementsByTagNameNS(XS, "import"))) {
      const k = schemas.findIndex((o) => o.getAttribute("targetNamespace") === imp.getAttribute("namespace"));
      imp.setAttribute("schemaLocation", loc(`xsd${k}`));
    }
    pieces[`xsd${i}`] = `<?xml version="1.0" encoding="utf-8"?>\n${ser(s)}`;
    imports.push(`<xs:import schemaLocation="${loc(`xsd${i}`)}" namespace="${s.getAttribute("targetNamespace")}"/>`);
  });
  const tns = root.getAttribute("targetNamespace")!;
  pieces["wsdl0"] =
    `<?xml version="1.0" encoding="utf-8"?>\n<wsdl:definitions ${rootAttrs}><wsdl:types><xs:schema targetNamespace="${tns}/Imports" xmlns:xs="${XS}">${imports.join("")}</xs:schema></wsdl:types>` +
    [...kids("message"), ...kids("portType")].map(ser).join("\n") +
    `</wsdl:definitions>`;
  // As WCF does: the main document has its own namespace (tempuri), and its binding refers to the
  // imported portType and messages through another prefix.
  pieces["main"] =
    `<?xml version="1.0" encoding="utf-8"?>\n<wsdl:definitions ${rootAttrs.replace(/targetNamespace="[^"]*"/, 'targetNamespace="http://tempuri.org/"').replace(/xmlns:tns="[^"]*"/, 'xmlns:tns="http://tempuri.org/"')} xmlns:i0="${tns}">` +
    `<wsdl:import namespace="${tns}" location="${loc("wsdl0")}"/>` +
    kids("binding")
      .map(ser)
      .join("\n")
      .replace(/ (type|message)="tns:/g, ' $1="i0:') +
    kids("service").map(ser).join("\n") +
    `</wsdl:definitions>`;
  return pieces;
}

/** Generated files without their header comment (which names the source and its digest). */
function body(out: string): Record<string, string> {
  return Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(path.join(out, f), "utf8").replace(/^(\/\/.*\n)+/, "")]));
}

let flat: Record<string, string> | undefined;
function flatOutput(): Record<string, string> {
  if (flat) return flat;
  const dir = tmp();
  writeFileSync(path.join(dir, "User.wsdl"), userWsdl);
  const r = runCli(["--wsdl", path.join(dir, "User.wsdl"), "--out", path.join(dir, "out")]);
  assert.equal(r.code, 0, r.stderr);
  return (flat = body(path.join(dir, "out")));
}

test("a WSDL split across files (wsdl:import, xs:import schemaLocation) gives the same client as the flat one", () => {
  const dir = tmp();
  const pieces = splitUserWsdl((p) => (p === "wsdl0" ? "User.wsdl0.wsdl" : `${p}.xsd`));
  writeFileSync(path.join(dir, "User.wsdl"), pieces["main"]!);
  writeFileSync(path.join(dir, "User.wsdl0.wsdl"), pieces["wsdl0"]!);
  for (const k of ["xsd0", "xsd1", "xsd2"]) writeFileSync(path.join(dir, `${k}.xsd`), pieces[k]!);
  const r = runCli(["--wsdl", path.join(dir, "User.wsdl"), "--out", path.join(dir, "out")]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(body(path.join(dir, "out")), flatOutput());
});

test("over HTTP, as WCF serves it: User.svc?wsdl, ?wsdl=wsdl0, ?xsd=xsd0", async () => {
  const srv = await listen();
  const requested: string[] = [];
  let pieces: Record<string, string> = {};
  srv.server.removeAllListeners("request");
  srv.server.on("request", (req, res) => {
    const url = new URL(req.url!, srv.url);
    requested.push(url.search);
    const key = url.search === "?wsdl" ? "main" : (url.searchParams.get("wsdl") ?? url.searchParams.get("xsd") ?? "");
    const text = pieces[key];
    res.writeHead(text ? 200 : 404, { "content-type": "text/xml; charset=utf-8" });
    res.end(text ?? "");
  });
  try {
    const base = `${srv.url}/Remote/Services88/User.svc`;
    pieces = splitUserWsdl((p) => (p === "wsdl0" ? `${base}?wsdl=wsdl0` : `${base}?xsd=${p}`));
    const dir = tmp();
    const { spawn } = await import("node:child_process");
    const { ROOT } = await import("./helpers/cli.js");
    // The server runs in this process, so the CLI runs asynchronously beside it.
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", `${ROOT}generator/cli.ts`, "--wsdl", `${base}?wsdl`, "--out", path.join(dir, "out")], {
        cwd: ROOT,
      });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      child.on("close", (code) => resolve({ code, stderr }));
    });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(requested.sort(), ["?wsdl", "?wsdl=wsdl0", "?xsd=xsd0", "?xsd=xsd1", "?xsd=xsd2"]);
    const out = body(path.join(dir, "out"));
    assert.deepEqual(out, flatOutput());
    // The header names the URL it came from.
    assert.match(
      readFileSync(path.join(dir, "out", "user.ts"), "utf8"),
      /^\/\/ Generated by soap-ts-gen [\d.]+ from http:\/\/127\.0\.0\.1:\d+\/.*User\.svc\?wsdl \(inputs sha256:[0-9a-f]{16}\)/,
    );
  } finally {
    await srv.close();
  }
});

test("a wsdl:import cycle is read once round: the same client as the flat one", () => {
  const dir = tmp();
  const pieces = splitUserWsdl((p) => (p === "wsdl0" ? "User.wsdl0.wsdl" : `${p}.xsd`));
  writeFileSync(path.join(dir, "User.wsdl"), pieces["main"]!);
  writeFileSync(
    path.join(dir, "User.wsdl0.wsdl"),
    pieces["wsdl0"]!.replace("<wsdl:types>", '<wsdl:import namespace="http://tempuri.org/" location="User.wsdl"/><wsdl:types>'),
  );
  for (const k of ["xsd0", "xsd1", "xsd2"]) writeFileSync(path.join(dir, `${k}.xsd`), pieces[k]!);
  const r = runCli(["--wsdl", path.join(dir, "User.wsdl"), "--out", path.join(dir, "out")]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(body(path.join(dir, "out")), flatOutput());
});

test("a wsdl:import of a schema document is read as a schema of the WSDL, with a warning (WS-I asks for xs:import)", () => {
  const dir = tmp();
  const pieces = splitUserWsdl((p) => (p === "wsdl0" ? "User.wsdl0.wsdl" : `${p}.xsd`));
  // The schemas come through wsdl:import, not through the types stub's xs:import.
  const xsds = ["xsd0", "xsd1", "xsd2"].map((k) => {
    const ns = /targetNamespace="([^"]*)"/.exec(pieces[k]!)![1]!;
    return `<wsdl:import namespace="${ns}" location="${k}.xsd"/>`;
  });
  writeFileSync(path.join(dir, "User.wsdl"), pieces["main"]!);
  writeFileSync(path.join(dir, "User.wsdl0.wsdl"), pieces["wsdl0"]!.replace(/<wsdl:types>.*?<\/wsdl:types>/s, xsds.join("")));
  for (const k of ["xsd0", "xsd1", "xsd2"]) writeFileSync(path.join(dir, `${k}.xsd`), pieces[k]!);
  const r = runCli(["--wsdl", path.join(dir, "User.wsdl"), "--out", path.join(dir, "out")]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /User\.wsdl0\.wsdl:\d+:\d+: warning: wsdl:import of xsd0\.xsd, an XML Schema document: read as a schema of this WSDL \(WS-I BP R2001/);
  assert.deepEqual(body(path.join(dir, "out")), flatOutput());
});

test("a missing imported document is named with the import that refers to it", () => {
  const dir = tmp();
  const pieces = splitUserWsdl((p) => (p === "wsdl0" ? "User.wsdl0.wsdl" : `${p}.xsd`));
  writeFileSync(path.join(dir, "User.wsdl"), pieces["main"]!);
  writeFileSync(path.join(dir, "User.wsdl0.wsdl"), pieces["wsdl0"]!);
  const r = runCli(["--wsdl", path.join(dir, "User.wsdl"), "--out", path.join(dir, "out")]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /User\.wsdl0\.wsdl:\d+:\d+: error: xs:import of .*xsd0\.xsd failed: cannot read .*xsd0\.xsd: /);
});

test("xs:include brings a chameleon schema into the including namespace", () => {
  const dir = tmp();
  const pieces = splitUserWsdl((p) => (p === "wsdl0" ? "User.wsdl0.wsdl" : `${p}.xsd`));
  // Move the SoCredentials type out of xsd0 into an included schema without a targetNamespace.
  const xsd0 = pieces["xsd0"]!;
  const credentials = /<xs:complexType name="SoCredentials">[\s\S]*?<\/xs:complexType>/.exec(xsd0)![0];
  writeFileSync(
    path.join(dir, "credentials.xsd"),
    `<?xml version="1.0"?>\n<xs:schema elementFormDefault="qualified" xmlns:xs="${XS}">${credentials}</xs:schema>`,
  );
  writeFileSync(path.join(dir, "xsd0.xsd"), xsd0.replace(credentials, "").replace(/(<xs:schema[^>]*>)/, '$1<xs:include schemaLocation="credentials.xsd"/>'));
  writeFileSync(path.join(dir, "User.wsdl"), pieces["main"]!);
  writeFileSync(path.join(dir, "User.wsdl0.wsdl"), pieces["wsdl0"]!);
  for (const k of ["xsd1", "xsd2"]) writeFileSync(path.join(dir, `${k}.xsd`), pieces[k]!);
  const r = runCli(["--wsdl", path.join(dir, "User.wsdl"), "--out", path.join(dir, "out")]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(body(path.join(dir, "out")), flatOutput());
});
