import { RuleTester } from "@typescript-eslint/rule-tester";
import { describe, expect, it } from "vitest";
import rule from "../../rules/known-unserializable-signals.js";
import { INLINE_DIR, INLINE_FILE, read, renderedMessages, ruleFixture, settingsFor, testable } from "./rule-helpers.js";

const ruleTester = new RuleTester();

const PROJECT = ruleFixture("known-unserializable-signals", "project");
const A = ruleFixture("known-unserializable-signals", "project", "a-signals.ts");
const B = ruleFixture("known-unserializable-signals", "project", "b-signals.ts");
const DATA = ruleFixture("known-unserializable-signals", "project", "data.ts");

const LISTED = [
  "org.openedx.learning.export.requested.v1",
  "org.openedx.learning.export.failed.v1",
  "org.openedx.learning.export.retried.v1",
  "org.openedx.learning.user.renamed.v1",
  "org.openedx.learning.export.completed.v1",
];
const TYPO = "org.openedx.learning.export.requestd.v1";
const UNKNOWN = "org.openedx.nothing.like.it.v9";
const projectSettings = settingsFor(PROJECT, { knownUnserializableSignals: [...LISTED, TYPO, UNKNOWN] });

const EXPORT_REASON =
  "the fields `export.filters` (`Record<string, string>`) and `export.note` (`note?: string`) cannot be serialized to Avro.";
const EXPORT_WARNING = `@warning This event is not sent over the event bus: ${EXPORT_REASON}`;
const a = read(A);

