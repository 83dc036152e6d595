import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  historyFileName,
  readSnapshot,
  type SnapshotOk,
  type SnapshotReadResult,
  type SnapshotSchema,
} from "../../lib/snapshots/index.js";
import { counters, resetCaches } from "../../lib/testing.js";
import { EVENT, FILE, isRoot, schemaText, tempDir, touch, write } from "./helpers.js";

beforeEach(() => resetCaches("snapshots"));

function expectOk(result: SnapshotReadResult): SnapshotOk {
  expect(result.status).toBe("ok");
  return result as SnapshotOk;
}

describe("readSnapshot: the normal cases", () => {
  it("reads a snapshot as the Python library writes it", () => {
    const dir = tempDir();
    const text = schemaText();
    write(dir, FILE, text);
    const result = expectOk(readSnapshot(dir, EVENT));
    expect(result.file).toBe(path.join(path.resolve(dir), FILE));
    expect(result.eventType).toBe(EVENT);
    expect(result.text).toBe(text);
    expect(result.schema).toEqual(JSON.parse(text));
    expect(result.schema.namespace).toBe(EVENT);
    expect(result.history).toEqual([]);
    expect(result.versions).toEqual([result.schema]);
    expect(result.schema.namespace).toBe(EVENT);
  });

  it("hands out a frozen schema, so one caller cannot corrupt the cache for the others", () => {
    const dir = tempDir();
    write(dir, FILE, schemaText());
    const { schema } = expectOk(readSnapshot(dir, EVENT));
    expect(Object.isFrozen(schema)).toBe(true);
    expect(Object.isFrozen(schema.fields[0])).toBe(true);
  });

  it("accepts a snapshot without a namespace", () => {
    const dir = tempDir();
    const { namespace: _, ...rest } = JSON.parse(schemaText()) as Record<string, unknown>;
    write(dir, FILE, JSON.stringify(rest));
    expectOk(readSnapshot(dir, EVENT));
  });

  it("tolerates a UTF-8 byte order mark and keeps the text as read", () => {
    const dir = tempDir();
    write(dir, FILE, "\ufeff" + schemaText());
    const result = expectOk(readSnapshot(dir, EVENT));
    expect(result.text.charCodeAt(0)).toBe(0xfeff);
  });

  it("reports a missing snapshot with the expected file name", () => {
    const dir = tempDir();
    expect(readSnapshot(dir, EVENT)).toEqual({
      status: "missing",
      eventType: EVENT,
      file: path.join(path.resolve(dir), FILE),
      expectedFile: FILE,
    });
  });

  it("reports a missing schema directory as a missing snapshot", () => {
    const dir = path.join(tempDir(), "not", "there");
    expect(readSnapshot(dir, EVENT)).toMatchObject({ status: "missing", expectedFile: FILE });
  });

  it("is missing when only history versions exist", () => {
    const dir = tempDir();
    write(dir, historyFileName(EVENT, 1), schemaText());
    expect(readSnapshot(dir, EVENT).status).toBe("missing");
  });
});

