import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import {
  historyFileName,
  listSnapshots,
  readSnapshot,
  type SnapshotOk,
} from "../../lib/snapshots/index.js";
import { counters, resetCaches } from "../../lib/testing.js";
import { EVENT, FILE, schemaText, tempDir, write } from "./helpers.js";

beforeEach(() => resetCaches("snapshots"));

/** A schema whose record has `n` extra fields, to tell versions apart. */
function version(n: number): string {
  return schemaText(EVENT, Array.from({ length: n }, (_, i) => ({ name: `f${i}`, type: "string" })));
}

function fieldCount(schema: unknown): number {
  return ((schema as { fields: [{ type: { fields: unknown[] } }] }).fields[0].type.fields.length);
}

describe("history versions", () => {
  it("orders v1, v2, v10 numerically, then the current one", () => {
    const dir = tempDir();
    write(dir, historyFileName(EVENT, 10), version(3));
    write(dir, historyFileName(EVENT, 1), version(1));
    write(dir, historyFileName(EVENT, 2), version(2));
    write(dir, FILE, version(4));
    const result = readSnapshot(dir, EVENT) as SnapshotOk;
    expect(result.status).toBe("ok");
    expect(result.history.map((h) => h.version)).toEqual([1, 2, 10]);
    expect(result.history.map((h) => path.basename(h.file))).toEqual([1, 2, 10].map((n) => historyFileName(EVENT, n)));
    expect(result.versions.map(fieldCount)).toEqual([3, 4, 5, 6]);
    expect(result.versions.at(-1)).toBe(result.schema);
  });

  it("keeps a broken history version as a problem and leaves it out of versions", () => {
    const dir = tempDir();
    write(dir, historyFileName(EVENT, 1), version(1));
    write(dir, historyFileName(EVENT, 2), "{ broken");
    write(dir, historyFileName(EVENT, 3), schemaText("org.other.event.v1"));
    write(dir, FILE, version(2));
    const result = readSnapshot(dir, EVENT) as SnapshotOk;
    expect(result.history.map((h) => [h.version, h.status === "ok" ? "ok" : h.kind])).toEqual([
      [1, "ok"],
      [2, "not-json"],
      [3, "wrong-event"],
    ]);
    expect(result.history[1]).toMatchObject({ line: 1, column: 3 });
    expect(result.versions.map(fieldCount)).toEqual([3, 4]);
  });

  it("refuses a history file that links outside", () => {
    const dir = tempDir();
    const outside = write(tempDir(), "x.avsc", version(0));
    fs.symlinkSync(outside, path.join(dir, historyFileName(EVENT, 1)));
    write(dir, FILE, version(1));
    const result = readSnapshot(dir, EVENT) as SnapshotOk;
    expect(result.history).toMatchObject([{ version: 1, status: "problem", kind: "unsafe-path" }]);
    expect(result.versions).toHaveLength(1);
  });

  it("ignores other events' history and unrelated files", () => {
    const dir = tempDir();
    write(dir, FILE, version(0));
    write(dir, historyFileName("org.openedx.other.v1", 1), schemaText("org.openedx.other.v1"));
    write(dir, "notes.md", "hello");
    write(dir, `${FILE}.bak`, "x");
    write(dir, "org+openedx+learning+course+enrollment+created+v1_schema.v0.avsc", "x");
    fs.mkdirSync(path.join(dir, historyFileName(EVENT, 7)));
    const result = readSnapshot(dir, EVENT) as SnapshotOk;
    expect(result.history).toEqual([]);
  });

  it("lists a directory once until it changes", () => {
    const dir = tempDir();
    write(dir, FILE, version(0));
    write(dir, historyFileName(EVENT, 1), version(1));
    readSnapshot(dir, EVENT);
    readSnapshot(dir, EVENT);
    expect(counters().snapshotLists).toBe(1);
    expect(counters().snapshotReads).toBe(2); // current + v1, each once
    write(dir, historyFileName(EVENT, 2), version(2));
    const result = readSnapshot(dir, EVENT) as SnapshotOk;
    expect(result.history.map((h) => h.version)).toEqual([1, 2]);
    expect(counters().snapshotLists).toBe(2);
    expect(counters().snapshotReads).toBe(3);
  });
});

describe("listSnapshots", () => {
  it("lists event types with a current snapshot, sorted, ignoring everything else", () => {
    const dir = tempDir();
    write(dir, FILE, "{}");
    write(dir, "a+b_schema.avsc", "{}");
    write(dir, historyFileName("only.history", 1), "{}");
    write(dir, "README.md", "");
    write(dir, ".a+c_schema.avsc.1.x.tmp", "");
    fs.mkdirSync(path.join(dir, "z+z_schema.avsc"));
    expect(listSnapshots(dir)).toEqual(["a.b", EVENT]);
  });

  it("returns nothing for a missing directory or a file", () => {
    expect(listSnapshots(path.join(tempDir(), "nope"))).toEqual([]);
    expect(listSnapshots(write(tempDir(), "f", ""))).toEqual([]);
  });

  it("sees new snapshots (directory mtime changes)", () => {
    const dir = tempDir();
    expect(listSnapshots(dir)).toEqual([]);
    write(dir, FILE, "{}");
    expect(listSnapshots(dir)).toEqual([EVENT]);
  });
});
