import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import { afterAll } from "vitest";
import rule from "../../rules/schema-snapshot.js";
import { fixture } from "../helpers.js";
import {
  ENROLLMENT,
  ENROLLMENT_V2,
  MODES,
  PROGRESS,
  PYTHON,
  bumped,
  cases,
  caseDir,
  caseFile,
  caseSettings,
  evolutionCases,
  read,
  shown,
  snapshotOf,
  testable,
} from "../evolution/helpers.js";

const ruleTester = new RuleTester();

const NEXT = `or publish the change as a new event type \`${ENROLLMENT_V2}\`.`;
/** The suggestion every incompatibility offers: the same file with the event type moved to v2. */
const bump = (code: string, from = ENROLLMENT) => ({
  messageId: "bumpEventType" as const,
  data: { nextEventType: from.replace(/\d+$/, (n) => String(Number(n) + 1)) },
  output: bumped(code, from),
});

/** Where the errors of the enrollment cases are. */
const AT = {
  /** `enrollment: EnrollmentData`: the value, where changes inside the data classes are reported. */
  enrollment: { line: 8, column: 17, endLine: 8, endColumn: 31 },
  /** The `data` key, where removed top-level keys are reported. */
  data: { line: 7, column: 3, endLine: 7, endColumn: 7 },
};

// --- valid -----------------------------------------------------------------------------------

// The history case's stored versions differ from its latest snapshot: the transitive modes see that (tested below).
const unchanged = evolutionCases().flatMap((name) =>
  MODES.filter((mode) => name !== "history" || !mode.endsWith("_TRANSITIVE")).map((mode) => ({
    name: `${name}: the previous sources against their own snapshot (${mode})`,
    ...caseFile(name, "signals.ts", "previous"),
    settings: caseSettings(name, mode, "previous"),
  })),
);

const allowed: [string, string[]][] = [
  ["top-level-added", ["NONE", "FORWARD", "FORWARD_TRANSITIVE"]],
  ["top-level-added-nullable", [...MODES]],
  ["top-level-removed", ["NONE", "BACKWARD", "BACKWARD_TRANSITIVE"]],
  ["top-level-promoted", ["NONE", "BACKWARD", "BACKWARD_TRANSITIVE"]],
  ["top-level-renamed", ["NONE"]],
  ["class-field-added", ["NONE", "FORWARD", "FORWARD_TRANSITIVE"]],
  ["class-field-removed", ["NONE", "BACKWARD", "BACKWARD_TRANSITIVE"]],
  ["class-field-reordered", [...MODES]],
  ["nullable", ["NONE"]],
  ["history", ["NONE", "BACKWARD"]],
  ["same-file", ["NONE", "FORWARD", "FORWARD_TRANSITIVE"]],
  ["reached-twice", ["NONE"]],
];

const history = caseFile("history");
const historyWithSource = read(caseDir("history", "previous", "signals.ts"));

