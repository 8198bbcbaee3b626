import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT, runCli } from "./helpers/cli.js";
import { SHARED } from "./helpers/capture.js";
import { tempDir } from "./helpers/temp.js";

const USER_WSDL = fileURLToPath(new URL("services88/wsdl/User.wsdl", SHARED));
const userWsdl = readFileSync(USER_WSDL, "utf8");
const tmp = () => tempDir("soap-ts-gen-");

/** Writes a WSDL variant and an output folder holding a sentinel, runs the CLI, returns both. */
function generateVariant(wsdl: string, name = "Broken.wsdl") {
  const dir = tmp();
  const file = path.join(dir, name);
  writeFileSync(file, wsdl);
  const out = path.join(dir, "out");
  mkdirSync(out);
  writeFileSync(path.join(out, "sentinel.ts"), "// previous output\n");
  return { ...runCli(["--wsdl", file, "--out", out]), file, out };
}

function assertFailsUntouched(r: ReturnType<typeof generateVariant>, pattern: RegExp) {
  assert.equal(r.code, 1, `expected exit 1, got ${r.code}\n${r.stderr}`);
  assert.match(r.stderr, pattern);
  assert.deepEqual(readdirSync(r.out), ["sentinel.ts"], "the output folder must be left as it was");
  assert.equal(readFileSync(path.join(r.out, "sentinel.ts"), "utf8"), "// previous output\n");
}

test("the checked-in generated/ is what the WSDLs give (npm run generate -- --check)", () => {
  const r = runCli(["--check"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /58 agents, 1964 operations/);
});

test("--check lists stale files and exits 1", () => {
  const dir = tmp();
  const out = path.join(dir, "out");
  assert.equal(runCli(["--wsdl", USER_WSDL, "--out", out]).code, 0);
  writeFileSync(path.join(out, "user.ts"), readFileSync(path.join(out, "user.ts"), "utf8") + "// hand edit\n");
  writeFileSync(path.join(out, "extra.ts"), "\n");
  const r = runCli(["--wsdl", USER_WSDL, "--out", out, "--check"]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /user\.ts \(differs\)/);
  assert.match(r.stderr, /extra\.ts \(not generated\)/);
});

test("generation is deterministic: the same WSDL gives byte-identical output", () => {
  const a = path.join(tmp(), "a");
  const b = path.join(tmp(), "b");
  assert.equal(runCli(["--wsdl", USER_WSDL, "--out", a]).code, 0);
  assert.equal(runCli(["--wsdl", USER_WSDL, "--out", b]).code, 0);
  const files = readdirSync(a).sort();
  assert.deepEqual(files, readdirSync(b).sort());
  for (const f of files) assert.equal(readFileSync(path.join(a, f), "utf8"), readFileSync(path.join(b, f), "utf8"), f);
});

test("every User operation gets a method, and generated/ passes tsc --noEmit --strict", () => {
  const ops = [...userWsdl.matchAll(/<soap:operation soapAction="[^"]*\/User\/(\w+)"/g)].map((m) => m[1]!);
  assert.equal(ops.length, 96);
  const user = readFileSync(path.join(ROOT, "generated/services88/user.ts"), "utf8");
  for (const op of ops) {
    const method = op.replace(/^[A-Z]+(?=[A-Z][a-z]|$)|^[A-Z]/, (s) => s.toLowerCase());
    assert.match(user, new RegExp(`\\n  ${method}\\(request\\??: ${op}Request`), `method for ${op}`);
  }
  const dir = tmp();
  const tsconfig = path.join(dir, "tsconfig.json");
  writeFileSync(
    tsconfig,
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        lib: ["ES2022", "DOM"],
        types: [],
        skipLibCheck: true,
        noUnusedLocals: true,
      },
      files: [
        path.join(ROOT, "generated/services88/index.ts"),
        ...readdirSync(path.join(ROOT, "generated/services88"))
          .filter((f) => f.endsWith(".ts"))
          .map((f) => path.join(ROOT, "generated/services88", f)),
      ],
    }),
  );
  const tsc = spawnSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", tsconfig], { encoding: "utf8" });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  assert.doesNotMatch(
    readdirSync(path.join(ROOT, "generated/services88"))
      .map((f) => readFileSync(path.join(ROOT, "generated/services88", f), "utf8"))
      .join(""),
    /:\s*any\b|<any>|as any\b/,
    "no `any` in generated code",
  );
});

