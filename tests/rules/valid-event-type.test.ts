import { RuleTester } from "@typescript-eslint/rule-tester";
import { describe, expect, it } from "vitest";
import rule from "../../rules/valid-event-type.js";
import { INLINE_DIR, INLINE_FILE, read, renderedMessages, ruleFixture, settingsFor, testable } from "./rule-helpers.js";

const ruleTester = new RuleTester();
const inline = { filename: INLINE_FILE, settings: settingsFor(INLINE_DIR) };
const PROJECT = ruleFixture("valid-event-type", "project");
const A = ruleFixture("valid-event-type", "project", "a.ts");
const B = ruleFixture("valid-event-type", "project", "b.ts");

const FORM = "`org.openedx.<subdomain>.<subject>.<action>.v<N>`";
const signal = (eventType: string, name = "THING_CHANGED") =>
  `/** x */\nexport const ${name} = new OpenEdxPublicSignal({\n  event_type: ${eventType},\n  data: {},\n});\n`;

ruleTester.run("valid-event-type", testable(rule), {
  valid: [
    { ...inline, name: "ADR 2 form", code: signal('"org.openedx.learning.course.enrollment.created.v1"') },
    { ...inline, name: "eventType spelling, template literal, as const", code: `export const A_B = OpenEdxPublicSignal({ eventType: \`org.openedx.learning.a.b.v12\` });\nexport const C_D = new OpenEdxPublicSignal({ event_type: "org.openedx.learning.c.d.v2" as const });\n` },
    { ...inline, name: "another prefix", code: signal('"com.example.billing.invoice.paid.v1"'), options: [{ prefix: "com.example" }] },
    { ...inline, name: "no prefix", code: signal('"billing.invoice.paid.v1"'), options: [{ prefix: "" }] },
    { ...inline, name: "allowed subdomain", code: signal('"org.openedx.learning.a.b.v1"'), options: [{ subdomains: ["learning"] }] },
    { ...inline, name: "constant case not required", code: signal('"org.openedx.learning.a.b.v1"', "thingChanged"), options: [{ requireConstantCase: false }] },
    { ...inline, name: "signals not held by a constant are not checked for case", code: `export default new OpenEdxPublicSignal({ event_type: "org.openedx.learning.a.b.v1" });\n` },
    { name: "unique across the project", filename: A, code: read(A).replace("course.archived.v1", "course.archived.v2"), settings: settingsFor(PROJECT) },
    { ...inline, name: "a file without signals", code: "export const x = 1;\n" },
    // openedx-events publishes org.openedx.enterprise.subsidy.redemption-reversed.v1 and writes its schema.
    { ...inline, name: "`-` in a segment, as in the openedx-events catalog", code: signal('"org.openedx.enterprise.subsidy.redemption-reversed.v1"') },
    { ...inline, name: "a segment starting with a digit", code: signal('"org.openedx.learning.2fa.enabled.v1"') },
    { ...inline, name: "strict Avro namespace, met", code: signal('"org.openedx.enterprise.subsidy.redemption_reversed.v1"'), options: [{ strictAvroNamespace: true }] },
  ],
  invalid: [
    {
      ...inline,
      name: "missing version",
      code: signal('"org.openedx.content_authoring.course_run.archived"'),
      errors: [
        {
          messageId: "missingVersion",
          data: { eventType: "org.openedx.content_authoring.course_run.archived", form: FORM },
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 66,
          suggestions: [
            {
              messageId: "suggestEventType",
              data: { fixed: "org.openedx.content_authoring.course_run.archived.v1" },
              output: signal('"org.openedx.content_authoring.course_run.archived.v1"'),
            },
          ],
        },
      ],
    },
    {
      ...inline,
      name: "strictAvroNamespace: `-` is not an Avro name",
      code: signal("'org.openedx.content_authoring.course-run.archived.v1'"),
      options: [{ strictAvroNamespace: true }],
      errors: [
        {
          messageId: "notAvroNamespace",
          data: {
            eventType: "org.openedx.content_authoring.course-run.archived.v1",
            segment: "course-run",
            why: "it holds `-`",
            advice: "Use `org.openedx.content_authoring.course_run.archived.v1`.",
          },
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 69,
          suggestions: [{ messageId: "suggestEventType", output: signal("'org.openedx.content_authoring.course_run.archived.v1'") }],
        },
      ],
    },
    {
      ...inline,
      name: "strictAvroNamespace: a segment starting with a digit",
      code: signal('"org.openedx.9learning.odd.created.v1"'),
      options: [{ strictAvroNamespace: true }],
      errors: [
        {
          messageId: "notAvroNamespace",
          data: {
            eventType: "org.openedx.9learning.odd.created.v1",
            segment: "9learning",
            why: "it starts with a digit",
            advice: "Start each segment with a letter, and use only letters, digits and `_`.",
          },
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 53,
        },
      ],
    },
    {
      ...inline,
      name: "strictAvroNamespace: the openedx-events catalog's redemption-reversed",
      code: signal('"org.openedx.enterprise.subsidy.redemption-reversed.v1"'),
      options: [{ strictAvroNamespace: true }],
      errors: [
        {
          messageId: "notAvroNamespace",
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 70,
          suggestions: [{ messageId: "suggestEventType", output: signal('"org.openedx.enterprise.subsidy.redemption_reversed.v1"') }],
        },
      ],
    },
    {
      ...inline,
      name: "characters no snapshot file name and no namespace can hold",
      code: signal('"org.openedx.learning.course run$.created.v1"'),
      errors: [
        {
          messageId: "invalidCharacter",
          data: { eventType: "org.openedx.learning.course run$.created.v1", segment: "course run$", form: FORM },
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 60,
          suggestions: [{ messageId: "suggestEventType", output: signal('"org.openedx.learning.course_run_.created.v1"') }],
        },
      ],
    },
    {
      ...inline,
      name: "upper case next to `-`: only the case is changed",
      code: signal('"org.openedx.enterprise.subsidy.Redemption-Reversed.v1"'),
      errors: [
        {
          messageId: "notLowerCase",
          data: {
            eventType: "org.openedx.enterprise.subsidy.Redemption-Reversed.v1",
            segment: "Redemption-Reversed",
            fixed: "org.openedx.enterprise.subsidy.redemption-reversed.v1",
            form: FORM,
          },
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 70,
          suggestions: [{ messageId: "suggestEventType", output: signal('"org.openedx.enterprise.subsidy.redemption-reversed.v1"') }],
        },
      ],
    },
    {
      ...inline,
      name: "upper case, and a camelCase constant",
      code: `/** x */\nexport const courseRunDeleted = new OpenEdxPublicSignal({\n  event_type: "org.openedx.content_authoring.courseRun.deleted.v1" as const,\n  data: {},\n});\n`,
      errors: [
        {
          messageId: "constantCase",
          data: { name: "courseRunDeleted", eventType: "org.openedx.content_authoring.courseRun.deleted.v1", fixed: "COURSE_RUN_DELETED" },
          line: 2,
          column: 14,
          endLine: 2,
          endColumn: 30,
        },
        {
          messageId: "notLowerCase",
          data: {
            eventType: "org.openedx.content_authoring.courseRun.deleted.v1",
            segment: "courseRun",
            form: FORM,
            fixed: "org.openedx.content_authoring.course_run.deleted.v1",
          },
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 76,
          suggestions: [
            {
              messageId: "suggestEventType",
              output: `/** x */\nexport const courseRunDeleted = new OpenEdxPublicSignal({\n  event_type: "org.openedx.content_authoring.course_run.deleted.v1" as const,\n  data: {},\n});\n`,
            },
          ],
        },
      ],
    },
    {
      ...inline,
      name: "empty segment, wrong prefix, too few segments",
      code: `export const X = new OpenEdxPublicSignal({ event_type: \`org.openedx..x.v1\` });\nexport const Y = new OpenEdxPublicSignal({ event_type: "com.example.learning.a.b.v1" });\nexport const Z = new OpenEdxPublicSignal({ event_type: "org.openedx.learning.created.v1" });\n`,
      errors: [
        {
          messageId: "emptySegment",
          data: { eventType: "org.openedx..x.v1", form: FORM },
          line: 1,
          column: 56,
          endLine: 1,
          endColumn: 75,
          suggestions: [
            {
              messageId: "suggestEventType",
              output: `export const X = new OpenEdxPublicSignal({ event_type: \`org.openedx.x.v1\` });\nexport const Y = new OpenEdxPublicSignal({ event_type: "com.example.learning.a.b.v1" });\nexport const Z = new OpenEdxPublicSignal({ event_type: "org.openedx.learning.created.v1" });\n`,
            },
          ],
        },
        { messageId: "wrongPrefix", data: { eventType: "com.example.learning.a.b.v1", prefix: "org.openedx", form: FORM }, line: 2, column: 56, endLine: 2, endColumn: 85 },
        { messageId: "tooFewSegments", data: { eventType: "org.openedx.learning.created.v1", prefix: "org.openedx", form: FORM }, line: 3, column: 56, endLine: 3, endColumn: 89 },
      ],
    },
    {
      ...inline,
      name: "subdomain not allowed",
      options: [{ subdomains: ["learning", "content_authoring"] }],
      code: signal('"org.openedx.billing.invoice.paid.v1"'),
      errors: [
        {
          messageId: "unknownSubdomain",
          data: { eventType: "org.openedx.billing.invoice.paid.v1", segment: "billing", subdomains: "`learning`, `content_authoring`" },
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 52,
        },
      ],
    },
    {
      ...inline,
      name: "missing and non-literal event types",
      code: `export const Y = new OpenEdxPublicSignal({ data: {} });\nexport const Z = new OpenEdxPublicSignal({ event_type: PREFIX + ".z.v1", data: {} });\n`,
      errors: [
        { messageId: "missingEventType", data: { signal: "The signal `Y`", form: FORM }, line: 1, column: 18, endLine: 1, endColumn: 55 },
        { messageId: "notLiteral", data: { signal: "The signal `Z`" }, line: 2, column: 56, endLine: 2, endColumn: 72 },
      ],
    },
    {
      ...inline,
      name: "duplicate in one file",
      code: `export const DUP_A = new OpenEdxPublicSignal({ event_type: "org.openedx.learning.dup.created.v1" });\nexport const DUP_B = new OpenEdxPublicSignal({ event_type: "org.openedx.learning.dup.created.v1" });\n`,
      errors: [
        { messageId: "duplicate", data: { eventType: "org.openedx.learning.dup.created.v1", other: "line 2" }, line: 1, column: 60, endLine: 1, endColumn: 97 },
        { messageId: "duplicate", data: { eventType: "org.openedx.learning.dup.created.v1", other: "line 1" }, line: 2, column: 60, endLine: 2, endColumn: 97 },
      ],
    },
    {
      name: "duplicate across files names the other file and line",
      filename: A,
      code: read(A),
      settings: settingsFor(PROJECT),
      errors: [
        {
          messageId: "duplicate",
          data: { eventType: "org.openedx.content_authoring.course.archived.v1", other: "./b.ts:3:15" },
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 65,
        },
      ],
    },
    {
      name: "…and in the other file too",
      filename: B,
      code: read(B),
      settings: settingsFor(PROJECT),
      errors: [{ messageId: "duplicate", data: { eventType: "org.openedx.content_authoring.course.archived.v1", other: "./a.ts:3:15" }, line: 3, column: 15, endLine: 3, endColumn: 65 }],
    },
  ],
});

