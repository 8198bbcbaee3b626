// Derived types on the wire (xsi:type): a member declared with a base type may hold any type
// derived from it. Responses decode to the derived type with all its members and a `$type`;
// requests send a derived type with xsi:type and its full member set; what the WSDL does not
// define is an error, never a silent fallback to the base.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import soap from "soap";
import { DEFAULTS } from "../generator/config.js";
import { readModel } from "../generator/generate.js";
import { qnameKey, type ComplexTypeDef, type Model } from "../generator/ir/model.js";
import {
  SelectionAgent,
  SoapDecodeError,
  SoapEncodeError,
  UserDefinedFieldInfoAgent,
  WebhookAgent,
  WorkflowAgent,
  type WorkflowStepBaseOrDerived,
  type WorkflowTimeWaitAlgorithm,
} from "../generated/services88/index.js";
import * as S from "../generated/services88/schema.js";
import { encodeEnvelope } from "../runtime/encode.js";
import type { FetchLike } from "../runtime/index.js";
import { message, ON, operation, record, type RecordType } from "../runtime/schema.js";
import { capturingFetch, SHARED, TENANT } from "./helpers/capture.js";
import { SampleBuilder } from "./helpers/sample.js";
import { envelopeParts, extractSchemas } from "./helpers/schemas.js";
import { listen } from "./helpers/server.js";
import { xmlTree } from "./helpers/xml.js";
import { tempDir } from "./helpers/temp.js";

const S88 = "http://www.superoffice.net/ws/crm/NetServer/Services88";
const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const SER = "http://schemas.microsoft.com/2003/10/Serialization/";
const ENV = (body: string) => `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${body}</s:Body></s:Envelope>`;
const wsdl = (agent: string) => readFileSync(new URL(`services88/wsdl/${agent}.wsdl`, SHARED), "utf8");

let model: Model;
before(async () => {
  model = await readModel({ ...DEFAULTS, wsdl: [new URL("services88/wsdl/", SHARED).pathname] });
});

/** The four WCF base types Services88 declares members with, and an operation answering each. */
const BASES = [
  {
    base: "WorkflowStepBase",
    agent: "Workflow",
    op: "GetWorkflowStep",
    call: (fetch: never) => new WorkflowAgent({ baseUrl: TENANT, fetch }).getWorkflowStep({ WorkflowStepId: 1 }),
  },
  {
    base: "WorkflowStepOptionBase",
    agent: "Workflow",
    op: "GetWorkflowStepOption",
    call: (fetch: never) => new WorkflowAgent({ baseUrl: TENANT, fetch }).getWorkflowStepOption({ WorkflowStepOptionId: 1 }),
  },
  {
    base: "FieldInfoBase",
    agent: "UserDefinedFieldInfo",
    op: "GetCustomFieldInfo",
    call: (fetch: never) => new UserDefinedFieldInfoAgent({ baseUrl: TENANT, fetch }).getCustomFieldInfo({ TableName: "contact", FieldName: "x" }),
  },
  {
    base: "BoardViewSettingsBase",
    agent: "Selection",
    op: "GetBoardViewSettings",
    call: (fetch: never) => new SelectionAgent({ baseUrl: TENANT, fetch }).getBoardViewSettings({ BoardViewSettingsId: 1 }),
  },
] as const;

const complex = (local: string) => model.types.get(qnameKey({ ns: S88, local })) as ComplexTypeDef;

function xmllint(schemaOf: string, xml: string[]): string[] {
  const dir = tempDir("derived-");
  const main = extractSchemas(wsdl(schemaOf), dir);
  const files = xml.map((x, i) => {
    const f = path.join(dir, `${i}.xml`);
    writeFileSync(f, x);
    return f;
  });
  const r = spawnSync("xmllint", ["--noout", "--schema", main, ...files], { encoding: "utf8" });
  return r.stderr.split("\n").filter((l) => l && !l.endsWith(" validates"));
}

