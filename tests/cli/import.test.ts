import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { IMPORT_HELP } from "../../lib/cli/import.js";
import { resetCaches } from "../../lib/testing.js";
import { FIXTURES } from "../helpers.js";
import { runCapture, schemaDir, snapshotFile, snapshotText, tempDir, tree } from "../import/helpers.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const EXAMPLES = path.join(ROOT, "examples", "schemas");
const PYTHON = path.join(FIXTURES, "python-schemas", "schemas");
const CLASH = path.join(FIXTURES, "import", "clash", "schemas");

type Run = Awaited<ReturnType<typeof runCapture>>;

const run = runCapture;

beforeEach(() => {
  resetCaches("sources", "models", "snapshots");
});

/** The snapshots of `dir`, a trailing newline aside (examples/schemas has them; the Python library writes none). */
function snapshots(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((name) => name.endsWith(".avsc"))
      .sort()
      .map((name) => [name, fs.readFileSync(path.join(dir, name), "utf8").replace(/\n$/, "")]),
  );
}

/** import DIR into an empty project, then generate --all from the result into another directory. */
async function importThenGenerate(source: string, settings: Record<string, unknown> = {}): Promise<{ project: string; imported: Run; generated: Run }> {
  const project = tempDir("cli-import-");
  const imported = await run(project, "import", "--schema-dir", source, "--out", "src");
  fs.writeFileSync(path.join(project, "eslint.config.mjs"), `export default [{ files: ["**/*.ts"], settings: { "openedx-events": ${JSON.stringify(settings)} } }];\n`);
  const generated = await run(project, "generate", "--all", "--src", "src", "--schema-dir", "regenerated", "--quiet");
  return { project, imported, generated };
}

describe("openedx-events-avro import, then generate --all", () => {
  it("examples/schemas: the regenerated files are identical to the snapshots (a trailing newline aside)", async () => {
    const { project, imported, generated } = await importThenGenerate(EXAMPLES);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("wrote     src/learning/data.ts\n");
    expect(imported.stdout).toMatch(/38 events of 38 imported, 8 files \(8 written, 0 unchanged\); 38 of 38 snapshots reproduced byte for byte; 0 problems\n$/);
    expect(generated.stdout).toBe("38 events: 38 written, 0 unchanged, 0 skipped, 0 problems\n");
    expect(generated.code).toBe(0);
    expect(snapshots(path.join(project, "regenerated"))).toEqual(snapshots(EXAMPLES));
  });

  it("the Python-format fixture: the regenerated files are the same bytes", async () => {
    const { project, imported, generated } = await importThenGenerate(PYTHON);
    expect(imported.code).toBe(0);
    expect(generated.code).toBe(0);
    const regenerated = path.join(project, "regenerated");
    for (const name of fs.readdirSync(PYTHON)) {
      expect(fs.readFileSync(path.join(regenerated, name)), name).toEqual(fs.readFileSync(path.join(PYTHON, name)));
    }
    expect(fs.readdirSync(regenerated).sort()).toEqual(fs.readdirSync(PYTHON).sort());
  });

  it("a catalog with a name clash, int, float and a map: the same bytes, with the settings import printed", async () => {
    const { project, imported, generated } = await importThenGenerate(CLASH, { customTypes: { Int32: "int", Float32: "float" }, allowMaps: true });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("warning   the record `CourseData` has 2 different shapes in these snapshots;");
    expect(imported.stdout).toContain(
      'generate and check need these settings in settings["openedx-events"] (or as flags): {"customTypes":{"Int32":"int","Float32":"float"},"allowMaps":true}\n',
    );
    expect(generated.code).toBe(0);
    const regenerated = path.join(project, "regenerated");
    for (const name of fs.readdirSync(CLASH)) {
      expect(fs.readFileSync(path.join(regenerated, name), "utf8"), name).toBe(fs.readFileSync(path.join(CLASH, name), "utf8"));
    }
  });

  it("the imported examples type-check with TypeScript", () => {
    const project = tempDir("cli-import-tsc-");
    return run(project, "import", "--schema-dir", EXAMPLES, "--out", "src", "--custom-type", "CourseData.course_key=CourseKey", "--custom-type", "CourseData.start=Date").then((imported) => {
      expect(imported.code).toBe(0);
      fs.writeFileSync(
        path.join(project, "tsconfig.json"),
        JSON.stringify({ compilerOptions: { target: "ES2022", module: "esnext", moduleResolution: "bundler", strict: true, noEmit: true, types: [] }, include: ["src/**/*.ts"] }),
      );
      const tsc = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], { cwd: project, encoding: "utf8" });
      expect(tsc.stdout + tsc.stderr).toBe("");
      expect(tsc.status).toBe(0);
      expect(fs.readFileSync(path.join(project, "src", "learning", "data.ts"), "utf8")).toContain("  readonly course_key!: CourseKey;\n");
    });
  });
});

