// Binding styles and message shapes beyond document/literal wrapped over SOAP 1.1: rpc/literal
// with a one-way operation and a header (test/fixtures/Rpc.wsdl), document/literal bare over
// SOAP 1.2 only (test/fixtures/Bare.wsdl). Each agent matches its snapshot, its requests are
// what the schema says (xmllint), and a real node-soap server built from the same WSDL answers.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import soap from "soap";
import { ROOT, runCli } from "./helpers/cli.js";
import { capturingFetch } from "./helpers/capture.js";
import { envelopeParts } from "./helpers/schemas.js";
import { listen } from "./helpers/server.js";
import { xmlTree } from "./helpers/xml.js";
import type { FetchLike } from "../runtime/index.js";
import { tempDir } from "./helpers/temp.js";
import { matchesSnapshot } from "./helpers/snapshot.js";

const SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
type Agent = Record<string, (r?: object) => Promise<unknown>>;
const out: Record<string, string> = {};
const agents: Record<string, new (o: object) => Agent> = {};

before(async () => {
  for (const [name, file, cls] of [
    ["Rpc", "calculator", "CalculatorAgent"],
    ["Bare", "echo", "EchoAgent"],
  ] as const) {
    const dir = tempDir(`${name.toLowerCase()}-`, ROOT);
    out[name] = dir;
    const r = runCli(["--wsdl", path.join(ROOT, `test/fixtures/${name}.wsdl`), "--out", dir]);
    assert.equal(r.code, 0, r.stderr);
    agents[name] = ((await import(pathToFileURL(path.join(dir, `${file}.ts`)).href)) as Record<string, new (o: object) => Agent>)[cls]!;
  }
});

const snapshot = (name: string, file: string) => matchesSnapshot(path.join(out[name]!, file), `${name}.${file}.snap`);

/** Sends through a real server, keeping each request as sent. */
function recording(): { fetch: FetchLike; sent: { body: string; headers: Record<string, string> }[] } {
  const sent: { body: string; headers: Record<string, string> }[] = [];
  const fetch: FetchLike = (url, init) => {
    sent.push({ body: init.body, headers: init.headers as Record<string, string> });
    return globalThis.fetch(url, init) as unknown as ReturnType<FetchLike>;
  };
  return { fetch, sent };
}

function xmllint(schema: string, xml: string): string {
  const dir = tempDir("styles-");
  writeFileSync(path.join(dir, "s.xsd"), schema);
  writeFileSync(path.join(dir, "x.xml"), xml);
  const r = spawnSync("xmllint", ["--noout", "--schema", path.join(dir, "s.xsd"), path.join(dir, "x.xml")], { encoding: "utf8" });
  return r.status === 0 ? "" : r.stderr;
}

test("rpc/literal: the agent (snapshot)", () => snapshot("Rpc", "calculator.ts"));
test("rpc/literal: the operations table (snapshot)", () => snapshot("Rpc", "calculator.operations.ts"));
test("document/literal bare over SOAP 1.2: the agent (snapshot)", () => snapshot("Bare", "echo.ts"));
test("document/literal bare over SOAP 1.2: the operations table (snapshot)", () => snapshot("Bare", "echo.operations.ts"));

