import fs from "node:fs";
import path from "node:path";
import { parse } from "@typescript-eslint/typescript-estree";
import { beforeEach, describe, expect, it } from "vitest";
import { toAvroSchema } from "../../lib/avro/index.js";
import { analyzeFilePath, analyzeLintedFile, analyzeProgram } from "../../lib/model/index.js";
import { resolveSettings } from "../../lib/settings.js";
import { adoptLintedFile, diskStampOf, getSourceFile } from "../../lib/source/index.js";
import { counters, resetCaches } from "../../lib/testing.js";
import { tempProject } from "../helpers.js";
import { dataClassOf } from "./support.js";

const settings = resolveSettings({});

function project(): { dir: string; signals: string; other: string; data: string } {
  const { dir, files } = tempProject("model-cache", {
    "data.ts": "export class UserData {\n  readonly id!: number;\n}\n",
    "signals.ts": `import { UserData } from "./data";\nexport const A = new OpenEdxPublicSignal({ event_type: "org.openedx.test.cache.a.v1", data: { user: UserData } });\n`,
    "other.ts": `import { UserData } from "./data.js";\nexport const B = new OpenEdxPublicSignal({ event_type: "org.openedx.test.cache.b.v1", data: { user: UserData } });\n`,
  });
  return { dir, signals: files["signals.ts"], other: files["other.ts"], data: files["data.ts"] };
}

/** Rewrites a file and moves its modification time, as an editor save does. */
function rewrite(file: string, text: string, secondsAhead: number): void {
  fs.writeFileSync(file, text);
  const time = new Date(Date.now() + secondsAhead * 1000);
  fs.utimesSync(file, time, time);
}

function userFields(model: ReturnType<typeof analyzeFilePath>): string[] {
  return dataClassOf(model.signals[0]!.fields[0]!.type).fields.map((f) => f.name);
}

beforeEach(() => {
  resetCaches("sources", "models");
});

describe("parse cache", () => {
  it("parses each file once per process, however many signal files import it", () => {
    const { signals, other, data } = project();
    expect(counters().parses).toBe(0);
    analyzeFilePath(signals, settings);
    expect(counters().parses).toBe(2);
    analyzeFilePath(other, settings);
    expect(counters().parses).toBe(3);
    resetCaches("models");
    analyzeFilePath(signals, settings);
    analyzeFilePath(other, settings);
    expect(counters().parses).toBe(3);
    expect(getSourceFile(data)).toBe(getSourceFile(data));
    expect(counters().parses).toBe(3);
  });

  it("re-parses a file after its content and mtime change, and only that file", () => {
    const { signals, data } = project();
    const first = analyzeFilePath(signals, settings);
    expect(userFields(first)).toEqual(["id"]);
    const parsed = counters().parses;
    const signalsSource = getSourceFile(signals);

    rewrite(data, "export class UserData {\n  readonly id!: number;\n  readonly username!: string;\n}\n", 10);
    const second = analyzeFilePath(signals, settings);
    expect(second).not.toBe(first);
    expect(userFields(second)).toEqual(["id", "username"]);
    expect(counters().parses).toBe(parsed + 1);
    expect(getSourceFile(signals)).toBe(signalsSource);
    expect(JSON.stringify(toAvroSchema(second.signals[0]!, settings).schema!.fields)).toBe(
      JSON.stringify([
        {
          name: "user",
          type: { name: "UserData", type: "record", fields: [{ name: "id", type: "double" }, { name: "username", type: "string" }] },
        },
      ]),
    );

    // Nothing changed since: the same model, no parse.
    expect(analyzeFilePath(signals, settings)).toBe(second);
    expect(counters().parses).toBe(parsed + 1);
  });

  it("sees a change that keeps the size when the mtime moves", () => {
    const { signals, data } = project();
    expect(userFields(analyzeFilePath(signals, settings))).toEqual(["id"]);
    // Same length: "id" → "ok".
    rewrite(data, "export class UserData {\n  readonly ok!: number;\n}\n", 20);
    expect(fs.statSync(data).size).toBe("export class UserData {\n  readonly id!: number;\n}\n".length);
    expect(userFields(analyzeFilePath(signals, settings))).toEqual(["ok"]);
  });

  it("sees a change to the signal file itself", () => {
    const { signals } = project();
    analyzeFilePath(signals, settings);
    const parsed = counters().parses;
    rewrite(signals, `import { UserData } from "./data";\nexport const A = new OpenEdxPublicSignal({ event_type: "org.openedx.test.cache.renamed.v1", data: { user: UserData } });\n`, 30);
    const model = analyzeFilePath(signals, settings);
    expect(model.signals.map((s) => s.eventType)).toEqual(["org.openedx.test.cache.renamed.v1"]);
    expect(counters().parses).toBe(parsed + 1);
  });

  it("sees a deleted dependency", () => {
    const { signals, data } = project();
    expect(analyzeFilePath(signals, settings).signals[0]!.fields[0]!.type.kind).toBe("record");
    fs.rmSync(data);
    const type = analyzeFilePath(signals, settings).signals[0]!.fields[0]!.type;
    expect(type).toMatchObject({ kind: "unsupported", code: "unresolved" });
  });
});

