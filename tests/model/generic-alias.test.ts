import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveSettings } from "../../lib/settings.js";
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

describe("names that refer back to themselves or to earlier parameters", () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  const project = (text: string): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "generic-alias-"));
    dirs.push(dir);
    const file = path.join(dir, "signals.ts");
    fs.writeFileSync(file, text);
    return file;
  };

  it("a default may name an earlier parameter (`<T, U = T>`)", () => {
    const file = project(
      'type Maybe<T, U = T> = U | null;\nexport class ProfileData {\n  readonly nickname!: Maybe<string>;\n}\nexport const S = new OpenEdxPublicSignal({ event_type: "org.openedx.test.default.v1", data: { p: ProfileData } });\n',
    );
    const { schema, problems } = schemaOf(file, "org.openedx.test.default.v1");
    expect(problems).toEqual([]);
    expect(schema!.fields[0]!.type).toEqual({ name: "ProfileData", type: "record", fields: [{ name: "nickname", type: ["null", "string"], default: null }] });
  });

  it("a default that names its own alias (`<T = Loop>`) is a problem, not a stack overflow", () => {
    const file = project(
      'type Loop<T = Loop> = T | null;\ntype Box<T = Box<string>> = T[];\nexport class ProfileData {\n  readonly a!: Loop;\n  readonly b!: Loop<string>;\n  readonly c!: Box;\n}\nexport const S = new OpenEdxPublicSignal({ event_type: "org.openedx.test.loop.v1", data: { p: ProfileData } });\n',
    );
    const { schema, problems } = schemaOf(file, "org.openedx.test.loop.v1");
    expect(schema).toBeNull();
    expect(problems.map((p) => [p.code, p.path, p.typeText])).toEqual([
      ["recursive", "p.a", "Loop"],
      ["recursive", "p.c[]", "Box<string>"],
    ]);
  });

  it("an interface that is only an index signature of itself is a problem, not a stack overflow", () => {
    const file = project(
      'interface Dict {\n  [key: string]: Dict;\n}\nexport class TreeData {\n  readonly children!: Dict;\n}\nexport const S = new OpenEdxPublicSignal({ event_type: "org.openedx.test.dict.v1", data: { t: TreeData } });\n',
    );
    const { schema, problems } = schemaOf(file, "org.openedx.test.dict.v1");
    expect(schema).toBeNull();
    expect(problems.map((p) => [p.code, p.path])).toEqual([["map", "t.children"]]);
    // With maps allowed, the map's values are mapped: they are the map again.
    const allowed = schemaOf(file, "org.openedx.test.dict.v1", resolveSettings({ allowMaps: true }));
    expect(allowed.problems.map((p) => [p.code, p.path])).toEqual([["recursive", "t.children{}"]]);
  });
});

describe("a key written as a literal in brackets", () => {
  it("names a `data` entry as it names a data-class field", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bracket-key-"));
    try {
      const file = path.join(dir, "signals.ts");
      fs.writeFileSync(
        file,
        'export class UserData {\n  readonly ["user_id"]!: string;\n}\nexport const S = new OpenEdxPublicSignal({ event_type: "org.openedx.test.bracket.v1", data: { ["user"]: UserData } });\n',
      );
      const { schema, problems } = schemaOf(file, "org.openedx.test.bracket.v1");
      expect(problems).toEqual([]);
      expect(schema!.fields).toEqual([{ name: "user", type: { name: "UserData", type: "record", fields: [{ name: "user_id", type: "string" }] } }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
