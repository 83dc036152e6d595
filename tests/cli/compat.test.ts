import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../lib/cli/main.js";
import { checkCompatibility, checkMode, COMPATIBILITY_MODES } from "../../lib/compat/index.js";
import { RESOLUTION_TABLE } from "../compat/resolution-table.js";
import { PYTHON, caseDir, copyToTemp, memoryIO } from "../evolution/helpers.js";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "compat-cli-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

let counter = 0;
/** Writes a schema (any JSON value) to a file of its own. */
function schemaFile(schema: unknown, text = JSON.stringify(schema, null, 2)): string {
  const file = path.join(work, `schema-${++counter}.avsc`);
  fs.writeFileSync(file, text);
  return file;
}

async function compat(argv: string[], cwd = work) {
  const out = memoryIO(cwd);
  const code = await runCli(["compat", ...argv], out.io);
  return { code, stdout: out.stdout(), stderr: out.stderr() };
}

describe("compat --reader --writer gives the verdicts of checkCompatibility", () => {
  it.each(RESOLUTION_TABLE.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const reader = schemaFile(c.reader);
    const writer = schemaFile(c.writer);
    const { code, stdout } = await compat(["--reader", reader, "--writer", writer, "--format", "json"]);
    const expected = checkCompatibility(c.reader, c.writer);
    if (c.kinds?.includes("invalid-schema")) {
      // An input that is not a usable Avro schema is unreadable input, not a verdict.
      expect(code).toBe(2);
      return;
    }
    expect(code).toBe(c.compatible ? 0 : 1);
    expect(expected.compatible).toBe(c.compatible);
    const json = JSON.parse(stdout) as { compatible: boolean; findings: { kind: string; path: string[]; message: string }[] };
    expect(json.compatible).toBe(expected.compatible);
    expect(json.findings.map(({ kind, path, message }) => ({ kind, path, message }))).toEqual(
      expected.findings.map(({ kind, path, message }) => ({ kind, path: [...path], message })),
    );
  });
});

const history = copyToTemp(caseDir("history"));
const base = "previous/schemas/org+openedx+test+enrollment+created+v1_schema";
const [V1, V2, LATEST] = [`${base}.v1.avsc`, `${base}.v2.avsc`, `${base}.avsc`];

describe("compat --reader --writer, text", () => {
  it("says compatible, exit 0", async () => {
    const { code, stdout, stderr } = await compat(["--reader", V2, "--writer", LATEST], history);
    expect({ code, stdout, stderr }).toEqual({
      code: 0,
      stdout: `compatible: a reader using ${V2} can decode data written with ${LATEST}\n`,
      stderr: "",
    });
  });

  it("lists every reason with its path, exit 1", async () => {
    const { code, stdout } = await compat(["--reader", V1, "--writer", LATEST], history);
    expect(code).toBe(1);
    expect(stdout).toBe(
      `incompatible: a reader using ${V1} cannot decode data written with ${LATEST} (1 reason)\n` +
        '  legacy  Reader field "legacy" has no default and the writer\'s record CloudEvent has no field "legacy". [reader-field-missing-default: reader string, writer absent]\n',
    );
  });

  it("shows union branches and array items in the path", async () => {
    const reader = schemaFile({ type: "record", name: "R", fields: [{ name: "tags", type: ["null", { type: "array", items: "long" }], default: null }] });
    const writer = schemaFile({ type: "record", name: "R", fields: [{ name: "tags", type: ["null", { type: "array", items: "string" }], default: null }] });
    const { code, stdout } = await compat(["--reader", reader, "--writer", writer]);
    expect(code).toBe(1);
    expect(stdout).toContain("  tags<array>[]  Data written as string cannot be read as long. [type-mismatch: reader long, writer string]\n");
  });
});