test("the four bases are polymorphic and every type derived from them is generated", () => {
  const counts = Object.fromEntries(BASES.map(({ base }) => [base, new SampleBuilder(model).family(complex(base)).length - 1]));
  assert.deepEqual(counts, { WorkflowStepBase: 15, WorkflowStepOptionBase: 6, FieldInfoBase: 15, BoardViewSettingsBase: 3 });
  for (const { base } of BASES) {
    const descriptor = (S as unknown as Record<string, RecordType>)[base]!;
    assert.equal(descriptor.polymorphic, true);
    assert.equal(descriptor.family.byTag.size, counts[base]! + 1, `${base}: its descriptor reaches every derived type`);
  }
  // Carrier is only ever extended, never a member's type: it stays a plain record, so using one
  // entity does not pull in the 300-odd others.
  assert.equal((S as unknown as Record<string, RecordType>)["Carrier"]!.polymorphic, false);
});

test("a response carrying each derived type decodes to that type with every member (and the body is schema-valid)", async () => {
  const builder = new SampleBuilder(model, 3, 0);
  const bodies: string[] = [];
  let decoded = 0;
  for (const { base, op, call } of BASES) {
    const descriptor = (S as unknown as Record<string, RecordType>)[base]!;
    // The response written as a request wrapper named like the response: our encoder writes the
    // XML, xmllint proves it carries the derived members where the schema wants them.
    const writer = operation(
      op,
      "",
      message(
        record(S88, `${op}Response`, S88, undefined, () => [["Response", descriptor, ON]]),
        [],
      ),
      message(
        record(S88, "x", S88, undefined, () => []),
        [],
      ),
    );
    for (const def of builder.family(complex(base))) {
      const value = { $type: def.qname.local, ...(builder.complex(def, 0) as object) };
      const envelope = encodeEnvelope(writer, { Response: value }, {}, S.types);
      bodies.push(envelopeParts(envelope).body);
      const { fetch } = capturingFetch(envelope);
      const got = (await call(fetch as never)) as Record<string, unknown>;
      assert.deepEqual(got, value, `${base} as ${def.qname.local}`);
      for (const p of builder.members(def)) assert.ok(p.name in got, `${def.qname.local}.${p.name} decoded`);
      decoded++;
    }
  }
  assert.equal(decoded, 4 + 15 + 6 + 15 + 3);
  assert.deepEqual(xmllint("Workflow", bodies.slice(0, 23)), []);
  assert.deepEqual(xmllint("UserDefinedFieldInfo", bodies.slice(23, 39)), []);
  assert.deepEqual(xmllint("Selection", bodies.slice(39)), []);
});

/** What user code does with a polymorphic value: `npm test` type-checks that `$type` narrows it. */
function algorithmOf(step: WorkflowStepBaseOrDerived | null): WorkflowTimeWaitAlgorithm | undefined {
  // @ts-expect-error a base-typed value has no derived members until `$type` narrows it
  void step?.TimeWaitAlgorithm;
  switch (step?.$type) {
    case "WorkflowStepWaitForTime":
      return step.TimeWaitAlgorithm;
    case "WorkflowStepSendEmail":
      void step.ShipmentId;
      return undefined;
    default:
      return undefined;
  }
}

