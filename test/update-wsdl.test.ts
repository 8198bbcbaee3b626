// npm run update-wsdl against a local tenant: every agent is fetched and checked before anything
// is swapped in, and any failure leaves the folder and the agent list as they were.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { GeneratorError } from "../generator/diagnostics.js";
import { readAgentList, sha256 } from "../generator/wsdl/agent-list.js";
import { updateWsdl, type UpdateOptions } from "../generator/wsdl/update.js";
import { ROOT, runCli } from "./helpers/cli.js";
import { listen } from "./helpers/server.js";
import { tempDir } from "./helpers/temp.js";

const wsdl = (agent: string, version = 1) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<wsdl:definitions name="${agent}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"><wsdl:documentation>v${version}</wsdl:documentation></wsdl:definitions>\n`;

/** What the tenant does for each agent's `?singleWsdl`. */
const behaviour = new Map<string, (res: import("node:http").ServerResponse) => void>();
let srv: Awaited<ReturnType<typeof listen>>;
const BASE = () => `${srv.url}/Cust1/Remote/Services88/`;

before(async () => {
  srv = await listen((req, res) => {
    const m = /\/(\w+)\.svc\?singleWsdl$/.exec(req.url ?? "");
    const act = m && behaviour.get(m[1]!);
    if (!act) {
      res.statusCode = 404;
      res.end("not found");
      return;
    }
    act(res);
  });
});
after(() => srv.close());

const serve =
  (text: string, type = "text/xml; charset=utf-8") =>
  (res: import("node:http").ServerResponse) => {
    res.setHeader("content-type", type);
    res.end(text);
  };

/** A WSDL folder and agent list as update-wsdl left them, with agents A and B at version 1. */
function workspace(): { folder: string; list: string; options: (extra: Partial<UpdateOptions>) => UpdateOptions; log: string[]; snapshot: () => string } {
  const dir = tempDir("update-wsdl-");
  const folder = path.join(dir, "wsdl-files");
  mkdirSync(folder);
  for (const a of ["A", "B"]) writeFileSync(path.join(folder, `${a}.wsdl`), wsdl(a));
  const list = path.join(dir, "agents.json");
  const entries = ["A", "B"].map((a) => {
    const bytes = Buffer.from(wsdl(a));
    return `    {"agent":"${a}","file":"${a}.wsdl","sha256":"${sha256(bytes)}","size":${bytes.length},"source":"https://old.example/${a}.svc?singleWsdl","date":"2026-01-01"}`;
  });
  writeFileSync(list, `{\n  "agents": [\n${entries.join(",\n")}\n  ]\n}\n`);
  const log: string[] = [];
  const snapshot = () =>
    JSON.stringify([
      readFileSync(list, "utf8"),
      readdirSync(folder)
        .sort()
        .map((f) => [f, readFileSync(path.join(folder, f), "utf8")]),
    ]);
  return {
    folder,
    list,
    log,
    snapshot,
    options: (extra) => ({
      folder,
      listFile: list,
      base: BASE(),
      timeoutMs: 2000,
      // No test waits on the clock: this one never fires (the timeout case fires its own).
      timeoutSignal: () => new AbortController().signal,
      maxBytes: 64 * 1024,
      maxRedirects: 2,
      today: "2026-11-28",
      log: (l) => log.push(l),
      ...extra,
    }),
  };
}

test("a refresh from a tenant swaps in what changed, reports it, and records it in the agent list", async () => {
  const w = workspace();
  behaviour.set("A", serve(wsdl("A")));
  behaviour.set("B", serve(wsdl("B", 2)));
  // A redirect (to another path on the tenant) is followed.
  behaviour.set("C", (res) => {
    res.statusCode = 302;
    res.setHeader("location", "/moved/C2.svc?singleWsdl");
    res.end();
  });
  behaviour.set("C2", serve(wsdl("C")));
  const result = await updateWsdl(w.options({ discover: ["C", "Nope"] }));
  assert.deepEqual(
    { added: result.added, changed: result.changed, removed: result.removed, unchanged: result.unchanged, written: result.written },
    {
      added: [{ file: "C.wsdl", after: wsdl("C").length }],
      changed: [{ file: "B.wsdl", before: wsdl("B").length, after: wsdl("B", 2).length }],
      removed: [],
      unchanged: 1,
      written: true,
    },
  );
  assert.equal(readFileSync(path.join(w.folder, "B.wsdl"), "utf8"), wsdl("B", 2));
  assert.equal(readFileSync(path.join(w.folder, "C.wsdl"), "utf8"), wsdl("C"));
  const list = readAgentList(w.list).agents;
  assert.deepEqual(
    list.map((a) => [a.agent, a.source.replace(srv.url, ""), a.date]),
    [
      ["A", "https://old.example/A.svc?singleWsdl", "2026-01-01"],
      ["B", "/Cust1/Remote/Services88/B.svc?singleWsdl", "2026-11-28"],
      // Where the file really came from: the redirect's target.
      ["C", "/moved/C2.svc?singleWsdl", "2026-11-28"],
    ],
  );
  assert.equal(list[1]!.sha256, sha256(Buffer.from(wsdl("B", 2))));
  assert.match(w.log.join("\n"), /Nope: not served \(HTTP 404/);
  assert.match(
    w.log.join("\n"),
    /  added    C\.wsdl \(\d+ bytes\)\n  changed  B\.wsdl \(\d+ bytes -> \d+ bytes\)\n3 agents checked: 1 added, 1 changed, 0 removed/,
  );

  // The same again: nothing changed, nothing written.
  const mtime = statSync(w.list).mtimeMs;
  const again = await updateWsdl(w.options({}));
  assert.equal(again.written, false);
  assert.equal(statSync(w.list).mtimeMs, mtime);
  assert.match(w.log.at(-1)!, /^3 agents checked: nothing changed, nothing written$/);

  // --remove drops an agent gone upstream.
  const removed = await updateWsdl(w.options({ remove: ["C"] }));
  assert.deepEqual(removed.removed, [{ file: "C.wsdl", before: wsdl("C").length }]);
  assert.deepEqual(readdirSync(w.folder).sort(), ["A.wsdl", "B.wsdl"]);
  assert.deepEqual(
    readAgentList(w.list).agents.map((a) => a.agent),
    ["A", "B"],
  );
});

test("any failing agent stops the refresh before anything is swapped, naming the agent and URL", async () => {
  const cases: [string, (res: import("node:http").ServerResponse) => void, RegExp][] = [
    [
      "server error",
      (res) => ((res.statusCode = 500), res.end("boom")),
      /B: HTTP 500 Internal Server Error from http:\/\/127\.0\.0\.1:\d+\/Cust1\/Remote\/Services88\/B\.svc\?singleWsdl/,
    ],
    [
      "HTML error page",
      serve("<html><body>Sign in</body></html>", "text/html; charset=utf-8"),
      /B: .*B\.svc\?singleWsdl answered with an HTML page \(text\/html; charset=utf-8\), not a WSDL/,
    ],
    ["truncated body", serve(wsdl("B").slice(0, 60)), /B: .*B\.svc\?singleWsdl:\d+:\d+: malformed XML/],
    ["DOCTYPE", serve(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]>${wsdl("B").slice(22)}`), /B: .*a DOCTYPE that declares entities is not allowed/],
    ["not a WSDL", serve(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>`), /B: .* is not a WSDL: its root is <xs:schema>, not wsdl:definitions/],
    ["oversize", serve(wsdl("B").replace("v1", "x".repeat(70 * 1024))), /B: .*over the 65536-byte limit/],
    [
      "redirect loop",
      (res) => ((res.statusCode = 301), res.setHeader("location", "/Cust1/Remote/Services88/B.svc?singleWsdl"), res.end()),
      /B: more than 2 redirects from .*B\.svc\?singleWsdl/,
    ],
    [
      "gone (404)",
      (res) => ((res.statusCode = 404), res.end()),
      /B: HTTP 404 from .*B\.svc\?singleWsdl; if the agent was removed upstream, drop it with --remove/,
    ],
    [
      "connection reset mid-body",
      (res) => {
        res.setHeader("content-type", "text/xml");
        res.setHeader("content-length", "5000");
        res.write(wsdl("B").slice(0, 80));
        setTimeout(() => res.destroy(), 20);
      },
      /B: .*(terminated|other side closed|aborted|socket)/i,
    ],
    // The time is up once the server has the request and says nothing: the clock is the event.
    ["timeout", () => clock.abort(new DOMException("timed out", "TimeoutError")), /B: no answer from .*B\.svc\?singleWsdl within 300 ms/],
    [
      "stops sending",
      (res) => {
        res.setHeader("content-type", "text/xml");
        res.write(wsdl("B").slice(0, 80), () => clock.abort(new DOMException("timed out", "TimeoutError")));
      },
      // Which of the two depends on whether the headers were read when the time ran out.
      /B: (.*B\.svc\?singleWsdl stopped sending within 300 ms|no answer from .*B\.svc\?singleWsdl within 300 ms)/,
    ],
    [
      "redirect to another host",
      (res) => ((res.statusCode = 302), res.setHeader("location", "http://user:pw@elsewhere.example/B.svc?singleWsdl"), res.end()),
      /B: .*B\.svc\?singleWsdl redirects to another host \(http:\/\/elsewhere\.example\/B\.svc\?singleWsdl\); redirects are followed on the same host only: if that is where the tenant is, pass it as --base/,
    ],
    [
      "redirect to a file",
      (res) => ((res.statusCode = 307), res.setHeader("location", "file:///etc/passwd"), res.end()),
      /B: .*B\.svc\?singleWsdl redirects to a file: URL; only http and https redirects on the same host are followed/,
    ],
  ];
  let clock = new AbortController();
  for (const [name, act, reason] of cases) {
    const w = workspace();
    const before = w.snapshot();
    behaviour.set("A", serve(wsdl("A", 2)));
    behaviour.set("B", act);
    clock = new AbortController();
    const timeoutSignal = () => clock.signal;
    await assert.rejects(updateWsdl(w.options({ timeoutMs: 300, timeoutSignal })), (e: unknown) => {
      assert.ok(e instanceof GeneratorError, name);
      assert.match(e.message, /^1 of 2 agents failed; nothing was changed:\n/, name);
      assert.match(e.message, reason, name);
      return true;
    });
    assert.equal(w.snapshot(), before, `${name}: the folder and the list are untouched (A's good update too)`);
  }
});

