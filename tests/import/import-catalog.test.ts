import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { importCatalog, verifyReproduction, type ImportResult } from "../../lib/import/index.js";
import { resetCaches } from "../../lib/testing.js";
import { FIXTURES } from "../helpers.js";
import { DOC, schemaDir, snapshotText } from "./helpers.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const EXAMPLES = path.join(ROOT, "examples", "schemas");
const PYTHON = path.join(FIXTURES, "python-schemas", "schemas");
const CLASH = path.join(FIXTURES, "import", "clash", "schemas");

beforeEach(() => resetCaches("snapshots"));

function run(dir: string, options: Partial<Parameters<typeof importCatalog>[1]> = {}): ImportResult {
  return importCatalog(dir, { layout: "by-subdomain", customTypes: [], ...options });
}

function file(result: ImportResult, name: string): string {
  const found = result.files.find((candidate) => candidate.path === name);
  if (!found) throw new Error(`no ${name} in ${result.files.map((f) => f.path).join(", ")}`);
  return found.text;
}

function differences(result: ImportResult): Record<string, string | null> {
  return Object.fromEntries(verifyReproduction(result.files, result.events, result.settings).map((entry) => [entry.eventType, entry.difference]));
}

describe("importing whole catalogs", () => {
  it("examples/schemas: every snapshot comes back byte for byte, and the two CourseData shapes live in two subdomains", () => {
    const result = run(EXAMPLES);
    expect(result.reading.unreadable).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.events).toHaveLength(38);
    expect(Object.values(differences(result)).filter((difference) => difference !== null)).toEqual([]);
    expect(result.files.map((f) => f.path)).toEqual([
      "content_authoring/data.ts",
      "enterprise/data.ts",
      "learning/data.ts",
      "content_authoring/signals.ts",
      "enterprise/signals.ts",
      "learning/signals.ts",
      "tooling.ts",
      "types.ts",
    ]);
    expect(result.warnings).toEqual([
      "the record `CourseData` has 2 different shapes in these snapshots; each is a class `CourseData` of its own module, since a class's name is its record's name: " +
        "content_authoring/data.ts (as in org.openedx.content_authoring.course.created.v1, at `course`); learning/data.ts (as in org.openedx.learning.certificate.created.v1, at `certificate.course`)",
    ]);
    // UserData is used by more learning events than any other subdomain's: it lives there.
    expect(file(result, "learning/data.ts")).toContain("export class UserData {");
    expect(file(result, "content_authoring/data.ts")).toContain('import type { UserData } from "../learning/data";');
    expect(result.settingsToAdd).toEqual({});
  });

  it("the Python library's own format (tests/fixtures/python-schemas) comes back byte for byte", () => {
    const result = run(PYTHON);
    expect(result.events.map((event) => event.eventType)).toEqual([
      "org.openedx.content_authoring.xblock.published.v1",
      "org.openedx.enterprise.subsidy.redemption-reversed.v1",
      "org.openedx.learning.certificate.created.v1",
      "org.openedx.learning.course.enrollment.created.v1",
      "org.openedx.learning.xblock.skill.verified.v1",
    ]);
    expect(differences(result)).toEqual(Object.fromEntries(result.events.map((event) => [event.eventType, null])));
  });

  it("a clash in one subdomain: the second shape goes to data_2.ts under its own name, and modules that use both alias one", () => {
    const result = run(CLASH);
    expect(result.problems).toEqual([]);
    expect(Object.values(differences(result))).toEqual([null, null, null, null, null, null]);
    expect(result.warnings).toEqual([
      "the record `CourseData` has 2 different shapes in these snapshots; each is a class `CourseData` of its own module, since a class's name is its record's name: " +
        "learning/data.ts (as in org.openedx.learning.course.created.v1, at `course`); learning/data_2.ts (as in org.openedx.learning.course.updated.v1, at `course`)",
    ]);
    expect(file(result, "learning/data_2.ts")).toContain("export class CourseData {\n  readonly course_key!: string;\n}\n");
    expect(file(result, "learning/data.ts")).toContain(`import type { Float, Int } from "../types";
import type { CourseData as CourseData_2 } from "./data_2";

export class CourseData {
  readonly course_key!: string;
  readonly display_name!: string;
  readonly start: string | null = null;
}

export class MentorData {
  readonly name!: string;
  readonly since: string | null = null;
}

export class EnrollmentData {
  readonly course!: CourseData_2;
  readonly tags!: string[][];
  readonly grades: Float[] | null = null;
  readonly scores!: (Int | null)[];
  readonly mentors: MentorData[] | null = null;
  readonly lead_mentor!: MentorData;
  readonly greeting!: string;
}
`);
    const signals = file(result, "learning/signals.ts");
    expect(signals).toContain('import { CourseData, EnrollmentData } from "./data";\nimport { CourseData as CourseData_2 } from "./data_2";\n');
    expect(signals).toContain(`export const COURSE_UPDATED = new OpenEdxPublicSignal<{
  course: CourseData_2;
  previous: CourseData_2 | null;
}>({
  event_type: "org.openedx.learning.course.updated.v1",
});`);
    expect(signals).toContain("export const COURSE_CREATED_V2 = new OpenEdxPublicSignal<{");
    expect(file(result, "enterprise/signals.ts")).toContain("export const SUBSIDY_REDEMPTION_REVERSED = new OpenEdxPublicSignal<{");
    // Avro int and float, and a map: custom types and allowMaps that generate must be told about.
    expect(file(result, "analytics/signals.ts")).toContain("  count: Int32;\n  ratio: Float32;\n  digest: Uint8Array;\n  labels: Record<string, string>;\n");
    expect(result.settingsToAdd).toEqual({ customTypes: { Int32: "int", Float32: "float" }, allowMaps: true });
    expect(file(result, "types.ts")).toContain("export type Int32 = number;");
  });

  it("records defined inline in array items and referred to by name in nullables, arrays of arrays and maps, shared and clashing across events: back byte for byte", () => {
    const record = (name: string, fields: unknown[]) => ({ name, type: "record", fields });
    const point = record("Point", [
      { name: "x", type: "double" },
      { name: "tags", type: ["null", { type: "array", items: ["null", "string"] }], default: null },
    ]);
    const dir = schemaDir({
      "org.openedx.learning.shape.drawn.v1": [
        {
          name: "shape",
          type: record("Shape", [
            { name: "points", type: { type: "array", items: point } },
            { name: "center", type: ["null", "Point"], default: null },
            { name: "grid", type: { type: "array", items: { type: "array", items: "Point" } } },
            { name: "heights", type: ["null", { type: "array", items: { type: "array", items: ["null", "long"] } }], default: null },
            { name: "named", type: { type: "map", values: "Point" } },
          ]),
        },
        { name: "again", type: "Shape" },
        { name: "first", type: ["null", "Point"], default: null },
      ],
      "org.openedx.learning.point.moved.v1": [
        { name: "from", type: ["null", point], default: null },
        { name: "path", type: { type: "array", items: "Point" } },
      ],
      "org.openedx.content.point.placed.v1": [{ name: "point", type: record("Point", [{ name: "x", type: "long" }]) }],
    });
    const result = run(dir);
    expect(result.problems).toEqual([]);
    expect(file(result, "learning/data.ts")).toContain(`export class Point {
  readonly x!: Float;
  readonly tags: (string | null)[] | null = null;
}

export class Shape {
  readonly points!: Point[];
  readonly center: Point | null = null;
  readonly grid!: Point[][];
  readonly heights: (Int | null)[][] | null = null;
  readonly named!: Record<string, Point>;
}
`);
    expect(file(result, "learning/signals.ts")).toContain("  shape: Shape;\n  again: Shape;\n  first: Point | null;\n");
    expect(file(result, "learning/signals.ts")).toContain("  from: Point | null;\n  path: Point[];\n");
    expect(file(result, "content/data.ts")).toContain("export class Point {\n  readonly x!: Int;\n}\n");
    expect(result.settingsToAdd).toEqual({ allowMaps: true });
    expect(Object.values(differences(result))).toEqual([null, null, null]);
  });

  it("subdomains named like the support modules (types, tooling, keys) import them from the top, not from their own directory", () => {
    const dir = schemaDir({
      "org.openedx.types.thing.created.v1": [{ name: "n", type: "long" }],
      "org.openedx.tooling.thing.created.v1": [{ name: "thing", type: { name: "ThingData", type: "record", fields: [{ name: "n", type: "long" }] } }],
      "org.openedx.keys.course.created.v1": [{ name: "course_key", type: "string" }],
    });
    const result = run(dir, { customTypes: [{ path: "course_key", type: "CourseKey", source: "x" }] });
    expect(file(result, "types/signals.ts")).toContain('import { OpenEdxPublicSignal } from "../tooling";\nimport type { Int } from "../types";\n');
    expect(file(result, "tooling/signals.ts")).toContain('import { OpenEdxPublicSignal } from "../tooling";\nimport { ThingData } from "./data";\n');
    expect(file(result, "tooling/data.ts")).toContain('import type { Int } from "../types";\n');
    expect(file(result, "keys/signals.ts")).toContain('import { OpenEdxPublicSignal } from "../tooling";\nimport { CourseKey } from "../keys";\n');
    expect(Object.values(differences(result))).toEqual([null, null, null]);
  });

  it("a signal constant never takes the name of a class its module imports (a record named COURSE_CREATED)", () => {
    const dir = schemaDir({
      "org.openedx.learning.course.created.v1": [{ name: "course", type: { name: "COURSE_CREATED", type: "record", fields: [{ name: "key", type: "string" }] } }],
    });
    const result = run(dir);
    expect(file(result, "learning/signals.ts")).toContain('import { COURSE_CREATED } from "./data";\n');
    expect(file(result, "learning/signals.ts")).toContain("export const LEARNING_COURSE_CREATED = new OpenEdxPublicSignal({\n");
    expect(Object.values(differences(result))).toEqual([null]);
  });

  it("--layout flat: one data.ts and one signals.ts, constants told apart by their subdomain when they would clash", () => {
    const dir = schemaDir({
      "org.openedx.learning.course.created.v1": [{ name: "key", type: "string" }],
      "org.openedx.content_authoring.course.created.v1": [{ name: "id", type: "long" }],
    });
    const result = run(dir, { layout: "flat" });
    expect(result.files.map((f) => f.path)).toEqual(["signals.ts", "tooling.ts", "types.ts"]);
    const signals = file(result, "signals.ts");
    expect(signals).toContain("export const CONTENT_AUTHORING_COURSE_CREATED = new OpenEdxPublicSignal<{\n  id: Int;\n}>");
    expect(signals).toContain("export const LEARNING_COURSE_CREATED = new OpenEdxPublicSignal<{\n  key: string;\n}>");
    expect(signals).toContain('import { OpenEdxPublicSignal } from "./tooling";');
    expect(Object.values(differences(result))).toEqual([null, null]);
  });
});