describe("openedx-events-avro import never loses a file", () => {
  const eventType = "org.openedx.learning.course.created.v1";

  it("refuses to overwrite a source file that differs, writes nothing at all, and --force replaces it", async () => {
    const project = tempDir("cli-import-");
    const schemas = schemaDir({ [eventType]: [{ name: "key", type: "string" }] });
    fs.mkdirSync(path.join(project, "src", "learning"), { recursive: true });
    fs.writeFileSync(path.join(project, "src", "learning", "signals.ts"), "// mine\n");
    const before = tree(project);
    const refused = await run(project, "import", "--schema-dir", schemas, "--out", "src");
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("refused   src/learning/signals.ts\n          it exists with other content; pass --force to replace it\n");
    expect(refused.stdout).toContain("nothing written to src\n");
    expect(tree(project)).toEqual(before);

    const forced = await run(project, "import", "--schema-dir", schemas, "--out", "src", "--force");
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(path.join(project, "src", "learning", "signals.ts"), "utf8")).toContain("export const COURSE_CREATED = ");

    const again = await run(project, "import", "--schema-dir", schemas, "--out", "src");
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("unchanged src/learning/signals.ts\n");
    expect(again.stdout).toContain("(0 written, 3 unchanged)");
  });

  it("never writes through a symbolic link", async () => {
    const project = tempDir("cli-import-");
    const schemas = schemaDir({ [eventType]: [{ name: "key", type: "string" }] });
    const outside = path.join(tempDir("cli-import-outside-"), "target.ts");
    fs.writeFileSync(outside, "// outside\n");
    fs.mkdirSync(path.join(project, "src"), { recursive: true });
    fs.symlinkSync(outside, path.join(project, "src", "tooling.ts"));
    const result = await run(project, "import", "--schema-dir", schemas, "--out", "src", "--force");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("refused   src/tooling.ts\n          it is a symbolic link, never written through\n");
    expect(fs.readFileSync(outside, "utf8")).toBe("// outside\n");
    expect(fs.existsSync(path.join(project, "src", "learning"))).toBe(false);
  });

  it("never writes through a symbolic link to a directory inside --out, even with --force", async () => {
    const project = tempDir("cli-import-");
    const schemas = schemaDir({ [eventType]: [{ name: "key", type: "string" }] });
    const outside = tempDir("cli-import-outside-");
    fs.mkdirSync(path.join(project, "src"), { recursive: true });
    fs.symlinkSync(outside, path.join(project, "src", "learning"));
    const result = await run(project, "import", "--schema-dir", schemas, "--out", "src", "--force");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("refused   src/learning/signals.ts\n          `learning` (in the output directory) is a symbolic link, never written through\n");
    expect(result.stdout).toContain("nothing written to src\n");
    expect(tree(outside)).toEqual({});
    expect(fs.existsSync(path.join(project, "src", "tooling.ts"))).toBe(false);
  });

  it("a file where a directory of the output goes: refused before anything is written", async () => {
    const project = tempDir("cli-import-");
    const schemas = schemaDir({ [eventType]: [{ name: "key", type: "string" }] });
    fs.mkdirSync(path.join(project, "src"), { recursive: true });
    fs.writeFileSync(path.join(project, "src", "learning"), "// a file\n");
    const result = await run(project, "import", "--schema-dir", schemas, "--out", "src", "--force");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("refused   src/learning/signals.ts\n          `learning` (in the output directory) exists and is not a directory\n");
    expect(tree(project)).toEqual({ "src/learning": "// a file\n" });
  });

  it("unreadable or non-Avro input: exit 2, each file named, nothing written", async () => {
    const project = tempDir("cli-import-");
    const schemas = schemaDir({
      [eventType]: [{ name: "key", type: "string" }],
      "org.openedx.learning.broken.thing.v1": '{"name": "CloudEvent",',
      "org.openedx.learning.strange.thing.v1": JSON.stringify({ type: "record", name: "CloudEvent", fields: [{ name: "x", type: "nope" }] }),
    });
    fs.mkdirSync(path.join(schemas, "org+openedx+learning+dir+thing+v1_schema.avsc"));
    const result = await run(project, "import", "--schema-dir", schemas, "--out", "src");
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/unreadable .*org\+openedx\+learning\+broken\+thing\+v1_schema\.avsc\n {10}The snapshot is not valid JSON: .*\(line 1, column 23\)\n/);
    expect(result.stdout).toMatch(/unreadable .*org\+openedx\+learning\+dir\+thing\+v1_schema\.avsc\n {10}The snapshot cannot be read: it is a directory\.\n/);
    expect(result.stdout).toMatch(/unreadable .*org\+openedx\+learning\+strange\+thing\+v1_schema\.avsc\n {10}The snapshot is JSON but not an Avro schema: /);
    expect(result.stdout).toContain("nothing imported: 3 snapshots cannot be read\n");
    expect(tree(project)).toEqual({});
  });

  it("a snapshot with no TypeScript form is left out: exit 1, the others imported", async () => {
    const project = tempDir("cli-import-");
    const schemas = schemaDir({
      [eventType]: [{ name: "key", type: "string" }],
      "org.openedx.learning.color.picked.v1": [{ name: "color", type: { type: "enum", name: "Color", symbols: ["RED"] } }],
    });
    const result = await run(project, "import", "--schema-dir", schemas, "--out", "src");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `refused   ${path.join(schemas, "org+openedx+learning+color+picked+v1_schema.avsc")} has no TypeScript form:\n          \`color\`: an Avro \`enum\` has no TypeScript form here (records, arrays, maps, ["null", T] and the primitives do)\n`,
    );
    expect(result.stdout).toMatch(/1 event of 2 imported, 3 files \(3 written, 0 unchanged\); 1 of 2 snapshots reproduced byte for byte; 1 problem\n$/);
  });

  it("a snapshot generate would not give back is said, with the first line that differs: exit 1", async () => {
    const project = tempDir("cli-import-");
    const schemas = schemaDir({ [eventType]: snapshotText(eventType, [{ name: "key", type: "string", doc: "The key." }]) });
    const result = await run(project, "import", "--schema-dir", schemas, "--out", "src");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `differs   generate would not give ${path.join(schemas, snapshotFile(eventType))} back byte for byte:\n          line 8: the snapshot has \`"type": "string",\`, generate writes \`"type": "string"\`\n`,
    );
    expect(fs.readFileSync(path.join(project, "src", "learning", "signals.ts"), "utf8")).toContain("  /** The key. */\n  key: string;\n");
  });
});

