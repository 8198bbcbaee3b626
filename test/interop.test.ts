// Real SOAP servers that nobody on this project wrote, from Debian's packages: PHP's SoapServer
// (document/literal over SOAP 1.1 and 1.2, and rpc/encoded with SOAP-encoded arrays) and spyne
// (its own published WSDL, SOAP 1.1 and 1.2). Each client is generated from the WSDL the server
// publishes, over HTTP, and every value must come back exact: text with markup, CR/LF and edge
// spaces, a 120 KB string, a long beyond 2^53, a decimal no double holds, optional members, an
// attribute, lists of 0, 1 and 2 complex items, a declared fault, an operation with no input and
// one with no output. scripts/ensure-interop.sh installs php-cli, php-soap and python3-spyne.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, runCliAsync } from "./helpers/cli.js";
import { freePort, startServer } from "./helpers/process.js";
import { tempDir } from "./helpers/temp.js";

const HERE = path.join(ROOT, "test/interop");
const TEXT = ' <b>a & "b"</b>\r\n\tline two, ]]> and edges  ';
const LONG_TEXT = "x€\n".repeat(40_000); // 120 KB in UTF-8
const BIG = 9007199254740993n; // 2^53 + 1: a double rounds it
const AMOUNT = "12345678901234567890.123456789"; // a double keeps 17 digits of it
const tags = [
  [],
  [{ weight: 1, name: "one" }],
  [
    { weight: -2, name: "two <2>" },
    { weight: 3, name: "" },
  ],
];

/** Generates a client from a WSDL URL (through a config, for the options) and imports its index. */
async function generated<T>(name: string, wsdl: string, extra: object = {}): Promise<T> {
  const dir = tempDir(`interop-${name}-`, ROOT);
  const config = path.join(dir, "soap-ts-gen.config.json");
  writeFileSync(config, JSON.stringify({ wsdl: [wsdl], out: "out", runtime: path.join(ROOT, "runtime"), ...extra }));
  const r = await runCliAsync(["--config", config]);
  assert.equal(r.code, 0, r.stderr);
  return (await import(pathToFileURL(path.join(dir, "out/index.ts")).href)) as T;
}

type Item = { id?: string; text: string; big: bigint; count: number; amount: string; note?: string; tag?: { weight: number; name: string }[] };
// The generic profile: clients named after the service, a lone response member returned as is.
type Literal = new (o: object) => {
  echo(r: { item: Item }): Promise<{ item: Item; length: number }>;
  ping(): Promise<string>;
  fail(r: { code: number }): Promise<void>;
  log(r: { line: string }): Promise<void>;
};

describe("PHP SoapServer, document/literal", () => {
  let php: Awaited<ReturnType<typeof startServer>>;
  let url: string;
  let log: string;
  let clients: { InteropClient: Literal; InteropSoap12Client: Literal; SoapFaultError: new () => Error };
  before(async () => {
    const port = await freePort();
    log = path.join(tempDir("interop-log-"), "log.txt");
    writeFileSync(log, "");
    php = await startServer("php", ["-S", `127.0.0.1:${port}`, path.join(HERE, "php-literal.php")], /Development Server .* started/, { INTEROP_LOG: log });
    url = `http://127.0.0.1:${port}/`;
    clients = await generated("php", `${url}?wsdl`, { soapVersion: "both" });
  });
  after(() => php?.stop());

  for (const version of ["1.1", "1.2"] as const)
    test(`SOAP ${version}: every value comes back exact, with lists of 0, 1 and 2 items`, async () => {
      const Client = version === "1.1" ? clients.InteropClient : clients.InteropSoap12Client;
      const agent = new Client({ endpoint: url });
      for (const tag of tags) {
        const item: Item = { id: 'i"d<', text: TEXT, big: BIG, count: -2147483648, amount: AMOUNT, tag };
        // No items is no element on the wire, so the member is absent.
        const { tag: _, ...none } = item;
        assert.deepEqual(await agent.echo({ item }), { item: tag.length ? item : none, length: Buffer.byteLength(TEXT) });
      }
      const long = { text: LONG_TEXT, big: -BIG, count: 0, amount: "-0.000000000000000000001", note: LONG_TEXT };
      assert.deepEqual(await agent.echo({ item: long }), { item: long, length: Buffer.byteLength(LONG_TEXT) });
      assert.equal(await agent.ping(), "pong");
    });

  test("a declared fault arrives as SoapFaultError with its detail decoded", async () => {
    for (const Client of [clients.InteropClient, clients.InteropSoap12Client]) {
      const e = (await new Client({ endpoint: url }).fail({ code: 7 }).catch((x: unknown) => x)) as Error & { fault?: unknown; message: string };
      assert.ok(e instanceof clients.SoapFaultError, String(e));
      assert.match(e.message, /failed on purpose/);
      assert.deepEqual(e.fault, { name: "FailFault", value: { code: 7, reason: "code <7>" } });
    }
  });

  test("an operation with no output: the call resolves on 202 Accepted and the server has the line", async () => {
    await new clients.InteropClient({ endpoint: url }).log({ line: "one <way>\r\n" });
    assert.equal(readFileSync(log, "utf8"), "one <way>\r\n");
  });
});

