/**
 * The project scan reads every signal file's text once; it keeps that text only until the project
 * index's parse has used it (the model is then cached by the same stamp), and finds event types
 * spelled out in other files from copies of their literals, not from the texts.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getProjectIndex, signalsDeclaring } from "../../lib/project/index.js";
import { resolveSettings } from "../../lib/settings.js";
import { resetCaches } from "../../lib/testing.js";

const settings = resolveSettings({});
const dirs: string[] = [];
const EVENT = "org.openedx.test.texts.a.v1";

function project(): { dir: string; first: string; second: string } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "project-texts-")));
  dirs.push(dir);
  const signal = (name: string) => `/** ${name} */\nexport const ${name} = new OpenEdxPublicSignal({ event_type: "${EVENT}", data: {} });\n`;
  const first = path.join(dir, "first.ts");
  const second = path.join(dir, "second.ts");
  fs.writeFileSync(first, signal("A"));
  fs.writeFileSync(second, signal("B"));
  return { dir, first, second };
}

function readsOf(spy: { mock: { calls: unknown[][] } }, file: string): number {
  return spy.mock.calls.filter(([target]) => target === file).length;
}

beforeEach(() => resetCaches("sources", "models", "project"));

afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the texts the project scan reads", () => {
  it("are let go once the project index has parsed them: a file whose model was forgotten is read again", () => {
    const { dir, first } = project();
    const reads = vi.spyOn(fs, "readFileSync");
    expect(getProjectIndex(dir, settings).signals).toHaveLength(2);
    expect(readsOf(reads, first)).toBe(1);
    // The scan is kept (same stamps), the models and parses are not: the scan has no text to give.
    resetCaches("sources", "models");
    expect(getProjectIndex(dir, settings).signals).toHaveLength(2);
    expect(readsOf(reads, first)).toBe(2);
  });

  it("still lead to the signals of other files declaring an event type after they were let go", () => {
    const { dir, first, second } = project();
    getProjectIndex(dir, settings);
    const found = signalsDeclaring(dir, settings, EVENT, first);
    expect(found.map((signal) => [signal.constant, signal.file])).toEqual([["B", second]]);
    expect(signalsDeclaring(dir, settings, "org.openedx.test.texts.other.v1", first)).toEqual([]);
  });
});