test("rpc/literal: wrapper named after the operation in the soap:body namespace, unqualified parts; node-soap answers", async () => {
  const received: unknown[] = [];
  const srv = await listen();
  try {
    soap.listen(
      srv.server,
      "/calc",
      {
        CalculatorService: {
          CalculatorPort: {
            Add: (a: { x: number; y: number }) => (received.push(a), { sum: Number(a.x) + Number(a.y) }),
            Swap: (a: { pair: { a: number; b: number } }) => (received.push(a), { pair: { a: a.pair.b, b: a.pair.a }, note: "swapped" }),
            // (node-soap's server fails on a one-way rpc operation; one-way calls are tested below)
          },
        },
      },
      readFileSync(path.join(ROOT, "test/fixtures/Rpc.wsdl"), "utf8"),
    );
    const { fetch, sent } = recording();
    const calc = new agents["Rpc"]!({ endpoint: `${srv.url}/calc`, fetch, headers: { Session: "s-1" } });
    assert.deepEqual(await calc["add"]!({ x: 2, y: 3 }), { sum: 5 });
    // node-soap writes Pair's members in the WSDL's namespace, not the schema's (urn:calc:types): refused, not guessed.
    await assert.rejects(calc["swap"]!({ pair: { a: 1, b: 2 } }), /required member <a> in namespace urn:calc:types of Pair is missing/);
    // node-soap reads rpc parts as text (its rpc reader does not type them).
    assert.deepEqual(received.slice(0, 2), [{ x: "2", y: "3" }, { pair: { a: "1", b: "2" } }]);

    const add = envelopeParts(sent[0]!.body);
    assert.equal(sent[0]!.headers["SOAPAction"], '"urn:calc#Add"');
    const wrapper = xmlTree(add.body);
    assert.equal(wrapper.name, "{urn:calc:rpc}Add");
    assert.deepEqual(
      wrapper.children.map((c) => [c.name, c.text]),
      [
        ["{}x", "2"],
        ["{}y", "3"],
      ],
    );
    assert.equal(xmlTree(add.headers[0]!).name, "{urn:calc:types}Session");
    // The rpc wrapper is not in any schema: this one says what WSDL 1.1 makes of the parts.
    const rpcSchema = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:calc:types" targetNamespace="urn:calc:rpc">
      <xs:import namespace="urn:calc:types" schemaLocation="types.xsd"/>
      <xs:element name="Add"><xs:complexType><xs:sequence><xs:element name="x" type="xs:int"/><xs:element name="y" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="Swap"><xs:complexType><xs:sequence><xs:element name="pair" type="t:Pair"/></xs:sequence></xs:complexType></xs:element>
    </xs:schema>`;
    const types = /<xsd:schema[\s\S]*?<\/xsd:schema>/
      .exec(readFileSync(path.join(ROOT, "test/fixtures/Rpc.wsdl"), "utf8"))![0]
      .replace("<xsd:schema", '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"');
    const dir = tempDir("rpc-");
    writeFileSync(path.join(dir, "types.xsd"), types);
    writeFileSync(path.join(dir, "rpc.xsd"), rpcSchema);
    for (const i of [0, 1]) {
      writeFileSync(path.join(dir, "x.xml"), envelopeParts(sent[i]!.body).body);
      const r = spawnSync("xmllint", ["--noout", "--schema", path.join(dir, "rpc.xsd"), path.join(dir, "x.xml")], { encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
    }
  } finally {
    await srv.close();
  }
});

test("rpc/literal: a response with parts qualified or not, and the wrapper in the WSDL's namespace, decodes", async () => {
  const { fetch } = capturingFetch(
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><c:SwapResponse xmlns:c="urn:calc"><pair><a xmlns="urn:calc:types">2</a><b xmlns="urn:calc:types">1</b></pair><c:note>swapped</c:note></c:SwapResponse></s:Body></s:Envelope>`,
  );
  assert.deepEqual(await new agents["Rpc"]!({ fetch })["swap"]!({ pair: { a: 1, b: 2 } }), { pair: { a: 2, b: 1 }, note: "swapped" });
});