ruleTester.run("known-unserializable-signals", testable(rule), {
  valid: [
    {
      name: "a listed signal with an @warning, and an unlisted one (reported by supported-field-types, not here)",
      filename: B,
      code: read(B),
      settings: projectSettings,
    },
    {
      name: "files without signals are not judged (no project-wide work)",
      filename: DATA,
      code: read(DATA),
      settings: projectSettings,
    },
    {
      name: "nothing listed: nothing to do",
      filename: A,
      code: a,
      settings: settingsFor(PROJECT),
    },
    {
      name: "options: all checks off",
      filename: A,
      code: a,
      settings: projectSettings,
      options: [{ requireWarning: false, reportStaleEntries: false, reportUnknownEntries: false }],
    },
  ],
  invalid: [
    {
      name: "missing warnings, a stale entry and unknown entries (in the project's first signal file)",
      filename: A,
      code: a,
      settings: projectSettings,
      errors: [
        {
          messageId: "unknownEntry",
          data: { eventType: TYPO, sourceDirs: JSON.stringify(PROJECT), didYouMean: " (did you mean `org.openedx.learning.export.requested.v1`?)" },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
        {
          messageId: "unknownEntry",
          data: { eventType: UNKNOWN, sourceDirs: JSON.stringify(PROJECT), didYouMean: "" },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
        {
          messageId: "missingWarning",
          data: { eventType: LISTED[0], detail: "its JSDoc has no `@warning`", problems: EXPORT_REASON.slice(0, -1) },
          line: 6,
          column: 14,
          endLine: 6,
          endColumn: 30,
          suggestions: [
            {
              messageId: "suggestWarning",
              data: { tag: EXPORT_WARNING },
              output: a.replace(" * A bulk export was requested.\n */", ` * A bulk export was requested.\n * ${EXPORT_WARNING}\n */`),
            },
          ],
        },
        {
          messageId: "missingWarning",
          data: { eventType: LISTED[1], detail: "it has no JSDoc", problems: EXPORT_REASON.slice(0, -1) },
          line: 11,
          column: 14,
          endLine: 11,
          endColumn: 27,
          suggestions: [
            {
              messageId: "suggestWarning",
              data: { tag: EXPORT_WARNING },
              output: a.replace("\nexport const EXPORT_FAILED", `\n/**\n * ${EXPORT_WARNING}\n */\nexport const EXPORT_FAILED`),
            },
          ],
        },
        {
          messageId: "missingWarning",
          data: { eventType: LISTED[2], detail: "its JSDoc has no `@warning`", problems: EXPORT_REASON.slice(0, -1) },
          line: 17,
          column: 14,
          endLine: 17,
          endColumn: 28,
          suggestions: [
            {
              messageId: "suggestWarning",
              data: { tag: EXPORT_WARNING },
              output: a.replace("/** An export was retried. @warning */", `/** An export was retried. ${EXPORT_WARNING} */`),
            },
          ],
        },
        {
          messageId: "staleEntry",
          data: { eventType: LISTED[3] },
          line: 27,
          column: 14,
          endLine: 27,
          endColumn: 26,
        },
      ],
    },
    {
      name: "an empty @warning on its own line is filled in",
      filename: INLINE_FILE,
      settings: settingsFor(INLINE_DIR, { knownUnserializableSignals: ["org.openedx.learning.thing.changed.v1"] }),
      code: `class ThingData {\n  readonly tags!: Set<string>;\n}\n\n/**\n * A thing changed.\n * @warning\n */\nexport const THING_CHANGED = new OpenEdxPublicSignal({\n  event_type: "org.openedx.learning.thing.changed.v1",\n  data: { thing: ThingData },\n});\n`,
      errors: [
        {
          messageId: "missingWarning",
          data: {
            eventType: "org.openedx.learning.thing.changed.v1",
            detail: "its `@warning` is empty",
            problems: "the field `thing.tags` (`Set<string>`) cannot be serialized to Avro",
          },
          line: 9,
          column: 14,
          endLine: 9,
          endColumn: 27,
          suggestions: [
            {
              messageId: "suggestWarning",
              output: `class ThingData {\n  readonly tags!: Set<string>;\n}\n\n/**\n * A thing changed.\n * @warning This event is not sent over the event bus: the field \`thing.tags\` (\`Set<string>\`) cannot be serialized to Avro.\n */\nexport const THING_CHANGED = new OpenEdxPublicSignal({\n  event_type: "org.openedx.learning.thing.changed.v1",\n  data: { thing: ThingData },\n});\n`,
            },
          ],
        },
      ],
    },
    {
      name: "a new JSDoc is indented like the declaration it documents",
      filename: INLINE_FILE,
      settings: settingsFor(INLINE_DIR, { knownUnserializableSignals: ["org.openedx.learning.nested.changed.v1"] }),
      code: `class NestedData {\n  readonly tags!: Set<string>;\n}\n\nexport const SIGNALS = {\n  NESTED: new OpenEdxPublicSignal({\n    event_type: "org.openedx.learning.nested.changed.v1",\n    data: { nested: NestedData },\n  }),\n};\n`,
      errors: [
        {
          messageId: "missingWarning",
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 9,
          suggestions: [
            {
              messageId: "suggestWarning",
              output: `class NestedData {\n  readonly tags!: Set<string>;\n}\n\nexport const SIGNALS = {\n  /**\n   * @warning This event is not sent over the event bus: the field \`nested.tags\` (\`Set<string>\`) cannot be serialized to Avro.\n   */\n  NESTED: new OpenEdxPublicSignal({\n    event_type: "org.openedx.learning.nested.changed.v1",\n    data: { nested: NestedData },\n  }),\n};\n`,
            },
          ],
        },
      ],
    },
    {
      name: "unknown entries are reported in the first signal file only",
      filename: A,
      code: a,
      settings: settingsFor(PROJECT, { knownUnserializableSignals: [UNKNOWN] }),
      errors: [{ messageId: "unknownEntry", line: 1, column: 1, endLine: 1, endColumn: 1 }],
    },
  ],
});

describe("known-unserializable-signals messages, rendered", () => {
  it("says what is wrong, why and how to fix it", () => {
    const messages = renderedMessages("known-unserializable-signals", A, a, projectSettings);
    expect(messages.map((m) => m.message)).toEqual([
      `settings["openedx-events"].knownUnserializableSignals lists \`${TYPO}\`, but no signal under the \`sourceDirs\` setting (${JSON.stringify(PROJECT)}) declares that event type (did you mean \`org.openedx.learning.export.requested.v1\`?). Remove the entry or correct it. (A setting cannot be pointed at: this is reported once, in the first file of the project that declares signals.)`,
      `settings["openedx-events"].knownUnserializableSignals lists \`${UNKNOWN}\`, but no signal under the \`sourceDirs\` setting (${JSON.stringify(PROJECT)}) declares that event type. Remove the entry or correct it. (A setting cannot be pointed at: this is reported once, in the first file of the project that declares signals.)`,
      `Event \`org.openedx.learning.export.requested.v1\` is listed in knownUnserializableSignals, but its JSDoc has no \`@warning\`. Say why it is not sent over the event bus in its JSDoc, \`@warning This event is not sent over the event bus: <reason>\`, so that nobody tries to send it across services (${EXPORT_REASON.slice(0, -1)}).`,
      `Event \`org.openedx.learning.export.failed.v1\` is listed in knownUnserializableSignals, but it has no JSDoc. Say why it is not sent over the event bus in its JSDoc, \`@warning This event is not sent over the event bus: <reason>\`, so that nobody tries to send it across services (${EXPORT_REASON.slice(0, -1)}).`,
      `Event \`org.openedx.learning.export.retried.v1\` is listed in knownUnserializableSignals, but its JSDoc has no \`@warning\`. Say why it is not sent over the event bus in its JSDoc, \`@warning This event is not sent over the event bus: <reason>\`, so that nobody tries to send it across services (${EXPORT_REASON.slice(0, -1)}).`,
      'Event `org.openedx.learning.user.renamed.v1` is listed in knownUnserializableSignals, but its payload maps to Avro without problems, so the event bus can carry it. Remove it from settings["openedx-events"].knownUnserializableSignals so that the schema checks cover it (or, if it is kept off the bus on purpose, turn off this rule\'s `reportStaleEntries` option).',
    ]);
  });

  it("leaves the unlisted unserializable signal to supported-field-types, with the list-it advice once", () => {
    const settings = settingsFor(PROJECT, { knownUnserializableSignals: LISTED });
    expect(renderedMessages("known-unserializable-signals", B, read(B), settings)).toEqual([]);
    const fieldMessages = renderedMessages("supported-field-types", B, read(B), settings).map((m) => m.message);
    expect(fieldMessages).toHaveLength(2);
    expect(fieldMessages.filter((m) => m.includes("knownUnserializableSignals instead"))).toHaveLength(1);
    expect(fieldMessages[0]).toContain("Event `org.openedx.learning.export.cancelled.v1`, field `export.filters` (in ./data.ts:2:22)");
  });
});