test("agent names from the list and from a --from folder are checked like those on the command line", async () => {
  const w = workspace();
  const escaped = { agent: "../../escaped", file: "../../escaped.wsdl", sha256: "0", size: 1, source: "x", date: "2026-01-01" };
  writeFileSync(w.list, JSON.stringify({ agents: [escaped] }));
  await assert.rejects(updateWsdl(w.options({})), (e: unknown) => {
    assert.ok(e instanceof GeneratorError);
    assert.match(e.format(), /agents\.json: error: the entry "\.\.\/\.\.\/escaped" \(file "\.\.\/\.\.\/escaped\.wsdl"\) is not an agent name/);
    return true;
  });
  writeFileSync(w.list, JSON.stringify({ agents: [{ ...escaped, agent: "A" }] }));
  await assert.rejects(updateWsdl(w.options({})), /the entry "A" \(file "\.\.\/\.\.\/escaped\.wsdl"\) is not an agent name with its <Agent>\.wsdl file/);
  writeFileSync(w.list, JSON.stringify({ agents: [] }));
  const src = tempDir("update-odd-");
  writeFileSync(path.join(src, "a b.wsdl"), wsdl("A"));
  await assert.rejects(updateWsdl(w.options({ base: undefined, from: src })), /"a b\.wsdl" is not named after an agent/);
  assert.ok(!existsSync(path.join(w.folder, "../../escaped.wsdl")));
});

