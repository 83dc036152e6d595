/**
 * generate never writes a snapshot that check and the rules refuse: both apply the one limit of
 * schema files (5 MiB, 64 levels of nesting), and say the same thing about a schema over it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../lib/cli/main.js";
import { resetCaches } from "../../lib/testing.js";
import { SCHEMA_FILE_LIMITS } from "../../lib/snapshots/index.js";
import { memoryIO } from "../evolution/helpers.js";

const DOC = "Avro Event Format for CloudEvents created with openedx_events/schema";
// Well-named event types: check runs valid-event-type too (as ESLint's recommended config does).
const DEEP = "org.openedx.test.limits.deep.v1";
const DEEP_FILE = "org+openedx+test+limits+deep+v1_schema.avsc";
const BIG = "org.openedx.test.limits.big.v1";
const BIG_FILE = "org+openedx+test+limits+big+v1_schema.avsc";

const temp: string[] = [];
beforeEach(() => {
  resetCaches("sources", "models", "snapshots");
});
afterEach(() => {
  for (const dir of temp.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A project of two files: `data.ts` and `signals.ts`, whose event type is at 4:15. */
function project(data: string, eventType: string, entries: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-limits-"));
  temp.push(dir);
  fs.mkdirSync(path.join(dir, "src"));
  fs.writeFileSync(path.join(dir, "src", "data.ts"), data);
  fs.writeFileSync(
    path.join(dir, "src", "signals.ts"),
    `import { C0, Big } from "./data";\n\nexport const SIGNAL = new OpenEdxPublicSignal({\n  event_type: "${eventType}",\n  data: { ${entries} },\n});\n`,
  );
  return dir;
}

async function run(cwd: string, ...argv: string[]) {
  const out = memoryIO(cwd);
  const code = await runCli(argv, out.io);
  return { code, stdout: out.stdout(), stderr: out.stderr() };
}

function snapshotText(eventType: string, fields: unknown[]): string {
  return JSON.stringify({ name: "CloudEvent", type: "record", doc: DOC, fields, namespace: eventType }, null, 2);
}

/**
 * `classes` data classes, each holding the next in `next`, the last one `leaf`. The snapshot
 * nests 3 levels per class, from 4 for the first: `string` ends at 3 × classes + 3, `string |
 * null` one level deeper, `string[] | null` two.
 */
function chain(classes: number, leaf: "string" | "string | null" | "string[] | null"): { data: string; text: string } {
  let data = "export class Big {}\n";
  for (let i = 0; i < classes; i++) data += `export class C${i} {\n  readonly next!: ${i + 1 < classes ? `C${i + 1}` : leaf};\n}\n`;
  const leafType = leaf === "string" ? "string" : leaf === "string | null" ? ["null", "string"] : ["null", { type: "array", items: "string" }];
  let type: unknown = { name: `C${classes - 1}`, type: "record", fields: [{ name: "next", type: leafType, ...(leaf === "string" ? {} : { default: null }) }] };
  for (let i = classes - 2; i >= 0; i--) type = { name: `C${i}`, type: "record", fields: [{ name: "next", type }] };
  return { data, text: snapshotText(DEEP, [{ name: "c", type }]) };
}

/**
 * A schema of exactly `bytes` bytes: a class `Big` of two long field names, and one more long
 * top-level key (no source file may pass 4 MiB, which the source reader refuses).
 */
function sized(bytes: number): { data: string; entries: string; text: string } {
  const a = `a${"x".repeat(1_500_000)}`;
  const b = `b${"x".repeat(1_500_000)}`;
  const text = (c: string) =>
    snapshotText(BIG, [
      { name: "big", type: { name: "Big", type: "record", fields: [{ name: a, type: "string" }, { name: b, type: "string" }] } },
      { name: c, type: "string" },
    ]);
  const c = `c${"x".repeat(bytes - Buffer.byteLength(text("c")))}`;
  return {
    data: `export class C0 {}\nexport class Big {\n  readonly ${a}!: string;\n  readonly ${b}!: string;\n}\n`,
    entries: `big: Big, ${c}: String`,
    text: text(c),
  };
}

const FLATTER = "Make the payload flatter: fewer data classes nested inside one another.";
const SMALLER = "Make the payload smaller: fewer or shorter fields, fewer data classes.";

