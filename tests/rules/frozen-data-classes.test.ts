import fs from "node:fs";
import { RuleTester } from "@typescript-eslint/rule-tester";
import rule from "../../rules/frozen-data-classes.js";
import { fixture } from "../helpers.js";
import {
  ENROLLMENT,
  MODES,
  PYTHON,
  caseDir,
  caseFile,
  caseSettings,
  cases,
  evolutionCases,
  read,
  shown,
  snapshotOf,
  testable,
} from "../evolution/helpers.js";

const ruleTester = new RuleTester();

const TAIL = "A data class never changes once in use (ADR 6), even where Avro would tolerate it.";
const dataOf = (name: string) => caseFile(name, "data.ts");
const pinnedBy = (name: string, eventType = ENROLLMENT) => `the snapshot \`${snapshotOf(name, eventType)}\` of \`${eventType}\``;

const PYTHON_DATA = `${PYTHON}/src/data.ts`;
const pythonSettings = (compatibility = "FORWARD_TRANSITIVE", extra: Record<string, unknown> = {}) => ({
  "openedx-events": { sourceDirs: [`${PYTHON}/src`], schemaDir: `${PYTHON}/schemas`, compatibility, ...extra },
});
const pythonSnapshot = (eventType: string) => shown(`${PYTHON}/schemas/${eventType.replaceAll(".", "+")}_schema.avsc`);
const ENROLLMENT_SNAPSHOT = pythonSnapshot("org.openedx.learning.course.enrollment.created.v1");
const CERTIFICATE_SNAPSHOT = pythonSnapshot("org.openedx.learning.certificate.created.v1");
const PINNED_BY_BOTH =
  `the snapshots of \`org.openedx.learning.course.enrollment.created.v1\` (\`${ENROLLMENT_SNAPSHOT}\`) ` +
  `and \`org.openedx.learning.certificate.created.v1\` (\`${CERTIFICATE_SNAPSHOT}\`)`;

/** The file of a case that declares its data classes. */
const dataFileOf = (name: string) =>
  name === "namesake" ? "lms/data.ts" : fs.existsSync(caseDir(name, "previous", "data.ts")) ? "data.ts" : "signals.ts";

const withData = evolutionCases().filter((name) => !name.startsWith("top-level-added-nullable") && !name.startsWith("top-level-promoted"));