test("a WCF-written response with i:type decodes to the derived type, and $type narrows it", async () => {
  const { fetch } = capturingFetch(
    ENV(
      `<GetWorkflowStepResponse xmlns="${S88}"><Response xmlns:a="${S88}" xmlns:i="${XSI}" i:type="a:WorkflowStepWaitForTime">` +
        `<a:WorkflowStepId>7</a:WorkflowStepId><a:WorkflowId>3</a:WorkflowId><a:StepType>WaitForTime</a:StepType><a:Rank>2</a:Rank>` +
        `<a:TimeWaitAlgorithm>NumIntervals</a:TimeWaitAlgorithm><a:NumIntervals>3</a:NumIntervals><a:IntervalType>Days</a:IntervalType><a:Until i:nil="true"/>` +
        `</Response></GetWorkflowStepResponse>`,
    ),
  );
  const step = await new WorkflowAgent({ baseUrl: TENANT, fetch }).getWorkflowStep({ WorkflowStepId: 7 });
  assert.equal(algorithmOf(step), "NumIntervals");
  assert.deepEqual(step, {
    $type: "WorkflowStepWaitForTime",
    WorkflowStepId: 7,
    WorkflowId: 3,
    StepType: "WaitForTime",
    Rank: 2,
    TimeWaitAlgorithm: "NumIntervals",
    NumIntervals: 3,
    IntervalType: "Days",
    Until: null,
  });

  // Without xsi:type the value is the declared type, and says so.
  const plain = capturingFetch(
    ENV(`<GetWorkflowStepResponse xmlns="${S88}"><Response><WorkflowStepId>7</WorkflowStepId></Response></GetWorkflowStepResponse>`),
  );
  assert.deepEqual(await new WorkflowAgent({ baseUrl: TENANT, fetch: plain.fetch }).getWorkflowStep({}), { $type: "WorkflowStepBase", WorkflowStepId: 7 });
});

test("an xsi:type the WSDL does not define, or one not derived from the declared type, is a SoapDecodeError with the path", async () => {
  const answer = (type: string, extra = "") =>
    capturingFetch(
      ENV(
        `<GetWorkflowStepResponse xmlns="${S88}"><Response xmlns:i="${XSI}" xmlns:a="${S88}"${extra} i:type="${type}"><WorkflowStepId>7</WorkflowStepId></Response></GetWorkflowStepResponse>`,
      ),
    ).fetch;
  const cases: [string, string, RegExp][] = [
    [
      "a:WorkflowStepTeleport",
      "",
      /xsi:type \{http:\/\/www\.superoffice\.net\/ws\/crm\/NetServer\/Services88\}WorkflowStepTeleport is not a type the WSDL defines \(expected WorkflowStepBase or a type derived from it\)/,
    ],
    [
      "a:WorkflowTrigger",
      "",
      /xsi:type \{http:\/\/www\.superoffice\.net\/ws\/crm\/NetServer\/Services88\}WorkflowTrigger is not WorkflowStepBase or a type derived from it/,
    ],
    // Person is a type of other agents, not of Workflow.wsdl.
    ["a:Person", "", /xsi:type \{http:\/\/www\.superoffice\.net\/ws\/crm\/NetServer\/Services88\}Person is not a type the WSDL defines/],
    ["b:WorkflowStepWaitForTime", ` xmlns:b="urn:elsewhere"`, /\{urn:elsewhere\}WorkflowStepWaitForTime is not a type the WSDL defines/],
    ["q:WorkflowStepWaitForTime", "", /xsi:type "q:WorkflowStepWaitForTime" uses an undeclared namespace prefix/],
  ];
  for (const [type, extra, reason] of cases) {
    await assert.rejects(new WorkflowAgent({ baseUrl: TENANT, fetch: answer(type, extra) }).getWorkflowStep({}), (e: unknown) => {
      assert.ok(e instanceof SoapDecodeError, type);
      assert.match(e.reason, reason);
      assert.equal(e.path, "Envelope/Body/GetWorkflowStepResponse/Response");
      return true;
    });
  }
  // On a member that cannot change type, xsi:type must name the declared type.
  const scalar = capturingFetch(
    ENV(
      `<GetWorkflowStepResponse xmlns="${S88}"><Response xmlns:i="${XSI}" xmlns:x="http://www.w3.org/2001/XMLSchema"><WorkflowStepId i:type="x:string">7</WorkflowStepId></Response></GetWorkflowStepResponse>`,
    ),
  );
  await assert.rejects(
    new WorkflowAgent({ baseUrl: TENANT, fetch: scalar.fetch }).getWorkflowStep({}),
    (e: unknown) => e instanceof SoapDecodeError && /string is not int/.test(e.reason) && e.path.endsWith("Response/WorkflowStepId"),
  );
});