describe("generate and check: the depth limit", () => {
  it("a schema nested exactly to the limit is written, and check accepts it", async () => {
    const { data, text } = chain(20, "string | null");
    expect(maxDepth(text)).toBe(SCHEMA_FILE_LIMITS.maxDepth);
    const dir = project(data, DEEP, "c: C0");
    const generated = await run(dir, "generate", DEEP, "--src", "src");
    expect(generated).toEqual({ code: 0, stdout: `wrote     schemas/${DEEP_FILE}  ${DEEP}\n1 event: 1 written, 0 unchanged, 0 skipped, 0 problems\n`, stderr: "" });
    expect(fs.readFileSync(path.join(dir, "schemas", DEEP_FILE), "utf8")).toBe(text);
    expect(await run(dir, "check", "--src", "src")).toEqual({ code: 0, stdout: `ok        ${DEEP}\n1 event checked, 0 problems\n`, stderr: "" });
  });

  it("one level deeper: generate refuses, saying by how much and how to fix it, and writes nothing", async () => {
    const { data } = chain(20, "string[] | null");
    const dir = project(data, DEEP, "c: C0");
    for (const flags of [[], ["--force"], ["--keep-history"]]) {
      const generated = await run(dir, "generate", DEEP, "--src", "src", ...flags);
      expect(generated).toEqual({
        code: 1,
        stdout:
          `refused   ${DEEP}\n` +
          `          The schema of ${DEEP} nests 65 levels deep, over the 64-level limit for schema files: check and the rules would refuse its snapshot, so none was written. ${FLATTER}\n` +
          "1 event: 0 written, 0 unchanged, 0 skipped, 1 problem\n",
        stderr: "",
      });
      expect(fs.existsSync(path.join(dir, "schemas"))).toBe(false);
    }
    // check says the same, rather than "no snapshot: run generate".
    expect(await run(dir, "check", "--src", "src")).toEqual({
      code: 1,
      stdout:
        "\nsrc/signals.ts\n" +
        `  4:15  The schema of event \`${DEEP}\` nests 65 levels deep, over the 64-level limit for schema files: no snapshot can hold it (\`generate\` refuses to write such a file, \`check\` and the rules to read one). ${FLATTER}  openedx-events/schema-snapshot\n` +
        "\n1 event checked, 1 problem\n",
      stderr: "",
    });
  });

  it("the same file, as an earlier generate wrote it: --force refuses (never \"unchanged\") and leaves it; check gives the limit, not \"unusable\"", async () => {
    const { data, text } = chain(20, "string[] | null");
    const dir = project(data, DEEP, "c: C0");
    const file = path.join(dir, "schemas", DEEP_FILE);
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, text);
    const generated = await run(dir, "generate", DEEP, "--src", "src", "--force");
    expect(generated.code).toBe(1);
    expect(generated.stdout).toContain(`refused   ${DEEP}\n`);
    expect(generated.stdout).not.toContain("unchanged  ");
    expect(fs.readdirSync(path.dirname(file))).toEqual([DEEP_FILE]);
    expect(fs.readFileSync(file, "utf8")).toBe(text);
    const checked = await run(dir, "check", "--src", "src", "--format", "json");
    expect(checked.code).toBe(1);
    expect((JSON.parse(checked.stdout) as { problems: unknown[] }).problems).toEqual([
      expect.objectContaining({ rule: "openedx-events/schema-snapshot", messageId: "schemaOverLimit", line: 4, column: 15 }),
    ]);
  });
});

describe("generate and check: the size limit", () => {
  it("a schema of exactly 5 MiB is written, and check accepts it", async () => {
    const { data, entries, text } = sized(SCHEMA_FILE_LIMITS.maxBytes);
    expect(Buffer.byteLength(text)).toBe(5_242_880);
    const dir = project(data, BIG, entries);
    const generated = await run(dir, "generate", BIG, "--src", "src");
    expect(generated).toEqual({ code: 0, stdout: `wrote     schemas/${BIG_FILE}  ${BIG}\n1 event: 1 written, 0 unchanged, 0 skipped, 0 problems\n`, stderr: "" });
    expect(fs.readFileSync(path.join(dir, "schemas", BIG_FILE), "utf8") === text).toBe(true);
    expect(await run(dir, "check", "--src", "src")).toEqual({ code: 0, stdout: `ok        ${BIG}\n1 event checked, 0 problems\n`, stderr: "" });
  });

  it("one byte more: generate refuses, with the size and the limit, and writes nothing; check says the same", async () => {
    const { data, entries } = sized(SCHEMA_FILE_LIMITS.maxBytes + 1);
    const dir = project(data, BIG, entries);
    const generated = await run(dir, "generate", "--all", "--src", "src");
    expect(generated).toEqual({
      code: 1,
      stdout:
        `refused   ${BIG}\n` +
        `          The schema of ${BIG} is 5,242,881 bytes, over the 5,242,880-byte limit for schema files: check and the rules would refuse its snapshot, so none was written. ${SMALLER}\n` +
        "1 event: 0 written, 0 unchanged, 0 skipped, 1 problem\n",
      stderr: "",
    });
    expect(fs.existsSync(path.join(dir, "schemas"))).toBe(false);
    const checked = await run(dir, "check", "--src", "src", "--format", "json");
    expect((JSON.parse(checked.stdout) as { problems: { message: string }[] }).problems.map((p) => p.message)).toEqual([
      `The schema of event \`${BIG}\` is 5,242,881 bytes, over the 5,242,880-byte limit for schema files: no snapshot can hold it (\`generate\` refuses to write such a file, \`check\` and the rules to read one). ${SMALLER}`,
    ]);
  });
});

/** How deep JSON text nests (no brackets inside these strings). */
function maxDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (const c of text) {
    if (c === "{" || c === "[") max = Math.max(max, ++depth);
    else if (c === "}" || c === "]") depth--;
  }
  return max;
}