describe("model cache", () => {
  it("returns the cached model object while nothing changed", () => {
    const { signals } = project();
    const model = analyzeFilePath(signals, settings);
    expect(analyzeFilePath(signals, settings)).toBe(model);
    // Equal settings from another object share the entry.
    expect(analyzeFilePath(signals, resolveSettings({ schemaDir: "elsewhere" }))).toBe(model);
  });

  it("builds a new model when settings that change the mapping change, without parsing again", () => {
    const { signals } = project();
    const model = analyzeFilePath(signals, settings);
    const parsed = counters().parses;
    const long = analyzeFilePath(signals, resolveSettings({ numberType: "long" }));
    expect(long).not.toBe(model);
    const id = dataClassOf(long.signals[0]!.fields[0]!.type).fields[0]!.type;
    expect(id).toMatchObject({ kind: "primitive", avro: "long" });
    expect(counters().parses).toBe(parsed);
  });

  it("lists the files a model depends on", () => {
    const { signals, data } = project();
    expect(analyzeFilePath(signals, settings).dependencies.map((d) => d.path)).toEqual([data]);
  });

  it("models an ESLint AST once per program and settings, and never parses the linted file", () => {
    const { signals } = project();
    const text = fs.readFileSync(signals, "utf8");
    const program = parse(text, { loc: true, range: true, comment: true });
    const model = analyzeProgram(signals, text, program, settings);
    expect(model.signals.map((s) => s.eventType)).toEqual(["org.openedx.test.cache.a.v1"]);
    // Only data.ts was parsed by us.
    expect(counters().parses).toBe(1);
    expect(analyzeProgram(signals, text, program, settings)).toBe(model);
    expect(analyzeProgram(signals, text, program, resolveSettings({ numberType: "long" }))).not.toBe(model);
  });

  it("shares one model between the lint of a file that matches the disk and the project's view of that file", () => {
    const { signals, other } = project();
    const text = fs.readFileSync(signals, "utf8");
    const linted = analyzeLintedFile(signals, text, parse(text, { loc: true, range: true, comment: true }), diskStampOf(signals, text)!, settings);
    const parses = counters().parses;
    expect(analyzeFilePath(signals, settings)).toBe(linted);
    expect(counters().parses).toBe(parses);

    // The other way round: a model read from disk first serves the lint.
    const fromDisk = analyzeFilePath(other, settings);
    const otherText = fs.readFileSync(other, "utf8");
    const otherProgram = parse(otherText, { loc: true, range: true, comment: true });
    expect(analyzeLintedFile(other, otherText, otherProgram, diskStampOf(other, otherText)!, settings)).toBe(fromDisk);

    // A save makes a new model.
    rewrite(signals, text.replace("cache.a.v1", "cache.a.v2"), 5);
    expect(analyzeFilePath(signals, settings)).not.toBe(linted);
    expect(analyzeFilePath(signals, settings).signals[0]!.eventType).toBe("org.openedx.test.cache.a.v2");
  });

  it("lets an adopted linted file serve later imports without a parse, only when it matches the disk", () => {
    const { data } = project();
    const text = fs.readFileSync(data, "utf8");
    const program = parse(text, { loc: true, range: true, comment: true });
    const stamp = diskStampOf(data, text);
    expect(stamp).not.toBeNull();
    adoptLintedFile(data, text, program, stamp!);
    expect(getSourceFile(data).ast).toBe(program);
    expect(counters().parses).toBe(0);

    resetCaches("sources");
    expect(diskStampOf(data, "export class UserData {}\n")).toBeNull();
    expect(getSourceFile(data).ast).not.toBe(program);
    expect(counters().parses).toBe(1);
  });
});

