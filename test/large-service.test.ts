// A service too large for one file (1,200 operations in one portType: 0.8 MB of agent code, its
// operations table apart) is
// split into parts under the size limit, keeping every public name where it was: the client and
// its wrapper types from the agent's module, every method on the client, calls on the wire.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { SPLIT_AT } from "../generator/emit/render.js";
import { runCli, typecheck } from "./helpers/cli.js";
import { capturingFetch } from "./helpers/capture.js";
import { tempDir } from "./helpers/temp.js";
import { manyOperationsWsdl } from "./helpers/wsdl.js";

test("1,200 operations: the agent's file and its parts, each under the limit, type-checked, one API", { timeout: 300_000 }, async () => {
  const dir = tempDir("large-");
  const wsdl = path.join(dir, "Many.wsdl");
  writeFileSync(wsdl, manyOperationsWsdl(1200));
  const out = path.join(dir, "out");
  const r = runCli(["--wsdl", wsdl, "--out", out, "--profile", "generic"]);
  assert.equal(r.code, 0, r.stderr);

  const sizes = Object.fromEntries(readdirSync(out).map((f) => [f, statSync(path.join(out, f)).size]));
  assert.deepEqual(
    Object.keys(sizes).filter((f) => f.startsWith("many")),
    ["many.operations.ts", "many.part-1.ts", "many.part-2.ts", "many.part-3.ts", "many.ts"],
  );
  for (const [f, bytes] of Object.entries(sizes)) assert.ok(bytes <= SPLIT_AT, `${f}: ${bytes} bytes`);
  const main = readFileSync(path.join(out, "many.ts"), "utf8");
  assert.match(main, /^export type \* from "\.\/many\.part-3\.js";$/m);
  assert.match(main, /^export interface ManyClient extends ManyClientMethods1, ManyClientMethods2, ManyClientMethods3 \{\n\}$/m);
  // A wrapper shared across parts is declared once and imported where another part's methods name it.
  assert.match(readFileSync(path.join(out, "many.part-2.ts"), "utf8"), /^import type \{ SharedResponse \} from "\.\/many\.part-1\.js";$/m);

  writeFileSync(
    path.join(dir, "app.ts"),
    `import { ManyClient, type Op0000Item } from "./out/index.js";
import type { Op0999Request, SharedResponse, Op0000Response } from "./out/many.js";
const request: Op0999Request = { Item: { Id: 1 } };
export const last: Promise<SharedResponse> = new ManyClient().op0999(request);
// A lone response member resolves to itself (the generic profile); invoke() gives the wrapper.
export const first: Promise<Op0000Item | undefined> = new ManyClient().op0000({ Item: {} });
export const whole: Promise<Op0000Response> = new ManyClient().invoke("Op0000", { Item: {} }).then((r) => r.body);
// @ts-expect-error: the members are typed in every part
new ManyClient().op0500({ Item: { Id: "one" } });
`,
  );
  const tsc = typecheck("app.ts", dir);
  assert.equal(tsc.code, 0, tsc.output);

  const { ManyClient } = (await import(pathToFileURL(path.join(out, "index.ts")).href)) as {
    ManyClient: new (o: object) => Record<string, (r: object) => Promise<unknown>>;
  };
  const { fetch, calls } = capturingFetch(
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Shared xmlns="urn:many"><Code>7</Code></Shared></s:Body></s:Envelope>`,
  );
  const client = new ManyClient({ endpoint: "http://many.example/svc", fetch });
  assert.deepEqual(await client.op0999!({ Item: { Id: 9 } }), { Code: 7 });
  assert.match(calls[0]!.body, /<Op0999 xmlns="urn:many"><Item><Id>9<\/Id><\/Item><\/Op0999>/);
  assert.equal(calls[0]!.headers["SOAPAction"], '"urn:many/Op0999"');
});
