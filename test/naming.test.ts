// Identifier safety: the names the generator prints for operations, files, types and members.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileName, identifier, memberAccess, methodName, pascalCase, propertyKey, Scope } from "../generator/emit/naming.js";

test("methodName: lowerCamel of the operation; reserved words allowed; client and Object members get _", () => {
  const given: Record<string, string> = {
    RegisterWithAccessGateway: "registerWithAccessGateway",
    GetHTMLBody: "getHTMLBody",
    BLOB: "blob",
    Delete: "delete",
    default: "default",
    invoke: "invoke_",
    Invoke: "invoke_",
    toString: "toString_",
    constructor: "constructor_",
    hasOwnProperty: "hasOwnProperty_",
    __proto__: "__proto___",
    "get-Thing": "get_Thing",
    "3D": "_3D",
  };
  for (const [op, want] of Object.entries(given)) assert.equal(methodName(op), want, op);
});

test("fileName: kebab-case, acronyms kept together", () => {
  const given: Record<string, string> = {
    UserDefinedFieldInfo: "user-defined-field-info",
    CRMScript: "crm-script",
    BLOB: "blob",
    EMail: "e-mail",
    SoPrincipal: "so-principal",
    AI: "ai",
  };
  for (const [agent, want] of Object.entries(given)) assert.equal(fileName(agent), want, agent);
});

test("identifier, pascalCase, propertyKey, memberAccess: valid TypeScript for any XML name", () => {
  assert.deepEqual(["class", "a.b", "x-y", "", "9lives", "ok"].map(identifier), ["class_", "a_b", "x_y", "_", "_9lives", "ok"]);
  assert.deepEqual(["user", "crm-script", "default"].map(pascalCase), ["User", "Crm_script", "Default"]);
  assert.deepEqual(["Name", "a.b", "__proto__"].map(propertyKey), ["Name", '"a.b"', "__proto__"]);
  assert.deepEqual(["Name", "x-y"].map(memberAccess), [".Name", '["x-y"]']);
});

test("Scope: the first claim gets the name, later ones a number; file scopes ignore case", () => {
  const names = new Scope(["T"]);
  assert.deepEqual(
    ["Foo", "Foo", "T", "Foo"].map((n) => names.claim(n)),
    ["Foo", "Foo2", "T2", "Foo3"],
  );
  const files = new Scope(["index"], true);
  assert.deepEqual(
    ["Index", "user", "User"].map((n) => files.claim(n)),
    ["Index2", "user", "User2"],
  );
});