describe("readSnapshot: a known schema is recognised without parsing", () => {
  const known = (text: string) => {
    const schema = JSON.parse(text) as SnapshotSchema;
    return { schema, json: JSON.stringify(schema) };
  };
  const pretty = (text: string) => `${JSON.stringify(JSON.parse(text), null, 2)}\n`;

  it.each([
    ["as generate writes it", (text: string) => pretty(text)],
    ["compact", (text: string) => JSON.stringify(JSON.parse(text))],
    ["in another layout, with a byte order mark", (text: string) => `\ufeff${JSON.stringify(JSON.parse(text), null, "\t").replaceAll("\n", "\r\n")}\r\n`],
  ])("takes a file of exactly the known JSON (%s) as the known schema, without parsing it", (_, layout) => {
    const dir = tempDir();
    const text = layout(schemaText());
    write(dir, FILE, text);
    const expected = known(schemaText());
    const result = expectOk(readSnapshot(dir, EVENT, { known: expected }));
    expect(result.schema).toBe(expected.schema);
    expect(result.json).toBe(expected.json);
    expect(result.text).toBe(text);
    // The same result as parsing the file.
    resetCaches("snapshots");
    const parsed = expectOk(readSnapshot(dir, EVENT));
    expect(parsed.schema).not.toBe(expected.schema);
    expect(parsed.schema).toEqual(expected.schema);
    expect(parsed.json).toBe(expected.json);
  });

  it.each([
    ["another key order", (text: string) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text) as object).reverse()))],
    ["an escape where the JSON has the character", (text: string) => text.replace("Avro Event", "\\u0041vro Event")],
    ["one more field", () => schemaText(EVENT, [{ name: "extra", type: "string" }])],
    ["a space inside a string", (text: string) => text.replace("CloudEvent", "Cloud Event")],
    ["trailing text", (text: string) => `${text}x`],
  ])("parses a file that is not exactly the known JSON (%s)", (_, change) => {
    const dir = tempDir();
    const text = change(schemaText());
    write(dir, FILE, text);
    const expected = known(schemaText());
    const result = readSnapshot(dir, EVENT, { known: expected });
    expect(result.status === "ok" && result.schema).not.toBe(expected.schema);
    resetCaches("snapshots");
    expect(result).toEqual(readSnapshot(dir, EVENT));
  });

  it("still checks the file against its event type: a known schema of another event is a wrong-event snapshot", () => {
    const dir = tempDir();
    const other = schemaText("org.openedx.learning.other.v1");
    write(dir, FILE, other);
    const result = readSnapshot(dir, EVENT, { known: known(other) });
    expect(result.status === "problem" && result.kind).toBe("wrong-event");
  });

  it("still refuses a known schema nested deeper than the limit", () => {
    const dir = tempDir();
    const text = schemaText();
    write(dir, FILE, text);
    const result = readSnapshot(dir, EVENT, { known: known(text), maxDepth: 2 });
    expect(result.status === "problem" && result.kind).toBe("too-deep");
  });
});