test("one-way: the call ends with HTTP 202 and an empty body; a fault is still a SoapFaultError", async () => {
  const empty: FetchLike = async () => new Response("", { status: 202 }) as never;
  assert.equal(await new agents["Rpc"]!({ fetch: empty })["log"]!({ line: "x" }), undefined);
  const { fetch } = capturingFetch(
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>full</faultstring></s:Fault></s:Body></s:Envelope>`,
    { status: 500 },
  );
  await assert.rejects(new agents["Rpc"]!({ fetch })["log"]!({ line: "x" }), /full/);
});

test("document/literal bare over SOAP 1.2: parts' elements in the Body, action in the media type; node-soap answers", async () => {
  const srv = await listen();
  try {
    // node-soap answers SOAP 1.2 only when told to.
    soap.listen(srv.server, {
      path: "/echo",
      services: {
        EchoService: {
          EchoPort: {
            Echo: (a: unknown) => a,
            // node-soap hands a bare operation only its first part (Count); the Body carries both (checked below).
            Repeat: (count: number) => ({ w: Array.from({ length: Number(count) }, () => "a") }),
          },
        },
      },
      xml: readFileSync(path.join(ROOT, "test/fixtures/Bare.wsdl"), "utf8"),
      forceSoap12Headers: true,
    } as unknown as soap.IServerOptions);
    const { fetch, sent } = recording();
    const echo = new agents["Bare"]!({ endpoint: `${srv.url}/echo`, fetch });
    assert.deepEqual(await echo["echo"]!({ Text: "hi & bye" }), { Text: "hi & bye" });
    assert.deepEqual(await echo["repeat"]!({ Count: 2, Text: "a" }), { w: ["a", "a"] });

    assert.equal(xmlTree(sent[0]!.body).name, `{${SOAP12}}Envelope`);
    assert.equal(sent[0]!.headers["Content-Type"], 'application/soap+xml; charset=utf-8; action="urn:echo/Echo"');
    assert.equal(sent[0]!.headers["SOAPAction"], undefined);
    const repeat = xmlTree(sent[1]!.body).children.find((c) => c.name.endsWith("}Body"))!;
    assert.deepEqual(
      repeat.children.map((c) => c.name),
      ["{urn:echo:types}Count", "{urn:echo:types}Text"],
    );
    const schema = /<xs:schema[\s\S]*?<\/xs:schema>/
      .exec(readFileSync(path.join(ROOT, "test/fixtures/Bare.wsdl"), "utf8"))![0]
      .replace("<xs:schema", '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"');
    const repeatParts = /<s:Body>(.*)<\/s:Body>/.exec(sent[1]!.body)![1]!.match(/<(\w+) xmlns="[^"]*">[^<]*<\/\1>/g)!;
    assert.equal(repeatParts.length, 2);
    for (const child of [envelopeParts(sent[0]!.body).body, ...repeatParts]) assert.equal(xmllint(schema, child), "");
  } finally {
    await srv.close();
  }
  // An empty bare request is an empty Body; the answer's element is read from the Body itself.
  const { fetch, calls } = capturingFetch(
    `<e:Envelope xmlns:e="${SOAP12}"><e:Body><Stamp xmlns="urn:echo:types">2026-11-28T12:00:00Z</Stamp></e:Body></e:Envelope>`,
  );
  assert.deepEqual(await new agents["Bare"]!({ fetch })["now"]!(), { Stamp: "2026-11-28T12:00:00Z" });
  assert.match(calls[0]!.body, /<s:Body><\/s:Body>/);
});

test("operations no client can call are left out with a warning naming them, and the rest generate", () => {
  const dir = mkdtempSync(path.join(ROOT, "scratch-warn-"));
  try {
    const wsdl = readFileSync(path.join(ROOT, "test/fixtures/Rpc.wsdl"), "utf8")
      // A notification (output only) and a binding operation the portType lacks.
      .replace("</wsdl:portType>", '<wsdl:operation name="Tick"><wsdl:output message="tns:AddOut" /></wsdl:operation></wsdl:portType>')
      .replace(
        "</wsdl:binding>",
        '<wsdl:operation name="Tick"><soap:operation soapAction="urn:calc#Tick" /><wsdl:output><soap:body use="literal" namespace="urn:calc:rpc" /></wsdl:output></wsdl:operation><wsdl:operation name="Ghost"><soap:operation soapAction="urn:calc#Ghost" /></wsdl:operation></wsdl:binding>',
      );
    writeFileSync(path.join(dir, "Warn.wsdl"), wsdl);
    const r = runCli(["--wsdl", path.join(dir, "Warn.wsdl"), "--out", path.join(dir, "out")]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Warn\.wsdl:\d+:\d+: warning: operation Tick has no wsdl:input: left out/);
    assert.match(r.stderr, /Warn\.wsdl:\d+:\d+: warning: binding operation Ghost is not in portType Calculator: left out/);
    const agent = readFileSync(path.join(dir, "out", "calculator.ts"), "utf8");
    assert.match(agent, /add\(request: AddRequest/);
    assert.doesNotMatch(agent, /tick\(|ghost\(/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("rpc/encoded: parts say their types (xsi:type), the wrapper the encoding style; node-soap answers", async () => {
  const dir = mkdtempSync(path.join(ROOT, "scratch-encoded-"));
  const srv = await listen();
  try {
    const wsdl = readFileSync(path.join(ROOT, "test/fixtures/Rpc.wsdl"), "utf8").replace(
      /<soap:body use="literal" namespace="urn:calc:rpc" \/>/g,
      '<soap:body use="encoded" namespace="urn:calc:rpc" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" />',
    );
    writeFileSync(path.join(dir, "Encoded.wsdl"), wsdl);
    const r = runCli(["--wsdl", path.join(dir, "Encoded.wsdl"), "--out", path.join(dir, "out")]);
    assert.equal(r.code, 0, r.stderr);
    const { CalculatorAgent } = (await import(pathToFileURL(path.join(dir, "out", "calculator.ts")).href)) as Record<string, new (o: object) => Agent>;
    const received: unknown[] = [];
    soap.listen(srv.server, "/calc", { CalculatorService: { CalculatorPort: { Add: (a: unknown) => (received.push(a), { sum: 42 }) } } }, wsdl);
    const { fetch, sent } = recording();
    assert.deepEqual(await new CalculatorAgent!({ endpoint: `${srv.url}/calc`, fetch })["add"]!({ x: 2, y: 40 }), { sum: 42 });
    // node-soap reads each typed part as its value with the xsi:type beside it.
    assert.deepEqual(JSON.parse(JSON.stringify(received[0])), {
      attributes: { "s:encodingStyle": "http://schemas.xmlsoap.org/soap/encoding/" },
      x: { attributes: { "xsi:type": "xs:int" }, $value: "2" },
      y: { attributes: { "xsi:type": "xs:int" }, $value: "40" },
    });
    const add = xmlTree(envelopeParts(sent[0]!.body).body);
    assert.equal(add.attributes["{http://schemas.xmlsoap.org/soap/envelope/}encodingStyle"], "http://schemas.xmlsoap.org/soap/encoding/");
    assert.deepEqual(
      add.children.map((c) => [c.name, c.attributes["{http://www.w3.org/2001/XMLSchema-instance}type"]]),
      [
        ["{}x", "{http://www.w3.org/2001/XMLSchema}int"],
        ["{}y", "{http://www.w3.org/2001/XMLSchema}int"],
      ],
    );
  } finally {
    await srv.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test("rpc/encoded without an encodingStyle: the binding's SOAP version names the encoding the wrapper says", async () => {
  const dir = tempDir("encoded-style-", ROOT);
  const rpc = readFileSync(path.join(ROOT, "test/fixtures/Rpc.wsdl"), "utf8").replace(
    /<soap:body use="literal" namespace="urn:calc:rpc" \/>/g,
    '<soap:body use="encoded" namespace="urn:calc:rpc" />',
  );
  for (const [version, wsdl, env, style] of [
    ["1.1", rpc, "http://schemas.xmlsoap.org/soap/envelope/", "http://schemas.xmlsoap.org/soap/encoding/"],
    [
      "1.2",
      rpc.replace('xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"', 'xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap12/"'),
      "http://www.w3.org/2003/05/soap-envelope",
      "http://www.w3.org/2003/05/soap-encoding",
    ],
  ] as const) {
    const out = path.join(dir, version);
    writeFileSync(path.join(dir, `Encoded${version}.wsdl`), wsdl);
    const r = runCli(["--wsdl", path.join(dir, `Encoded${version}.wsdl`), "--out", out]);
    assert.equal(r.code, 0, r.stderr);
    const source = readFileSync(path.join(out, "calculator.operations.ts"), "utf8");
    assert.match(source, version === "1.2" ? /encoded: rpcEncoded12\b/ : /encoded: rpcEncoded\b(?!12)/);
    const { CalculatorAgent } = (await import(pathToFileURL(path.join(out, "calculator.ts")).href)) as Record<string, new (o: object) => Agent>;
    const { fetch, calls } = capturingFetch(
      `<e:Envelope xmlns:e="${env}"><e:Body><r:AddResponse xmlns:r="urn:calc:rpc"><sum>42</sum></r:AddResponse></e:Body></e:Envelope>`,
      { contentType: version === "1.2" ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8" },
    );
    assert.deepEqual(await new CalculatorAgent!({ fetch })["add"]!({ x: 2, y: 40 }), { sum: 42 });
    const add = xmlTree(envelopeParts(calls[0]!.body).body);
    assert.equal(add.name, "{urn:calc:rpc}Add");
    assert.equal(add.attributes[`{${env}}encodingStyle`], style, `SOAP ${version}`);
  }
});

test('rpc/encoded parts may be nil (SOAP 1.1 §5.1): their types say | null, and PHP\'s <return xsi:nil="true"/> reads as null', async () => {
  const dir = tempDir("encoded-nil-", ROOT);
  writeFileSync(
    path.join(dir, "Encoded.wsdl"),
    readFileSync(path.join(ROOT, "test/fixtures/Rpc.wsdl"), "utf8").replace(
      /<soap:body use="literal" namespace="urn:calc:rpc" \/>/g,
      '<soap:body use="encoded" namespace="urn:calc:rpc" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" />',
    ),
  );
  const out = path.join(dir, "out");
  const r = runCli(["--wsdl", path.join(dir, "Encoded.wsdl"), "--out", out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(readFileSync(path.join(out, "calculator.ts"), "utf8"), /sum: number \| null;/);
  const { CalculatorAgent } = (await import(pathToFileURL(path.join(out, "calculator.ts")).href)) as Record<string, new (o: object) => Agent>;
  const { fetch } = capturingFetch(
    `<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><e:Body><r:AddResponse xmlns:r="urn:calc:rpc"><sum xsi:nil="true"/></r:AddResponse></e:Body></e:Envelope>`,
  );
  assert.deepEqual(await new CalculatorAgent!({ fetch })["add"]!({ x: 2, y: 40 }), { sum: null });
});

test("rpc/literal soap:body without namespace=: the wrapper goes unqualified, as written, with a warning citing WS-I BP R2717", async () => {
  const dir = tempDir("rpc-no-ns-", ROOT);
  writeFileSync(path.join(dir, "NoNs.wsdl"), readFileSync(path.join(ROOT, "test/fixtures/Rpc.wsdl"), "utf8").replace(/ namespace="urn:calc:rpc"/g, ""));
  const out = path.join(dir, "out");
  const r = runCli(["--wsdl", path.join(dir, "NoNs.wsdl"), "--out", out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stderr,
    /NoNs\.wsdl:\d+:\d+: warning: soap:body of rpc-style Add \(wsdl:input\) has no namespace=: its wrapper <Add> is unqualified, as the WSDL says \(WS-I Basic Profile R2717/,
  );
  const { CalculatorAgent } = (await import(pathToFileURL(path.join(out, "calculator.ts")).href)) as Record<string, new (o: object) => Agent>;
  const { fetch, calls } = capturingFetch(
    `<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><AddResponse><sum>5</sum></AddResponse></e:Body></e:Envelope>`,
  );
  assert.deepEqual(await new CalculatorAgent!({ fetch })["add"]!({ x: 2, y: 3 }), { sum: 5 });
  const add = xmlTree(envelopeParts(calls[0]!.body).body);
  assert.equal(add.name, "{}Add");
  assert.deepEqual(
    add.children.map((c) => c.name),
    ["{}x", "{}y"],
  );
});
