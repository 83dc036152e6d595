/**
 * Every snapshot is read into one buffer (lib/snapshots/read.ts): what a read returns must never
 * share it, whatever the layout, and the size cap must hold beyond the buffer's size.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { readSnapshot, snapshotFileName, type KnownSchema, type SnapshotOk } from "../../lib/snapshots/index.js";
import { resetCaches } from "../../lib/testing.js";
import { schemaText, tempDir, write } from "./helpers.js";

beforeEach(() => resetCaches("snapshots"));

const eventTypes = Array.from({ length: 12 }, (_, i) => `org.openedx.buffer.thing${i}.happened.v1`);

/** The snapshot of `eventType` in one of three layouts, with a doc of `docLength` characters. */
function snapshot(eventType: string, docLength: number, layout: number): string {
  const schema = JSON.parse(schemaText(eventType)) as Record<string, unknown>;
  schema["doc"] = `${eventType} `.repeat(Math.ceil(docLength / (eventType.length + 1))).slice(0, docLength);
  return layout === 0 ? JSON.stringify(schema, null, 2) : layout === 1 ? JSON.stringify(schema) : `${JSON.stringify(schema, null, "\t")}\n`;
}

describe("snapshots read into one buffer", () => {
  it.each([
    ["parsed", false],
    ["recognised as the schema generated now", true],
  ])("each result keeps its own text, schema and JSON after other files were read into the buffer (%s)", (_, recognised) => {
    const dir = tempDir();
    // Longest first, so that every later read overwrites the start of what the earlier ones read.
    const texts = eventTypes.map((eventType, i) => snapshot(eventType, 4_000 - i * 300, i % 3));
    eventTypes.forEach((eventType, i) => write(dir, snapshotFileName(eventType), texts[i]!));
    const known = (text: string): KnownSchema => ({ schema: JSON.parse(text) as KnownSchema["schema"], json: JSON.stringify(JSON.parse(text)) });
    const results = eventTypes.map((eventType, i) => readSnapshot(dir, eventType, recognised ? { known: known(texts[i]!) } : {}) as SnapshotOk);
    results.forEach((result, i) => {
      expect(result.status).toBe("ok");
      expect(result.text).toBe(texts[i]);
      expect(result.schema).toEqual(JSON.parse(texts[i]!));
      expect(result.json).toBe(JSON.stringify(JSON.parse(texts[i]!)));
    });
  });

  it("reads a snapshot larger than the buffer whole, then a small one", () => {
    const dir = tempDir();
    const large = snapshot(eventTypes[0]!, 600_000, 0);
    const small = snapshot(eventTypes[1]!, 10, 1);
    write(dir, snapshotFileName(eventTypes[0]!), large);
    write(dir, snapshotFileName(eventTypes[1]!), small);
    const first = readSnapshot(dir, eventTypes[0]!) as SnapshotOk;
    const second = readSnapshot(dir, eventTypes[1]!) as SnapshotOk;
    expect(first.text).toBe(large);
    expect(second.text).toBe(small);
  });

  it("refuses a file over the cap when the cap is larger than the buffer, and when it is smaller", () => {
    const dir = tempDir();
    const text = snapshot(eventTypes[0]!, 400_000, 0);
    write(dir, snapshotFileName(eventTypes[0]!), text);
    const size = fs.statSync(path.join(dir, snapshotFileName(eventTypes[0]!))).size;
    for (const maxBytes of [size - 1, 1_000]) {
      resetCaches("snapshots");
      const result = readSnapshot(dir, eventTypes[0]!, { maxBytes });
      expect(result).toMatchObject({ status: "problem", kind: "too-large" });
    }
    resetCaches("snapshots");
    expect((readSnapshot(dir, eventTypes[0]!, { maxBytes: size }) as SnapshotOk).text).toBe(text);
  });
});
