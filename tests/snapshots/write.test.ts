import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import {
  historyFileName,
  readSnapshot,
  writeSnapshot,
  type SnapshotOk,
} from "../../lib/snapshots/index.js";
import { resetCaches, setCacheTimeToLive } from "../../lib/testing.js";
import { EVENT, FILE, schemaText, tempDir, write } from "./helpers.js";

beforeEach(() => resetCaches("snapshots"));

const OLD = schemaText();
const NEW = schemaText(EVENT, [{ name: "extra", type: ["null", "string"], default: null }]);

function entries(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

describe("writeSnapshot", () => {
  it("creates the directory and writes the snapshot", () => {
    const dir = path.join(tempDir(), "a", "schemas");
    const result = writeSnapshot(dir, EVENT, OLD);
    expect(result).toEqual({ status: "written", eventType: EVENT, file: path.join(dir, FILE) });
    expect(fs.readFileSync(path.join(dir, FILE), "utf8")).toBe(OLD);
    expect(entries(dir)).toEqual([FILE]); // no temporary file left behind
  });

  it.each(["../../x", "a/b", "a..b", ".a", "a.", "a\\b", "a b", "", "a.b\0c"])(
    "writes nothing for the invalid event type %j",
    (eventType) => {
      const parent = tempDir();
      const dir = path.join(parent, "schemas");
      const result = writeSnapshot(dir, eventType, OLD);
      expect(result).toMatchObject({ status: "invalid-event-type", eventType });
      expect(entries(parent)).toEqual([]); // not even the directory
    },
  );

  it("reports unchanged for byte-identical text and touches nothing", () => {
    const dir = tempDir();
    const file = write(dir, FILE, OLD);
    const past = new Date("2020-01-01T00:00:00Z");
    fs.utimesSync(file, past, past);
    const { ino } = fs.statSync(file);
    expect(writeSnapshot(dir, EVENT, OLD)).toEqual({ status: "unchanged", eventType: EVENT, file });
    const after = fs.statSync(file);
    expect(after.mtime).toEqual(past);
    expect(after.ino).toBe(ino);
  });

  it("refuses to overwrite a different snapshot, explaining why and what to do", () => {
    const dir = tempDir();
    write(dir, FILE, OLD);
    const result = writeSnapshot(dir, EVENT, NEW);
    expect(result.status).toBe("exists");
    if (result.status === "exists") {
      expect(result.message).toContain("other services rely on");
      expect(result.message).toContain("--force");
      expect(result.message).toContain(`--keep-history to move it to ${historyFileName(EVENT, 1)}`);
    }
    expect(fs.readFileSync(path.join(dir, FILE), "utf8")).toBe(OLD);
    expect(entries(dir)).toEqual([FILE]);
  });

  it("replaces with force, keeping the file's permissions", () => {
    const dir = tempDir();
    const file = write(dir, FILE, OLD);
    fs.chmodSync(file, 0o640);
    expect(writeSnapshot(dir, EVENT, NEW, { force: true })).toEqual({ status: "written", eventType: EVENT, file });
    expect(fs.readFileSync(file, "utf8")).toBe(NEW);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(entries(dir)).toEqual([FILE]);
  });

  it("keeps history: the old snapshot becomes the next vN", () => {
    const dir = tempDir();
    write(dir, historyFileName(EVENT, 1), schemaText(EVENT, [{ name: "v1", type: "string" }]));
    write(dir, historyFileName(EVENT, 2), schemaText(EVENT, [{ name: "v2", type: "string" }]));
    write(dir, FILE, OLD);
    const result = writeSnapshot(dir, EVENT, NEW, { keepHistory: true });
    expect(result).toEqual({
      status: "written",
      eventType: EVENT,
      file: path.join(dir, FILE),
      previous: path.join(dir, historyFileName(EVENT, 3)),
    });
    expect(fs.readFileSync(path.join(dir, historyFileName(EVENT, 3)), "utf8")).toBe(OLD);
    expect(fs.readFileSync(path.join(dir, FILE), "utf8")).toBe(NEW);
    // ...and the reader sees the new order immediately.
    const read = readSnapshot(dir, EVENT) as SnapshotOk;
    expect(read.history.map((h) => h.version)).toEqual([1, 2, 3]);
    expect(read.text).toBe(NEW);
  });

  it("keeps history after v10 without filling gaps (age order is preserved)", () => {
    const dir = tempDir();
    write(dir, historyFileName(EVENT, 2), OLD);
    write(dir, historyFileName(EVENT, 10), OLD);
    write(dir, FILE, OLD);
    const result = writeSnapshot(dir, EVENT, NEW, { keepHistory: true, force: true });
    expect(result).toMatchObject({ status: "written", previous: path.join(dir, historyFileName(EVENT, 11)) });
  });

  it("does not create history when nothing existed or nothing changed", () => {
    const dir = tempDir();
    expect(writeSnapshot(dir, EVENT, OLD, { keepHistory: true })).not.toHaveProperty("previous");
    expect(writeSnapshot(dir, EVENT, OLD, { keepHistory: true })).toMatchObject({ status: "unchanged" });
    expect(entries(dir)).toEqual([FILE]);
  });

  it("never writes through a symlink at the target, even with force", () => {
    const dir = tempDir();
    const outside = write(tempDir(), "victim.txt", "precious");
    fs.symlinkSync(outside, path.join(dir, FILE));
    for (const options of [{}, { force: true }, { keepHistory: true }]) {
      const result = writeSnapshot(dir, EVENT, NEW, options);
      expect(result).toMatchObject({ status: "unsafe-path", message: expect.stringMatching(/symbolic link/) });
    }
    expect(fs.readFileSync(outside, "utf8")).toBe("precious");
    expect(fs.lstatSync(path.join(dir, FILE)).isSymbolicLink()).toBe(true);
  });

  it("refuses an in-directory symlink target too", () => {
    const dir = tempDir();
    write(dir, "real.avsc", OLD);
    fs.symlinkSync("real.avsc", path.join(dir, FILE));
    expect(writeSnapshot(dir, EVENT, NEW, { force: true }).status).toBe("unsafe-path");
    expect(fs.readFileSync(path.join(dir, "real.avsc"), "utf8")).toBe(OLD);
  });

  it("writes into a symlinked schema directory", () => {
    const real = tempDir();
    const link = path.join(tempDir(), "schemas");
    fs.symlinkSync(real, link);
    expect(writeSnapshot(link, EVENT, OLD)).toMatchObject({ status: "written", file: path.join(link, FILE) });
    expect(fs.readFileSync(path.join(real, FILE), "utf8")).toBe(OLD);
  });

  it("reports filesystem failures as values", () => {
    const file = write(tempDir(), "not-a-dir", "");
    expect(writeSnapshot(file, EVENT, OLD)).toMatchObject({ status: "error", message: expect.stringMatching(/^Could not write the snapshot: /) });
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, FILE));
    expect(writeSnapshot(dir, EVENT, OLD, { force: true })).toMatchObject({ status: "error" });
  });

  it("invalidates the read cache for what it wrote", () => {
    const dir = tempDir();
    writeSnapshot(dir, EVENT, OLD);
    expect((readSnapshot(dir, EVENT) as SnapshotOk).text).toBe(OLD);
    writeSnapshot(dir, EVENT, NEW, { force: true });
    expect((readSnapshot(dir, EVENT) as SnapshotOk).text).toBe(NEW);
  });
});

describe("writeSnapshot and the reads remembered before it", () => {
  it("a read right after a write sees what was written, even within the freshness window", () => {
    const dir = tempDir();
    setCacheTimeToLive(60_000);
    try {
      expect(writeSnapshot(dir, EVENT, OLD).status).toBe("written");
      const before = readSnapshot(dir, EVENT);
      expect(before.status === "ok" && before.text).toBe(OLD);
      expect(writeSnapshot(dir, EVENT, NEW, { keepHistory: true }).status).toBe("written");
      const after = readSnapshot(dir, EVENT);
      expect(after.status === "ok" && after.text).toBe(NEW);
      expect(after.status === "ok" && after.history.map((v) => v.version)).toEqual([1]);
    } finally {
      setCacheTimeToLive(0); // as tests/setup.ts sets it
    }
  });
});