test("malformed XML stops with file, line and column; the output folder is untouched", () => {
  const broken = userWsdl.replace(
    '<xs:element minOccurs="0" name="AssociateId" type="xs:int" />',
    '<xs:element minOccurs="0" name="AssociateId" type="xs:int" >',
  );
  const r = generateVariant(broken);
  const line = broken.slice(0, broken.indexOf('name="AssociateId"')).split("\n").length;
  assertFailsUntouched(r, new RegExp(`Broken\\.wsdl:\\d+:\\d+: error: malformed XML`));
  assert.ok(Number(/Broken\.wsdl:(\d+):/.exec(r.stderr)![1]) >= line);
});

test("a dangling type reference names the missing QName and who refers to it", () => {
  const r = generateVariant(
    userWsdl.replace('name="TableRight" nillable="true" type="tns:TableRight"', 'name="TableRight" nillable="true" type="tns:NoSuchType"'),
  );
  assertFailsUntouched(
    r,
    /Broken\.wsdl:\d+:\d+: error: type \{http:\/\/www\.superoffice\.net\/ws\/crm\/NetServer\/Services88\}NoSuchType not found \(referred to by element TableRight of complexType Carrier\)/,
  );
});

test("a dangling message reference names the message and the referrer", () => {
  const r = generateVariant(userWsdl.replace('message="tns:RegisterWithAccessGatewayRequest"', 'message="tns:Missing"'));
  assertFailsUntouched(r, /error: message \{http:\/\/www\.superoffice\.net\/ws\/crm\/NetServer\/Services88\}Missing not found/);
});

test("an undeclared QName prefix is an error, not a guess", () => {
  const r = generateVariant(userWsdl.replace('type="tns:ArrayOfLicenseOwner"', 'type="q99:ArrayOfLicenseOwner"'));
  assertFailsUntouched(r, /uses prefix "q99", which is not declared in scope/);
});

test("unsupported XSD constructs are named with their location", () => {
  const r = generateVariant(userWsdl.replace('<xs:complexType name="SoCredentials">', '<xs:complexType name="SoCredentials"><xs:assert test="true()" />'));
  assertFailsUntouched(r, /Broken\.wsdl:\d+:\d+: error: unsupported XSD construct: xs:assert in complexType SoCredentials/);
});

test("DOCTYPE and entities in a WSDL are refused, never expanded", () => {
  const secret = path.join(tmp(), "secret.txt");
  writeFileSync(secret, "TOP-SECRET-CONTENT");
  const hostile = userWsdl
    .replace(
      '<?xml version="1.0" encoding="utf-8"?>',
      `<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE wsdl:definitions [<!ENTITY xxe SYSTEM "file://${secret}">]>`,
    )
    .replace('name="WcfUserService"', 'name="&xxe;"');
  const r = generateVariant(hostile);
  assertFailsUntouched(r, /Broken\.wsdl:2:1: error: a DOCTYPE that declares entities is not allowed/);
  assert.doesNotMatch(r.stderr + r.stdout, /TOP-SECRET/);
});

