import { beforeEach, describe, expect, it } from "vitest";
import { counters, resetCaches } from "../../lib/testing.js";
import { fixture, modelOf, schemaOf, signalOf } from "../helpers.js";

const signals = fixture("model", "imports", "signals.ts");

describe("imports across files", () => {
  beforeEach(() => {
    resetCaches("sources", "models");
  });

  it("follows every import spelling to the data class", () => {
    const signal = signalOf(signals, "org.openedx.test.imports.done.v1");
    expect(signal.problems).toEqual([]);
    const records = signal.fields.map((f) => (f.type.kind === "record" ? `${f.name}:${f.type.dataClass.name}` : `${f.name}:${f.type.kind}`));
    expect(records).toEqual([
      "user:UserData",
      "course:CourseData",
      "leaf:LeafData",
      "renamed:Original",
      "via_namespace:LeafData",
      "default_export:DefaultData",
    ]);
    const leaf = signal.fields[2]!.type;
    expect(leaf.kind === "record" && leaf.dataClass.file).toBe(fixture("model", "imports", "nested", "leaf.ts"));
  });

  it("produces the schema with later uses of a record by bare name", () => {
    const { schema, problems } = schemaOf(signals, "org.openedx.test.imports.done.v1");
    expect(problems).toEqual([]);
    expect(schema!.fields.map((f) => f.type)).toEqual([
      { name: "UserData", type: "record", fields: [{ name: "id", type: "long" }, { name: "username", type: "string" }] },
      { name: "CourseData", type: "record", fields: [{ name: "course_key", type: "string" }] },
      { name: "LeafData", type: "record", fields: [{ name: "leaf", type: "boolean" }] },
      { name: "Original", type: "record", fields: [{ name: "value", type: "long" }] },
      "LeafData",
      { name: "DefaultData", type: "record", fields: [{ name: "name", type: "string" }] },
    ]);
  });

  it("reads the type-level form, `eventType` and a call without `new`", () => {
    const signal = signalOf(signals, "org.openedx.test.imports.typed.v1");
    expect(signal.form).toBe("type");
    expect(signal.constant).toBe("TYPE_LEVEL");
    const { schema } = schemaOf(signals, "org.openedx.test.imports.typed.v1");
    expect(JSON.stringify(schema, null, 2)).toBe(
      JSON.stringify(
        {
          name: "CloudEvent",
          type: "record",
          doc: "Avro Event Format for CloudEvents created with openedx_events/schema",
          fields: [
            { name: "user_id", type: "long" },
            { name: "tags", type: { type: "array", items: "string" } },
          ],
          namespace: "org.openedx.test.imports.typed.v1",
        },
        null,
        2,
      ),
    );
  });

  it("reads the JSDoc and its tags", () => {
    const signal = signalOf(signals, "org.openedx.test.imports.done.v1");
    expect(signal.constant).toBe("EVERYTHING_IMPORTED");
    expect(signal.doc?.text).toBe("Emitted when everything is imported.");
    expect(signal.doc?.tags).toEqual([{ tag: "warning", text: "not really" }]);
  });

  it("follows `export * as`, `.mjs` to `.mts`, `..` to a directory index and explicit `.ts` specifiers", () => {
    const deep = fixture("model", "imports", "deeper", "signals.ts");
    const { schema, problems } = schemaOf(deep, "org.openedx.test.imports.deep.v1");
    expect(problems).toEqual([]);
    expect(JSON.stringify(schema!.fields)).toBe(
      JSON.stringify([
        { name: "leaf", type: { name: "LeafData", type: "record", fields: [{ name: "leaf", type: "boolean" }] } },
        { name: "esm", type: { name: "EsmData", type: "record", fields: [{ name: "esm", type: "boolean" }] } },
        {
          name: "user",
          type: { name: "UserData", type: "record", fields: [{ name: "id", type: "long" }, { name: "username", type: "string" }] },
        },
        { name: "original", type: { name: "Original", type: "record", fields: [{ name: "value", type: "long" }] } },
      ]),
    );
    const files = signalOf(deep, "org.openedx.test.imports.deep.v1").fields.map((f) => (f.type.kind === "record" ? f.type.dataClass.file : null));
    expect(files).toEqual([
      fixture("model", "imports", "nested", "leaf.ts"),
      fixture("model", "imports", "esm.mts"),
      fixture("model", "imports", "data.ts"),
      fixture("model", "imports", "nested", "leaf.ts"),
    ]);
  });

  it("parses each other file once per process and again only when it changes", () => {
    modelOf(signals);
    const first = counters().parses;
    // signals, tooling? no: tooling is never read. data, more, nested/index, nested/leaf, default-export.
    expect(first).toBe(6);
    resetCaches("models");
    modelOf(signals);
    expect(counters().parses).toBe(first);
  });
});
