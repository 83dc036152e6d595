import { beforeEach, describe, expect, it } from "vitest";
import { resetCaches } from "../../lib/testing.js";
import { fixture, schemaOf, signalOf } from "../helpers.js";
import { cloudEvent, dataClassOf, expectSpanAt, field, record } from "./support.js";

const signals = fixture("model", "inheritance", "signals.ts");
const data = fixture("model", "inheritance", "data.ts");
const remote = fixture("model", "inheritance", "remote.ts");

const names = (fields: readonly { name: string }[]) => fields.map((f) => f.name);

beforeEach(() => {
  resetCaches("sources", "models");
});

describe("class inheritance", () => {
  it("puts inherited fields first, and a redeclared field after the inherited fields that remain", () => {
    const signal = signalOf(signals, "org.openedx.test.ccx.enrolled.v1");
    expect(signal.problems).toEqual([]);
    const enrollment = dataClassOf(field(signal, "enrollment").type);
    expect(enrollment.name).toBe("CcxEnrollmentData");
    expect(enrollment.kind).toBe("class");
    // EnrollmentData is user, course, mode; `declare readonly course` moves course after mode.
    expect(names(enrollment.fields)).toEqual(["user", "mode", "course", "passing"]);
    expect(enrollment.fields.map((f) => f.declaredIn)).toEqual(["EnrollmentData", "EnrollmentData", "CcxEnrollmentData", "CcxEnrollmentData"]);
    // The redeclared field has the subclass's type, and its source is the subclass's member.
    const course = enrollment.fields[2]!;
    expect(dataClassOf(course.type).name).toBe("CcxCourseData");
    expectSpanAt(course.keySpan, data, "course", "declare readonly course");
    expectSpanAt(course.typeSpan, data, "CcxCourseData", "declare readonly course");
  });

  it("writes the exact schema, with the second use of UserData by bare name", () => {
    const { schema, problems } = schemaOf(signals, "org.openedx.test.ccx.enrolled.v1");
    expect(problems).toEqual([]);
    const user = record("UserData", [
      { name: "id", type: "long" },
      { name: "is_active", type: "boolean" },
      { name: "username", type: "string" },
    ]);
    const ccxCourse = record("CcxCourseData", [
      { name: "course_key", type: "string" },
      { name: "display_name", type: "string" },
      { name: "ccx_id", type: "long" },
    ]);
    expect(JSON.stringify(schema)).toBe(
      cloudEvent("org.openedx.test.ccx.enrolled.v1", [
        {
          name: "enrollment",
          type: record("CcxEnrollmentData", [
            { name: "user", type: user },
            { name: "mode", type: "string" },
            { name: "course", type: ccxCourse },
            { name: "passing", type: "boolean" },
          ]),
        },
        { name: "again", type: "UserData" },
      ]),
    );
  });

  it("applies redeclaration at every level of a three-level chain (`declare` and `override`)", () => {
    const { schema, problems } = schemaOf(signals, "org.openedx.test.levels.v1");
    expect(problems).toEqual([]);
    const level = schema!.fields[0]!;
    // Level1 a, b, c; Level2 redeclares a (now Int) and adds d; Level3 redeclares b and adds e.
    expect(JSON.stringify(level)).toBe(
      JSON.stringify({
        name: "level",
        type: record("Level3", [
          { name: "c", type: "string" },
          { name: "a", type: "long" },
          { name: "d", type: "boolean" },
          { name: "b", type: "string" },
          { name: "e", type: "string" },
        ]),
      }),
    );
    const level3 = dataClassOf(signalOf(signals, "org.openedx.test.levels.v1").fields[0]!.type);
    expect(level3.fields.map((f) => [f.name, f.declaredIn, f.initializer])).toEqual([
      ["c", "Level1", null],
      ["a", "Level2", null],
      ["d", "Level2", null],
      ["b", "Level3", "other"],
      ["e", "Level3", null],
    ]);
  });

  it("reads a base class from another file, imported under another name or through a namespace", () => {
    const { schema, problems } = schemaOf(signals, "org.openedx.test.remote.v1");
    expect(problems).toEqual([]);
    expect(JSON.stringify(schema)).toBe(
      cloudEvent("org.openedx.test.remote.v1", [
        {
          name: "remote",
          type: record("RemoteChild", [
            { name: "remote_name", type: "string" },
            { name: "remote_id", type: "string" },
            { name: "child", type: "boolean" },
          ]),
        },
        {
          name: "namespaced",
          type: record("NamespacedChild", [
            { name: "remote_id", type: "long" },
            { name: "remote_name", type: "string" },
            { name: "own", type: "string" },
          ]),
        },
      ]),
    );
    const child = dataClassOf(signalOf(signals, "org.openedx.test.remote.v1").fields[0]!.type);
    expect(child.file).toBe(remote);
    expect(child.fields[0]!.span.file).toBe(fixture("model", "inheritance", "base.ts"));
  });
});