test("QName prefixes are resolved through the scope of the node that holds them", () => {
  // Rebind tns-like prefix q8 locally to another namespace: the type must then be looked up there.
  const wsdl = userWsdl.replace(
    '<xs:element minOccurs="0" name="Mask" type="tns:ETableRight" />',
    '<xs:element minOccurs="0" name="Mask" type="q8:ETableRight" xmlns:q8="http://www.superoffice.net/ws/crm/NetServer/Services88" />',
  );
  const dir = tmp();
  writeFileSync(path.join(dir, "User.wsdl"), wsdl);
  const out = path.join(dir, "out");
  const r = runCli(["--wsdl", path.join(dir, "User.wsdl"), "--out", out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(readFileSync(path.join(out, "schema.ts"), "utf8"), /\["Mask", ETableRight, O\]/);
  const wrong = generateVariant(wsdl.replace('xmlns:q8="http://www.superoffice.net/ws/crm/NetServer/Services88"', 'xmlns:q8="urn:elsewhere"'));
  assertFailsUntouched(wrong, /type \{urn:elsewhere\}ETableRight not found/);
});

test("usage errors exit 2, --help lists every option", () => {
  assert.equal(runCli(["--bogus"]).code, 2);
  const help = runCli(["--help"]);
  assert.equal(help.code, 0);
  for (const opt of ["--config", "--wsdl", "--out", "--check", "--emit-ir", "--help"]) assert.match(help.stdout, new RegExp(opt));
  assert.ok(!existsSync(path.join(ROOT, "generated/services88/sentinel.ts")));
});

test("two WSDLs that disagree about a named type stop the generator, naming both files", () => {
  const dir = tmp();
  const a = path.join(dir, "User.wsdl");
  const b = path.join(dir, "Other.wsdl");
  writeFileSync(a, userWsdl);
  // Another agent whose Carrier differs (one member dropped).
  writeFileSync(
    b,
    userWsdl
      .replace(/<wsdl:portType name="User">/, '<wsdl:portType name="Other">')
      .replace('type="tns:User">', 'type="tns:Other">')
      .replace('<xs:element minOccurs="0" name="FieldProperties" nillable="true" type="tns:FieldPropertyDictionary" />', ""),
  );
  const out = path.join(dir, "out");
  const r = runCli(["--wsdl", a, "--wsdl", b, "--out", out]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    /type Carrier in namespace http:\/\/www\.superoffice\.net\/ws\/crm\/NetServer\/Services88 is declared differently in .*(User|Other)\.wsdl and .*(User|Other)\.wsdl/,
  );
  assert.ok(!existsSync(out));
});

test("shared types are generated once; same-named wrappers stay with their agents", () => {
  const types = readFileSync(path.join(ROOT, "generated/services88/types.ts"), "utf8");
  assert.equal(types.match(/^export interface Carrier \{/gm)?.length, 1);
  const contact = readFileSync(path.join(ROOT, "generated/services88/contact.ts"), "utf8");
  const person = readFileSync(path.join(ROOT, "generated/services88/person.ts"), "utf8");
  // Both agents have an operation wrapper named <GetAddress>, with their own shapes.
  assert.match(contact, /^export interface GetAddressRequest \{/m);
  assert.match(person, /^export interface GetAddressRequest \{/m);
  assert.match(readFileSync(path.join(ROOT, "generated/services88/license.ts"), "utf8") + types, /CryptographyDSAParameters/);
});

test("a document over maxInputBytes is refused before it is parsed", () => {
  const dir = tmp();
  writeFileSync(path.join(dir, "User.wsdl"), userWsdl);
  writeFileSync(
    path.join(dir, "small.json"),
    JSON.stringify({ wsdl: path.join(dir, "User.wsdl"), out: "out", runtime: path.join(ROOT, "runtime"), maxInputBytes: 100_000 }),
  );
  const r = runCli(["--config", path.join(dir, "small.json")]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /User\.wsdl: error: document is \d+ bytes, over the 100000-byte limit; raise maxInputBytes in the config if it is genuine/);
  assert.ok(!existsSync(path.join(dir, "out")));
});

test("every declared method exists at run time on all 58 agents and calls its own operation", async () => {
  // Methods are declared in each agent's interface and installed by the runtime from the
  // operations table: the two must agree for every operation.
  const api = JSON.parse(readFileSync(path.join(ROOT, "generated/services88/api.json"), "utf8")) as {
    agents: Record<string, { class: string; operations: Record<string, { method: string }> }>;
  };
  const sdk = (await import("../generated/services88/index.js")) as unknown as Record<
    string,
    new (o: object) => Record<string, (r?: object) => Promise<unknown>>
  >;
  let checked = 0;
  for (const [agent, { class: className, operations }] of Object.entries(api.agents)) {
    const actions: string[] = [];
    const fetch = async (_url: string, init: { headers: Record<string, string> }) => {
      actions.push(init.headers["SOAPAction"]!);
      return new Response("", { status: 500 });
    };
    const client = new sdk[className]!({ baseUrl: "https://tenant.example/Cust1/Remote/Services88/", fetch });
    for (const [op, { method }] of Object.entries(operations)) {
      assert.equal(typeof client[method], "function", `${className}.${method}`);
      await client[method]!({}).catch(() => {});
      assert.match(actions.at(-1)!, new RegExp(`/${op}"$`), `${agent}.${op} goes out as ${op}`);
      checked++;
    }
  }
  assert.equal(checked, 1964);
});
