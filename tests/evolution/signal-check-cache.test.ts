/**
 * The cache of checkSignalEvolution keeps the file's text only for a result with findings (their
 * spans and suggested edits are placed in that text): a result without findings holds for any
 * text, and keeping the text for every signal kept every linted file's text alive for the run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { formatSchema, toAvroSchema } from "../../lib/avro/index.js";
import { checkSignalEvolution } from "../../lib/evolution/index.js";
import { analyzeFilePath } from "../../lib/model/index.js";
import { resolveSettings } from "../../lib/settings.js";
import { writeSnapshot } from "../../lib/snapshots/index.js";
import { getSourceFile } from "../../lib/source/index.js";
import { resetCaches } from "../../lib/testing.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "openedx-events-signal-cache-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
beforeEach(() => resetCaches());

const SOURCE = '/** s */\nexport const S = new OpenEdxPublicSignal({ event_type: "org.openedx.t.cache.v1", data: { a: String } });\n';
const settings = resolveSettings({ schemaDir: "schemas", compatibility: "FORWARD" });

/** A signal file and the snapshot of its signal, with a field `b` more when `removed` is true (a finding). */
function project(name: string, removed: boolean) {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "signals.ts");
  fs.writeFileSync(file, SOURCE);
  const signal = analyzeFilePath(file, settings).signals[0]!;
  const schema = toAvroSchema(signal, settings);
  const snapshot = JSON.parse(formatSchema(schema.schema!)) as { fields: unknown[] };
  if (removed) snapshot.fields.push({ name: "b", type: "string" });
  writeSnapshot(path.join(dir, "schemas"), signal.eventType!, JSON.stringify(snapshot, null, 2));
  return { dir, signal, schema, source: getSourceFile(file) };
}

describe("checkSignalEvolution's cache and the file's text", () => {
  it("serves a result without findings whatever the text it is asked with", () => {
    const { dir, signal, schema, source } = project("clean", false);
    const first = checkSignalEvolution(signal, schema, { text: source.text, program: source.ast }, { settings, cwd: dir });
    expect(first).toMatchObject({ status: "checked", snapshot: [], topLevel: [] });
    const again = checkSignalEvolution(signal, schema, { text: `${source.text}\n// edited`, program: source.ast }, { settings, cwd: dir });
    // The same object: a result computed again is a new one.
    expect(again).toBe(first);
  });

  it("checks a result with findings again when the text changes", () => {
    const { dir, signal, schema, source } = project("removed", true);
    const first = checkSignalEvolution(signal, schema, { text: source.text, program: source.ast }, { settings, cwd: dir });
    expect(first.snapshot.map((report) => report.messageId)).toEqual(["incompatible"]);
    expect(checkSignalEvolution(signal, schema, { text: source.text, program: source.ast }, { settings, cwd: dir })).toBe(first);

    // The same signal (same spans) in a text that differs before its event type's literal.
    const edited = source.text.replace("/** s */", "/** t */");
    const second = checkSignalEvolution(signal, schema, { text: edited, program: source.ast }, { settings, cwd: dir });
    expect(second).not.toBe(first);
    expect(second.snapshot.map((report) => report.messageId)).toEqual(["incompatible"]);
  });
});