describe("members that are fields and members that are not", () => {
  it("keeps instance properties with any modifier, `declare` and `abstract` included", () => {
    const signal = signalOf(signals, "org.openedx.test.levels.v1");
    const modifiers = dataClassOf(field(signal, "modifiers").type);
    expect(modifiers.problems).toEqual([]);
    // static, static block, `accessor`, #private, getter and setter are left out.
    expect(names(modifiers.fields)).toEqual(["pub", "priv", "prot", "decl", "abs"]);
  });

  it("leaves out statics, methods, getters and #private fields, and keeps parameter properties", () => {
    const { schema, problems } = schemaOf(signals, "org.openedx.test.tagged.v1");
    expect(problems).toEqual([]);
    expect(JSON.stringify(schema!.fields[1])).toBe(
      JSON.stringify({
        name: "behaviour",
        type: record("WithBehaviour", [
          { name: "visible", type: "string" },
          { name: "from_constructor", type: "boolean" },
        ]),
      }),
    );
    const behaviour = dataClassOf(field(signalOf(signals, "org.openedx.test.tagged.v1"), "behaviour").type);
    expectSpanAt(behaviour.fields[1]!.keySpan, data, "from_constructor");
    expectSpanAt(behaviour.fields[1]!.typeSpan, data, "boolean", "from_constructor");
  });
});

describe("interfaces and type aliases", () => {
  it("reads `interface extends` (inherited first) and an intersection alias in part order", () => {
    const { schema, problems } = schemaOf(signals, "org.openedx.test.tagged.v1");
    expect(problems).toEqual([]);
    expect(JSON.stringify(schema!.fields[0])).toBe(
      JSON.stringify({
        name: "tagged",
        type: record("Tagged", [
          { name: "name", type: "string" },
          { name: "description", type: ["null", "string"], default: null },
          { name: "tags", type: { type: "array", items: "string" } },
        ]),
      }),
    );
    const tagged = dataClassOf(field(signalOf(signals, "org.openedx.test.tagged.v1"), "tagged").type);
    expect(tagged.kind).toBe("type");
    expect(tagged.fields.map((f) => f.declaredIn)).toEqual(["Named", "Described", "Tagged"]);
  });

  it("reads several interface bases in order, and a three-part intersection the same way", () => {
    const signal = signalOf(signals, "org.openedx.test.labelled.v1");
    expect(signal.form).toBe("type");
    expect(signal.problems).toEqual([]);
    const { schema, problems } = schemaOf(signals, "org.openedx.test.labelled.v1");
    expect(problems).toEqual([]);
    const fields = [
      { name: "id", type: "long" },
      { name: "label", type: "string" },
      { name: "code", type: "string" },
    ];
    expect(JSON.stringify(schema)).toBe(
      cloudEvent("org.openedx.test.labelled.v1", [
        { name: "labelled", type: record("Labelled", [...fields, { name: "extra", type: "boolean" }]) },
        { name: "stacked", type: record("Stacked", [...fields, { name: "stacked", type: "boolean" }]) },
      ]),
    );
    expect(dataClassOf(field(signal, "labelled").type).kind).toBe("interface");
  });
});