describe("what a schema does not say", () => {
  const enrollment = [
    {
      name: "enrollment",
      type: {
        name: "EnrollmentData",
        type: "record",
        fields: [
          { name: "course_key", type: "string" },
          { name: "created", type: ["null", "string"], default: null },
          { name: "usage_keys", type: { type: "array", items: "string" } },
        ],
      },
    },
    { name: "course_key", type: "string" },
  ];

  it("--custom-type by path from the signal or from a record, top-level keys as data values", () => {
    const dir = schemaDir({ "org.openedx.learning.course.enrollment.created.v1": enrollment });
    const result = run(dir, {
      customTypes: [
        { path: "enrollment.course_key", type: "CourseKey", source: "a" },
        { path: "EnrollmentData.created", type: "Date", source: "b" },
        { path: "enrollment.usage_keys", type: "UsageKey", source: "c" },
        { path: "course_key", type: "CourseKey", source: "d" },
        { path: "nowhere.at_all", type: "CourseKey", source: "e" },
      ],
    });
    expect(file(result, "learning/data.ts")).toContain(
      "  readonly course_key!: CourseKey;\n  readonly created: Date | null = null;\n  readonly usage_keys!: UsageKey[];\n",
    );
    expect(file(result, "learning/signals.ts")).toContain("  data: {\n    enrollment: EnrollmentData,\n    course_key: CourseKey,\n  },\n");
    expect(file(result, "learning/signals.ts")).toContain('import { CourseKey } from "../keys";');
    expect(file(result, "learning/data.ts")).toContain('import type { CourseKey, UsageKey } from "../keys";');
    expect(file(result, "keys.ts")).toContain("export class CourseKey {");
    expect(file(result, "keys.ts")).not.toContain("class Date");
    expect(result.warnings).toEqual(["e: no imported field has the path `nowhere.at_all`; nothing was mapped to `CourseKey`"]);
    expect(Object.values(differences(result))).toEqual([null]);
  });

  it("a custom type that is not built in is added to the settings generate needs", () => {
    const dir = schemaDir({ "org.openedx.learning.course.enrollment.created.v1": enrollment });
    const result = run(dir, { customTypes: [{ path: "course_key", type: "OrgKey", source: "x" }] });
    expect(result.settingsToAdd).toEqual({ customTypes: { OrgKey: "string" } });
    expect(Object.values(differences(result))).toEqual([null]);
  });

  it("a custom type on a field that is not a string, or two types for one field, stop the import", () => {
    const dir = schemaDir({ "org.openedx.learning.course.enrollment.created.v1": enrollment, "org.openedx.learning.x.y.v1": [{ name: "n", type: "long" }] });
    expect(() => run(dir, { customTypes: [{ path: "n", type: "CourseKey", source: "--custom-type n=CourseKey" }] })).toThrow(
      "--custom-type n=CourseKey: the field `n` is a long in the schema; a custom type stands for a string",
    );
    expect(() =>
      run(dir, {
        customTypes: [
          { path: "enrollment.course_key", type: "CourseKey", source: "first" },
          { path: "EnrollmentData.course_key", type: "UsageKey", source: "second" },
        ],
      }),
    ).toThrow("second: the field `course_key` is already mapped to `CourseKey` by first");
  });

  it("docs on records and fields become JSDoc, and the import says generate will not write them back", () => {
    const dir = schemaDir({
      "org.openedx.learning.course.created.v1": [
        { name: "course", type: { name: "CourseData", type: "record", doc: "A course.", fields: [{ name: "key", type: "string", doc: "Its key; never */ empty." }] } },
      ],
    });
    const result = run(dir);
    expect(file(result, "learning/data.ts")).toContain("/** A course. */\nexport class CourseData {\n  /** Its key; never *\\/ empty. */\n  readonly key!: string;\n}");
    expect(result.warnings).toEqual([
      'the record `CourseData` (first in org.openedx.learning.course.created.v1) has a "doc": it is kept as JSDoc, but generate writes no docs inside a schema',
    ]);
    expect(differences(result)).toEqual({
      "org.openedx.learning.course.created.v1": 'line 11: the snapshot has `"doc": "A course.",`, generate writes `"fields": [`',
    });
  });

  it("a snapshot without the CloudEvents doc is imported, with a signal JSDoc to fill in, and said to differ", () => {
    const eventType = "org.openedx.learning.course.created.v1";
    const text = JSON.stringify({ name: "CloudEvent", type: "record", fields: [{ name: "key", type: "string" }], namespace: eventType }, null, 2);
    const result = run(schemaDir({ [eventType]: text }));
    expect(file(result, "learning/signals.ts")).toContain(`/**
 * The \`org.openedx.learning.course.created.v1\` event, imported from
 * \`org+openedx+learning+course+created+v1_schema.avsc\`.
 *
 * The snapshot does not say what happened, or when the event is emitted: say it here.
 */
export const COURSE_CREATED = `);
    expect(differences(result)).toEqual({ [eventType]: `line 4: the snapshot has \`"fields": [\`, generate writes \`"doc": "${DOC}",\`` });
  });

  it("a top-level doc of its own becomes the signal's JSDoc", () => {
    const eventType = "org.openedx.learning.course.created.v1";
    const result = run(schemaDir({ [eventType]: snapshotText(eventType, [], { doc: "A course was created.\n\nEmitted by Studio." }) }));
    expect(file(result, "learning/signals.ts")).toContain(`/**
 * A course was created.
 *
 * Emitted by Studio.
 */
export const COURSE_CREATED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.course.created.v1",
  data: {},
});`);
  });
});