describe("valid-event-type messages, rendered", () => {
  it("explain what is wrong, why and how to fix it", () => {
    const code =
      signal('"org.openedx.content_authoring.course-run.archived"') +
      `export const courseRunDeleted = new OpenEdxPublicSignal({ event_type: "org.openedx.content_authoring.course_run.deleted.v1" });\n`;
    const messages = renderedMessages("valid-event-type", INLINE_FILE, code, settingsFor(INLINE_DIR), { strictAvroNamespace: true }).map((m) => m.message);
    expect(messages).toEqual([
      "Event type `org.openedx.content_authoring.course-run.archived`: the segment `course-run` is not an Avro name (it holds `-`). The event type is the `namespace` of the event's Avro schema: openedx-events writes and reads it, but strict Avro parsers (avsc, the Java library, Confluent's Schema Registry) reject such a namespace, so a consumer that uses one cannot read the event. Use `org.openedx.content_authoring.course_run.archived`.",
      "Event type `org.openedx.content_authoring.course-run.archived` does not end with a version like `.v1`. The version is how an event evolves: a change its consumers cannot read needs a new event type with the next version (openedx-events ADR 2). Name it `org.openedx.<subdomain>.<subject>.<action>.v<N>`; the suggestion appends `.v1`.",
      "The signal `courseRunDeleted` (org.openedx.content_authoring.course_run.deleted.v1) should be held by an UPPER_SNAKE_CASE constant, as openedx-events names its signals: `COURSE_RUN_DELETED`.",
    ]);
    expect(renderedMessages("valid-event-type", INLINE_FILE, signal('"org.openedx.learning.a b.created.v1"'), settingsFor(INLINE_DIR)).map((m) => m.message)).toEqual([
      "Event type `org.openedx.learning.a b.created.v1`: the segment `a b` holds characters other than letters, digits, `_` and `-`. The event type names the event's snapshot file and is the `namespace` of its Avro schema, so no snapshot can be written and the event bus cannot carry the event. Use lower-case words joined by `_`, as in `org.openedx.<subdomain>.<subject>.<action>.v<N>`.",
    ]);
    const duplicate = renderedMessages("valid-event-type", A, read(A), settingsFor(PROJECT));
    expect(duplicate.map((m) => m.message)).toEqual([
      "Event type `org.openedx.content_authoring.course.archived.v1` is also declared at ./b.ts:3:15. Each event type names exactly one event (its schema and its snapshot file), so give one of them another name or reuse the existing signal.",
    ]);
  });
});