ruleTester.run("schema-snapshot", testable(rule), cases({
  valid: [
    ...unchanged,
    ...allowed.flatMap(([name, modes]) =>
      modes.map((mode) => ({ name: `${name}: allowed by ${mode}`, ...caseFile(name), settings: caseSettings(name, mode) })),
    ),
    {
      name: "history: a change that only breaks the stored v1 passes FORWARD (the latest snapshot only)",
      filename: history.filename,
      code: historyWithSource,
      settings: caseSettings("history", "FORWARD"),
    },
    {
      name: "bad snapshots of known-unserializable signals and of signals with unsupported types are not reported",
      filename: caseDir("bad-snapshots", "signals.ts"),
      code: read(caseDir("bad-snapshots", "signals.ts")).replace(/\/\*\* No snapshot at all[\s\S]*?(?=\/\*\*\n \* Deliberately)/, ""),
      settings: {
        "openedx-events": {
          sourceDirs: [caseDir("bad-snapshots")],
          schemaDir: caseDir("bad-snapshots", "schemas"),
          knownUnserializableSignals: ["org.openedx.test.bad.skipped.v1"],
        },
      },
    },
    {
      name: "a data class changed in a way the mode allows (namesake: another module's CourseData is not compared)",
      ...caseFile("namesake"),
      settings: caseSettings("namesake", "FORWARD_TRANSITIVE"),
    },
    ...MODES.map((mode) => ({
      name: `snapshots written by the Python library are read as is (${mode})`,
      filename: `${PYTHON}/src/signals.ts`,
      code: read(`${PYTHON}/src/signals.ts`),
      settings: { "openedx-events": { sourceDirs: [`${PYTHON}/src`], schemaDir: `${PYTHON}/schemas`, compatibility: mode } },
    })),
    {
      name: "a signal without a literal event type is left to valid-event-type",
      filename: caseDir("top-level-added", "current", "inline.ts"),
      code: `import { OpenEdxPublicSignal } from "../../tooling";\nconst TYPE = "org.openedx.x.v1";\nexport const X = new OpenEdxPublicSignal({ event_type: TYPE, data: { source: String } });\n`,
      settings: caseSettings("top-level-added", "FULL"),
    },
  ],
  invalid: [
    // --- top-level keys -----------------------------------------------------------------------
    {
      name: "top-level key added: BACKWARD (exact message)",
      ...caseFile("top-level-added"),
      settings: caseSettings("top-level-added", "BACKWARD"),
      errors: [
        {
          message:
            `\`origin_url\` (string) was added without a default: event \`${ENROLLMENT}\` is no longer BACKWARD compatible with the snapshot \`${snapshotOf("top-level-added")}\`. ` +
            "Under BACKWARD consumers upgrade first, so consumers on the new schema cannot read events written without `origin_url`, which has no default. " +
            `Fix: remove \`origin_url\`, or make it nullable so that it has a default, ${NEXT}`,
          line: 10,
          column: 5,
          endLine: 10,
          endColumn: 15,
          suggestions: [
            {
              desc: `Publish the change as the new event type \`${ENROLLMENT_V2}\` (then generate its snapshot).`,
              output: bumped(caseFile("top-level-added").code),
            },
          ],
        },
      ],
    },
    ...(["BACKWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE"] as const).map((mode) => ({
      name: `top-level key added: ${mode}`,
      ...caseFile("top-level-added"),
      settings: caseSettings("top-level-added", mode),
      errors: [
        {
          messageId: "incompatible" as const,
          data: {
            change: "`origin_url` (string) was added without a default",
            eventType: ENROLLMENT,
            mode,
            against: `the snapshot \`${snapshotOf("top-level-added")}\``,
            why: `Under ${mode} ${mode.startsWith("FULL") ? "producers and consumers may upgrade in either order" : "consumers upgrade first"}, so consumers on the new schema cannot read events written without \`origin_url\`, which has no default.`,
            fix: "remove `origin_url`, or make it nullable so that it has a default",
            nextEventType: ENROLLMENT_V2,
          },
          line: 10,
          column: 5,
          suggestions: [bump(caseFile("top-level-added").code)],
        },
      ],
    })),
    {
      name: "top-level key removed: FORWARD_TRANSITIVE, the default (exact message, on the `data` key)",
      ...caseFile("top-level-removed"),
      settings: { "openedx-events": { sourceDirs: [caseDir("top-level-removed", "current")], schemaDir: caseDir("top-level-removed", "previous", "schemas") } },
      errors: [
        {
          message:
            `\`source\` (string) was removed: event \`${ENROLLMENT}\` is no longer FORWARD_TRANSITIVE compatible with the snapshot \`${snapshotOf("top-level-removed")}\`. ` +
            "Under FORWARD_TRANSITIVE producers upgrade first, so consumers still on the old schema cannot read events that lack `source`. " +
            `Fix: restore \`source\` (string), ${NEXT}`,
          ...AT.data,
          suggestions: [bump(caseFile("top-level-removed").code)],
        },
      ],
    },
    ...(["FORWARD", "FULL", "FULL_TRANSITIVE"] as const).map((mode) => ({
      name: `top-level key removed: ${mode}`,
      ...caseFile("top-level-removed"),
      settings: caseSettings("top-level-removed", mode),
      errors: [{ messageId: "incompatible" as const, ...AT.data, suggestions: [bump(caseFile("top-level-removed").code)] }],
    })),
    {
      name: "top-level key removed: the suggestion keeps single quotes and leaves `as const` alone",
      filename: caseDir("top-level-removed", "current", "signals.ts"),
      code: caseFile("top-level-removed").code.replace(`"${ENROLLMENT}"`, `'${ENROLLMENT}' as const`),
      settings: caseSettings("top-level-removed", "FORWARD"),
      errors: [
        {
          messageId: "incompatible" as const,
          ...AT.data,
          suggestions: [
            {
              messageId: "bumpEventType" as const,
              output: caseFile("top-level-removed").code.replace(`"${ENROLLMENT}"`, `'${ENROLLMENT_V2}' as const`),
            },
          ],
        },
      ],
    },
    {
      name: "top-level key retyped: FULL names both directions (exact message, on the value)",
      ...caseFile("top-level-retyped"),
      settings: caseSettings("top-level-retyped", "FULL"),
      errors: [
        {
          message:
            `\`source\` changed from string to double: event \`${ENROLLMENT}\` is no longer FULL compatible with the snapshot \`${snapshotOf("top-level-retyped")}\`. ` +
            "Under FULL producers and consumers may upgrade in either order, so consumers still on the old schema expect `source` as string and cannot read the double written now, " +
            "and consumers on the new schema expect `source` as double and cannot read the string written before. " +
            `Fix: restore \`source\` as string, ${NEXT}`,
          line: 9,
          column: 13,
          endLine: 9,
          endColumn: 19,
          suggestions: [bump(caseFile("top-level-retyped").code)],
        },
      ],
    },
    ...(["FORWARD", "BACKWARD"] as const).map((mode) => ({
      name: `top-level key retyped: ${mode}`,
      ...caseFile("top-level-retyped"),
      settings: caseSettings("top-level-retyped", mode),
      errors: [
        {
          messageId: "incompatible" as const,
          data: {
            change: "`source` changed from string to double",
            eventType: ENROLLMENT,
            mode,
            against: `the snapshot \`${snapshotOf("top-level-retyped")}\``,
            why:
              mode === "FORWARD"
                ? "Under FORWARD producers upgrade first, so consumers still on the old schema expect `source` as string and cannot read the double written now."
                : "Under BACKWARD consumers upgrade first, so consumers on the new schema expect `source` as double and cannot read the string written before.",
            fix: "restore `source` as string",
            nextEventType: ENROLLMENT_V2,
          },
          line: 9,
          column: 13,
          suggestions: [bump(caseFile("top-level-retyped").code)],
        },
      ],
    })),
    {
      name: "top-level key promoted long → double: FORWARD (old consumers cannot read a double as long)",
      ...caseFile("top-level-promoted"),
      settings: caseSettings("top-level-promoted", "FORWARD"),
      errors: [
        {
          messageId: "incompatible" as const,
          data: {
            change: "`user_id` changed from long to double",
            eventType: PROGRESS,
            mode: "FORWARD",
            against: `the snapshot \`${snapshotOf("top-level-promoted", PROGRESS)}\``,
            why: "Under FORWARD producers upgrade first, so consumers still on the old schema expect `user_id` as long and cannot read the double written now.",
            fix: "restore `user_id` as long",
            nextEventType: "org.openedx.test.progress.recorded.v2",
          },
          line: 7,
          column: 69,
          endLine: 7,
          endColumn: 75,
          suggestions: [bump(caseFile("top-level-promoted").code, PROGRESS)],
        },
      ],
    },
    {
      name: "top-level key renamed: FORWARD sees a removal, reported on the new key",
      ...caseFile("top-level-renamed"),
      settings: caseSettings("top-level-renamed", "FORWARD"),
      errors: [
        {
          messageId: "incompatible" as const,
          data: {
            change: "`source` (string) was removed (renamed to `origin`?)",
            eventType: ENROLLMENT,
            mode: "FORWARD",
            against: `the snapshot \`${snapshotOf("top-level-renamed")}\``,
            why: "Under FORWARD producers upgrade first, so consumers still on the old schema cannot read events that lack `source`.",
            fix: "restore `source` (string)",
            nextEventType: ENROLLMENT_V2,
          },
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 11,
          suggestions: [bump(caseFile("top-level-renamed").code)],
        },
      ],
    },
    {
      name: "top-level key renamed: BACKWARD sees an addition",
      ...caseFile("top-level-renamed"),
      settings: caseSettings("top-level-renamed", "BACKWARD"),
      errors: [
        {
          messageId: "incompatible" as const,
          data: {
            change: "`origin` (string) was added without a default (renamed from `source`?)",
            eventType: ENROLLMENT,
            mode: "BACKWARD",
            against: `the snapshot \`${snapshotOf("top-level-renamed")}\``,
            why: "Under BACKWARD consumers upgrade first, so consumers on the new schema cannot read events written without `origin`, which has no default.",
            fix: "remove `origin`, or make it nullable so that it has a default",
            nextEventType: ENROLLMENT_V2,
          },
          line: 9,
          column: 5,
          suggestions: [bump(caseFile("top-level-renamed").code)],
        },
      ],
    },
    {
      name: "top-level key renamed: FULL gives one finding for both directions, with a rename-back suggestion",
      ...caseFile("top-level-renamed"),
      settings: caseSettings("top-level-renamed", "FULL"),
      errors: [
        {
          messageId: "incompatible" as const,
          data: {
            change: "`source` (string) was renamed to `origin`",
            eventType: ENROLLMENT,
            mode: "FULL",
            against: `the snapshot \`${snapshotOf("top-level-renamed")}\``,
            why:
              "Under FULL producers and consumers may upgrade in either order, so consumers still on the old schema cannot read events that lack `source`, " +
              "and consumers on the new schema cannot read events written without `origin`, which has no default.",
            fix: "rename `origin` back to `source`",
            nextEventType: ENROLLMENT_V2,
          },
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 11,
          suggestions: [
            {
              messageId: "renameBack" as const,
              data: { key: "origin", oldKey: "source" },
              output: caseFile("top-level-renamed").code.replace("origin: String", "source: String"),
            },
            bump(caseFile("top-level-renamed").code),
          ],
        },
      ],
    },

    // --- data class fields: reported on the `data` entry that reaches the class -------------
    {
      name: "data class field added: BACKWARD",
      ...caseFile("class-field-added"),
      settings: caseSettings("class-field-added", "BACKWARD"),
      errors: [
        {
          messageId: "incompatible" as const,
          data: {
            change: `\`enrollment.user.name\` (string) was added without a default in \`UserData\` (${shown(caseDir("class-field-added", "current", "data.ts"))}:13)`,
            eventType: ENROLLMENT,
            mode: "BACKWARD",
            against: `the snapshot \`${snapshotOf("class-field-added")}\``,
            why: "Under BACKWARD consumers upgrade first, so consumers on the new schema cannot read events written without `enrollment.user.name`, which has no default.",
            fix: "remove `enrollment.user.name`, or make it nullable so that it has a default",
            nextEventType: ENROLLMENT_V2,
          },
          ...AT.enrollment,
          suggestions: [bump(caseFile("class-field-added").code)],
        },
      ],
    },
    {
      name: "data class field removed: FORWARD_TRANSITIVE (exact message; the signal file linted alone)",
      ...caseFile("class-field-removed"),
      settings: caseSettings("class-field-removed", "FORWARD_TRANSITIVE"),
      errors: [
        {
          message:
            `\`enrollment.user.is_active\` (boolean) was removed from \`UserData\` (${shown(caseDir("class-field-removed", "current", "data.ts"))}:9): ` +
            `event \`${ENROLLMENT}\` is no longer FORWARD_TRANSITIVE compatible with the snapshot \`${snapshotOf("class-field-removed")}\`. ` +
            "Under FORWARD_TRANSITIVE producers upgrade first, so consumers still on the old schema cannot read events that lack `enrollment.user.is_active`. " +
            `Fix: restore \`enrollment.user.is_active\` (boolean), ${NEXT}`,
          ...AT.enrollment,
          suggestions: [bump(caseFile("class-field-removed").code)],
        },
      ],
    },
    ...(["FORWARD", "BACKWARD", "FULL", "FULL_TRANSITIVE", "BACKWARD_TRANSITIVE", "FORWARD_TRANSITIVE"] as const).map((mode) => ({
      name: `data class field retyped: ${mode}`,
      ...caseFile("class-field-retyped"),
      settings: caseSettings("class-field-retyped", mode),
      errors: [
        {
          messageId: "incompatible" as const,
          data: {
            change: `\`enrollment.user.id\` changed from long to string in \`UserData\` (${shown(caseDir("class-field-retyped", "current", "data.ts"))}:10)`,
            eventType: ENROLLMENT,
            mode,
            against: `the snapshot \`${snapshotOf("class-field-retyped")}\``,
            why: mode.startsWith("FORWARD")
              ? `Under ${mode} producers upgrade first, so consumers still on the old schema expect \`enrollment.user.id\` as long and cannot read the string written now.`
              : mode.startsWith("BACKWARD")
                ? `Under ${mode} consumers upgrade first, so consumers on the new schema expect \`enrollment.user.id\` as string and cannot read the long written before.`
                : `Under ${mode} producers and consumers may upgrade in either order, so consumers still on the old schema expect \`enrollment.user.id\` as long and cannot read the string written now, and consumers on the new schema expect \`enrollment.user.id\` as string and cannot read the long written before.`,
            fix: "restore `enrollment.user.id` as long",
            nextEventType: ENROLLMENT_V2,
          },
          ...AT.enrollment,
          suggestions: [bump(caseFile("class-field-retyped").code)],
        },
      ],
    })),
    {
      name: "a data class reached twice under one entry: one finding naming both paths",
      ...caseFile("reached-twice"),
      settings: caseSettings("reached-twice", "FULL"),
      errors: [
        {
          messageId: "incompatible" as const,
          data: {
            change: `\`enrollment.user.id\` changed from long to string in \`UserData\` (${shown(caseDir("reached-twice", "current", "data.ts"))}:10), also at \`enrollment.created_by.id\``,
            eventType: ENROLLMENT,
            mode: "FULL",
            against: `the snapshot \`${snapshotOf("reached-twice")}\``,
            why:
              "Under FULL producers and consumers may upgrade in either order, so consumers still on the old schema expect `enrollment.user.id` as long and cannot read the string written now, " +
              "and consumers on the new schema expect `enrollment.user.id` as string and cannot read the long written before.",
            fix: "restore `enrollment.user.id` as long",
            nextEventType: ENROLLMENT_V2,
          },
          ...AT.enrollment,
          suggestions: [bump(caseFile("reached-twice").code)],
        },
      ],
    },
    {
      name: "data class field renamed: FULL gives one finding",
      ...caseFile("class-field-renamed"),
      settings: caseSettings("class-field-renamed", "FULL"),
      errors: [
        {
          messageId: "incompatible" as const,
          data: {
            change: `\`enrollment.user.is_active\` (boolean) was renamed to \`active\` in \`UserData\` (${shown(caseDir("class-field-renamed", "current", "data.ts"))}:11)`,
            eventType: ENROLLMENT,
            mode: "FULL",
            against: `the snapshot \`${snapshotOf("class-field-renamed")}\``,
            why:
              "Under FULL producers and consumers may upgrade in either order, so consumers still on the old schema cannot read events that lack `enrollment.user.is_active`, " +
              "and consumers on the new schema cannot read events written without `enrollment.user.active`, which has no default.",
            fix: "rename `enrollment.user.active` back to `is_active`",
            nextEventType: ENROLLMENT_V2,
          },
          ...AT.enrollment,
          suggestions: [bump(caseFile("class-field-renamed").code)],
        },
      ],
    },
    {
      name: "nullable ↔ non-nullable: FORWARD breaks on the field that became nullable",
      ...caseFile("nullable"),
      settings: caseSettings("nullable", "FORWARD"),
      errors: [
        {
          messageId: "incompatible" as const,
          data: {
            change: `\`enrollment.course.display_name\` became nullable (string → union [null, string]) in \`CourseData\` (${shown(caseDir("nullable", "current", "data.ts"))}:17)`,
            eventType: ENROLLMENT,
            mode: "FORWARD",
            against: `the snapshot \`${snapshotOf("nullable")}\``,
            why: "Under FORWARD producers upgrade first, so consumers still on the old schema cannot read a null `enrollment.course.display_name`.",
            fix: "restore `enrollment.course.display_name` as string",
            nextEventType: ENROLLMENT_V2,
          },
          ...AT.enrollment,
          suggestions: [bump(caseFile("nullable").code)],
        },
      ],
    },
    {
      name: "nullable ↔ non-nullable: BACKWARD breaks on the field that is no longer nullable",
      ...caseFile("nullable"),
      settings: caseSettings("nullable", "BACKWARD"),
      errors: [
        {
          messageId: "incompatible" as const,
          data: {
            change: `\`enrollment.course.start\` is no longer nullable (union [null, string] → string) in \`CourseData\` (${shown(caseDir("nullable", "current", "data.ts"))}:18)`,
            eventType: ENROLLMENT,
            mode: "BACKWARD",
            against: `the snapshot \`${snapshotOf("nullable")}\``,
            why: "Under BACKWARD consumers upgrade first, so consumers on the new schema cannot read the null `enrollment.course.start` that the old schema allows.",
            fix: "restore `enrollment.course.start` as union [null, string]",
            nextEventType: ENROLLMENT_V2,
          },
          ...AT.enrollment,
          suggestions: [bump(caseFile("nullable").code)],
        },
      ],
    },
    {
      name: "nullable ↔ non-nullable: FULL breaks on both",
      ...caseFile("nullable"),
      settings: caseSettings("nullable", "FULL"),
      errors: [
        { messageId: "incompatible" as const, ...AT.enrollment, suggestions: [bump(caseFile("nullable").code)] },
        { messageId: "incompatible" as const, ...AT.enrollment, suggestions: [bump(caseFile("nullable").code)] },
      ],
    },
    {
      name: "array item type changed: FORWARD, with the path into the items",
      ...caseFile("array-items"),
      settings: caseSettings("array-items", "FORWARD"),
      errors: [
        {
          messageId: "incompatible" as const,
          data: {
            change: `\`enrollment.tags[]\` changed from string to long in \`EnrollmentData\` (${shown(caseDir("array-items", "current", "data.ts"))}:25)`,
            eventType: ENROLLMENT,
            mode: "FORWARD",
            against: `the snapshot \`${snapshotOf("array-items")}\``,
            why: "Under FORWARD producers upgrade first, so consumers still on the old schema expect `enrollment.tags[]` as string and cannot read the long written now.",
            fix: "restore `enrollment.tags[]` as string",
            nextEventType: ENROLLMENT_V2,
          },
          ...AT.enrollment,
          suggestions: [bump(caseFile("array-items").code)],
        },
      ],
    },
    {
      name: "nested record (three levels down) changed: BACKWARD",
      ...caseFile("nested-record"),
      settings: caseSettings("nested-record", "BACKWARD"),
      errors: [
        {
          messageId: "incompatible" as const,
          data: {
            change: `\`enrollment.user.pii.email\` changed from string to long in \`PersonalData\` (${shown(caseDir("nested-record", "current", "data.ts"))}:6)`,
            eventType: ENROLLMENT,
            mode: "BACKWARD",
            against: `the snapshot \`${snapshotOf("nested-record")}\``,
            why: "Under BACKWARD consumers upgrade first, so consumers on the new schema expect `enrollment.user.pii.email` as long and cannot read the string written before.",
            fix: "restore `enrollment.user.pii.email` as string",
            nextEventType: ENROLLMENT_V2,
          },
          ...AT.enrollment,
          suggestions: [bump(caseFile("nested-record").code)],
        },
      ],
    },
    {
      name: "nested record replaced by another class: one finding, not one per field inside",
      ...caseFile("record-replaced"),
      settings: caseSettings("record-replaced", "FORWARD"),
      errors: [
        {
          messageId: "incompatible" as const,
          data: {
            change: `\`enrollment.user\` changed from record UserData to record StaffData in \`EnrollmentData\` (${shown(caseDir("record-replaced", "current", "data.ts"))}:28)`,
            eventType: ENROLLMENT,
            mode: "FORWARD",
            against: `the snapshot \`${snapshotOf("record-replaced")}\``,
            why: "Under FORWARD producers upgrade first, so consumers still on the old schema expect `enrollment.user` as record UserData and cannot read the record StaffData written now.",
            fix: "restore `enrollment.user` as record UserData",
            nextEventType: ENROLLMENT_V2,
          },
          ...AT.enrollment,
          suggestions: [bump(caseFile("record-replaced").code)],
        },
      ],
    },

    {
      name: "a class declared beside its signal: reported on the `data` entry, not on the field (frozen-data-classes' place)",
      ...caseFile("same-file"),
      settings: caseSettings("same-file", "BACKWARD"),
      errors: [
        {
          messageId: "incompatible" as const,
          data: {
            change: `\`badge.image_url\` (string) was added without a default in \`BadgeData\` (${shown(caseDir("same-file", "current", "signals.ts"))}:7)`,
            eventType: "org.openedx.test.badge.awarded.v1",
            mode: "BACKWARD",
            against: `the snapshot \`${snapshotOf("same-file", "org.openedx.test.badge.awarded.v1")}\``,
            why: "Under BACKWARD consumers upgrade first, so consumers on the new schema cannot read events written without `badge.image_url`, which has no default.",
            fix: "remove `badge.image_url`, or make it nullable so that it has a default",
            nextEventType: "org.openedx.test.badge.awarded.v2",
          },
          line: 14,
          column: 12,
          endLine: 14,
          endColumn: 21,
          suggestions: [bump(caseFile("same-file").code, "org.openedx.test.badge.awarded.v1")],
        },
      ],
    },

    // --- history: the transitive modes check every stored version -----------------------------
    {
      name: "history: a change that breaks v1 but not the latest is reported under FORWARD_TRANSITIVE only, naming v1",
      filename: history.filename,
      code: historyWithSource,
      settings: caseSettings("history", "FORWARD_TRANSITIVE"),
      errors: [
        {
          message:
            `\`legacy\` (string) was removed: event \`${ENROLLMENT}\` is no longer FORWARD_TRANSITIVE compatible with the stored version \`${snapshotOf("history", ENROLLMENT, 1)}\`. ` +
            "Under FORWARD_TRANSITIVE producers upgrade first, so consumers still on the old schema cannot read events that lack `legacy`. " +
            `Fix: restore \`legacy\` (string), ${NEXT}`,
          ...AT.data,
          suggestions: [bump(historyWithSource)],
        },
      ],
    },
    {
      name: "history: a change that breaks every version names each of them",
      ...history,
      settings: caseSettings("history", "FORWARD_TRANSITIVE"),
      errors: [
        {
          messageId: "incompatible" as const,
          data: {
            change: "`source` (string) was removed",
            eventType: ENROLLMENT,
            mode: "FORWARD_TRANSITIVE",
            against: `the stored versions \`${snapshotOf("history", ENROLLMENT, 1)}\`, \`${snapshotOf("history", ENROLLMENT, 2)}\` and the snapshot \`${snapshotOf("history")}\``,
            why: "Under FORWARD_TRANSITIVE producers upgrade first, so consumers still on the old schema cannot read events that lack `source`.",
            fix: "restore `source` (string)",
            nextEventType: ENROLLMENT_V2,
          },
          ...AT.data,
          suggestions: [bump(history.code)],
        },
        { messageId: "incompatible" as const, ...AT.data, suggestions: [bump(history.code)] },
      ],
    },
    {
      name: "history: FORWARD checks the latest snapshot only",
      ...history,
      settings: caseSettings("history", "FORWARD"),
      errors: [
        {
          messageId: "incompatible" as const,
          data: {
            change: "`source` (string) was removed",
            eventType: ENROLLMENT,
            mode: "FORWARD",
            against: `the snapshot \`${snapshotOf("history")}\``,
            why: "Under FORWARD producers upgrade first, so consumers still on the old schema cannot read events that lack `source`.",
            fix: "restore `source` (string)",
            nextEventType: ENROLLMENT_V2,
          },
          ...AT.data,
          suggestions: [bump(history.code)],
        },
      ],
    },
    {
      name: "history: BACKWARD_TRANSITIVE finds the field added since the stored versions",
      ...history,
      settings: caseSettings("history", "BACKWARD_TRANSITIVE"),
      errors: [
        {
          messageId: "incompatible" as const,
          data: {
            change: `\`enrollment.tags\` (array<string>) was added without a default in \`EnrollmentData\` (${shown(caseDir("history", "current", "data.ts"))}:25)`,
            eventType: ENROLLMENT,
            mode: "BACKWARD_TRANSITIVE",
            against: `the stored versions \`${snapshotOf("history", ENROLLMENT, 1)}\`, \`${snapshotOf("history", ENROLLMENT, 2)}\``,
            why: "Under BACKWARD_TRANSITIVE consumers upgrade first, so consumers on the new schema cannot read events written without `enrollment.tags`, which has no default.",
            fix: "remove `enrollment.tags`, or make it nullable so that it has a default",
            nextEventType: ENROLLMENT_V2,
          },
          ...AT.enrollment,
          suggestions: [bump(history.code)],
        },
      ],
    },
    {
      name: "history: FULL_TRANSITIVE reports every break against every version",
      ...history,
      settings: caseSettings("history", "FULL_TRANSITIVE"),
      errors: [
        { messageId: "incompatible" as const, ...AT.data, suggestions: [bump(history.code)] },
        { messageId: "incompatible" as const, ...AT.data, suggestions: [bump(history.code)] },
        { messageId: "incompatible" as const, ...AT.enrollment, suggestions: [bump(history.code)] },
      ],
    },

    // --- snapshots that are missing or cannot be used ------------------------------------------
    {
      name: "missing, malformed, non-Avro, wrongly shaped and wrongly named snapshots, and a bad stored version",
      filename: caseDir("bad-snapshots", "signals.ts"),
      code: read(caseDir("bad-snapshots", "signals.ts")),
      settings: {
        "openedx-events": {
          sourceDirs: [caseDir("bad-snapshots")],
          schemaDir: caseDir("bad-snapshots", "schemas"),
          knownUnserializableSignals: ["org.openedx.test.bad.skipped.v1"],
        },
      },
      errors: [
        {
          message:
            "Event `org.openedx.test.bad.missing.v1` has no schema snapshot: " +
            `\`${shown(caseDir("bad-snapshots", "schemas", "org+openedx+test+bad+missing+v1_schema.avsc"))}\` does not exist. ` +
            `Write it with \`npx openedx-events-avro generate org.openedx.test.bad.missing.v1 --schema-dir ${shown(caseDir("bad-snapshots", "schemas"))}\` and commit it; ` +
            "from then on every change to this event is checked against it.",
          line: 6,
          column: 15,
          endLine: 6,
          endColumn: 48,
        },
        {
          message:
            `The schema snapshot \`${shown(caseDir("bad-snapshots", "schemas", "org+openedx+test+bad+not_json+v1_schema.avsc"))}\` of event \`org.openedx.test.bad.not_json.v1\` cannot be used: ` +
            "The snapshot is not valid JSON (line 4, column 14). Restore it from version control, or, if this version of the event was never published, rewrite it with " +
            `\`npx openedx-events-avro generate org.openedx.test.bad.not_json.v1 --schema-dir ${shown(caseDir("bad-snapshots", "schemas"))} --force\`.`,
          line: 12,
          column: 15,
          endLine: 12,
          endColumn: 49,
        },
        {
          messageId: "badSnapshot" as const,
          data: {
            file: shown(caseDir("bad-snapshots", "schemas", "org+openedx+test+bad+not_avro+v1_schema.avsc")),
            eventType: "org.openedx.test.bad.not_avro.v1",
            problem: 'The snapshot is JSON but not an Avro schema: unknown type: "recrod".',
            command: `npx openedx-events-avro generate org.openedx.test.bad.not_avro.v1 --schema-dir ${shown(caseDir("bad-snapshots", "schemas"))} --force`,
          },
          line: 18,
          column: 15,
        },
        {
          messageId: "badSnapshot" as const,
          data: {
            file: shown(caseDir("bad-snapshots", "schemas", "org+openedx+test+bad+wrong_shape+v1_schema.avsc")),
            eventType: "org.openedx.test.bad.wrong_shape.v1",
            problem:
              'The snapshot is an Avro schema but not an Open edX event snapshot, whose top level is a record named "CloudEvent" with a "fields" array.',
            command: `npx openedx-events-avro generate org.openedx.test.bad.wrong_shape.v1 --schema-dir ${shown(caseDir("bad-snapshots", "schemas"))} --force`,
          },
          line: 24,
          column: 15,
        },
        {
          messageId: "badSnapshot" as const,
          data: {
            file: shown(caseDir("bad-snapshots", "schemas", "org+openedx+test+bad+wrong_event+v1_schema.avsc")),
            eventType: "org.openedx.test.bad.wrong_event.v1",
            problem:
              'The snapshot\'s namespace is "org.openedx.test.bad.other.v1" but its file name is for event type "org.openedx.test.bad.wrong_event.v1".',
            command: `npx openedx-events-avro generate org.openedx.test.bad.wrong_event.v1 --schema-dir ${shown(caseDir("bad-snapshots", "schemas"))} --force`,
          },
          line: 30,
          column: 15,
        },
        {
          messageId: "badSnapshot" as const,
          data: {
            file: shown(caseDir("bad-snapshots", "schemas", "org+openedx+test+bad+directory+v1_schema.avsc")),
            eventType: "org.openedx.test.bad.directory.v1",
            problem: "The snapshot cannot be read: it is a directory.",
            command: `npx openedx-events-avro generate org.openedx.test.bad.directory.v1 --schema-dir ${shown(caseDir("bad-snapshots", "schemas"))} --force`,
          },
          line: 36,
          column: 15,
        },
        {
          message:
            `The stored version \`${shown(caseDir("bad-snapshots", "schemas", "org+openedx+test+bad+history+v1_schema.v1.avsc"))}\` of event \`org.openedx.test.bad.history.v1\` ` +
            "cannot be used for the FORWARD_TRANSITIVE check: The snapshot is not valid JSON (line 1, column 2). Restore it from version control, or delete it if that version was never published.",
          line: 42,
          column: 15,
          endLine: 42,
          endColumn: 48,
        },
      ],
    },
    {
      name: "a bad stored version does not matter to the non-transitive modes",
      filename: caseDir("bad-snapshots", "signals.ts"),
      code: read(caseDir("bad-snapshots", "signals.ts")).replace(/^[\s\S]*?(?=\/\*\* A readable snapshot)/, 'import { OpenEdxPublicSignal } from "../tooling";\nimport { UserData } from "./data";\n\n'),
      settings: { "openedx-events": { sourceDirs: [caseDir("bad-snapshots")], schemaDir: caseDir("bad-snapshots", "schemas"), compatibility: "FORWARD" } },
      errors: [
        {
          messageId: "missingSnapshot" as const,
          data: {
            eventType: "org.openedx.test.bad.skipped.v1",
            file: shown(caseDir("bad-snapshots", "schemas", "org+openedx+test+bad+skipped+v1_schema.avsc")),
            command: `npx openedx-events-avro generate org.openedx.test.bad.skipped.v1 --schema-dir ${shown(caseDir("bad-snapshots", "schemas"))}`,
          },
          line: 15,
          column: 15,
        },
      ],
    },
  ],
}));