describe("parts of a schema that no TypeScript definition produces", () => {
  const eventType = "org.openedx.learning.thing.happened.v1";
  const cases: [string, unknown[], string, string][] = [
    ["an enum", [{ name: "e", type: { type: "enum", name: "Color", symbols: ["RED"] } }], "e", "an Avro `enum` has no TypeScript form here (records, arrays, maps, [\"null\", T] and the primitives do)"],
    ["a fixed", [{ name: "f", type: { type: "fixed", name: "Hash", size: 4 } }], "f", "an Avro `fixed` has no TypeScript form here (records, arrays, maps, [\"null\", T] and the primitives do)"],
    ["a union", [{ name: "u", type: ["string", "long"] }], "u", 'the union ["string","long"] has no TypeScript form: only ["null", T] (`T | null`) does'],
    ["a union in the other order", [{ name: "u", type: ["string", "null"] }], "u", 'the union ["string","null"] has no TypeScript form: only ["null", T] (`T | null`) does'],
    ["a default", [{ name: "d", type: "string", default: "x" }], "d", 'the default "x" cannot be written in TypeScript definitions (only a nullable field has one, null)'],
    ["a nullable field without its default", [{ name: "n", type: ["null", "string"] }], "n", 'a nullable field without "default": null has no TypeScript form (`T | null = null` writes the default)'],
    ["a logical type", [{ name: "t", type: { type: "long", logicalType: "timestamp-millis" } }], "t", 'the attribute "logicalType" of this long type (a logical type) cannot be written in TypeScript definitions'],
    ["a record with a namespace", [{ name: "r", type: { type: "record", name: "R", namespace: "x.y", fields: [] } }], "r", 'the record `R` has "namespace", which TypeScript definitions cannot carry'],
    ["a field with aliases", [{ name: "a", type: "string", aliases: ["b"] }], "a", 'the field has "aliases", which TypeScript definitions cannot carry'],
    ["a record named like a custom type", [{ name: "k", type: { type: "record", name: "CourseKey", fields: [] } }], "k", "the record `CourseKey` cannot be a data class: the plugin reads `CourseKey` as a custom type (a string), never as a data class"],
    ["a record named like a number type", [{ name: "k", type: { type: "record", name: "Int", fields: [] } }], "k", "the record `Int` cannot be a data class: the plugin reads `Int` as a number type"],
    ["a record named with a reserved word", [{ name: "k", type: { type: "record", name: "delete", fields: [] } }], "k", "the record `delete` cannot be a data class: `delete` is a reserved word in TypeScript"],
    ["a record inside itself", [{ name: "n", type: { type: "record", name: "Node", fields: [{ name: "next", type: ["null", "Node"], default: null }] } }], "n.next", "the record `Node` contains itself, which the plugin reports as unsupported (a data class that contains itself)"],
    ["a field named constructor", [{ name: "constructor", type: "string" }], "constructor", "a class cannot have a field named `constructor`"],
    ["a null field", [{ name: "z", type: "null" }], "z", "a field that is always null has no TypeScript type the plugin maps to Avro"],
  ];
  for (const [what, fields, where, reason] of cases) {
    it(`${what}: the event is left out, with its field path and why`, () => {
      const dir = schemaDir({ [eventType]: fields, "org.openedx.learning.other.happened.v1": [{ name: "ok", type: "string" }] });
      const result = run(dir);
      expect(result.problems).toEqual([{ eventType, file: path.join(dir, "org+openedx+learning+thing+happened+v1_schema.avsc"), path: where, reason }]);
      expect(result.events.map((event) => event.eventType)).toEqual(["org.openedx.learning.other.happened.v1"]);
    });
  }
});