describe("compat with more reasons than it lists", () => {
  // 4,321 reader fields without a default that the writer lacks: one reason each.
  const fields = Array.from({ length: 4321 }, (_, i) => ({ name: `f${i}`, type: "string" }));
  const reader = path.relative(work, schemaFile({ type: "record", name: "R", fields }));
  const writer = path.relative(work, schemaFile({ type: "record", name: "R", fields: [] }));
  const reason = (i: number) =>
    `  f${i}  Reader field "f${i}" has no default and the writer's record R has no field "f${i}". [reader-field-missing-default: reader string, writer absent]\n`;
  const first1000 = Array.from({ length: 1000 }, (_, i) => reason(i)).join("");

  it("text: says the list was cut, and how many reasons there are", async () => {
    const { code, stdout } = await compat(["--reader", reader, "--writer", writer]);
    expect(code).toBe(1);
    expect(stdout).toBe(
      `incompatible: a reader using ${reader} cannot decode data written with ${writer} (first 1,000 of 4,321 reasons shown)\n${first1000}`,
    );
  });

  it("text: a list of exactly 1,000 is not cut", async () => {
    const exact = path.relative(work, schemaFile({ type: "record", name: "R", fields: fields.slice(0, 1000) }));
    const { stdout } = await compat(["--reader", exact, "--writer", writer]);
    expect(stdout).toBe(`incompatible: a reader using ${exact} cannot decode data written with ${writer} (1000 reasons)\n${first1000}`);
  });

  it("json: truncated, with the true count", async () => {
    const { code, stdout } = await compat(["--reader", reader, "--writer", writer, "--format", "json"]);
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as { compatible: boolean; findingCount: number; truncated: boolean; findings: { path: string[] }[] };
    expect({ ...json, findings: json.findings.length }).toEqual({ compatible: false, reader, writer, findingCount: 4321, truncated: true, findings: 1000 });
    expect(json.findings[999]?.path).toEqual(["f999"]);
  });

  it("json: not truncated when complete", async () => {
    const { stdout } = await compat(["--reader", writer, "--writer", reader, "--format", "json"]);
    expect(JSON.parse(stdout)).toEqual({ compatible: true, reader: writer, writer: reader, findingCount: 0, truncated: false, findings: [] });
  });

  it("--mode: the check that was cut says so, in text and json", async () => {
    // FORWARD: the previous schema (with the fields) reads data written with the new one (without).
    const { code, stdout } = await compat(["--mode", "FULL", "--new", writer, "--previous", reader]);
    expect(code).toBe(1);
    expect(stdout).toBe(
      `FULL: incompatible: ${writer} breaks 1 of 1 previous version\n` +
        `  ${reader}  backward: a reader using ${writer} reads data written with ${reader}: compatible\n` +
        `  ${reader}  forward: a reader using ${reader} reads data written with ${writer}: incompatible (first 1,000 of 4,321 reasons shown)\n` +
        first1000.replace(/^ {2}/gm, "    "),
    );
    const json = JSON.parse((await compat(["--mode", "FULL", "--new", writer, "--previous", reader, "--format", "json"])).stdout) as {
      checks: { direction: string; findingCount: number; truncated: boolean; findings: unknown[] }[];
    };
    expect(json.checks.map((c) => [c.direction, c.findingCount, c.truncated, c.findings.length])).toEqual([
      ["backward", 0, false, 0],
      ["forward", 4321, true, 1000],
    ]);
  });
});

describe("compat applies the limits of schema files", () => {
  it("a file nested deeper than 64 levels is unreadable input, with the depth and where", async () => {
    let type: unknown = "string";
    for (let i = 0; i < 70; i++) type = { type: "array", items: type };
    const text = JSON.stringify({ type: "record", name: "R", fields: [{ name: "f", type }] });
    const deep = path.relative(work, schemaFile(null, text));
    // The 65th opening bracket, on the one line.
    let openers = 0;
    const column = [...text].findIndex((c) => (c === "{" || c === "[") && ++openers === 65) + 1;
    const { code, stderr } = await compat(["--reader", deep, "--writer", deep]);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: unreadable input: ${deep} nests 73 levels deep, over the 64-level limit for schema files (line 1, column ${column})\n`);
  });

  it("a file over 5 MiB is unreadable input, with its size", async () => {
    const big = path.relative(work, schemaFile(null, `"string"${" ".repeat(5 * 1024 * 1024)}`));
    const { code, stderr } = await compat(["--reader", big, "--writer", big]);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: unreadable input: ${big} is 5,242,888 bytes, over the 5,242,880-byte limit for schema files\n`);
  });
});