const INVALID = [
  {
    name: "field added (exact message, on the new field, whatever the mode)",
    ...dataOf("class-field-added"),
    settings: caseSettings("class-field-added", "NONE"),
    errors: [
      {
        message:
          `\`UserData.name\` (string) is new, but \`UserData\` is pinned by ${pinnedBy("class-field-added")}. ${TAIL} ` +
          "Remove it and add the new data as a new top-level key in the `data` of `ENROLLMENT_CREATED` instead.",
        line: 13,
        column: 12,
        endLine: 13,
        endColumn: 16,
      },
    ],
  },
  {
    name: "field removed (exact message, on the class)",
    ...dataOf("class-field-removed"),
    settings: caseSettings("class-field-removed", "FORWARD_TRANSITIVE"),
    errors: [
      {
        message:
          `\`UserData.is_active\` (boolean) was removed, but \`UserData\` is pinned by ${pinnedBy("class-field-removed")}. ${TAIL} ` +
          "Restore `is_active`; dropping data takes a new data class in a new event type (`.v2`).",
        line: 9,
        column: 14,
        endLine: 9,
        endColumn: 22,
      },
    ],
  },
  {
    name: "field retyped (exact message, on the type)",
    ...dataOf("class-field-retyped"),
    settings: caseSettings("class-field-retyped", "BACKWARD"),
    errors: [
      {
        message:
          `\`UserData.id\` changed from long to string, but \`UserData\` is pinned by ${pinnedBy("class-field-retyped")}. ${TAIL} ` +
          "Restore long, and send the new data as a new top-level key in the `data` of `ENROLLMENT_CREATED`.",
        line: 10,
        column: 17,
        endLine: 10,
        endColumn: 23,
      },
    ],
  },
  {
    name: "fields reordered, which Avro tolerates (exact message, on the field that moved)",
    ...dataOf("class-field-reordered"),
    settings: caseSettings("class-field-reordered", "FULL_TRANSITIVE"),
    errors: [
      {
        message:
          `\`UserData.is_active\` moved from position 2 to 1, but \`UserData\` is pinned by ${pinnedBy("class-field-reordered")}, with the field order \`id\`, \`is_active\`, \`pii\`. ${TAIL} ` +
          "Restore that order.",
        line: 10,
        column: 12,
        endLine: 10,
        endColumn: 21,
      },
    ],
  },
  {
    name: "field renamed (exact message and the rename-back suggestion)",
    ...dataOf("class-field-renamed"),
    settings: caseSettings("class-field-renamed", "FORWARD"),
    errors: [
      {
        message:
          `\`UserData.active\` replaces \`is_active\` (boolean), but \`UserData\` is pinned by ${pinnedBy("class-field-renamed")}. ${TAIL} ` +
          "Rename it back to `is_active`.",
        line: 11,
        column: 12,
        endLine: 11,
        endColumn: 18,
        suggestions: [
          {
            desc: "Rename `active` back to `is_active`.",
            output: read(caseDir("class-field-renamed", "previous", "data.ts")),
          },
        ],
      },
    ],
  },
  {
    name: "nullable ↔ non-nullable, both ways (exact messages)",
    ...dataOf("nullable"),
    settings: caseSettings("nullable", "NONE"),
    errors: [
      {
        message:
          `\`CourseData.display_name\` became nullable (string → union [null, string]), but \`CourseData\` is pinned by ${pinnedBy("nullable")}. ${TAIL} Restore string.`,
        line: 17,
        column: 26,
        endLine: 17,
        endColumn: 39,
      },
      {
        messageId: "fieldNullability",
        data: {
          className: "CourseData",
          field: "start",
          change: "is no longer nullable",
          old: "union [null, string]",
          new: "string",
          snapshots: pinnedBy("nullable"),
        },
        line: 18,
        column: 20,
        endLine: 18,
        endColumn: 24,
      },
    ],
  },
  {
    name: "array item type changed",
    ...dataOf("array-items"),
    settings: caseSettings("array-items", "FORWARD"),
    errors: [
      {
        messageId: "fieldRetyped",
        data: {
          className: "EnrollmentData",
          field: "tags",
          old: "array<string>",
          new: "array<long>",
          snapshots: pinnedBy("array-items"),
          signals: "`ENROLLMENT_CREATED`",
        },
        line: 25,
        column: 19,
        endLine: 25,
        endColumn: 24,
      },
    ],
  },
  {
    name: "a nested record's field changed: reported on that record's class",
    ...dataOf("nested-record"),
    settings: caseSettings("nested-record", "FORWARD"),
    errors: [
      {
        messageId: "fieldRetyped",
        data: {
          className: "PersonalData",
          field: "email",
          old: "string",
          new: "long",
          snapshots: pinnedBy("nested-record"),
          signals: "`ENROLLMENT_CREATED`",
        },
        line: 6,
        column: 20,
        endLine: 6,
        endColumn: 23,
      },
    ],
  },
  {
    name: "a field now holds another data class",
    ...dataOf("record-replaced"),
    settings: caseSettings("record-replaced", "FORWARD"),
    errors: [
      {
        messageId: "fieldRetyped",
        data: {
          className: "EnrollmentData",
          field: "user",
          old: "record UserData",
          new: "record StaffData",
          snapshots: pinnedBy("record-replaced"),
          signals: "`ENROLLMENT_CREATED`",
        },
        line: 28,
        column: 19,
        endLine: 28,
        endColumn: 28,
      },
    ],
  },
  {
    name: "a class declared beside its signal: reported on the field (schema-snapshot reports on the `data` entry)",
    ...caseFile("same-file"),
    settings: caseSettings("same-file", "BACKWARD"),
    errors: [
      {
        messageId: "fieldAdded",
        data: {
          className: "BadgeData",
          field: "image_url",
          new: "string",
          snapshots: pinnedBy("same-file", "org.openedx.test.badge.awarded.v1"),
          signals: "`BADGE_AWARDED`",
        },
        line: 7,
        column: 12,
        endLine: 7,
        endColumn: 21,
      },
    ],
  },
  {
    name: "a class reached twice by one signal: one finding",
    ...dataOf("reached-twice"),
    settings: caseSettings("reached-twice", "NONE"),
    errors: [{ messageId: "fieldRetyped", data: { className: "UserData", field: "id", old: "long", new: "string", snapshots: pinnedBy("reached-twice"), signals: "`ENROLLMENT_CREATED`" }, line: 10, column: 17, endLine: 10, endColumn: 23 }],
  },
  {
    name: "an edit in the editor buffer (not saved) is seen",
    filename: caseDir("class-field-added", "previous", "data.ts"),
    code: read(caseDir("class-field-added", "previous", "data.ts")).replace("  readonly username!: string;\n", ""),
    settings: caseSettings("class-field-added", "FORWARD", "previous"),
    errors: [
      {
        messageId: "fieldRemoved",
        data: { className: "PersonalData", field: "username", old: "string", snapshots: pinnedBy("class-field-added") },
        line: 4,
        column: 14,
        endLine: 4,
        endColumn: 26,
      },
    ],
  },
  {
    name: "namesake: the LMS CourseData is pinned by the LMS snapshot only",
    ...caseFile("namesake", "lms/data.ts"),
    settings: caseSettings("namesake", "FORWARD_TRANSITIVE"),
    errors: [
      {
        messageId: "fieldAdded",
        data: {
          className: "CourseData",
          field: "language",
          new: "string",
          snapshots: pinnedBy("namesake", "org.openedx.test.lms.course.changed.v1"),
          signals: "`LMS_COURSE_CHANGED`",
        },
        line: 5,
        column: 12,
        endLine: 5,
        endColumn: 20,
      },
    ],
  },
  {
    name: "Python snapshots: a class pinned by several snapshots names each, and the signals that reach it",
    filename: PYTHON_DATA,
    code: read(PYTHON_DATA).replace('  readonly name: string = "";\n', '  readonly name: string = "";\n  readonly locale!: string;\n'),
    settings: pythonSettings("NONE"),
    errors: [
      {
        message:
          `\`UserPersonalData.locale\` (string) is new, but \`UserPersonalData\` is pinned by ${PINNED_BY_BOTH}. ${TAIL} ` +
          "Remove it and add the new data as a new top-level key in the `data` of `COURSE_ENROLLMENT_CREATED` and `CERTIFICATE_CREATED` instead.",
        line: 17,
        column: 12,
        endLine: 17,
        endColumn: 18,
      },
    ],
  },
  {
    name: "Python snapshots: an inherited field is reported where it is declared (the base class), named after the pinned class",
    filename: PYTHON_DATA,
    code: read(PYTHON_DATA).replace("  readonly id!: Int;\n", "  readonly id!: string;\n"),
    settings: pythonSettings("NONE"),
    errors: [
      {
        messageId: "fieldRetyped",
        data: {
          className: "UserData",
          field: "id",
          old: "long",
          new: "string",
          snapshots: PINNED_BY_BOTH,
          signals: "`COURSE_ENROLLMENT_CREATED` and `CERTIFICATE_CREATED`",
        },
        line: 9,
        column: 17,
        endLine: 9,
        endColumn: 23,
      },
    ],
  },
];