test("--from a folder mirrors it; unchanged inputs write nothing", async () => {
  const w = workspace();
  const src = tempDir("update-from-");
  writeFileSync(path.join(src, "A.wsdl"), wsdl("A"));
  writeFileSync(path.join(src, "D.wsdl"), wsdl("D"));
  const r = await updateWsdl(w.options({ base: undefined, from: src }));
  assert.deepEqual([r.added.map((c) => c.file), r.changed.map((c) => c.file), r.removed.map((c) => c.file)], [["D.wsdl"], [], ["B.wsdl"]]);
  assert.deepEqual(readdirSync(w.folder).sort(), ["A.wsdl", "D.wsdl"]);
  assert.deepEqual(
    readAgentList(w.list).agents.map((a) => [a.agent, a.source === path.relative(process.cwd(), src)]),
    [
      ["A", false],
      ["D", true],
    ],
  );
  await assert.rejects(updateWsdl(w.options({ base: undefined, from: src, agents: ["Zed"] })), /Zed: no Zed\.wsdl in /);
});

test("npm run update-wsdl --from the configured folder on unchanged inputs reports nothing changed and writes nothing", () => {
  const list = path.join(ROOT, "wsdl/agents.json");
  const before = readFileSync(list, "utf8");
  const r = spawnSync(process.execPath, ["--import", "tsx", `${ROOT}generator/update-wsdl.ts`, "--from", "../shared/services88/wsdl"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "58 agents checked: nothing changed, nothing written\n");
  assert.equal(readFileSync(list, "utf8"), before);
  const usage = spawnSync(process.execPath, ["--import", "tsx", `${ROOT}generator/update-wsdl.ts`], { cwd: ROOT, encoding: "utf8" });
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /give exactly one of --base URL or --from DIR/);
});