describe("openedx-events-avro import: usage", () => {
  it("--help", async () => {
    const result = await run(ROOT, "import", "--help");
    expect(result).toEqual({ code: 0, stdout: IMPORT_HELP, stderr: "" });
    expect((await run(ROOT, "--help")).stdout).toContain("  import    write TypeScript event definitions from a directory of Avro snapshots\n");
  });

  const bad: [string[], string][] = [
    [["--out", "src"], "--schema-dir DIR is required: the directory of snapshots to import"],
    [["--schema-dir", "schemas"], "--out SRC is required: the directory to write the TypeScript sources to"],
    [["--schema-dir", "s", "--out", "o", "--layout", "nested"], '--layout must be by-subdomain or flat, got "nested"'],
    [["--schema-dir", "s", "--out", "o", "--custom-type", "course_key"], '--custom-type "course_key": expected FIELD_PATH=TYPE, e.g. enrollment.course.course_key=CourseKey'],
    [["--schema-dir", "s", "--out", "o", "--custom-type", "a.b=Int"], '--custom-type a.b=Int: `Int` is not a custom type the plugin maps to "string"; name one such as CourseKey, UsageKey or Date'],
    // A reserved word or the signal constructor's name would be written as `export class string` in keys.ts.
    [["--schema-dir", "s", "--out", "o", "--custom-type", "a.b=string"], '--custom-type a.b=string: `string` is not a custom type the plugin maps to "string"; name one such as CourseKey, UsageKey or Date'],
    [["--schema-dir", "s", "--out", "o", "--custom-type", "a.b=OpenEdxPublicSignal"], '--custom-type a.b=OpenEdxPublicSignal: `OpenEdxPublicSignal` is not a custom type the plugin maps to "string"; name one such as CourseKey, UsageKey or Date'],
    [["--schema-dir", "s", "--out", "o", "--custom-type", "a..b=CourseKey"], '--custom-type a..b=CourseKey: "a..b" is not a field path (field names joined by ".", e.g. enrollment.course.course_key)'],
    [["--schema-dir", "s", "--out", "o", "--custom-types", "missing.json"], "--custom-types missing.json cannot be read: no such file or directory"],
    [["--schema-dir", "s", "--out", "o", "extra"], 'unexpected argument "extra"'],
  ];
  for (const [argv, message] of bad) {
    it(`${argv.join(" ")}: exit 2, "${message.slice(0, 40)}…"`, async () => {
      const result = await run(tempDir("cli-import-"), "import", ...argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`error: ${message}\nRun "openedx-events-avro import --help" for usage.\n`);
    });
  }

  it("a mapping file: JSON, checked entry by entry", async () => {
    const project = tempDir("cli-import-");
    const schemas = schemaDir({ "org.openedx.learning.course.created.v1": [{ name: "course_key", type: "string" }] });
    fs.writeFileSync(path.join(project, "types.json"), JSON.stringify({ course_key: "CourseKey" }));
    fs.writeFileSync(path.join(project, "bad.json"), "[1]");
    const ok = await run(project, "import", "--schema-dir", schemas, "--out", "src", "--custom-types", "types.json");
    expect(ok.code).toBe(0);
    expect(fs.readFileSync(path.join(project, "src", "learning", "signals.ts"), "utf8")).toContain("  data: {\n    course_key: CourseKey,\n  },\n");
    const bad = await run(project, "import", "--schema-dir", schemas, "--out", "other", "--custom-types", "bad.json");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('error: bad.json must hold a JSON object mapping field paths to type names, e.g. {"enrollment.course.course_key": "CourseKey"}\n');
  });

  it("a schema directory that does not exist or holds no snapshot: exit 2", async () => {
    const project = tempDir("cli-import-");
    const missing = await run(project, "import", "--schema-dir", "nowhere", "--out", "src");
    expect(missing.code).toBe(2);
    expect(missing.stdout).toContain("unreadable nowhere\n          the schema directory");
    fs.mkdirSync(path.join(project, "empty"));
    const empty = await run(project, "import", "--schema-dir", "empty", "--out", "src");
    expect(empty.code).toBe(2);
    expect(empty.stdout).toBe("empty     empty\n          no <event_type>_schema.avsc snapshot to import\n");
    expect(fs.existsSync(path.join(project, "src"))).toBe(false);
  });
});