ruleTester.run("frozen-data-classes", testable(rule), cases({
  valid: [
    ...withData.flatMap((name) =>
      (["NONE", "FORWARD_TRANSITIVE"] as const).map((mode) => ({
        name: `${name}: the previous data classes against their snapshot (${mode})`,
        ...caseFile(name, dataFileOf(name), "previous"),
        settings: caseSettings(name, mode, "previous"),
      })),
    ),
    ...["top-level-added", "top-level-removed", "top-level-retyped", "top-level-renamed", "history"].map((name) => ({
      name: `${name}: only the signal changed, the data classes did not`,
      ...dataOf(name),
      settings: caseSettings(name, "FORWARD"),
    })),
    {
      name: "namesake: Studio's CourseData is pinned by its own snapshot only, not by the LMS one",
      ...caseFile("namesake", "studio/data.ts"),
      settings: caseSettings("namesake", "FORWARD_TRANSITIVE"),
    },
    {
      name: "namesake: the LMS CourseData, unchanged, is not compared with Studio's namesake",
      filename: caseDir("namesake", "current", "lms", "data.ts"),
      code: read(caseDir("namesake", "previous", "lms", "data.ts")),
      settings: caseSettings("namesake", "FORWARD_TRANSITIVE"),
    },
    {
      name: "a class whose only signal is known-unserializable is pinned by nothing",
      ...dataOf("class-field-added"),
      settings: caseSettings("class-field-added", "NONE", "current", { knownUnserializableSignals: [ENROLLMENT] }),
    },
    {
      name: "a class whose signal has no snapshot yet is pinned by nothing",
      ...dataOf("class-field-added"),
      settings: { "openedx-events": { sourceDirs: [caseDir("class-field-added", "current")], schemaDir: caseDir("class-field-added", "no-schemas") } },
    },
    {
      name: "a class no signal reaches is not pinned",
      filename: caseDir("class-field-added", "current", "data.ts"),
      code: `${read(caseDir("class-field-added", "previous", "data.ts"))}\nexport class UnusedData {\n  readonly anything!: string;\n}\n`,
      settings: caseSettings("class-field-added", "NONE"),
    },
    ...MODES.map((mode) => ({
      name: `snapshots written by the Python library pin the classes as is (${mode})`,
      filename: PYTHON_DATA,
      code: read(PYTHON_DATA),
      settings: pythonSettings(mode),
    })),
  ],
  invalid: INVALID,
}));

