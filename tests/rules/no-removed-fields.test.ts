import { RuleTester } from "@typescript-eslint/rule-tester";
import rule from "../../rules/no-removed-fields.js";
import { fixture } from "../helpers.js";
import {
  ENROLLMENT,
  ENROLLMENT_V2,
  MODES,
  PROGRESS,
  bumped,
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

const bump = (code: string, from = ENROLLMENT) => ({
  messageId: "bumpEventType",
  data: { nextEventType: from.replace(/\d+$/, (n) => String(Number(n) + 1)) },
  output: bumped(code, from),
});

/** Modes under which schema-snapshot already reports the change (so this rule stays silent). */
const reportedBySchemaSnapshot: [string, readonly string[]][] = [
  ["top-level-removed", ["FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE"]],
  ["top-level-retyped", ["FORWARD", "FORWARD_TRANSITIVE", "BACKWARD", "BACKWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE"]],
  ["top-level-renamed", ["FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE"]],
  ["top-level-promoted", ["FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE"]],
  ["history", ["FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE"]],
];

const removed = caseFile("top-level-removed");
const renamed = caseFile("top-level-renamed");
const retyped = caseFile("top-level-retyped");
const promoted = caseFile("top-level-promoted");
const nullable = caseFile("top-level-added-nullable");

ruleTester.run("no-removed-fields", testable(rule), cases({
  valid: [
    ...evolutionCases().flatMap((name) =>
      MODES.map((mode) => ({
        name: `${name}: the previous sources against their own snapshot (${mode})`,
        ...caseFile(name, "signals.ts", "previous"),
        settings: caseSettings(name, mode, "previous"),
      })),
    ),
    ...MODES.map((mode) => ({
      name: `a required key added to the data is what ADR 6 wants (${mode})`,
      ...caseFile("top-level-added"),
      settings: caseSettings("top-level-added", mode),
    })),
    ...["class-field-added", "class-field-removed", "class-field-retyped", "nested-record", "record-replaced"].map((name) => ({
      name: `${name}: a change inside a data class is frozen-data-classes' business`,
      ...caseFile(name),
      settings: caseSettings(name, "NONE"),
    })),
    ...reportedBySchemaSnapshot.flatMap(([name, modes]) =>
      modes.map((mode) => ({
        name: `${name}: already reported by schema-snapshot under ${mode}`,
        ...caseFile(name),
        settings: caseSettings(name, mode),
      })),
    ),
    {
      name: "no snapshot: nothing to compare with (schema-snapshot reports the missing snapshot)",
      ...removed,
      settings: { "openedx-events": { sourceDirs: [caseDir("top-level-removed", "current")], schemaDir: caseDir("top-level-removed", "no-schemas") } },
    },
    {
      name: "known-unserializable signals are not checked",
      ...removed,
      settings: caseSettings("top-level-removed", "NONE", "current", { knownUnserializableSignals: [ENROLLMENT] }),
    },
  ],
  invalid: [
    {
      name: "key removed, allowed by BACKWARD but not by ADR 6 (exact message, on the `data` key)",
      ...removed,
      settings: caseSettings("top-level-removed", "BACKWARD"),
      errors: [
        {
          message:
            `\`source\` (string) was removed from the data of \`${ENROLLMENT}\`, but the snapshot \`${snapshotOf("top-level-removed")}\` has it. ` +
            "The top-level data of an event may only grow (ADR 6): consumers of this event still read `source`. " +
            `Restore \`source\`, or publish the change as a new event type \`${ENROLLMENT_V2}\`.`,
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 7,
          suggestions: [bump(removed.code)],
        },
      ],
    },
    ...(["NONE", "BACKWARD_TRANSITIVE"] as const).map((mode) => ({
      name: `key removed: ${mode}`,
      ...removed,
      settings: caseSettings("top-level-removed", mode),
      errors: [
        {
          messageId: "removedKey",
          data: { key: "source", old: "string", eventType: ENROLLMENT, file: snapshotOf("top-level-removed"), nextEventType: ENROLLMENT_V2 },
          line: 7,
          column: 3,
          suggestions: [bump(removed.code)],
        },
      ],
    })),
    {
      name: "key removed since the latest snapshot, under BACKWARD (the history case)",
      ...caseFile("history"),
      settings: caseSettings("history", "BACKWARD"),
      errors: [{ messageId: "removedKey", line: 7, column: 3, suggestions: [bump(caseFile("history").code)] }],
    },
    {
      name: "key renamed (exact message; suggestions: rename back, or a new event type)",
      ...renamed,
      settings: caseSettings("top-level-renamed", "BACKWARD"),
      errors: [
        {
          message:
            `\`origin\` replaces \`source\` (string) in the data of \`${ENROLLMENT}\`, but the snapshot \`${snapshotOf("top-level-renamed")}\` has \`source\`. ` +
            "Renaming a top-level key removes the old one, and the top-level data of an event may only grow (ADR 6). " +
            `Rename it back to \`source\` (and add \`origin\` beside it if both are needed), or publish the change as a new event type \`${ENROLLMENT_V2}\`.`,
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 11,
          suggestions: [
            { desc: "Rename `origin` back to `source`.", output: renamed.code.replace("origin: String", "source: String") },
            bump(renamed.code),
          ],
        },
      ],
    },
    {
      name: "key renamed, with a quoted key: the suggestion keeps the quotes",
      filename: renamed.filename,
      code: renamed.code.replace("origin: String", '"origin": String'),
      settings: caseSettings("top-level-renamed", "NONE"),
      errors: [
        {
          messageId: "renamedKey",
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 13,
          suggestions: [
            { messageId: "renameBack", data: { key: "origin", oldKey: "source" }, output: renamed.code.replace("origin: String", '"source": String') },
            bump(renamed.code.replace("origin: String", '"origin": String')),
          ],
        },
      ],
    },
    {
      name: "key retyped (exact message, on the value)",
      ...retyped,
      settings: caseSettings("top-level-retyped", "NONE"),
      errors: [
        {
          message:
            `\`source\` of \`${ENROLLMENT}\` changed from string to double, but the snapshot \`${snapshotOf("top-level-retyped")}\` has string. ` +
            "A top-level key keeps its type once published (ADR 6): consumers of this event read it as string. " +
            `Restore string and put the new data under a new key, or publish the change as a new event type \`${ENROLLMENT_V2}\`.`,
          line: 9,
          column: 13,
          endLine: 9,
          endColumn: 19,
          suggestions: [bump(retyped.code)],
        },
      ],
    },
    ...(["BACKWARD", "BACKWARD_TRANSITIVE", "NONE"] as const).map((mode) => ({
      name: `key promoted long → double, which ${mode} allows but ADR 6 does not`,
      ...promoted,
      settings: caseSettings("top-level-promoted", mode),
      errors: [
        {
          messageId: "retypedKey",
          data: {
            key: "user_id",
            old: "long",
            new: "double",
            eventType: PROGRESS,
            file: snapshotOf("top-level-promoted", PROGRESS),
            nextEventType: "org.openedx.test.progress.recorded.v2",
          },
          line: 7,
          column: 69,
          endLine: 7,
          endColumn: 75,
          suggestions: [bump(promoted.code, PROGRESS)],
        },
      ],
    })),
    ...MODES.map((mode) => ({
      name: `nullable key added, which every mode allows but ADR 6 does not (${mode})`,
      ...nullable,
      settings: caseSettings("top-level-added-nullable", mode),
      errors: [
        mode === "FORWARD_TRANSITIVE"
          ? {
              message:
                `The new key \`note\` of \`${PROGRESS}\` is nullable (union [null, string]), but keys added to the data of a published event are required (ADR 6), ` +
                `so that every event carries them. Declare it without \`null\` (the snapshot is \`${snapshotOf("top-level-added-nullable", PROGRESS)}\`).`,
              line: 7,
              column: 96,
              endLine: 7,
              endColumn: 109,
            }
          : { messageId: "addedNullable", line: 7, column: 96, endLine: 7, endColumn: 109 },
      ],
    })),
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
ruleTester.run("no-removed-fields: the generic form with an imported payload", testable(rule), cases({
  valid: [],
  invalid: [
    {
      name: "a removed and a retyped key of the imported payload, reported on the type argument (NONE)",
      filename: `${GENERIC}/signals.ts`,
      code: GENERIC_CODE,
      settings: { "openedx-events": { sourceDirs: [GENERIC], schemaDir: `${GENERIC}/schemas`, compatibility: "NONE" } },
      errors: [
        {
          message: `\`b\` (string) was removed from the data of \`org.openedx.test.grade.changed.v1\`, but the snapshot \`${SNAPSHOT}\` has it. The top-level data of an event may only grow (ADR 6): consumers of this event still read \`b\`. Restore \`b\`, or publish the change as a new event type \`org.openedx.test.grade.changed.v2\`.`,
          line: 5,
          column: 54,
          endLine: 5,
          endColumn: 66,
          suggestions: [bump(GENERIC_CODE, GENERIC_EVENT)],
        },
        {
          message: `\`c\` of \`org.openedx.test.grade.changed.v1\` changed from string to boolean, but the snapshot \`${SNAPSHOT}\` has string. A top-level key keeps its type once published (ADR 6): consumers of this event read it as string. Restore string and put the new data under a new key, or publish the change as a new event type \`org.openedx.test.grade.changed.v2\`.`,
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
