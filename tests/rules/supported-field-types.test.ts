import { RuleTester } from "@typescript-eslint/rule-tester";
import { describe, expect, it } from "vitest";
import rule from "../../rules/supported-field-types.js";
import { INLINE_DIR, INLINE_FILE, read, renderedMessages, ruleFixture, settingsFor, testable } from "./rule-helpers.js";

const ruleTester = new RuleTester();

const PROJECT = ruleFixture("supported-field-types", "project");
const PROJECT_DATA = ruleFixture("supported-field-types", "project", "data.ts");
const PROJECT_SIGNALS = ruleFixture("supported-field-types", "project", "signals.ts");
const PROBLEMS = ruleFixture("supported-field-types", "model-problems");
const PROBLEMS_DATA = ruleFixture("supported-field-types", "model-problems", "data.ts");
const PROBLEMS_SIGNALS = ruleFixture("supported-field-types", "model-problems", "signals.ts");

const CYCLE_SIGNALS = ruleFixture("supported-field-types", "import-cycle", "signals.ts");
const IMPORTED_PAYLOAD = ruleFixture("supported-field-types", "imported-payload");
const IMPORTED_PAYLOAD_SIGNALS = ruleFixture("supported-field-types", "imported-payload", "signals.ts");

const inline = { filename: INLINE_FILE, settings: settingsFor(INLINE_DIR) };

const SIGNAL = `
/** Something changed. */
export const THING_CHANGED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.thing.changed.v1",
  data: { thing: ThingData },
});
`;
const THING = "Event `org.openedx.learning.thing.changed.v1`";
const LIST_IT =
  ' If the event is deliberately kept off the event bus, list it in settings["openedx-events"].knownUnserializableSignals instead, and say why in an `@warning` in its JSDoc.';
const GRADE = "Event `org.openedx.learning.grade.changed.v1`";
const ENROLLMENT_AND_USER = "Event `org.openedx.learning.enrollment.created.v1` (and 1 other event)";

