/**
 * Declaration merging: TypeScript merges every `interface X` block of a module into one type (the
 * first block's members first, `extends` from every block), so the schema does too; what does not
 * merge into a data class's fields (an interface beside a class, a member redeclared with another
 * type) is a problem, never a field dropped in silence.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { resetCaches } from "../../lib/testing.js";
import { fixture, schemaOf, signalOf } from "../helpers.js";
import { cloudEvent, dataClassOf, expectSpanAt, field, record } from "./support.js";

const signals = fixture("model", "merging", "signals.ts");
const data = fixture("model", "merging", "data.ts");

beforeEach(() => {
  resetCaches("sources", "models");
});

describe("interface declaration merging", () => {
  it("reads every block of a merged interface, in order, with the bases of every block first", () => {
    const { schema, problems } = schemaOf(signals, "org.openedx.test.user.changed.v1");
    expect(problems).toEqual([]);
    expect(JSON.stringify(schema)).toBe(
      cloudEvent("org.openedx.test.user.changed.v1", [
        {
          name: "user",
          type: record("UserData", [
            { name: "display_name", type: "string" },
            { name: "created", type: "string" },
            { name: "id", type: "long" },
            { name: "username", type: "string" },
            { name: "email", type: ["null", "string"], default: null },
            { name: "is_active", type: "boolean" },
          ]),
        },
      ]),
    );
    const user = dataClassOf(field(signalOf(signals, "org.openedx.test.user.changed.v1"), "user").type);
    // A field of a later block is located in that block.
    expectSpanAt(user.fields[5]!.keySpan, data, "is_active");
    // The field repeated with the same type is the first block's.
    expectSpanAt(user.fields[3]!.keySpan, data, "username", "username: string;");
  });

  it("reports a member redeclared with another type, at the second block", () => {
    const { schema, problems } = schemaOf(signals, "org.openedx.test.course.changed.v1");
    expect(schema).toBeNull();
    expect(problems.map((p) => p.reason)).toEqual([
      "the field `course_key` is declared by two `interface CourseData` blocks with different types (`string` at line 29, `Int` here); TypeScript rejects this: keep one",
    ]);
    expectSpanAt(problems[0]!.span, data, "course_key", "course_key: Int;");
  });

  it("reports an interface merged into a class: its fields are not the data class's", () => {
    const { schema, problems } = schemaOf(signals, "org.openedx.test.enrollment.changed.v1");
    expect(schema).toBeNull();
    expect(problems.map((p) => [p.path, p.reason])).toEqual([
      [
        "enrollment",
        "`EnrollmentData` is also declared as an interface (line 42): TypeScript merges its members into the class's type, but the fields of a data class are those the class declares, so the interface's fields are not in the schema; move them into the class",
      ],
    ]);
    expectSpanAt(problems[0]!.span, data, "EnrollmentData", "export interface EnrollmentData");
  });
});
