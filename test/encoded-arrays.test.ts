// SOAP-encoded arrays (soapenc:Array) in rpc/encoded services, as PHP's SoapServer publishes
// them (test/fixtures/EncodedArrays.wsdl): sent with the items' type and count on the array
// element, read whatever the sender names the items.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import soap from "soap";
import { ROOT, runCli } from "./helpers/cli.js";
import { capturingFetch } from "./helpers/capture.js";
import { envelopeParts } from "./helpers/schemas.js";
import { listen } from "./helpers/server.js";
import { matchesSnapshot } from "./helpers/snapshot.js";
import { tempDir } from "./helpers/temp.js";
import { xmlTree } from "./helpers/xml.js";

const ENC = "http://schemas.xmlsoap.org/soap/encoding/";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const XS = "http://www.w3.org/2001/XMLSchema";
type Agent = Record<string, (r?: object) => Promise<unknown>>;
let dir = "";
let StorePortTypeAgent: new (o: object) => Agent;

before(async () => {
  dir = tempDir("encoded-arrays-", ROOT);
  const r = runCli(["--wsdl", path.join(ROOT, "test/fixtures/EncodedArrays.wsdl"), "--out", dir]);
  assert.equal(r.code, 0, r.stderr);
  ({ StorePortTypeAgent } = (await import(pathToFileURL(path.join(dir, "store-port-type.ts")).href)) as { StorePortTypeAgent: new (o: object) => Agent });
});