describe("PHP SoapServer, rpc/encoded", () => {
  let php: Awaited<ReturnType<typeof startServer>>;
  let url: string;
  type Enc = new (o: object) => {
    reverse(r: { list: string[] }): Promise<string[] | null>;
    movePoints(r: { points: { x: number; label: string }[]; dx: number }): Promise<{ x: number; label: string }[] | null>;
    nothing(): Promise<string | null>;
  };
  let EncClient: Enc;
  before(async () => {
    const port = await freePort();
    php = await startServer("php", ["-S", `127.0.0.1:${port}`, path.join(HERE, "php-encoded.php")], /Development Server .* started/);
    url = `http://127.0.0.1:${port}/`;
    ({ EncClient } = await generated<{ EncClient: Enc }>("php-enc", `${url}?wsdl`));
  });
  after(() => php?.stop());

  test("SOAP-encoded arrays of 0, 1 and 2 strings and of structs, and a nil return", async () => {
    const agent = new EncClient({ endpoint: url });
    for (const list of [[], [TEXT], ["a", LONG_TEXT]]) assert.deepEqual(await agent.reverse({ list }), [...list].reverse());
    const points = [
      { x: 1, label: "a<" },
      { x: -2, label: "" },
    ];
    assert.deepEqual(await agent.movePoints({ points, dx: 10 }), [
      { x: 11, label: "a<" },
      { x: 8, label: "" },
    ]);
    assert.equal(await agent.nothing(), null);
  });
});

for (const version of ["11", "12"] as const)
  describe(`spyne, SOAP ${version === "11" ? "1.1" : "1.2"}, from its own WSDL`, () => {
    let spyne: Awaited<ReturnType<typeof startServer>>;
    type Spyne = new (o: object) => {
      echo(r: { item: object }): Promise<object | null>;
      ping(): Promise<string | null>;
      refuse(r: { code: number }): Promise<unknown>;
    };
    let clients: { InteropClient: Spyne; SoapFaultError: new () => Error };
    let url: string;
    before(async () => {
      spyne = await startServer("/usr/bin/python3", [path.join(HERE, "spyne_service.py"), version], /listening (\d+)/);
      url = `http://127.0.0.1:${spyne.match[1]}/`;
      clients = await generated(`spyne${version}`, `${url}?wsdl`, { soapVersion: version === "11" ? "1.1" : "1.2" });
    });
    after(() => spyne?.stop());

    test("every value comes back exact, with lists of 0, 1 and 2 items", async () => {
      const agent = new clients.InteropClient({ endpoint: url });
      for (const tag of tags) {
        const item = { id: "i<d", text: TEXT, big: BIG, count: 2147483647, amount: AMOUNT, note: LONG_TEXT, tags: tag };
        assert.deepEqual(await agent.echo({ item }), item);
      }
      assert.equal(await agent.ping(), "pong");
    });

    test("its fault arrives as SoapFaultError with code and text", async () => {
      const e = (await new clients.InteropClient({ endpoint: url }).refuse({ code: 5 }).catch((x: unknown) => x)) as Error & { code?: string };
      assert.ok(e instanceof clients.SoapFaultError, String(e));
      assert.match(e.message, /refused <5>/);
    });
  });
