/**
 * One limit for schema files, applied by the writer and the reader alike: what writeSnapshot
 * writes, readSnapshot reads, and what one refuses, the other refuses with the same words.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import {
  SCHEMA_FILE_LIMITS,
  depthProblem,
  readSnapshot,
  schemaTextProblem,
  sizeProblem,
  writeSnapshot,
} from "../../lib/snapshots/index.js";
import { resetCaches } from "../../lib/testing.js";
import { EVENT, FILE, schemaText, tempDir, write } from "./helpers.js";

beforeEach(() => resetCaches("snapshots"));

/** A valid snapshot whose JSON nests exactly `depth` levels: a chain of nested arrays of strings. */
function nestedText(depth: number): string {
  // CloudEvent { fields [ field { type: array { items: ... } } ] }: 3 levels, then one per array.
  let type: unknown = "string";
  for (let level = 4; level <= depth; level++) type = { type: "array", items: type };
  return `${JSON.stringify({ name: "CloudEvent", type: "record", fields: [{ name: "deep", type }], namespace: EVENT }, null, 2)}\n`;
}

/** A valid snapshot of exactly `bytes` bytes (UTF-8), padded in its doc with "é" (2 bytes) and "x". */
function sizedText(bytes: number): string {
  const base = Buffer.byteLength(schemaText(), "utf8");
  const text = (doc: string) => schemaText().replace('"doc": "', `"doc": "${doc}`);
  const pad = bytes - base;
  return text("é".repeat(Math.floor(pad / 2)) + "x".repeat(pad % 2));
}

describe("the limits", () => {
  it("are 5 MiB and 64 levels", () => {
    expect(SCHEMA_FILE_LIMITS).toEqual({ maxBytes: 5_242_880, maxDepth: 64 });
    expect(Object.isFrozen(SCHEMA_FILE_LIMITS)).toBe(true);
  });

  it("measure sizes in bytes, the limit itself allowed", () => {
    expect(sizeProblem(5_242_880)).toBeNull();
    expect(sizeProblem(5_242_881)).toEqual({
      kind: "too-large",
      limit: 5_242_880,
      measured: 5_242_881,
      reason: "is 5,242,881 bytes, over the 5,242,880-byte limit for schema files",
      fix: "Make the payload smaller: fewer or shorter fields, fewer data classes",
    });
    // UTF-8 bytes, not UTF-16 code units.
    expect(sizedText(5_242_880).length).toBeLessThan(5_242_880);
    expect(schemaTextProblem(sizedText(5_242_880))).toBeNull();
    expect(schemaTextProblem(sizedText(5_242_881))).toMatchObject({ kind: "too-large", measured: 5_242_881 });
  });

  it("measure the whole depth, and where it first goes over", () => {
    expect(depthProblem(nestedText(64))).toBeNull();
    const text = nestedText(70);
    const problem = depthProblem(text);
    expect(problem).toEqual({
      kind: "too-deep",
      limit: 64,
      measured: 70,
      offset: expect.any(Number) as number,
      reason: "nests 70 levels deep, over the 64-level limit for schema files",
      fix: "Make the payload flatter: fewer data classes nested inside one another",
    });
    // The offset is the opener of level 65.
    expect(text[problem!.offset]).toBe("{");
    expect(depthProblem(text.slice(0, problem!.offset))).toBeNull();
  });
});

describe("the writer and the reader agree", () => {
  it.each([
    ["nested to the limit", nestedText(64)],
    ["exactly the size limit", sizedText(5_242_880)],
  ])("%s: written, then read", (_name, text) => {
    const dir = tempDir();
    expect(writeSnapshot(dir, EVENT, text)).toMatchObject({ status: "written" });
    expect(readSnapshot(dir, EVENT)).toMatchObject({ status: "ok", text });
  });

  it.each([
    ["one level too deep", nestedText(65), "nests 65 levels deep, over the 64-level limit for schema files", "too-deep"],
    ["one byte too large", sizedText(5_242_881), "is 5,242,881 bytes, over the 5,242,880-byte limit for schema files", "too-large"],
  ])("%s: refused by both, in the same words", (_name, text, reason, kind) => {
    const parent = tempDir();
    const dir = path.join(parent, "schemas");
    expect(writeSnapshot(dir, EVENT, text)).toEqual({
      status: "over-limit",
      eventType: EVENT,
      file: path.join(dir, FILE),
      problem: expect.objectContaining({ kind, reason }) as unknown,
      message: `The schema of ${EVENT} ${reason}: check and the rules would refuse its snapshot, so none was written. ${
        kind === "too-deep" ? "Make the payload flatter: fewer data classes nested inside one another" : "Make the payload smaller: fewer or shorter fields, fewer data classes"
      }.`,
    });
    expect(fs.readdirSync(parent)).toEqual([]); // not even the directory
    // The same text put there by other means is refused on reading, for the same reason.
    fs.mkdirSync(dir);
    write(dir, FILE, text);
    expect(readSnapshot(dir, EVENT)).toMatchObject({ status: "problem", kind, message: `The snapshot ${reason}.` });
  });

  it("an identical file already there is refused, not \"unchanged\", even with force, and left as it is", () => {
    const dir = tempDir();
    const text = nestedText(65);
    const file = write(dir, FILE, text);
    const before = fs.statSync(file);
    for (const options of [{}, { force: true }, { keepHistory: true }]) {
      expect(writeSnapshot(dir, EVENT, text, options).status).toBe("over-limit");
    }
    expect(fs.readdirSync(dir)).toEqual([FILE]);
    expect(fs.statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(fs.readFileSync(file, "utf8")).toBe(text);
  });
});
