// The API change report: what a WSDL update changes for code that calls the SDK, breaking or
// not, from the api.json the last run wrote.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { apiChanges, changesMarkdown, formatChanges, suggestedBump } from "../generator/api/changes.js";
import type { ApiSummary } from "../generator/api/summary.js";
import { SHARED } from "./helpers/capture.js";
import { runCli } from "./helpers/cli.js";
import { tempDir } from "./helpers/temp.js";

const summary = (types: ApiSummary["types"], operations: ApiSummary["agents"][string]["operations"] = {}): ApiSummary => ({
  agents: { User: { class: "UserAgent", operations } },
  types,
});
const op = (request: Record<string, { type: string; optional?: true; nillable?: true }>, returns = "void") => ({ method: "m", request, response: {}, returns });

test("member and enum changes are marked breaking or not, and give the semver bump", () => {
  const before = summary(
    {
      Person: { base: "Carrier", members: { Name: { type: "string", optional: true, nillable: true }, Age: { type: "number" }, Gone: { type: "string" } } },
      Status: { enum: ["A", "B"] },
    },
    { Find: op({ Query: { type: "string", optional: true } }) },
  );
  const after = summary(
    {
      Person: {
        base: "Carrier",
        members: { Name: { type: "string" }, Age: { type: "bigint", optional: true }, Extra: { type: "boolean", optional: true }, Must: { type: "string" } },
      },
      Status: { enum: ["A", "C"] },
    },
    { Find: op({ Query: { type: "string", optional: true } }), Count: op({}, "number") },
  );
  const changes = apiChanges(before, after);
  assert.deepEqual(
    changes.map((c) => `${c.breaking ? "B" : c.addition ? "+" : "~"} ${c.subject}: ${c.what}`),
    [
      "+ User.Count: operation added (UserAgent.m)",
      "B Person.Age: type bigint (was number)",
      "~ Person.Age: became optional",
      "+ Person.Extra: member added: boolean, optional",
      "B Person.Gone: member removed",
      "B Person.Must: member added: string, required",
      "B Person.Name: became required",
      "B Person.Name: is no longer nillable",
      'B Status: value "B" removed',
      '+ Status: value "C" added',
    ],
  );
  assert.equal(suggestedBump(changes), "major");
  assert.equal(suggestedBump(changes.filter((c) => !c.breaking)), "minor");
  assert.equal(suggestedBump([]), "none");
  assert.equal(formatChanges([]), "no API changes\n");
  assert.match(
    changesMarkdown(changes),
    /^## API changes\n\nSuggested version bump: \*\*major\*\* \(6 breaking, 3 additions, 1 other\)\.\n\n### Breaking\n\n- `Person\.Age`: type bigint \(was number\)\n/,
  );
});

test("a value added to an enumeration a response holds is breaking; a response member's change is said once", () => {
  const opWith = (response: Record<string, { type: string }>, returns: string) => ({ method: "m", request: {}, response, returns });
  const types = (statusValues: string[], level: string) => ({
    Order: { members: { Status: { type: "Status" }, Items: { type: "ItemOrDerived[]" } } },
    Item: { members: {} },
    Special: { base: "Item", members: { Level: { type: "Level" } } },
    Status: { enum: statusValues },
    Level: { enum: [level] },
    Filter: { enum: ["Open"] },
  });
  const before: ApiSummary = {
    agents: {
      Shop: {
        class: "ShopAgent",
        operations: { Get: opWith({ Response: { type: "Order" } }, "Order"), Count: opWith({ Response: { type: "number" } }, "number") },
      },
    },
    types: types(["NEW"], "HIGH"),
  };
  const after: ApiSummary = {
    agents: {
      Shop: {
        class: "ShopAgent",
        operations: { Get: opWith({ Response: { type: "Order" } }, "Order"), Count: opWith({ Response: { type: "bigint" } }, "bigint") },
      },
    },
    types: { ...types(["NEW", "LOST"], "LOW"), Filter: { enum: ["Open", "Closed"] } },
  };
  assert.deepEqual(
    apiChanges(before, after).map((c) => `${c.breaking ? "B" : c.addition ? "+" : "~"} ${c.subject}: ${c.what}`),
    [
      "B Shop.Count response.Response: type bigint (was number)",
      '+ Filter: value "Closed" added',
      // Level is reached through Special, which may arrive where an Item is declared.
      'B Level: value "HIGH" removed',
      'B Level: value "LOW" added (responses may hold it)',
      'B Status: value "LOST" added (responses may hold it)',
    ],
  );
});