describe("input that is not a catalog of snapshots", () => {
  it("an unreadable, non-JSON, non-Avro or misplaced snapshot stops the import, naming the file", () => {
    const dir = schemaDir({
      "org.openedx.learning.a.b.v1": "{ not json",
      "org.openedx.learning.c.d.v1": JSON.stringify({ type: "record", name: "CloudEvent", fields: [{ name: "x", type: "nope" }] }),
      "org.openedx.learning.e.f.v1": snapshotText("org.openedx.learning.other.v1", []),
      "org.openedx.learning.g.h.v1": [{ name: "fine", type: "string" }],
    });
    const result = run(dir);
    expect(result.files).toEqual([]);
    expect(result.reading.unreadable.map((entry) => [path.basename(entry.file), entry.reason])).toEqual([
      ["org+openedx+learning+a+b+v1_schema.avsc", expect.stringMatching(/^The snapshot is not valid JSON: .* \(line 1, column 3\)$/)],
      ["org+openedx+learning+c+d+v1_schema.avsc", expect.stringMatching(/^The snapshot is JSON but not an Avro schema: .*nope/)],
      ["org+openedx+learning+e+f+v1_schema.avsc", 'The snapshot\'s namespace is "org.openedx.learning.other.v1" but its file name is for event type "org.openedx.learning.e.f.v1".'],
    ]);
  });

  it("history files and stray .avsc files are left alone, and said so", () => {
    const dir = schemaDir({ "org.openedx.learning.g.h.v1": [{ name: "fine", type: "string" }] });
    fs.writeFileSync(path.join(dir, "org+openedx+learning+g+h+v1_schema.v1.avsc"), snapshotText("org.openedx.learning.g.h.v1", []));
    fs.writeFileSync(path.join(dir, "notes.avsc"), "{}");
    const result = run(dir);
    expect(result.reading.ignored.map((entry) => [path.basename(entry.file), entry.reason])).toEqual([
      ["notes.avsc", 'not named <event_type with "." replaced by "+">_schema.avsc'],
      ["org+openedx+learning+g+h+v1_schema.v1.avsc", "version 1 of org.openedx.learning.g.h.v1: history is not imported"],
    ]);
    expect(result.events).toHaveLength(1);
  });

  it("a directory that cannot be listed is an error naming it", () => {
    expect(() => run(path.join(FIXTURES, "import", "no-such-dir"))).toThrow(/the schema directory .*no-such-dir cannot be read: no such file or directory/);
  });
});
