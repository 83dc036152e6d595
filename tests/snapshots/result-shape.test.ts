/**
 * What the read cache keeps for the whole run, one per snapshot, must stay small: a result whose
 * text is written again when asked gets its getter defined on the object, never in an object
 * literal, which V8 makes a dictionary-mode object several times larger (lib/snapshots/parse.ts).
 * V8's own `%HasFastProperties` says which objects are which.
 */
import v8 from "node:v8";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  historyFileName,
  readSnapshot,
  snapshotFileName,
  type KnownSchema,
  type SnapshotOk,
} from "../../lib/snapshots/index.js";
import { recogniseSnapshotBytes } from "../../lib/snapshots/parse.js";
import { resetCaches } from "../../lib/testing.js";
import { EVENT, schemaText, tempDir, write } from "./helpers.js";

let hasFastProperties: (value: object) => boolean;
beforeAll(() => {
  v8.setFlagsFromString("--allow-natives-syntax");
  hasFastProperties = new Function("value", "return %HasFastProperties(value)") as (value: object) => boolean;
});
beforeEach(() => resetCaches("snapshots"));

function known(text: string): KnownSchema {
  const schema = JSON.parse(text) as KnownSchema["schema"];
  return { schema, json: JSON.stringify(schema) };
}

describe("snapshot results kept by the read cache", () => {
  it("the check itself tells a literal with a getter from a plain object", () => {
    expect(hasFastProperties({ a: 1, b: "x" })).toBe(true);
    expect(hasFastProperties({ a: 1, get b() { return "x"; } })).toBe(false);
  });

  it.each([
    ["recognised in the layout openedx-events writes (text written again when asked)", (text: string) => text, true],
    ["recognised in another layout (text kept)", (text: string) => JSON.stringify(JSON.parse(text), null, "\t"), true],
    ["parsed", (text: string) => JSON.stringify(JSON.parse(text)), false],
  ])("a snapshot %s and its history version are plain objects, with the text as before", (_, layout, recognise) => {
    const dir = tempDir();
    const text = layout(schemaText());
    write(dir, snapshotFileName(EVENT), text);
    write(dir, historyFileName(EVENT, 1), text);
    const options = recognise ? { known: known(schemaText()) } : {};
    const result = readSnapshot(dir, EVENT, options) as SnapshotOk;
    expect(result.status).toBe("ok");
    expect(hasFastProperties(result)).toBe(true);
    expect(hasFastProperties(result.history[0]!)).toBe(true);
    expect(result.text).toBe(text);
    expect(result.history[0]!.status === "ok" && result.history[0]!.text).toBe(text);
    expect(Object.keys(result)).toEqual(["status", "eventType", "file", "schema", "text", "json", "history", "versions"]);
    expect({ ...result }.text).toBe(text);
  });

  it("what the cache keeps of a snapshot recognised on its bytes is a plain object too", () => {
    const recognised = recogniseSnapshotBytes(Buffer.from(schemaText()), EVENT, 64, known(schemaText()));
    expect(recognised).not.toBeNull();
    expect(hasFastProperties(recognised!)).toBe(true);
    expect(recognised!.text).toBe(schemaText());
  });
});