ruleTester.run("supported-field-types", testable(rule), {
  valid: [
    {
      ...inline,
      name: "every supported type",
      code:
        `
class KeyData {
  readonly course_key!: CourseKey;
}
interface Nested { flag: boolean }
class ThingData {
  readonly a!: string;
  readonly b!: boolean;
  readonly c!: Int;
  readonly d!: Long | null;
  readonly e!: Float;
  readonly f!: number;
  readonly g!: bigint;
  readonly h!: Uint8Array;
  readonly i: Date | null = null;
  readonly j!: Int[];
  readonly k!: ReadonlyArray<string>;
  readonly l!: readonly KeyData[];
  readonly m: null | Nested = null;
  constructor(readonly n: string) {}
}` + SIGNAL,
    },
    {
      ...inline,
      name: "dicts with the allowMaps setting",
      settings: settingsFor(INLINE_DIR, { allowMaps: true }),
      code: `class ThingData {\n  readonly a!: Record<string, Int>;\n  readonly b!: Map<string, string>;\n  readonly c!: { [key: string]: boolean };\n}` + SIGNAL,
    },
    {
      ...inline,
      name: "a configured custom type",
      settings: settingsFor(INLINE_DIR, { customTypes: { Helper: "string" } }),
      code: `class Helper {\n  run(): void {}\n}\nclass ThingData {\n  readonly a!: Helper;\n}` + SIGNAL,
    },
    {
      ...inline,
      name: "a signal listed in knownUnserializableSignals is skipped",
      settings: settingsFor(INLINE_DIR, { knownUnserializableSignals: ["org.openedx.learning.thing.changed.v1"] }),
      code: `class ThingData {\n  readonly a!: Record<string, Int>;\n}` + SIGNAL,
    },
    {
      ...inline,
      name: "a data class no signal reaches is not checked",
      code: `export class LonelyData {\n  readonly anything!: any;\n}\n`,
    },
    {
      ...inline,
      name: "a file without signals or data classes",
      code: `export function add(a: number, b: number): number {\n  return a + b;\n}\n`,
    },
    {
      name: "a data file reached only by a listed signal",
      filename: PROJECT_DATA,
      code: read(PROJECT_DATA),
      settings: settingsFor(PROJECT, {
        knownUnserializableSignals: ["org.openedx.learning.enrollment.created.v1", "org.openedx.learning.user.changed.v1"],
      }),
    },
    {
      name: "problems of the event type itself are left to valid-event-type",
      ...inline,
      code: `class ThingData {\n  readonly a!: string;\n}\n/** x */\nexport const X = new OpenEdxPublicSignal({\n  event_type: "org.openedx.learning.thing-x.changed.v1",\n  data: { thing: ThingData },\n});\n/** y */\nexport const Y = new OpenEdxPublicSignal({ data: { thing: ThingData } });\n`,
    },
    {
      name: "options: checkDataClasses off leaves a data file alone",
      filename: PROJECT_DATA,
      code: read(PROJECT_DATA),
      settings: settingsFor(PROJECT),
      options: [{ checkDataClasses: false }],
    },
    {
      name: "options: reportImported off leaves a signal file with clean local code alone",
      filename: PROJECT_SIGNALS,
      code: read(PROJECT_SIGNALS),
      settings: settingsFor(PROJECT),
      options: [{ reportImported: false }],
    },
  ],
  invalid: [
    // ---- a data file, checked for every signal of the project that reaches it ----
    {
      name: "data file: reported on the field, with the event types and the path from the signal",
      filename: PROJECT_DATA,
      code: read(PROJECT_DATA),
      settings: settingsFor(PROJECT),
      errors: [
        {
          messageId: "dictType",
          data: { event: ENROLLMENT_AND_USER, path: "enrollment.user.pii.extra", at: "", type: "Record<string, string>", listIt: "" },
          line: 3,
          column: 20,
          endLine: 3,
          endColumn: 42,
          suggestions: [
            {
              messageId: "suggestJsonString",
              output: read(PROJECT_DATA).replace(
                "readonly extra!: Record<string, string>;",
                "readonly extra!: string /* JSON-encoded Record<string, string> */;",
              ),
            },
          ],
        },
        {
          messageId: "optionalField",
          data: { event: ENROLLMENT_AND_USER, path: "enrollment.user.nickname", at: "", type: "nickname?: string", listIt: "" },
          line: 9,
          column: 20,
          endLine: 9,
          endColumn: 29,
          suggestions: [
            {
              messageId: "suggestNullable",
              data: { fixed: "nickname: string | null = null" },
              output: read(PROJECT_DATA).replace("readonly nickname?: string;", "readonly nickname: string | null = null;"),
            },
          ],
        },
        {
          messageId: "unsupportedType",
          data: {
            event: "Event `org.openedx.learning.enrollment.created.v1`",
            path: "enrollment.tags",
            at: "",
            type: "Set<string>",
            reason: "a Set has no Avro form; use an array (T[]) of unique items",
            advice: "",
            listIt: "",
          },
          line: 15,
          column: 19,
          endLine: 15,
          endColumn: 30,
        },
      ],
    },
    {
      name: "signal file: problems in an imported data class are reported on the data entry, once, naming file and line",
      filename: PROJECT_SIGNALS,
      code: read(PROJECT_SIGNALS),
      settings: settingsFor(PROJECT),
      errors: [
        {
          messageId: "dictType",
          data: {
            event: ENROLLMENT_AND_USER,
            path: "enrollment.user.pii.extra",
            at: " (in ./data.ts:3:20)",
            type: "Record<string, string>",
            listIt: LIST_IT,
          },
          line: 7,
          column: 17,
          endLine: 7,
          endColumn: 31,
        },
        {
          messageId: "optionalField",
          data: { event: ENROLLMENT_AND_USER, path: "enrollment.user.nickname", at: " (in ./data.ts:9:20)", type: "nickname?: string", listIt: "" },
          line: 7,
          column: 17,
          endLine: 7,
          endColumn: 31,
        },
        { messageId: "unsupportedType", line: 7, column: 17, endLine: 7, endColumn: 31 },
      ],
    },
    {
      name: "a data file edited in the editor is judged from the buffer",
      filename: PROJECT_DATA,
      code: read(PROJECT_DATA).replace("readonly tags!: Set<string>;", "readonly tags!: string[];").replace("readonly nickname?: string;", "readonly nickname: string | null = null;"),
      settings: settingsFor(PROJECT),
      errors: [{ messageId: "dictType", line: 3, column: 20, endLine: 3, endColumn: 42, suggestions: [{ messageId: "suggestJsonString", output: read(PROJECT_DATA).replace("readonly tags!: Set<string>;", "readonly tags!: string[];").replace("readonly nickname?: string;", "readonly nickname: string | null = null;").replace("Record<string, string>;", "string /* JSON-encoded Record<string, string> */;") }] }],
    },

    // ---- optional and undefined ----
    {
      ...inline,
      name: "optional interface field and a nested `| undefined`",
      code: `interface ThingData {\n  name?: string;\n  tags: Array<string | undefined>;\n}\n` + SIGNAL,
      errors: [
        {
          messageId: "optionalField",
          data: { event: THING, path: "thing.name", at: "", type: "name?: string", listIt: LIST_IT },
          line: 2,
          column: 7,
          endLine: 2,
          endColumn: 16,
          suggestions: [
            {
              messageId: "suggestNullable",
              data: { fixed: "name: string | null" },
              output: `interface ThingData {\n  name: string | null;\n  tags: Array<string | undefined>;\n}\n` + SIGNAL,
            },
          ],
        },
        {
          messageId: "optionalField",
          data: { event: THING, path: "thing.tags[]", at: "", type: "string | undefined", listIt: "" },
          line: 3,
          column: 15,
          endLine: 3,
          endColumn: 33,
          suggestions: [
            {
              messageId: "suggestNullable",
              data: { fixed: "string | null" },
              output: `interface ThingData {\n  name?: string;\n  tags: Array<string | null>;\n}\n` + SIGNAL,
            },
          ],
        },
      ],
    },
    {
      ...inline,
      name: "class fields: declare, definite, `= undefined`, a function type, a parameter property",
      code: `class ThingData {
  declare readonly a?: string;
  readonly b!: Int | undefined;
  readonly c: string | undefined = undefined;
  readonly d?: () => void;
  constructor(readonly e?: Date) {}
}
` + SIGNAL,
      errors: [
        {
          messageId: "optionalField",
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 30,
          suggestions: [
            {
              messageId: "suggestNullable",
              data: { fixed: "a: string | null" },
              output: `class ThingData {
  declare readonly a: string | null;
  readonly b!: Int | undefined;
  readonly c: string | undefined = undefined;
  readonly d?: () => void;
  constructor(readonly e?: Date) {}
}
` + SIGNAL,
            },
          ],
        },
        {
          messageId: "optionalField",
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 31,
          suggestions: [
            {
              messageId: "suggestNullable",
              data: { fixed: "b: Int | null = null" },
              output: `class ThingData {
  declare readonly a?: string;
  readonly b: Int | null = null;
  readonly c: string | undefined = undefined;
  readonly d?: () => void;
  constructor(readonly e?: Date) {}
}
` + SIGNAL,
            },
          ],
        },
        {
          messageId: "optionalField",
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 33,
          suggestions: [
            {
              messageId: "suggestNullable",
              data: { fixed: "c: string | null = null" },
              output: `class ThingData {
  declare readonly a?: string;
  readonly b!: Int | undefined;
  readonly c: string | null = null;
  readonly d?: () => void;
  constructor(readonly e?: Date) {}
}
` + SIGNAL,
            },
          ],
        },
        {
          messageId: "optionalField",
          line: 5,
          column: 13,
          endLine: 5,
          endColumn: 26,
          suggestions: [
            {
              messageId: "suggestNullable",
              data: { fixed: "d: (() => void) | null = null" },
              output: `class ThingData {
  declare readonly a?: string;
  readonly b!: Int | undefined;
  readonly c: string | undefined = undefined;
  readonly d: (() => void) | null = null;
  constructor(readonly e?: Date) {}
}
` + SIGNAL,
            },
          ],
        },
        {
          messageId: "unsupportedType",
          data: {
            event: THING,
            path: "thing.d",
            at: "",
            type: "() => void",
            reason: "functions cannot be serialized",
            advice: " Send the data the function would compute instead.",
            listIt: "",
          },
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 26,
        },
        {
          messageId: "optionalField",
          line: 6,
          column: 25,
          endLine: 6,
          endColumn: 32,
          suggestions: [
            {
              messageId: "suggestNullable",
              data: { fixed: "e: Date | null = null" },
              output: `class ThingData {
  declare readonly a?: string;
  readonly b!: Int | undefined;
  readonly c: string | undefined = undefined;
  readonly d?: () => void;
  constructor(readonly e: Date | null = null) {}
}
` + SIGNAL,
            },
          ],
        },
      ],
    },
    {
      ...inline,
      name: "`x?: T | undefined` is one problem",
      code: `class ThingData {\n  readonly a?: string | undefined;\n}\n` + SIGNAL,
      errors: [
        {
          messageId: "optionalField",
          line: 2,
          column: 13,
          endLine: 2,
          endColumn: 34,
          suggestions: [{ messageId: "suggestNullable", data: { fixed: "a: string | null = null" }, output: `class ThingData {\n  readonly a: string | null = null;\n}\n` + SIGNAL }],
        },
      ],
    },
    {
      ...inline,
      name: "the type-level form",
      code: `/** Typed. */\nexport const TYPED = new OpenEdxPublicSignal<{ user_id?: Int; extra: Record<string, string> }>({\n  event_type: "org.openedx.learning.typed.changed.v1",\n});\n`,
      errors: [
        {
          messageId: "optionalField",
          data: { event: "Event `org.openedx.learning.typed.changed.v1`", path: "user_id", at: "", type: "user_id?: Int", listIt: LIST_IT },
          line: 2,
          column: 55,
          endLine: 2,
          endColumn: 61,
          suggestions: [
            {
              messageId: "suggestNullable",
              output: `/** Typed. */\nexport const TYPED = new OpenEdxPublicSignal<{ user_id: Int | null; extra: Record<string, string> }>({\n  event_type: "org.openedx.learning.typed.changed.v1",\n});\n`,
            },
          ],
        },
        {
          messageId: "dictType",
          line: 2,
          column: 70,
          endLine: 2,
          endColumn: 92,
          suggestions: [
            {
              messageId: "suggestJsonString",
              output: `/** Typed. */\nexport const TYPED = new OpenEdxPublicSignal<{ user_id?: Int; extra: string /* JSON-encoded Record<string, string> */ }>({\n  event_type: "org.openedx.learning.typed.changed.v1",\n});\n`,
            },
          ],
        },
      ],
    },

    // ---- dicts ----
    {
      ...inline,
      name: "Map, index signature, a dict in an array, non-string keys",
      code: `class ThingData {\n  readonly a!: Map<string, Int>;\n  readonly b!: { [key: string]: string };\n  readonly c!: Record<string, string>[];\n  readonly d!: Record<number, string>;\n}\n` + SIGNAL,
      errors: [
        {
          messageId: "dictType",
          data: { event: THING, path: "thing.a", at: "", type: "Map<string, Int>", listIt: LIST_IT },
          line: 2,
          column: 16,
          endLine: 2,
          endColumn: 32,
          suggestions: [
            {
              messageId: "suggestJsonString",
              output: `class ThingData {\n  readonly a!: string /* JSON-encoded Map<string, Int> */;\n  readonly b!: { [key: string]: string };\n  readonly c!: Record<string, string>[];\n  readonly d!: Record<number, string>;\n}\n` + SIGNAL,
            },
          ],
        },
        {
          messageId: "dictType",
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 41,
          suggestions: [
            {
              messageId: "suggestJsonString",
              output: `class ThingData {\n  readonly a!: Map<string, Int>;\n  readonly b!: string /* JSON-encoded { [key: string]: string } */;\n  readonly c!: Record<string, string>[];\n  readonly d!: Record<number, string>;\n}\n` + SIGNAL,
            },
          ],
        },
        {
          messageId: "dictType",
          data: { event: THING, path: "thing.c[]", at: "", type: "Record<string, string>", listIt: "" },
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 38,
          suggestions: [
            {
              messageId: "suggestJsonString",
              output: `class ThingData {\n  readonly a!: Map<string, Int>;\n  readonly b!: { [key: string]: string };\n  readonly c!: string /* JSON-encoded Record<string, string> */[];\n  readonly d!: Record<number, string>;\n}\n` + SIGNAL,
            },
          ],
        },
        {
          messageId: "dictType",
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 38,
          suggestions: [
            {
              messageId: "suggestJsonString",
              output: `class ThingData {\n  readonly a!: Map<string, Int>;\n  readonly b!: { [key: string]: string };\n  readonly c!: Record<string, string>[];\n  readonly d!: string /* JSON-encoded Record<number, string> */;\n}\n` + SIGNAL,
            },
          ],
        },
      ],
    },

    // ---- everything else the event bus cannot carry ----
    {
      ...inline,
      name: "any, unknown, never, unions, tuples, functions, Set, bare Array, object, {}, classes, unresolved names, enums, literals",
      code: `class Helper {
  run(): void {}
}
enum Color { Red }
class ThingData {
  readonly a!: any;
  readonly b!: unknown;
  readonly c!: never;
  readonly d!: string | Int;
  readonly e!: [string, Int];
  readonly f!: (x: Int) => string;
  readonly g!: Set<string>;
  readonly h!: Array;
  readonly i!: object;
  readonly j!: {};
  readonly k!: Helper;
  readonly l!: Nowhere;
  readonly m!: Color;
  readonly n!: "a";
}
` + SIGNAL,
      errors: [
        {
          messageId: "unsupportedType",
          data: {
            event: THING,
            path: "thing.a",
            at: "",
            type: "any",
            reason: "`any` says nothing about the data, so no Avro type can be derived from it",
            advice: " Give the field a concrete type: string, boolean, Int/Long, Float/Double, bigint, Date, a custom type, a data class, T[] or T | null.",
            listIt: LIST_IT,
          },
          line: 6,
          column: 16,
          endLine: 6,
          endColumn: 19,
        },
        { messageId: "unsupportedType", line: 7, column: 16, endLine: 7, endColumn: 23 },
        { messageId: "unsupportedType", line: 8, column: 16, endLine: 8, endColumn: 21 },
        {
          messageId: "unsupportedType",
          data: {
            event: THING,
            path: "thing.d",
            at: "",
            type: "string | Int",
            reason:
              "the event bus serializes unions only as `T | null`; a value of one of several types has no Avro field type openedx-events can read back",
            advice: " Keep one type (with `| null` if the value may be absent), or use one field per type.",
            listIt: "",
          },
          line: 9,
          column: 16,
          endLine: 9,
          endColumn: 28,
        },
        { messageId: "unsupportedType", line: 10, column: 16, endLine: 10, endColumn: 29 },
        { messageId: "unsupportedType", line: 11, column: 16, endLine: 11, endColumn: 34 },
        { messageId: "unsupportedType", line: 12, column: 16, endLine: 12, endColumn: 27 },
        { messageId: "unsupportedType", line: 13, column: 16, endLine: 13, endColumn: 21 },
        { messageId: "unsupportedType", line: 14, column: 16, endLine: 14, endColumn: 22 },
        { messageId: "unsupportedType", line: 15, column: 16, endLine: 15, endColumn: 18 },
        {
          messageId: "unknownClass",
          data: {
            event: THING,
            path: "thing.k",
            at: "",
            type: "Helper",
            reason: "the class `Helper` declares no fields, so it is neither a data class nor a custom type",
            name: "Helper",
            listIt: "",
          },
          line: 16,
          column: 16,
          endLine: 16,
          endColumn: 22,
        },
        {
          messageId: "unresolvedType",
          data: { event: THING, path: "thing.l", at: "", type: "Nowhere", reason: "'Nowhere' is neither declared nor imported in inline.ts", listIt: "" },
          line: 17,
          column: 16,
          endLine: 17,
          endColumn: 23,
        },
        { messageId: "unsupportedType", line: 18, column: 16, endLine: 18, endColumn: 21 },
        { messageId: "unsupportedType", line: 19, column: 16, endLine: 19, endColumn: 19 },
      ],
    },

    // ---- what the plugin cannot read ----
    {
      name: "signal file: unparseable imports, recursion, computed keys, unresolvable bases, name clashes, spreads",
      filename: PROBLEMS_SIGNALS,
      code: read(PROBLEMS_SIGNALS),
      settings: settingsFor(PROBLEMS),
      errors: [
        {
          messageId: "unreadableDefinition",
          data: {
            event: "Event `org.openedx.test.model.problems.v1`",
            where: ", field `broken`",
            at: "",
            reason: "`Broken` cannot be resolved: broken.ts cannot be read: Type expected. (line 3, column 16)",
          },
          line: 12,
          column: 13,
          endLine: 12,
          endColumn: 19,
        },
        {
          messageId: "unsupportedType",
          data: {
            event: "Event `org.openedx.test.model.problems.v1`",
            path: "node.next",
            at: " (in ./data.ts:7:19)",
            type: "Node",
            reason: "the data class `Node` contains itself; openedx-events cannot build a schema for recursive data",
            advice: " Flatten the data: refer to the nested item by an id (`parent_id: Int`) instead of containing it.",
            listIt: LIST_IT,
          },
          line: 13,
          column: 11,
          endLine: 13,
          endColumn: 15,
        },
        {
          messageId: "unreadableDefinition",
          data: {
            event: "Event `org.openedx.test.model.problems.v1`",
            where: ", field `computed`",
            at: " (in ./data.ts:11:13)",
            reason: "a computed key has no name the plugin can read without running the code; write the field name literally",
          },
          line: 14,
          column: 15,
          endLine: 14,
          endColumn: 23,
        },
        { messageId: "unreadableDefinition", line: 15, column: 14, endLine: 15, endColumn: 21 },
        {
          messageId: "unreadableDefinition",
          data: {
            event: "Event `org.openedx.test.model.problems.v1`",
            where: ", field `second`",
            at: " (in ./clash-b.ts:1:14)",
            reason:
              "two different data classes named `Shared` are reached by this event, but an Avro schema refers to records by bare name, so the second would be read as the first; rename one of them",
          },
          line: 17,
          column: 13,
          endLine: 17,
          endColumn: 24,
        },
        {
          messageId: "unreadableDefinition",
          data: {
            event: "Event `org.openedx.test.model.problems.v1`",
            where: "",
            at: "",
            reason: "a spread in `data` hides which fields the event has; list each field",
          },
          line: 18,
          column: 5,
          endLine: 18,
          endColumn: 13,
        },
      ],
    },
    {
      name: "data file: model problems at their place",
      filename: PROBLEMS_DATA,
      code: read(PROBLEMS_DATA),
      settings: settingsFor(PROBLEMS),
      errors: [
        { messageId: "unsupportedType", line: 7, column: 19, endLine: 7, endColumn: 23 },
        { messageId: "unreadableDefinition", line: 11, column: 13, endLine: 11, endColumn: 16 },
        {
          messageId: "unreadableDefinition",
          data: {
            event: "Event `org.openedx.test.model.problems.v1`",
            where: ", field `derived`",
            at: "",
            reason: "the fields of `Missing` cannot be read: cannot find module './nowhere' from data.ts",
          },
          line: 15,
          column: 30,
          endLine: 15,
          endColumn: 37,
        },
      ],
    },
    {
      name: "an import cycle, and a schema Avro rejects",
      filename: CYCLE_SIGNALS,
      code: read(CYCLE_SIGNALS),
      settings: settingsFor(ruleFixture("supported-field-types", "import-cycle")),
      errors: [
        { messageId: "unreadableDefinition", data: { event: "Event `org.openedx.test.import.cycle.v1`", where: ", field `missing`", at: "", reason: "`Missing` cannot be resolved: import cycle: 'Missing' is re-exported in a loop through cycle-a.ts" }, line: 12, column: 14, endLine: 12, endColumn: 21 },
        { messageId: "unreadableDefinition", data: { event: "Event `org.openedx.test.primitive.name.v1`", where: "", at: "", reason: 'the generated schema is not valid Avro: cannot rename primitive type: "long"' }, line: 18, column: 15, endLine: 18, endColumn: 51 },
      ],
    },
    {
      name: "signal file of the generic form with an imported payload: its entries' problems are reported on the type argument",
      filename: IMPORTED_PAYLOAD_SIGNALS,
      code: read(IMPORTED_PAYLOAD_SIGNALS),
      settings: settingsFor(IMPORTED_PAYLOAD),
      errors: [
        {
          messageId: "dictType",
          data: { event: GRADE, path: "extra", at: " (in ./payload.ts:8:19)", type: "Record<string, string>", listIt: LIST_IT },
          line: 5,
          column: 54,
          endLine: 5,
          endColumn: 66,
        },
        {
          messageId: "optionalField",
          data: { event: GRADE, path: "note", at: " (in ./payload.ts:9:16)", type: "note?: string", listIt: "" },
          line: 5,
          column: 54,
          endLine: 5,
          endColumn: 66,
        },
        {
          messageId: "dictType",
          data: { event: GRADE, path: "settings.weights", at: " (in ./payload.ts:3:21)", type: "Record<string, number>", listIt: "" },
          line: 5,
          column: 54,
          endLine: 5,
          endColumn: 66,
        },
      ],
    },
    {
      ...inline,
      name: "invalid settings are reported once, at the top",
      settings: { "openedx-events": { allowMap: true } },
      code: `class ThingData {\n  readonly a!: any;\n}` + SIGNAL,
      errors: [{ messageId: "invalidSettings", line: 1, column: 1 }],
    },
  ],
});

