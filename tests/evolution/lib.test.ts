import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "@typescript-eslint/typescript-estree";
import { afterAll, describe, expect, it } from "vitest";
import { formatSchema, toAvroSchema } from "../../lib/avro/index.js";
import {
  checkFrozenDataClass,
  checkSignalEvolution,
  displayPath,
  formatFindingPath,
  formatMessage,
  generateCommand,
  listText,
  nextEventType,
  payloadSpan,
  placeOfFinding,
  replaceKey,
  replaceStringLiteral,
} from "../../lib/evolution/index.js";
import {
  SchemaNames,
  describeShape,
  formatDataPath,
  parseDataPath,
  recordAtPath,
  shapeChange,
  shapeOfJson,
} from "../../lib/evolution/shapes.js";
import { analyzeFilePath } from "../../lib/model/index.js";
import { dataClassUses } from "../../lib/project/index.js";
import { resolveSettings } from "../../lib/settings.js";
import { writeSnapshot } from "../../lib/snapshots/index.js";
import { getSourceFile, type SourceSpan } from "../../lib/source/index.js";
import { resetCaches } from "../../lib/testing.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "openedx-events-evolution-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let counter = 0;

/** A project on disk: files by name, and the snapshots generated from `snapshotOf` (same layout). */
function project(files: Record<string, string>): string {
  const dir = path.join(tmp, `project-${++counter}`);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function snapshotsFrom(dir: string, file: string): void {
  const settings = resolveSettings({});
  for (const signal of analyzeFilePath(path.join(dir, file), settings).signals) {
    const { schema, problems } = toAvroSchema(signal, settings);
    expect(problems).toEqual([]);
    expect(writeSnapshot(path.join(dir, "schemas"), signal.eventType!, formatSchema(schema!), { force: true }).status).toMatch(/written|unchanged/);
  }
}

const record = (name: string, fields: unknown[]) => ({ type: "record", name, fields });
const event = (fields: unknown[], namespace = "org.openedx.test.x.v1") => ({
  name: "CloudEvent",
  type: "record",
  doc: "d",
  fields,
  namespace,
});

describe("data paths", () => {
  it.each(["enrollment.user", "items[]", "a.b[]{}", "tags[].name", "x"])("%s round-trips", (text) => {
    expect(formatDataPath(parseDataPath(text))).toBe(text);
  });

  it("splits names and container markers", () => {
    expect(parseDataPath("a.b[]{}.c")).toEqual(["a", "b", "[]", "{}", "c"]);
  });
});

describe("shapes of snapshot types", () => {
  const schema = event([
    { name: "user", type: record("UserData", [{ name: "id", type: "long" }]) },
    { name: "by", type: ["null", "UserData"], default: null },
    { name: "ns", type: ["null", "org.openedx.test.x.v1.UserData"], default: null },
    { name: "tags", type: { type: "array", items: { type: "string" } } },
    { name: "m", type: { type: "map", values: "UserData" } },
  ]);
  const names = new SchemaNames(schema);
  const fields = (schema.fields as { name: string; type: unknown }[]).map((f) => describeShape(shapeOfJson(f.type, names)));

  it("describes them like the compat findings, resolving references by bare or full name", () => {
    expect(fields).toEqual([
      "record UserData",
      "union [null, UserData]",
      "union [null, UserData]",
      "array<string>",
      "map<UserData>",
    ]);
  });

  it("tells nullability changes from type changes", () => {
    const string = shapeOfJson("string", names);
    const nullable = shapeOfJson(["null", "string"], names);
    const long = shapeOfJson("long", names);
    expect(shapeChange(string, nullable)).toBe("became-nullable");
    expect(shapeChange(nullable, string)).toBe("no-longer-nullable");
    expect(shapeChange(string, long)).toBe("retyped");
    expect(shapeChange(nullable, shapeOfJson(["string", "null"], names))).toBe("retyped");
    expect(shapeChange(string, shapeOfJson({ type: "string" }, names))).toBe("same");
  });

  it("finds records by path, through nullable fields, containers and references", () => {
    const nested = event([
      { name: "a", type: record("A", [{ name: "user", type: record("UserData", [{ name: "id", type: "long" }]) }]) },
      { name: "b", type: ["null", "A"], default: null },
      { name: "list", type: { type: "array", items: ["null", "UserData"] } },
    ]);
    const n = new SchemaNames(nested);
    expect(recordAtPath(nested, ["a", "user"], n)?.["name"]).toBe("UserData");
    expect(recordAtPath(nested, ["b", "user"], n)?.["name"]).toBe("UserData");
    expect(recordAtPath(nested, ["list", "[]"], n)?.["name"]).toBe("UserData");
    expect(recordAtPath(nested, ["a", "missing"], n)).toBeNull();
    expect(recordAtPath(nested, ["list"], n)).toBeNull();
  });

  it("never throws on malformed parts", () => {
    const odd = { name: "CloudEvent", type: "record", fields: [null, 42, { name: 3 }, { name: "x" }, { name: "y", type: { type: "record" } }] };
    const n = new SchemaNames(odd);
    expect(recordAtPath(odd, ["x"], n)).toBeNull();
    expect(describeShape(shapeOfJson({ type: "record" }, n))).toBe('{"type":"record"}');
  });

  it("describes a shape in full, however deep or wide (compat's one-line descriptions elide)", () => {
    let deep: unknown = "int";
    for (let i = 0; i < 6; i++) deep = { type: "array", items: deep };
    const none = new SchemaNames(null);
    expect(describeShape(shapeOfJson(deep, none))).toBe("array<array<array<array<array<array<int>>>>>>");
    const wide = ["null", "boolean", "int", "long", "float", "double", "bytes", "string", { type: "enum", name: "E", symbols: ["A"] }];
    expect(describeShape(shapeOfJson(wide, new SchemaNames(wide)))).toBe("union [null, boolean, int, long, float, double, bytes, string, E]");
  });
});

describe("finding paths", () => {
  const reader = event([{ name: "by", type: ["null", record("UserData", [{ name: "id", type: "long" }])], default: null }]);
  const writer = event([{ name: "by", type: ["null", record("UserData", [{ name: "id", type: "string" }])], default: null }]);

  it("skips union branches in the data path, shows them in the finding path", () => {
    const place = placeOfFinding(["by", "org.openedx.test.x.v1.UserData", "id"], reader, writer);
    expect(place.dataPath).toEqual(["by", "id"]);
    expect(place.reader).toBe("long");
    expect(place.writer).toBe("string");
    expect(place.complete).toBe(true);
    expect(formatFindingPath(place)).toBe("by<UserData>.id");
  });

  it("a field only one side has", () => {
    const place = placeOfFinding(["by"], reader, event([]));
    expect(place).toMatchObject({ dataPath: ["by"], writer: undefined, complete: true });
  });

  it("a path it cannot follow is marked incomplete", () => {
    expect(placeOfFinding(["nope", "deeper"], reader, writer).complete).toBe(false);
    expect(formatFindingPath(placeOfFinding([], reader, writer))).toBe("(root)");
  });
});

describe("source edits", () => {
  const span = (text: string, needle: string): SourceSpan => {
    const start = text.indexOf(needle);
    return { file: "/x.ts", range: [start, start + needle.length], loc: { start: { line: 1, column: start }, end: { line: 1, column: start + needle.length } } };
  };

  it.each([
    ["org.openedx.a.b.v1", "org.openedx.a.b.v2"],
    ["org.openedx.a.b.v9", "org.openedx.a.b.v10"],
    ["org.openedx.a.b", "org.openedx.a.b.v2"],
  ])("the next version of %s is %s", (from, to) => {
    expect(nextEventType(from)).toBe(to);
  });

  it.each([
    ['x = "org.a.v1";', '"org.a.v1"', '"org.a.v2"'],
    ["x = 'org.a.v1';", "'org.a.v1'", "'org.a.v2'"],
    ["x = `org.a.v1`;", "`org.a.v1`", "`org.a.v2`"],
    ['x = "org.a.v1" as const;', '"org.a.v1" as const', '"org.a.v2"'],
  ])("replaces the literal of %s keeping its quotes", (text, literal, expected) => {
    const edit = replaceStringLiteral(text, span(text, literal), "org.a.v2");
    expect(edit && text.slice(0, edit.range[0]) + edit.text + text.slice(edit.range[1])).toBe(text.replace(literal.replace(" as const", ""), expected));
  });

  it("escapes what would end or interpolate the literal", () => {
    const text = "x = `a`;";
    expect(replaceStringLiteral(text, span(text, "`a`"), "a${b}`c")?.text).toBe("`a\\${b}\\`c`");
  });

  it("leaves what is not a literal", () => {
    expect(replaceStringLiteral("x = TYPE;", span("x = TYPE;", "TYPE"), "a.b")).toBeNull();
  });

  it("renames a key, keeping a string key's quotes", () => {
    expect(replaceKey("{ a: 1 }", span("{ a: 1 }", "a"), "b").text).toBe("b");
    expect(replaceKey("{ 'a': 1 }", span("{ 'a': 1 }", "'a'"), "b").text).toBe("'b'");
  });

  it("finds the `data` key, or the payload type argument, or falls back to the constant", () => {
    const dir = project({
      "signals.ts": [
        '/** a */ export const A = new OpenEdxPublicSignal({ event_type: "org.openedx.t.a.v1", "data": { x: String } });',
        '/** b */ export const B = new OpenEdxPublicSignal<{ x: string }>({ event_type: "org.openedx.t.b.v1" });',
        '/** c */ export const C = new OpenEdxPublicSignal({ event_type: "org.openedx.t.c.v1" });',
      ].join("\n"),
    });
    const file = path.join(dir, "signals.ts");
    const text = fs.readFileSync(file, "utf8");
    const program = parse(text, { loc: true, range: true });
    const [a, b, c] = analyzeFilePath(file, resolveSettings({})).signals;
    const at = (s: SourceSpan) => text.slice(s.range[0], s.range[1]);
    expect(at(payloadSpan(a!, program))).toBe('"data"');
    expect(at(payloadSpan(b!, program))).toBe("{ x: string }");
    expect(at(payloadSpan(c!, program))).toBe("C");
    expect(at(payloadSpan(a!, null))).toBe("A");
  });
});

describe("messages and commands", () => {
  it("interpolates like ESLint and leaves unknown placeholders", () => {
    expect(formatMessage("{{a}} and {{ b }} and {{c}}", { a: "1", b: "2" })).toBe("1 and 2 and {{c}}");
  });

  it("lists", () => {
    expect([listText([]), listText(["a"]), listText(["a", "b"]), listText(["a", "b", "c"])]).toEqual(["", "a", "a and b", "a, b and c"]);
  });

  it("gives the generate command, with --schema-dir only when it is not the default", () => {
    const cwd = "/project";
    expect(generateCommand(resolveSettings({}), cwd, "org.openedx.a.b.v1")).toBe("npx openedx-events-avro generate org.openedx.a.b.v1");
    expect(generateCommand(resolveSettings({ schemaDir: "./schemas/" }), cwd, "org.openedx.a.b.v1")).toBe("npx openedx-events-avro generate org.openedx.a.b.v1");
    expect(generateCommand(resolveSettings({ schemaDir: "src/event schemas" }), cwd, "org.openedx.a.b.v1", true)).toBe(
      "npx openedx-events-avro generate org.openedx.a.b.v1 --schema-dir 'src/event schemas' --force",
    );
    expect(generateCommand(resolveSettings({ schemaDir: "/elsewhere/schemas" }), cwd, "org.openedx.a.b.v1")).toBe(
      "npx openedx-events-avro generate org.openedx.a.b.v1 --schema-dir /elsewhere/schemas",
    );
  });

  it("shows paths relative to the working directory when inside it", () => {
    expect(displayPath("/p", "/p/schemas/a.avsc")).toBe("schemas/a.avsc");
    expect(displayPath("/p", "/q/a.avsc")).toBe("/q/a.avsc");
    expect(displayPath("/p", "/p")).toBe(".");
  });
});

describe("frozen data classes", () => {
  const settings = resolveSettings({ schemaDir: "schemas" });

  it("reports a field inherited from another file on the class name", () => {
    const files = {
      "base.ts": "export class BaseData {\n  readonly id!: Int;\n}\n",
      "data.ts": 'import { BaseData } from "./base";\nexport class UserData extends BaseData {\n  readonly name!: string;\n}\n',
      "signals.ts": 'import { UserData } from "./data";\n/** u */\nexport const U = new OpenEdxPublicSignal({ event_type: "org.openedx.t.user.v1", data: { user: UserData } });\n',
    };
    const dir = project(files);
    snapshotsFrom(dir, "signals.ts");
    fs.writeFileSync(path.join(dir, "base.ts"), "export class BaseData {\n  readonly id!: string;\n}\n");
    const signal = analyzeFilePath(path.join(dir, "signals.ts"), settings).signals[0]!;
    const uses = dataClassUses(signal);
    const user = uses.find((u) => u.dataClass.name === "UserData")!;
    const reports = checkFrozenDataClass(user.dataClass, uses.filter((u) => u === user), getSourceFile(path.join(dir, "data.ts")).text, { settings, cwd: dir });
    expect(reports.map((r) => [r.messageId, r.data["field"], r.data["old"], r.data["new"], r.span.file, r.span.loc.start.line])).toEqual([
      ["fieldRetyped", "id", "long", "string", path.join(dir, "data.ts"), 2],
    ]);
  });

  it("names at most three snapshots and signals, then how many more", () => {
    const signals = ["a", "b", "c", "d", "e"]
      .map((x) => `/** ${x} */\nexport const ${x.toUpperCase()} = new OpenEdxPublicSignal({ event_type: "org.openedx.t.${x}.v1", data: { user: UserData } });`)
      .join("\n");
    const dir = project({
      "data.ts": "export class UserData {\n  readonly id!: Int;\n}\n",
      "signals.ts": `import { UserData } from "./data";\n${signals}\n`,
    });
    snapshotsFrom(dir, "signals.ts");
    fs.writeFileSync(path.join(dir, "data.ts"), "export class UserData {\n  readonly id!: Int;\n  readonly extra!: string;\n}\n");
    const all = analyzeFilePath(path.join(dir, "signals.ts"), settings).signals;
    const uses = all.flatMap(dataClassUses);
    const [report] = checkFrozenDataClass(uses[0]!.dataClass, uses, getSourceFile(path.join(dir, "data.ts")).text, { settings, cwd: dir });
    expect(report!.data["snapshots"]).toBe(
      "the snapshots of `org.openedx.t.a.v1` (`schemas/org+openedx+t+a+v1_schema.avsc`), `org.openedx.t.b.v1` (`schemas/org+openedx+t+b+v1_schema.avsc`), " +
        "`org.openedx.t.c.v1` (`schemas/org+openedx+t+c+v1_schema.avsc`) and 2 more",
    );
    expect(report!.data["signals"]).toBe("`A`, `B`, `C` and 2 more");
  });

  it("reports the fewest fields that explain a new order", () => {
    const dir = project({
      "data.ts": "export class D {\n  readonly a!: Int;\n  readonly b!: Int;\n  readonly c!: Int;\n  readonly d!: Int;\n}\n",
      "signals.ts": 'import { D } from "./data";\n/** s */\nexport const S = new OpenEdxPublicSignal({ event_type: "org.openedx.t.order.v1", data: { d: D } });\n',
    });
    snapshotsFrom(dir, "signals.ts");
    fs.writeFileSync(path.join(dir, "data.ts"), "export class D {\n  readonly d!: Int;\n  readonly a!: Int;\n  readonly b!: Int;\n  readonly c!: Int;\n}\n");
    const uses = dataClassUses(analyzeFilePath(path.join(dir, "signals.ts"), settings).signals[0]!);
    const reports = checkFrozenDataClass(uses[0]!.dataClass, uses, getSourceFile(path.join(dir, "data.ts")).text, { settings, cwd: dir });
    expect(reports.map((r) => [r.messageId, r.data["field"], r.data["oldPosition"], r.data["newPosition"]])).toEqual([["fieldReordered", "d", "4", "1"]]);
  });
});

describe("checkSignalEvolution", () => {
  it("is computed once per signal while the snapshot is unchanged, and again when it changes", () => {
    const settings = resolveSettings({ schemaDir: "schemas", compatibility: "FORWARD" });
    const dir = project({
      "signals.ts": '/** s */\nexport const S = new OpenEdxPublicSignal({ event_type: "org.openedx.t.cache.v1", data: { a: String } });\n',
    });
    snapshotsFrom(dir, "signals.ts");
    const file = getSourceFile(path.join(dir, "signals.ts"));
    const signal = analyzeFilePath(file.path, settings).signals[0]!;
    const schema = toAvroSchema(signal, settings);
    const first = checkSignalEvolution(signal, schema, { text: file.text, program: file.ast }, { settings, cwd: dir });
    expect(first.status).toBe("checked");
    expect(first.snapshot).toEqual([]);
    expect(checkSignalEvolution(signal, schema, { text: file.text, program: file.ast }, { settings, cwd: dir })).toBe(first);

    const snapshot = path.join(dir, "schemas", "org+openedx+t+cache+v1_schema.avsc");
    const extra = (JSON.parse(fs.readFileSync(snapshot, "utf8")) as { fields: unknown[] });
    extra.fields.push({ name: "b", type: "string" });
    fs.writeFileSync(snapshot, JSON.stringify(extra, null, 2));
    const future = new Date(Date.now() + 5000);
    fs.utimesSync(snapshot, future, future);
    resetCaches("snapshots");
    const second = checkSignalEvolution(signal, schema, { text: file.text, program: file.ast }, { settings, cwd: dir });
    expect(second).not.toBe(first);
    expect(second.snapshot.map((r) => r.data["change"])).toEqual(["`b` (string) was removed"]);
  });

  it("skips signals without a literal event type, with an invalid one, or listed as unserializable", () => {
    const dir = project({
      "signals.ts": [
        'const T = "org.openedx.t.x.v1";',
        "/** a */ export const A = new OpenEdxPublicSignal({ event_type: T, data: {} });",
        '/** b */ export const B = new OpenEdxPublicSignal({ event_type: "org/../x", data: {} });',
        '/** c */ export const C = new OpenEdxPublicSignal({ event_type: "org.openedx.t.c.v1", data: {} });',
      ].join("\n"),
    });
    const settings = resolveSettings({ schemaDir: "schemas", knownUnserializableSignals: ["org.openedx.t.c.v1"] });
    const file = getSourceFile(path.join(dir, "signals.ts"));
    for (const signal of analyzeFilePath(file.path, settings).signals) {
      const result = checkSignalEvolution(signal, toAvroSchema(signal, settings), { text: file.text, program: file.ast }, { settings, cwd: dir });
      expect(result).toMatchObject({ status: "skipped", snapshot: [], topLevel: [] });
    }
  });
});