/**
 * The editor's case: the files on disk are still what the snapshots were generated from (so the
 * snapshots are identical to the schemas generated from the project), and the change exists only
 * in the buffer being typed. The same findings must appear.
 */
const EDITED_IN_BUFFER = ["class-field-added", "class-field-removed", "class-field-retyped", "class-field-reordered", "class-field-renamed"];
ruleTester.run("frozen-data-classes: a change only in the editor's buffer", testable(rule), cases({
  valid: [],
  invalid: EDITED_IN_BUFFER.map((name) => {
    const original = INVALID.find((test) => test.filename === caseDir(name, "current", "data.ts"));
    if (!original) throw new Error(`no invalid case for ${name}`);
    return {
      ...original,
      name: `${name}: changed in the buffer only, the file on disk matches its snapshot`,
      filename: caseDir(name, "previous", "data.ts"),
      settings: caseSettings(name, String(original.settings["openedx-events"].compatibility), "previous"),
    };
  }),
}));

/** A renamed field declared in a base class in another file: reported on the class, with no rename suggestion here. */
const INHERITED = fixture("rules/frozen-data-classes/inherited-rename");
const INHERITED_SNAPSHOT = shown(`${INHERITED}/schemas/org+openedx+test+account+changed+v1_schema.avsc`);
ruleTester.run("frozen-data-classes: a rename inherited from another file", testable(rule), cases({
  valid: [],
  invalid: [
    {
      name: "reported on the class name, and no suggestion: the key to rename is in base.ts",
      filename: `${INHERITED}/data.ts`,
      code: read(`${INHERITED}/data.ts`),
      settings: { "openedx-events": { sourceDirs: [INHERITED], schemaDir: `${INHERITED}/schemas`, compatibility: "FORWARD" } },
      errors: [
        {
          message:
            `\`AccountData.active\` replaces \`is_active\` (boolean), but \`AccountData\` is pinned by the snapshot \`${INHERITED_SNAPSHOT}\` of \`org.openedx.test.account.changed.v1\`. ${TAIL} ` +
            "Rename it back to `is_active`.",
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 25,
          suggestions: [],
        },
      ],
    },
  ],
}));