describe("imports of files that do not exist yet", () => {
  it("are looked for again: creating the missing file fixes the model without touching the importer", () => {
    const { dir } = project();
    const signals = path.join(dir, "later-signals.ts");
    fs.writeFileSync(
      signals,
      `import { LaterData } from "./later";\nexport const C = new OpenEdxPublicSignal({ event_type: "org.openedx.test.cache.c.v1", data: { later: LaterData } });\n`,
    );
    const before = analyzeFilePath(signals, settings);
    expect(before.cacheable).toBe(false);
    expect(before.signals[0]!.fields[0]!.type).toMatchObject({ kind: "unsupported", code: "unresolved" });

    fs.writeFileSync(path.join(dir, "later.ts"), "export class LaterData {\n  readonly ok!: boolean;\n}\n");
    const after = analyzeFilePath(signals, settings);
    expect(after.cacheable).toBe(true);
    expect(dataClassOf(after.signals[0]!.fields[0]!.type).fields.map((f) => f.name)).toEqual(["ok"]);
    // Once complete, the model is cached again.
    expect(analyzeFilePath(signals, settings)).toBe(after);
  });
});

describe("data-class models shared between the files that import them", () => {
  const classOf = (file: string, entry = 0) => dataClassOf(analyzeFilePath(file, settings).signals[0]!.fields[entry]!.type);

  it("builds a class once for every signal file that reaches it, while its files are unchanged", () => {
    const { signals, other } = project();
    const first = classOf(signals);
    expect(classOf(other)).toBe(first);
  });

  it("builds it again when its own file changes", () => {
    const { signals, other, data } = project();
    const first = classOf(signals);
    rewrite(data, "export class UserData {\n  readonly id!: number;\n  readonly email!: string;\n}\n", 40);
    const second = classOf(other);
    expect(second).not.toBe(first);
    expect(second.fields.map((f) => f.name)).toEqual(["id", "email"]);
  });

  it("builds it again when a file its names lead to changes, and so does every importer's model", () => {
    const { dir, signals, other, data } = project();
    fs.writeFileSync(path.join(dir, "types.ts"), "export type Id = string;\n");
    rewrite(data, `import type { Id } from "./types";\nexport class UserData {\n  readonly id!: Id;\n}\n`, 50);
    expect(classOf(signals).fields[0]!.type).toMatchObject({ kind: "primitive", avro: "string" });
    expect(analyzeFilePath(other, settings).dependencies.map((dep) => path.basename(dep.path)).sort()).toEqual(["data.ts", "types.ts"]);

    rewrite(path.join(dir, "types.ts"), "export type Id = boolean;\n", 60);
    expect(classOf(other).fields[0]!.type).toMatchObject({ kind: "primitive", avro: "boolean" });
    expect(classOf(signals).fields[0]!.type).toMatchObject({ kind: "primitive", avro: "boolean" });
  });

  it("shares the classes a shared class reaches, and its bases in other files", () => {
    const { dir, signals, other, data } = project();
    fs.writeFileSync(path.join(dir, "base.ts"), "export class Base {\n  readonly id!: string;\n}\n");
    rewrite(data, `import { Base } from "./base";\nexport class PiiData {\n  readonly email!: string;\n}\nexport class UserData extends Base {\n  readonly pii!: PiiData | null;\n}\n`, 70);
    const user = classOf(signals);
    expect(classOf(other)).toBe(user);
    expect(user.fields.map((f) => f.name)).toEqual(["id", "pii"]);
    expect(analyzeFilePath(other, settings).dependencies.map((dep) => path.basename(dep.path)).sort()).toEqual(["base.ts", "data.ts"]);
  });

  /** Each signal file gets, whatever was analysed before it, the answer it gets alone. */
  function expectOrderIndependent(dir: string, files: readonly string[]): void {
    const problemsOf = (file: string) =>
      JSON.stringify(toAvroSchema(analyzeFilePath(path.join(dir, file), settings).signals[0]!, settings).problems.map((p) => [p.path, p.code, p.reason]));
    const alone = new Map(files.map((file) => {
      resetCaches("models");
      return [file, problemsOf(file)] as const;
    }));
    for (const order of [files, [...files].reverse()]) {
      resetCaches("models");
      for (const file of order) expect(problemsOf(file), `${file} after ${order.join(", ")}`).toBe(alone.get(file));
    }
  }

  const signalFile = (dir: string, name: string, imported: string, from: string) =>
    fs.writeFileSync(
      path.join(dir, name),
      `import { ${imported} } from "./${from}";\nexport const S = new OpenEdxPublicSignal({ event_type: "org.openedx.test.cycle.${name.replace(".ts", "")}.v1", data: { x: ${imported} } });\n`,
    );

  it("does not share a class in a cycle, whose model depends on where the walk started", () => {
    const { dir } = project();
    fs.writeFileSync(path.join(dir, "a.ts"), `import { B } from "./b";\nexport class A {\n  readonly b!: B | null;\n}\n`);
    fs.writeFileSync(path.join(dir, "b.ts"), `import { A } from "./a";\nexport class B {\n  readonly a!: A | null;\n}\n`);
    signalFile(dir, "from-a.ts", "A", "a");
    signalFile(dir, "from-b.ts", "B", "b");
    resetCaches("models");
    expect(toAvroSchema(analyzeFilePath(path.join(dir, "from-a.ts"), settings).signals[0]!, settings).problems.map((p) => p.code)).toContain("recursive");
    expectOrderIndependent(dir, ["from-a.ts", "from-b.ts"]);
  });

  it("does not share a class in a cycle through a generic alias either", () => {
    const { dir } = project();
    fs.writeFileSync(
      path.join(dir, "tree.ts"),
      "export type Tree<T> = TreeNode | null;\nexport class TreeNode {\n  readonly child!: Tree<string>;\n}\nexport class Wrapper {\n  readonly tree!: Tree<string>;\n}\n",
    );
    signalFile(dir, "node.ts", "TreeNode", "tree");
    signalFile(dir, "wrapper.ts", "Wrapper", "tree");
    expectOrderIndependent(dir, ["node.ts", "wrapper.ts"]);
  });

  it("never shares a class built from an editor buffer, even a class on disk whose names lead into the buffer", () => {
    const { signals, other, data } = project();
    const diskSignals = `export type Id = string;\nimport { UserData } from "./data";\nexport const A = new OpenEdxPublicSignal({ event_type: "org.openedx.test.cache.a.v1", data: { user: UserData } });\n`;
    rewrite(signals, diskSignals, 80);
    rewrite(data, `import type { Id } from "./signals";\nexport class UserData {\n  readonly id!: Id;\n}\n`, 80);
    // The editor's unsaved buffer of signals.ts says otherwise.
    const buffer = diskSignals.replace("Id = string", "Id = boolean");
    const linted = analyzeProgram(signals, buffer, parse(buffer, { loc: true, range: true, comment: true }), settings);
    expect(dataClassOf(linted.signals[0]!.fields[0]!.type).fields[0]!.type).toMatchObject({ avro: "boolean" });
    // Other files see the disk.
    expect(classOf(other).fields[0]!.type).toMatchObject({ avro: "string" });
  });
});