/** A response as PHP's SoapServer writes it: SOAP-ENC arrays saying their type, items typed by xsi:type. */
const phpResponse = (op: string, part: string, array: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="urn:Store" ` +
  `xmlns:xsd="${XS}" xmlns:xsi="${XSI}" xmlns:SOAP-ENC="${ENC}" SOAP-ENV:encodingStyle="${ENC}"><SOAP-ENV:Body>` +
  `<ns1:${op}Response><${part} ${array}</${part}></ns1:${op}Response></SOAP-ENV:Body></SOAP-ENV:Envelope>`;

test("the descriptors name the encoded-array hook (snapshot)", () => {
  matchesSnapshot(path.join(dir, "schema.ts"), "EncodedArrays.schema.ts.snap");
});

test("an array of xs:anyType goes with soapenc:arrayType and typed items; PHP's answer decodes by xsi:type", async () => {
  const { fetch, calls } = capturingFetch(
    phpResponse(
      "multiCall",
      "multiCallReturn",
      `SOAP-ENC:arrayType="xsd:anyType[3]" xsi:type="SOAP-ENC:Array"><item xsi:type="xsd:string">done</item><item xsi:type="xsd:int">5</item><item xsi:nil="true"/>`,
    ),
  );
  const result = await new StorePortTypeAgent({ fetch })["multiCall"]!({ sessionId: "s1", calls: ["catalog.info", 42, true] });
  assert.deepEqual(result, { multiCallReturn: ["done", 5, null] });
  const wrapper = xmlTree(envelopeParts(calls[0]!.body).body);
  const array = wrapper.children[1]!;
  assert.equal(array.name, "{}calls");
  assert.equal(array.attributes[`{${ENC}}arrayType`], "xs:anyType[3]");
  assert.equal(array.attributes[`{${XSI}}type`], "{urn:Store}FixedArray");
  assert.deepEqual(
    array.children.map((c) => [c.name, c.attributes[`{${XSI}}type`], c.text]),
    [
      ["{}item", `{${XS}}string`, "catalog.info"],
      ["{}item", `{${XS}}int`, "42"],
      ["{}item", `{${XS}}boolean`, "true"],
    ],
  );
});

test("an array of strings says so (xs:string[n]); items arrive in whatever name the server gives them", async () => {
  const { fetch, calls } = capturingFetch(
    phpResponse(
      "names",
      "namesReturn",
      `SOAP-ENC:arrayType="xsd:string[2]" xsi:type="SOAP-ENC:Array"><item xsi:type="xsd:string">alpha</item><name>beta</name>`,
    ),
  );
  assert.deepEqual(await new StorePortTypeAgent({ fetch })["names"]!({ prefix: "a" }), { namesReturn: ["alpha", "beta"] });
  assert.deepEqual(xmlTree(envelopeParts(calls[0]!.body).body).children[0]!.attributes[`{${XSI}}type`], `{${XS}}string`);
});

test("values typed with SOAP encoding's restatements of the built-ins (SOAP-ENC:string) read as those built-ins", async () => {
  const { fetch } = capturingFetch(
    phpResponse(
      "names",
      "namesReturn",
      `SOAP-ENC:arrayType="xsd:string[2]" xsi:type="SOAP-ENC:Array"><item xsi:type="SOAP-ENC:string">a</item><item xsi:type="xsd:string">b</item>`,
    ),
  );
  assert.deepEqual(await new StorePortTypeAgent({ fetch })["names"]!({ prefix: "a" }), { namesReturn: ["a", "b"] });
  const wrong = capturingFetch(phpResponse("names", "namesReturn", `SOAP-ENC:arrayType="xsd:string[1]"><item xsi:type="SOAP-ENC:int">1</item>`));
  await assert.rejects(
    new StorePortTypeAgent({ fetch: wrong.fetch })["names"]!({ prefix: "a" }),
    /xsi:type \{http:\/\/www\.w3\.org\/2001\/XMLSchema\}int is not string/,
  );
});

test("the array element may also say its own type (typens:ArrayOfString); another type is a SoapDecodeError", async () => {
  const ok = capturingFetch(phpResponse("names", "namesReturn", `xsi:type="ns1:ArrayOfString"><name>x</name>`));
  assert.deepEqual(await new StorePortTypeAgent({ fetch: ok.fetch })["names"]!({ prefix: "a" }), { namesReturn: ["x"] });
  const bad = capturingFetch(phpResponse("names", "namesReturn", `xsi:type="xsd:string">x`));
  await assert.rejects(
    new StorePortTypeAgent({ fetch: bad.fetch })["names"]!({ prefix: "a" }),
    /xsi:type \{http:\/\/www\.w3\.org\/2001\/XMLSchema\}string is not ArrayOfString/,
  );
});

test("a multi-reference value (href) is a SoapDecodeError naming it, never an empty value", async () => {
  const { fetch } = capturingFetch(
    phpResponse("names", "namesReturn", `SOAP-ENC:arrayType="xsd:string[1]" xsi:type="SOAP-ENC:Array"><item href="#id1"/>`).replace(
      "</SOAP-ENV:Body>",
      '<multiRef id="id1" xsi:type="xsd:string">x</multiRef></SOAP-ENV:Body>',
    ),
  );
  await assert.rejects(new StorePortTypeAgent({ fetch })["names"]!({ prefix: "a" }), /<item> is a multi-reference value \(href\)/);
});

test("node-soap, serving the same WSDL, reads the array's items and answers one", async () => {
  const srv = await listen();
  try {
    const received: unknown[] = [];
    soap.listen(
      srv.server,
      "/store",
      { StoreService: { StorePort: { multiCall: (a: unknown) => (received.push(a), { multiCallReturn: ["x", 5] }) } } },
      readFileSync(path.join(ROOT, "test/fixtures/EncodedArrays.wsdl"), "utf8"),
    );
    // node-soap answers without xsi:type, so an xs:anyType item is its text.
    assert.deepEqual(await new StorePortTypeAgent({ endpoint: `${srv.url}/store` })["multiCall"]!({ sessionId: "s1", calls: ["a", 1] }), {
      multiCallReturn: ["x", "5"],
    });
    const calls = (received[0] as { calls: { item: { $value: string }[] } }).calls;
    assert.deepEqual(
      calls.item.map((i) => i.$value),
      ["a", "1"],
    );
  } finally {
    await srv.close();
  }
});
