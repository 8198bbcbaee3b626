// What published WSDLs do that schema processors read one way: names with stray whitespace, and
// an import of the XML Schema namespace itself.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeEnvelope } from "../runtime/decode.js";
import { operations } from "../runtime/schema.js";
import { xsInt } from "../runtime/xsd.js";
import { listen } from "./helpers/server.js";
import { modelOf, oneOperationWsdl } from "./helpers/wsdl.js";
import { wrapperType } from "./helpers/sample.js";
import { elementsOf } from "../generator/ir/model.js";

const wsdl = (types: string, response: string) => oneOperationWsdl({ ns: "urn:q", op: "Get", portType: "Q", types, response });
const read = (text: string) => modelOf(text, "Q.wsdl");

test('name="ResultCode " is the NCName ResultCode (whitespace collapsed), and <ResultCode> decodes', async () => {
  const model = await read(wsdl("", '<xs:element name="ResultCode " type="xs:int"/><xs:element name="\tOther\n" type="xs:int"/>'));
  const members = elementsOf(wrapperType(model.services[0]!.operations[0]!.output.body).content);
  assert.deepEqual(
    members.map((e) => e.name),
    ["ResultCode", "Other"],
  );
  // As the generated descriptors then have it, a server's <ResultCode> is read.
  const op = operations(
    "urn:q",
    "",
    { in: [], out: [] },
    {
      Get: [
        [],
        [
          ["ResultCode", xsInt, 0],
          ["Other", xsInt, 0],
        ],
      ],
    },
  ).Get;
  const env = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetResponse xmlns="urn:q"><ResultCode>7</ResultCode><Other>8</Other></GetResponse></s:Body></s:Envelope>`;
  assert.deepEqual(decodeEnvelope(env, op, new Map()).body, { ResultCode: 7, Other: 8 });
});

test("an xs:import of the XML Schema namespace is not fetched: its types are built in, and a warning says so", async () => {
  let fetched = 0;
  const srv = await listen((_req, res) => {
    fetched++;
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<html><body>Mono's help page</body></html>");
  });
  try {
    const model = await read(
      wsdl(`<xs:import namespace="http://www.w3.org/2001/XMLSchema" schemaLocation="${srv.url}/svc?xsd="/>`, '<xs:element name="When" type="xs:dateTime"/>'),
    );
    assert.equal(fetched, 0);
    assert.equal(model.services[0]!.operations.length, 1);
    assert.match(
      model.warnings.join("\n"),
      /Q\.wsdl:3:\d+: warning: xs:import of the XML Schema namespace itself \(schemaLocation="http:\/\/127\.0\.0\.1:\d+\/svc\?xsd="\): its types are built in, so it is not fetched/,
    );
  } finally {
    await srv.close();
  }
});