/**
 * The generic form with a payload type imported from another file: the entries are declared
 * there, so the findings go on the payload type argument in the file that declares the signal.
 */
const GENERIC = fixture("rules/generic-payload");
const GENERIC_EVENT = "org.openedx.test.grade.changed.v1";
const GENERIC_CODE = read(`${GENERIC}/signals.ts`);
const SNAPSHOT = shown(`${GENERIC}/schemas/org+openedx+test+grade+changed+v1_schema.avsc`);
ruleTester.run("schema-snapshot: the generic form with an imported payload", testable(rule), cases({
  valid: [],
  invalid: [
    {
      name: "a removed and a retyped key of the imported payload, reported on the type argument (FORWARD)",
      filename: `${GENERIC}/signals.ts`,
      code: GENERIC_CODE,
      settings: { "openedx-events": { sourceDirs: [GENERIC], schemaDir: `${GENERIC}/schemas`, compatibility: "FORWARD" } },
      errors: [
        {
          message: `\`b\` (string) was removed: event \`org.openedx.test.grade.changed.v1\` is no longer FORWARD compatible with the snapshot \`${SNAPSHOT}\`. Under FORWARD producers upgrade first, so consumers still on the old schema cannot read events that lack \`b\`. Fix: restore \`b\` (string), or publish the change as a new event type \`org.openedx.test.grade.changed.v2\`.`,
          line: 5,
          column: 54,
          endLine: 5,
          endColumn: 66,
          suggestions: [bump(GENERIC_CODE, GENERIC_EVENT)],
        },
        {
          message: `\`c\` changed from string to boolean: event \`org.openedx.test.grade.changed.v1\` is no longer FORWARD compatible with the snapshot \`${SNAPSHOT}\`. Under FORWARD producers upgrade first, so consumers still on the old schema expect \`c\` as string and cannot read the boolean written now. Fix: restore \`c\` as string, or publish the change as a new event type \`org.openedx.test.grade.changed.v2\`.`,
          line: 5,
          column: 54,
          endLine: 5,
          endColumn: 66,
          suggestions: [bump(GENERIC_CODE, GENERIC_EVENT)],
        },
      ],
    },
  ],
}));

