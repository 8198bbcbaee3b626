// Names that are reserved words or invalid identifiers in TypeScript, and names that
// differ only by case, give valid, stable code that still speaks the WSDL's names on the wire.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, runCli } from "./helpers/cli.js";
import { capturingFetch } from "./helpers/capture.js";
import { xmlTree } from "./helpers/xml.js";

const FIXTURE = path.join(ROOT, "test/fixtures/Reserved.wsdl");

test("reserved words, dotted and dashed names, case twins: valid code, original names on the wire", async () => {
  // Inside the repository so the generated code resolves the runtime and its dependencies.
  const out = mkdtempSync(path.join(ROOT, "scratch-reserved-"));
  try {
    const r = runCli(["--wsdl", FIXTURE, "--out", out]);
    assert.equal(r.code, 0, r.stderr); // the generator type-checks its output strictly
    const again = mkdtempSync(path.join(ROOT, "scratch-reserved-"));
    assert.equal(runCli(["--wsdl", FIXTURE, "--out", again]).code, 0);
    for (const f of ["types.ts", "schema.ts", "my-agent.ts", "index.ts"])
      assert.equal(readFileSync(path.join(out, f), "utf8"), readFileSync(path.join(again, f), "utf8"), `${f} is stable`);
    (await import("node:fs")).rmSync(again, { recursive: true });

    const types = readFileSync(path.join(out, "types.ts"), "utf8");
    // Type names are PascalCase, so a reserved word (class, default) is no longer one.
    assert.match(types, /export interface Class \{/);
    assert.match(types, /export type Default = "class" \| "a-b" \| "it's";/);
    assert.match(types, /export interface Foo \{/);
    assert.match(types, /export interface foo \{/);
    assert.match(types, /"a\.b"\?: number;/);
    assert.match(types, /"x-y"\?: string \| null;/);

    const mod = (await import(pathToFileURL(path.join(out, "index.ts")).href)) as Record<
      string,
      new (o: object) => Record<string, (r: object) => Promise<unknown>>
    >;
    const Agent = mod["My_agentAgent"]!;
    const response = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><deleteResponse xmlns="urn:reserved"><Response><default>d</default><a.b>7</a.b><x-y>z</x-y><constructor>true</constructor><__proto__>polluted?</__proto__><kind>it's</kind></Response></deleteResponse></s:Body></s:Envelope>`;
    const { fetch, calls } = capturingFetch(response);
    const agent = new Agent({ fetch });
    const value = (await agent["delete"]!({ class: { default: "d", "a.b": 7, "x-y": null, constructor: true, kind: "a-b" } })) as Record<string, unknown>;
    assert.equal(calls[0]!.headers["SOAPAction"], '"urn:reserved/delete"');
    assert.deepEqual(
      xmlTree(calls[0]!.body).children[0]!.children[0],
      xmlTree(
        `<delete xmlns="urn:reserved" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><class><default>d</default><a.b>7</a.b><x-y xsi:nil="true"/><constructor>true</constructor><kind>a-b</kind></class></delete>`,
      ),
    );
    assert.equal(value["default"], "d");
    assert.equal(value["a.b"], 7);
    assert.equal(value["kind"], "it's");
    assert.equal(Object.getPrototypeOf(value), Object.prototype, "a member named __proto__ is data, not a prototype");
    assert.equal(Object.getOwnPropertyDescriptor(value, "__proto__")?.value, "polluted?");
    // Reserved words are fine as method names (delete); operations that differ only by case get
    // distinct methods; names the client has already get a "_"; odd names are reachable too.
    assert.equal(typeof agent["delete2"], "function");
    assert.equal(typeof agent["get_Thing"], "function");
    assert.equal(typeof agent["invoke_"], "function");
    assert.equal(typeof agent["isFault_"], "function");
    assert.equal(typeof agent["isFault"], "function", "the client's own isFault stays");
  } finally {
    (await import("node:fs")).rmSync(out, { recursive: true, force: true });
  }
});