describe("readSnapshot: hostile input", () => {
  it.each(["../../x", "a/b", "a..b", ".a", "a.", "a\\b", "a b", "", "a.b\0c"])(
    "refuses the event type %j without touching the disk",
    (eventType) => {
      const dir = tempDir();
      const result = readSnapshot(dir, eventType);
      expect(result).toMatchObject({ status: "problem", kind: "invalid-event-type", file: path.resolve(dir) });
      expect(counters().snapshotReads).toBe(0);
    },
  );

  it("refuses a snapshot that is a symlink to a file outside, without reading it", () => {
    const dir = tempDir();
    const outside = write(tempDir(), "secret.avsc", schemaText());
    fs.symlinkSync(outside, path.join(dir, FILE));
    const result = readSnapshot(dir, EVENT);
    expect(result).toMatchObject({ status: "problem", kind: "unsafe-path", file: path.join(dir, FILE) });
    if (result.status === "problem") expect(result.message).toContain("outside the schema directory");
    expect(counters().snapshotReads).toBe(0);
  });

  it("reads through a symlinked schema directory", () => {
    const real = tempDir();
    write(real, FILE, schemaText());
    const link = path.join(tempDir(), "schemas");
    fs.symlinkSync(real, link);
    const result = expectOk(readSnapshot(link, EVENT));
    expect(result.file).toBe(path.join(link, FILE));
  });

  it("refuses a file over the size cap before reading it (6 MB)", () => {
    const dir = tempDir();
    write(dir, FILE, " ".repeat(6 * 1024 * 1024));
    const result = readSnapshot(dir, EVENT);
    expect(result).toMatchObject({ status: "problem", kind: "too-large" });
    if (result.status === "problem") expect(result.message).toBe("The snapshot is 6,291,456 bytes, over the 5,242,880-byte limit for schema files.");
    expect(counters().snapshotReads).toBe(0);
  });

  it("takes the size cap as an option", () => {
    const dir = tempDir();
    write(dir, FILE, schemaText());
    expect(readSnapshot(dir, EVENT, { maxBytes: 100 })).toMatchObject({ status: "problem", kind: "too-large" });
    expectOk(readSnapshot(dir, EVENT));
  });

  it("refuses 10,000 nested brackets before JSON.parse, with a position", () => {
    const dir = tempDir();
    write(dir, FILE, "[".repeat(10_000));
    expect(readSnapshot(dir, EVENT)).toMatchObject({ status: "problem", kind: "too-deep", line: 1, column: 65 });
  });

  it("refuses balanced deep JSON too, which JSON.parse would accept but avsc would recurse on", () => {
    const dir = tempDir();
    write(dir, FILE, "\n" + '{"type":'.repeat(5_000) + '"string"' + "}".repeat(5_000));
    const result = readSnapshot(dir, EVENT);
    expect(result).toMatchObject({ status: "problem", kind: "too-deep", line: 2 });
    if (result.status === "problem") expect(result.message).toBe("The snapshot nests 5,000 levels deep, over the 64-level limit for schema files.");
  });

  it("takes the depth cap as an option", () => {
    const dir = tempDir();
    write(dir, FILE, schemaText());
    expect(readSnapshot(dir, EVENT, { maxDepth: 3 })).toMatchObject({ status: "problem", kind: "too-deep" });
  });

  it("reports non-JSON with line and column", () => {
    const dir = tempDir();
    write(dir, FILE, '{\n  "name": "CloudEvent",\n  "type": record\n}');
    const result = readSnapshot(dir, EVENT);
    expect(result).toMatchObject({ status: "problem", kind: "not-json", line: 3, column: 11 });
    if (result.status === "problem") expect(result.message).toMatch(/^The snapshot is not valid JSON: /);
  });

  it("reports an empty file as non-JSON", () => {
    const dir = tempDir();
    write(dir, FILE, "");
    expect(readSnapshot(dir, EVENT)).toMatchObject({ status: "problem", kind: "not-json", line: 1, column: 1 });
  });

  it("reports JSON that avsc rejects, with avsc's message", () => {
    const dir = tempDir();
    write(dir, FILE, JSON.stringify({ name: "CloudEvent", type: "record", fields: [{ name: "a", type: "nope" }] }));
    const result = readSnapshot(dir, EVENT);
    expect(result).toMatchObject({ status: "problem", kind: "not-avro" });
    if (result.status === "problem") expect(result.message).toContain("undefined type name: nope");
  });

  it.each([
    ["a record not named CloudEvent", { name: "Other", type: "record", fields: [] }],
    ["a primitive", "string"],
    ["an enum", { type: "enum", name: "CloudEvent", symbols: ["A"] }],
  ])("reports valid Avro that is not an event snapshot: %s", (_, schema) => {
    const dir = tempDir();
    write(dir, FILE, JSON.stringify(schema));
    const result = readSnapshot(dir, EVENT);
    expect(result).toMatchObject({ status: "problem", kind: "wrong-shape" });
    if (result.status === "problem") expect(result.message).toContain('record named "CloudEvent"');
  });

  it("reports a namespace that names another event, with both names", () => {
    const dir = tempDir();
    write(dir, FILE, schemaText("org.openedx.learning.course.unenrollment.completed.v1"));
    const result = readSnapshot(dir, EVENT);
    expect(result).toMatchObject({ status: "problem", kind: "wrong-event" });
    if (result.status === "problem") {
      expect(result.message).toContain('"org.openedx.learning.course.unenrollment.completed.v1"');
      expect(result.message).toContain(`"${EVENT}"`);
    }
  });

  it("reports a directory in place of the snapshot as unreadable", () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, FILE));
    expect(readSnapshot(dir, EVENT)).toMatchObject({ status: "problem", kind: "unreadable", message: expect.stringMatching(/directory/) });
  });

  it("never opens a FIFO (which would block the linter)", () => {
    const dir = tempDir();
    execFileSync("mkfifo", [path.join(dir, FILE)]);
    expect(readSnapshot(dir, EVENT)).toMatchObject({ status: "problem", kind: "unreadable", message: expect.stringMatching(/not a regular file/) });
  });

  it("reports a schema directory that is a file as unreadable", () => {
    const file = write(tempDir(), "schemas", "x");
    expect(readSnapshot(file, EVENT)).toMatchObject({ status: "problem", kind: "unreadable", message: expect.stringMatching(/not a directory/) });
  });

  it("reports a file without read permission as unreadable", () => {
    const dir = tempDir();
    const file = write(dir, FILE, schemaText());
    fs.chmodSync(file, 0o000);
    // Root reads anything: there, the permission error is simulated where the file is opened.
    const denied = isRoot
      ? vi.spyOn(fs, "openSync").mockImplementation(() => {
          throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: "EACCES" });
        })
      : null;
    try {
      expect(readSnapshot(dir, EVENT)).toMatchObject({ status: "problem", kind: "unreadable", message: expect.stringMatching(/permission denied/) });
    } finally {
      denied?.mockRestore();
    }
  });
});