test("the generator holds the WSDL folder to the agent list", () => {
  const dir = tempDir("agent-list-");
  const folder = path.join(dir, "wsdl");
  mkdirSync(folder);
  const user = readFileSync(path.join(ROOT, "../shared/services88/wsdl/User.wsdl"));
  writeFileSync(path.join(folder, "User.wsdl"), user);
  const entry = { agent: "User", file: "User.wsdl", sha256: sha256(user), size: user.length, source: "../shared/services88/wsdl", date: "2026-11-28" };
  const config = path.join(dir, "soap-ts-gen.config.json");
  writeFileSync(config, JSON.stringify({ wsdl: "wsdl", out: "out", runtime: path.join(ROOT, "runtime"), agents: "agents.json", profile: "superoffice" }));
  const run = () => runCli(["--config", config, "--no-typecheck"]);

  assert.match(run().stderr, /agents\.json: error: the agent list is missing; run `npm run update-wsdl -- --from .*wsdl` to write it/);
  writeFileSync(path.join(dir, "agents.json"), JSON.stringify({ agents: [entry] }));
  assert.equal(run().code, 0);
  // A WSDL nobody listed, one listed but gone, one edited by hand: each named.
  writeFileSync(path.join(folder, "Extra.wsdl"), user);
  writeFileSync(
    path.join(dir, "agents.json"),
    JSON.stringify({
      agents: [
        { ...entry, sha256: "0".repeat(64) },
        { ...entry, agent: "Contact", file: "Contact.wsdl" },
      ],
    }),
  );
  const r = run();
  assert.equal(r.code, 1);
  assert.match(
    r.stderr,
    /error: the WSDL folder does not match the agent list:\n  User: User\.wsdl differs from the listed version \(sha256 000000000000…, taken 2026-11-28 from \.\.\/shared\/services88\/wsdl\)\n  Contact: Contact\.wsdl is listed but not in .*wsdl\n  Extra\.wsdl is in .*wsdl but not in the agent list\nRefresh both with `npm run update-wsdl/,
  );
  // WSDLs named on the command line are not the listed agents.
  assert.equal(runCli(["--config", config, "--no-typecheck", "--wsdl", path.join(folder, "User.wsdl")]).code, 0);
});