test("xs:anyType values: Microsoft's char, guid and duration, and the agent's named types, both ways", async () => {
  const { fetch, calls } = capturingFetch((req) =>
    req.body.includes("<SaveWebhook ")
      ? ENV(`<SaveWebhookResponse xmlns="${S88}"/>`)
      : ENV(
          `<GetWebhookResponse xmlns="${S88}"><Response xmlns:i="${XSI}" xmlns:ser="${SER}" xmlns:a="${S88}"><Properties>` +
            `<StringObjectKeyValuePair><Key>euro</Key><Value i:type="ser:char">8364</Value></StringObjectKeyValuePair>` +
            `<StringObjectKeyValuePair><Key>id</Key><Value i:type="ser:guid">3f2504e0-4f89-11d3-9a0c-0305e82c3301</Value></StringObjectKeyValuePair>` +
            `<StringObjectKeyValuePair><Key>wait</Key><Value i:type="ser:duration">PT1H30M</Value></StringObjectKeyValuePair>` +
            `<StringObjectKeyValuePair><Key>hook</Key><Value i:type="a:Webhook"><a:WebhookId>3</a:WebhookId><a:Name>x</a:Name></Value></StringObjectKeyValuePair>` +
            `</Properties></Response></GetWebhookResponse>`,
        ),
  );
  const hooks = new WebhookAgent({ baseUrl: TENANT, fetch });
  const hook = await hooks.getWebhook({ WebhookId: 1 });
  assert.deepEqual(hook?.Properties, {
    euro: 8364,
    id: "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
    wait: "PT1H30M",
    hook: { $type: "Webhook", WebhookId: 3, Name: "x" },
  });

  // Sent back: a value with the $type of a generated type goes as that type.
  await hooks.saveWebhook({ Webhook: { Properties: { hook: { $type: "Webhook", WebhookId: 3, Name: "x" }, n: 5 } } });
  const value = (key: string) =>
    xmlTree(calls[1]!.body)
      .children[0]!.children[0]!.children[0]!.children.find((c) => c.name.endsWith("Properties"))!
      .children.find((e) => e.children[0]!.text === key)!.children[1]!;
  assert.equal(value("hook").attributes[`{${XSI}}type`], `{${S88}}Webhook`);
  assert.deepEqual(
    value("hook").children.map((c) => [c.name, c.text]),
    [
      [`{${S88}}WebhookId`, "3"],
      [`{${S88}}Name`, "x"],
    ],
  );
  // An xs:anyType value may be any type the agent's operations reach; others are not its WSDL's.
  const stranger = capturingFetch(
    ENV(
      `<GetWebhookResponse xmlns="${S88}"><Response xmlns:i="${XSI}" xmlns:a="${S88}"><Properties><StringObjectKeyValuePair><Key>k</Key><Value i:type="a:WorkflowStepWaitForTime"/></StringObjectKeyValuePair></Properties></Response></GetWebhookResponse>`,
    ),
  );
  await assert.rejects(
    new WebhookAgent({ baseUrl: TENANT, fetch: stranger.fetch }).getWebhook({}),
    (e: unknown) => e instanceof SoapDecodeError && /WorkflowStepWaitForTime is not a type the WSDL defines \(expected anyType\)/.test(e.reason),
  );
  assert.equal(value("n").attributes[`{${XSI}}type`], "{http://www.w3.org/2001/XMLSchema}int");
  await assert.rejects(
    hooks.saveWebhook({ Webhook: { Properties: { x: { $type: "NoSuchType" } } } }),
    (e: unknown) => e instanceof SoapEncodeError && /NoSuchType/.test(e.reason),
  );
});