describe("readSnapshot: each snapshot read once", () => {
  it("parses once for repeated reads, returning the same schema", () => {
    const dir = tempDir();
    write(dir, FILE, schemaText());
    const first = expectOk(readSnapshot(dir, EVENT));
    const second = expectOk(readSnapshot(dir, EVENT));
    expect(counters().snapshotReads).toBe(1);
    expect(second.schema).toBe(first.schema);
    expect(second.schema).toBe(first.schema);
  });

  it("shares the cache between spellings of the same directory", () => {
    const real = tempDir();
    write(real, FILE, schemaText());
    const link = path.join(tempDir(), "schemas");
    fs.symlinkSync(real, link);
    readSnapshot(real, EVENT);
    readSnapshot(link, EVENT);
    readSnapshot(path.join(real, ".", "..", path.basename(real)), EVENT);
    expect(counters().snapshotReads).toBe(1);
  });

  it("caches problems found by parsing too", () => {
    const dir = tempDir();
    write(dir, FILE, "not json");
    readSnapshot(dir, EVENT);
    readSnapshot(dir, EVENT);
    expect(counters().snapshotReads).toBe(1);
  });

  it("re-reads when the file gets a new mtime, so an editor sees edits", () => {
    const dir = tempDir();
    const file = write(dir, FILE, schemaText());
    readSnapshot(dir, EVENT);
    fs.writeFileSync(file, schemaText(EVENT, [{ name: "extra", type: "string" }]));
    touch(file);
    const result = expectOk(readSnapshot(dir, EVENT));
    expect(counters().snapshotReads).toBe(2);
    expect(JSON.stringify(result.schema)).toContain('"extra"');
  });

  it("re-reads a same-size edit even when the old mtime is restored", () => {
    const dir = tempDir();
    const file = write(dir, FILE, schemaText());
    const before = fs.statSync(file);
    readSnapshot(dir, EVENT);
    fs.writeFileSync(file, schemaText().replace('"mode"', '"mod2"'));
    fs.utimesSync(file, before.atime, before.mtime);
    const result = expectOk(readSnapshot(dir, EVENT));
    expect(result.text).toContain('"mod2"');
    expect(counters().snapshotReads).toBe(2);
  });

  it("sees a snapshot that appears after a 'missing' answer", () => {
    const dir = tempDir();
    expect(readSnapshot(dir, EVENT).status).toBe("missing");
    write(dir, FILE, schemaText());
    expectOk(readSnapshot(dir, EVENT));
  });

  it("re-reads when the limits change", () => {
    const dir = tempDir();
    write(dir, FILE, schemaText());
    readSnapshot(dir, EVENT);
    expect(readSnapshot(dir, EVENT, { maxDepth: 2 })).toMatchObject({ kind: "too-deep" });
    expect(counters().snapshotReads).toBe(2);
  });

  it('starts over after resetCaches("snapshots")', () => {
    const dir = tempDir();
    write(dir, FILE, schemaText());
    readSnapshot(dir, EVENT);
    resetCaches("snapshots");
    expect(counters().snapshotReads).toBe(0);
    readSnapshot(dir, EVENT);
    expect(counters().snapshotReads).toBe(1);
  });
});