test("editing User.wsdl gives the exact change report, in the terminal, with --check and as Markdown", () => {
  const dir = tempDir("api-changes-");
  const wsdl = path.join(dir, "User.wsdl");
  const out = path.join(dir, "sdk");
  const original = readFileSync(new URL("services88/wsdl/User.wsdl", SHARED), "utf8");
  writeFileSync(wsdl, original);
  const generate = (...extra: string[]) => runCli(["--wsdl", wsdl, "--out", out, "--no-typecheck", ...extra]);

  const first = generate();
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /no api\.json in .*sdk yet: the API change report starts with the next run/);
  const again = generate();
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /^no API changes\n/);

  const edit = (text: string, from: string | RegExp, to: string) => {
    const next = text.replace(from, to);
    assert.notEqual(next, text, `edit ${from} applies`);
    return next;
  };
  let changed = original;
  // Remove an operation (and with it the two types only it used).
  changed = edit(changed, /<wsdl:operation name="ExecuteUserCommand">[\s\S]*?<\/wsdl:operation>/g, "");
  // Add a member; make one required.
  changed = edit(
    changed,
    '<xs:element minOccurs="0" name="RedirectUri" nillable="true" type="xs:string" />\n            </xs:sequence>\n          </xs:extension>',
    '<xs:element minOccurs="0" name="RedirectUri" nillable="true" type="xs:string" />\n              <xs:element minOccurs="0" name="Nickname" nillable="true" type="xs:string" />\n            </xs:sequence>\n          </xs:extension>',
  );
  changed = edit(
    changed,
    '<xs:element minOccurs="0" name="ClientId" nillable="true" type="xs:string" />',
    '<xs:element name="ClientId" nillable="true" type="xs:string" />',
  );
  // Add and remove enum values.
  changed = edit(
    changed,
    '<xs:enumeration value="Anonymous" />\n          <xs:enumeration value="System" />',
    '<xs:enumeration value="Anonymous" />\n          <xs:enumeration value="Robot" />',
  );
  // Change a member's type (a request member).
  changed = edit(
    changed,
    /(<xs:element name="RegisterWithAccessGateway">\s*<xs:complexType>\s*<xs:sequence>\s*<xs:element minOccurs="0" name="RedirectUri" nillable="true" type=")xs:string/,
    "$1xs:int",
  );
  writeFileSync(wsdl, changed);

  const expected = [
    "API changes: 7 breaking, 1 additions, 0 other (suggested version bump: major)",
    // RoleType is in responses: code that handles each of its values meets a new one.
    '  BREAKING  RoleType: value "Robot" added (responses may hold it)',
    "  BREAKING  User.ExecuteUserCommand: operation removed (UserAgent.executeUserCommand)",
    "  BREAKING  User.RegisterWithAccessGateway request.RedirectUri: type number (was string)",
    "  BREAKING  AccessGatewayInfo.ClientId: became required",
    "  BREAKING  CommandActionResult: type removed",
    "  BREAKING  CommandResult: type removed",
    '  BREAKING  RoleType: value "System" removed',
    "  added     AccessGatewayInfo.Nickname: member added: string | null, optional",
    "",
  ];
  const check = generate("--check");
  assert.equal(check.code, 1);
  const report = check.stderr.slice(check.stderr.indexOf("API changes"));
  assert.equal(report, expected.join("\n"));
  assert.match(check.stderr, /sdk is stale; run `npm run generate`:\n(  .*\n)*  api\.json \(differs\)\n/);

  const changes = path.join(dir, "CHANGES.md");
  const written = generate("--changes", changes);
  assert.equal(written.code, 0, written.stderr);
  assert.equal(written.stdout.slice(0, written.stdout.indexOf("generated ")), report);
  const md = readFileSync(changes, "utf8");
  assert.match(md, /^## API changes\n\nSuggested version bump: \*\*major\*\* /);
  assert.match(md, /### Breaking\n\n- `User\.ExecuteUserCommand`: operation removed \(UserAgent\.executeUserCommand\)\n/);
  assert.match(md, /### Breaking\n\n(- .*\n)*- `RoleType`: value "Robot" added \(responses may hold it\)\n/);
  assert.match(md, /### Added\n\n- `AccessGatewayInfo\.Nickname`: member added: string \| null, optional\n$/);
  // The report compares with what was last generated: now nothing.
  assert.match(generate().stdout, /^no API changes\n/);
});