describe("supported-field-types messages, rendered", () => {
  it("names the event, the path, the remote place, why and how to fix", () => {
    const messages = renderedMessages("supported-field-types", PROJECT_SIGNALS, read(PROJECT_SIGNALS), settingsFor(PROJECT));
    expect(messages.map((m) => m.message)).toEqual([
      'Event `org.openedx.learning.enrollment.created.v1` (and 1 other event), field `enrollment.user.pii.extra` (in ./data.ts:3:20): `Record<string, string>` is a dict, and the event bus cannot carry dicts (openedx-events serializes no Avro maps). Declare a data class if the keys are known; otherwise send the dict as a JSON-encoded `string` and parse it on the consumer side (or set `allowMaps: true` in settings["openedx-events"] if your event bus accepts Avro maps). If the event is deliberately kept off the event bus, list it in settings["openedx-events"].knownUnserializableSignals instead, and say why in an `@warning` in its JSDoc.',
      "Event `org.openedx.learning.enrollment.created.v1` (and 1 other event), field `enrollment.user.nickname` (in ./data.ts:9:20): `nickname?: string` may be missing (`undefined`), but every field of an Avro record is always present, so the event bus cannot carry it. Write a missing value as `null`: declare the field `T | null` (with `= null` on a class field).",
      "Event `org.openedx.learning.enrollment.created.v1`, field `enrollment.tags` (in ./data.ts:15:19): `Set<string>` cannot be sent over the event bus: a Set has no Avro form; use an array (T[]) of unique items.",
    ]);
  });

  it("explains customTypes for an unknown class, and unresolved names and unreadable definitions", () => {
    const code = `class Helper {\n  run(): void {}\n}\nclass ThingData {\n  readonly k!: Helper;\n  readonly l!: Nowhere;\n}\n` + SIGNAL;
    const messages = renderedMessages("supported-field-types", INLINE_FILE, code, settingsFor(INLINE_DIR));
    expect(messages.map((m) => m.message)).toEqual([
      'Event `org.openedx.learning.thing.changed.v1`, field `thing.k`: `Helper` cannot be serialized: the class `Helper` declares no fields, so it is neither a data class nor a custom type. A custom type is one with a custom serializer on both sides of the event bus (like `CourseKey`, sent as a string): list it in settings["openedx-events"].customTypes, e.g. `customTypes: { Helper: "string" }`; otherwise make it a data class whose fields have supported types.' +
        LIST_IT,
      "Event `org.openedx.learning.thing.changed.v1`, field `thing.l`: `Nowhere` cannot be resolved ('Nowhere' is neither declared nor imported in inline.ts), so its Avro type is unknown. Import it with a relative path from the file that declares it; if it is a custom type, list it in settings[\"openedx-events\"].customTypes.",
    ]);
    const unreadable = renderedMessages("supported-field-types", PROBLEMS_SIGNALS, read(PROBLEMS_SIGNALS), settingsFor(PROBLEMS));
    expect(unreadable.at(-1)!.message).toBe(
      "Event `org.openedx.test.model.problems.v1`: a spread in `data` hides which fields the event has; list each field. Until this is fixed, the event's Avro schema cannot be built or checked.",
    );
  });
});