test("requests send a derived type with xsi:type and all its members; node-soap reads them", async () => {
  const received: Record<string, unknown>[] = [];
  const srv = await listen();
  try {
    const impl = {
      AddAfterWorkflowStep(args: Record<string, unknown>) {
        received.push(args);
        return { Response: { WorkflowStepId: 9 } };
      },
    };
    soap.listen(srv.server, "/Workflow.svc", { WcfWorkflowService: { BasicHttpBinding_Workflow: impl } }, wsdl("Workflow"));
    // The bodies as sent, kept by a fetch that passes them on to the server.
    const bodies: string[] = [];
    const fetch: FetchLike = (url, init) => {
      bodies.push(init.body);
      return globalThis.fetch(url, init) as unknown as ReturnType<FetchLike>;
    };
    const flows = new WorkflowAgent({ endpoint: `${srv.url}/Workflow.svc`, fetch });

    const step = {
      $type: "WorkflowStepWaitForTime",
      WorkflowStepId: 1,
      WorkflowId: 2,
      StepType: "WaitForTime",
      Rank: 3,
      TimeWaitAlgorithm: "NumIntervals",
      NumIntervals: 4,
      IntervalType: "Days",
      Until: "tomorrow",
    } as const;
    const answer = await flows.addAfterWorkflowStep({ WorkflowStepId: 1, SubStep: step });
    assert.deepEqual(answer, { $type: "WorkflowStepBase", WorkflowStepId: 9 });

    // On the wire: xsi:type names the derived type, base members first, then the derived ones.
    assert.equal(bodies.length, 1, "the request body was seen");
    const sub = xmlTree(bodies[0]!).children[0]!.children[0]!.children[1]!;
    assert.equal(sub.name, `{${S88}}SubStep`);
    assert.equal(sub.attributes[`{${XSI}}type`], `{${S88}}WorkflowStepWaitForTime`);
    assert.deepEqual(
      sub.children.map((c) => c.name.replace(`{${S88}}`, "")),
      ["WorkflowStepId", "WorkflowId", "StepType", "Rank", "TimeWaitAlgorithm", "NumIntervals", "IntervalType", "Until"],
    );
    assert.deepEqual(xmllint("Workflow", [envelopeParts(bodies[0]!).body]), []);

    // node-soap, reading with the same WSDL, gets every derived member, typed as the derived type says.
    const { $type: _, ...members } = step;
    const got = received[0]!["SubStep"] as Record<string, unknown>;
    assert.deepEqual(Object.fromEntries(Object.entries(got).filter(([k]) => k !== "attributes")), members);
    assert.deepEqual(got["attributes"], { "xsi:type": "t:WorkflowStepWaitForTime" });

    // A value of the declared type itself goes without xsi:type.
    await flows.addAfterWorkflowStep({ SubStep: { WorkflowStepId: 5 } });
    const base = xmlTree(bodies[1]!).children[0]!.children[0]!.children[0]!;
    assert.deepEqual(base.attributes, {});
  } finally {
    await srv.close();
  }
});

test("a $type that is not the declared type or derived from it is a SoapEncodeError with the path", async () => {
  const { fetch } = capturingFetch(ENV(`<AddAfterWorkflowStepResponse xmlns="${S88}"/>`));
  const flows = new WorkflowAgent({ baseUrl: TENANT, fetch });
  const wrong = { $type: "FieldInfoInt", WorkflowStepId: 1 } as unknown as WorkflowStepBaseOrDerived;
  await assert.rejects(flows.addAfterWorkflowStep({ SubStep: wrong }), (e: unknown) => {
    assert.ok(e instanceof SoapEncodeError);
    assert.match(e.reason, /\$type "FieldInfoInt" is not WorkflowStepBase or a type derived from it \(WorkflowStepBase, WorkflowStepAddToList, /);
    assert.equal(e.path, "AddAfterWorkflowStep/SubStep");
    return true;
  });
});