describe("compat --mode --new --previous", () => {
  it("FORWARD checks the latest previous version only", async () => {
    const { code, stdout } = await compat(["--mode", "FORWARD", "--new", LATEST, "--previous", V1, V2], history);
    expect(code).toBe(0);
    expect(stdout).toBe(
      `FORWARD: compatible: ${LATEST} against 1 previous version\n` +
        `  ${V1}  not checked: FORWARD compares with the latest version only\n` +
        `  ${V2}  forward: a reader using ${V2} reads data written with ${LATEST}: compatible\n`,
    );
  });

  it("FORWARD_TRANSITIVE checks every one and names the version it breaks (mode is case-insensitive)", async () => {
    const { code, stdout } = await compat(["--mode", "forward_transitive", "--new", LATEST, "--previous", V1, V2], history);
    expect(code).toBe(1);
    expect(stdout).toBe(
      `FORWARD_TRANSITIVE: incompatible: ${LATEST} breaks 1 of 2 previous versions\n` +
        `  ${V1}  forward: a reader using ${V1} reads data written with ${LATEST}: incompatible\n` +
        '    legacy  Reader field "legacy" has no default and the writer\'s record CloudEvent has no field "legacy". [reader-field-missing-default: reader string, writer absent]\n' +
        `  ${V2}  forward: a reader using ${V2} reads data written with ${LATEST}: compatible\n`,
    );
  });

  it("accepts --previous repeated, in order, and gives the verdicts of checkMode for every mode", async () => {
    const read = (file: string) => JSON.parse(fs.readFileSync(path.join(history, file), "utf8")) as unknown;
    for (const mode of COMPATIBILITY_MODES) {
      const { code, stdout } = await compat(["--mode", mode, "--new", LATEST, "--previous", V1, "--previous", V2, "--format", "json"], history);
      const expected = checkMode(mode, read(LATEST), [read(V1), read(V2)]);
      const json = JSON.parse(stdout) as { compatible: boolean; previous: string[]; checks: { previous: string; direction: string; compatible: boolean }[] };
      expect(code, mode).toBe(expected.compatible ? 0 : 1);
      expect(json.previous).toEqual([V1, V2]);
      expect(json.checks.map((c) => [c.previous, c.direction, c.compatible])).toEqual(
        expected.checks.map((c) => [[V1, V2][c.previousIndex], c.direction, c.compatible]),
      );
    }
  });
});

describe("compat reads schema files as the Python library writes them", () => {
  it("no trailing newline, two-space indentation", async () => {
    const dir = copyToTemp(PYTHON);
    const file = "schemas/org+openedx+learning+course+enrollment+created+v1_schema.avsc";
    expect(fs.readFileSync(path.join(dir, file), "utf8").endsWith("}")).toBe(true);
    const { code } = await compat(["--reader", file, "--writer", file], dir);
    expect(code).toBe(0);
  });
});

describe("compat with unreadable input or bad usage exits 2", () => {
  it.each([
    ["a missing file", () => ["--reader", "nope.avsc", "--writer", LATEST], "error: unreadable input: nope.avsc: no such file\n"],
    ["a file that is not JSON", () => ["--reader", "current/data.ts", "--writer", LATEST], "error: unreadable input: current/data.ts: not valid JSON (line 1, column 1)\n"],
    [
      "JSON that is not Avro",
      () => ["--reader", path.relative(history, schemaFile({ type: "recrod" })), "--writer", LATEST],
      /^error: unreadable input: .*schema-\d+\.avsc: JSON but not an Avro schema: unknown type: "recrod"\n$/,
    ],
    ["a directory", () => ["--reader", "previous", "--writer", LATEST], "error: unreadable input: previous: not a regular file\n"],
  ])("%s", async (_name, argv, expected) => {
    const { code, stdout, stderr } = await compat(argv(), history);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    if (typeof expected === "string") expect(stderr).toBe(expected);
    else expect(stderr).toMatch(expected);
  });

  it("a schema plain avsc takes (its registry has Object.prototype's names) is refused by our validation", async () => {
    const reader = schemaFile({ type: "constructor" });
    const { code, stderr } = await compat(["--reader", reader, "--writer", LATEST], history);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: unreadable input: .*schema-\d+\.avsc: JSON but not an Avro schema: the schema does not define an Avro type\n$/);
  });

  it("reports unreadable input as JSON with --format json", async () => {
    const { code, stdout } = await compat(["--reader", "nope.avsc", "--writer", LATEST, "--format", "json"], history);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toEqual({ error: "nope.avsc: no such file" });
  });

  it.each([
    [[], "give --reader and --writer, or --mode, --new and --previous"],
    [["--reader", LATEST], "--reader and --writer go together"],
    [["--reader", LATEST, "--writer", LATEST, "--mode", "FULL"], "use either --reader/--writer or --mode/--new/--previous, not both"],
    [["--mode", "SIDEWAYS", "--new", LATEST, "--previous", V1], `--mode must be one of ${COMPATIBILITY_MODES.join(", ")}, got "SIDEWAYS"`],
    [["--mode", "FULL", "--previous", V1], "--mode needs --new NEW.avsc"],
    [["--mode", "FULL", "--new", LATEST], "--mode needs --previous with at least one file"],
    [["--mode", "FULL", "--new", LATEST, "stray.avsc", "--previous", V1], 'unexpected argument "stray.avsc"'],
    [["--reader", LATEST, "--writer", LATEST, "--format", "xml"], '--format must be text or json, got "xml"'],
  ])("%j", async (argv, message) => {
    const { code, stderr } = await compat(argv, history);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: ${message}\nRun "openedx-events-avro compat --help" for usage.\n`);
  });

  it("--help", async () => {
    const { code, stdout } = await compat(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: openedx-events-avro compat --reader OLD\.avsc --writer NEW\.avsc/);
  });
});
