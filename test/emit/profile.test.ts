// The two profiles (emit/profile.ts): which soap:address is a placeholder a client must not call.
import { test } from "node:test";
import assert from "node:assert/strict";
import { GENERIC, SUPEROFFICE } from "../../generator/emit/profile.js";

test("addressRequired: SuperOffice's example tenant needs an address of the caller's own; any other address is used as given", () => {
  const cases: Array<{ address: string | undefined; superoffice: boolean; generic: boolean }> = [
    { address: "https://sod.superoffice.com/Cust12345/Remote/Services88/User.svc", superoffice: true, generic: false },
    { address: "https://online.superoffice.com/cust4711/Remote/Services88/User.svc", superoffice: true, generic: false },
    { address: "https://crm.example.com/SuperOffice/Remote/Services88/User.svc", superoffice: false, generic: false },
    { address: "http://localhost:8080/calc", superoffice: false, generic: false },
    { address: undefined, superoffice: false, generic: false },
  ];
  for (const { address, superoffice, generic } of cases) {
    assert.equal(SUPEROFFICE.addressRequired(address), superoffice, `superoffice, ${address}`);
    assert.equal(GENERIC.addressRequired(address), generic, `generic, ${address}`);
  }
});