/**
 * A schema over the limits of schema files (here 65 levels of nesting, one over) can have no
 * snapshot: the rule says so, instead of "write it with generate" (which refuses) or "the snapshot
 * is unusable" (the file an earlier generate wrote). Built in a temporary directory.
 */
const LIMITS = fs.mkdtempSync(path.join(os.tmpdir(), "schema-snapshot-limits-"));
afterAll(() => fs.rmSync(LIMITS, { recursive: true, force: true }));
const DEEP = "org.openedx.test.deep.v1";
const DEEP_CODE = [
  "export const DEEP = new OpenEdxPublicSignal({",
  `  event_type: "${DEEP}",`,
  "  data: { c: C0 },",
  "});",
  ...Array.from({ length: 20 }, (_, i) => `export class C${i} {\n  readonly next!: ${i < 19 ? `C${i + 1}` : "string[] | null"};\n}`),
  "",
].join("\n");
const OVER_LIMIT =
  `The schema of event \`${DEEP}\` nests 65 levels deep, over the 64-level limit for schema files: no snapshot can hold it ` +
  "(`generate` refuses to write such a file, `check` and the rules to read one). Make the payload flatter: fewer data classes nested inside one another.";
const AT_EVENT_TYPE = { line: 2, column: 15, endLine: 2, endColumn: 41 };
/** One case directory: the signal file and, maybe, a snapshot. */
function overLimitCase(name: string, snapshot?: string): { filename: string; code: string; settings: Record<string, unknown> } {
  const dir = path.join(LIMITS, name);
  fs.mkdirSync(path.join(dir, "schemas"), { recursive: true });
  fs.writeFileSync(path.join(dir, "signals.ts"), DEEP_CODE);
  if (snapshot !== undefined) fs.writeFileSync(path.join(dir, "schemas", "org+openedx+test+deep+v1_schema.avsc"), snapshot);
  return { filename: path.join(dir, "signals.ts"), code: DEEP_CODE, settings: { "openedx-events": { sourceDirs: [dir], schemaDir: path.join(dir, "schemas") } } };
}
const PREVIOUS = JSON.stringify(
  { name: "CloudEvent", type: "record", doc: "Avro Event Format for CloudEvents created with openedx_events/schema", fields: [{ name: "c", type: "string" }], namespace: DEEP },
  null,
  2,
);

ruleTester.run("schema-snapshot: a schema over the limits of schema files", testable(rule), cases({
  valid: [],
  invalid: [
    { name: "no snapshot: the limit, not missingSnapshot", ...overLimitCase("missing"), errors: [{ message: OVER_LIMIT, ...AT_EVENT_TYPE }] },
    {
      name: "the too-deep snapshot an earlier generate wrote: the limit, not badSnapshot",
      ...overLimitCase("too-deep", "[".repeat(100)),
      errors: [{ message: OVER_LIMIT, ...AT_EVENT_TYPE }],
    },
    {
      name: "a readable snapshot the schema no longer matches: the limit, and the incompatibility",
      ...overLimitCase("changed", PREVIOUS),
      errors: [
        { message: OVER_LIMIT, ...AT_EVENT_TYPE },
        { messageId: "incompatible" as const, line: 3, column: 14, suggestions: [bump(DEEP_CODE, DEEP)] },
      ],
    },
  ],
}));
