import { describe, expect, it } from "vitest";
import { fixture, schemaOf } from "../helpers.js";

const signals = fixture("model", "generic-alias", "signals.ts");

describe("generic type aliases", () => {
  it("stand for their body with the arguments (and defaults) in place of the parameters", () => {
    const { schema, problems } = schemaOf(signals, "org.openedx.test.generic.profile.changed.v1");
    expect(problems.map((p) => `${p.code} ${p.path} ${p.typeText}`)).toEqual([]);
    expect(schema!.fields[0]!.type).toEqual({
      name: "ProfileData",
      type: "record",
      fields: [
        { name: "nickname", type: ["null", "string"], default: null },
        { name: "user", type: ["null", { name: "UserData", type: "record", fields: [{ name: "id", type: "long" }] }], default: null },
        { name: "scores", type: { type: "array", items: "long" } },
        { name: "tags", type: ["null", { type: "array", items: "string" }], default: null },
        { name: "ids", type: ["null", { type: "array", items: "long" }], default: null },
      ],
    });
  });

  it("keep the problems of what they stand for, and refuse recursion and generic object types", () => {
    const { schema, problems } = schemaOf(signals, "org.openedx.test.generic.bad.v1");
    expect(schema).toBeNull();
    expect(problems.map((p) => [p.code, p.path, p.typeText, p.span.file.split("/").pop(), p.span.loc.start.line])).toEqual([
      ["map", "bad.extra", "Dict<string>", "signals.ts", 21],
      // The recursion is shown where it happens: inside the alias.
      ["recursive", "bad.loop[]", "Loop<T>", "types.ts", 6],
      ["generic", "bad.boxed", "Boxed<string>", "signals.ts", 23],
    ]);
  });
});
