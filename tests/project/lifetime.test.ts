/**
 * What the project index reads, and what it lets go: the scan reads each source file once (the
 * parse of a signal file uses the scan's text), and a file changed since the scan is read again.
 */
import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getProjectIndex } from "../../lib/project/index.js";
import { resolveSettings } from "../../lib/settings.js";
import { getSourceFile } from "../../lib/source/index.js";
import { counters, resetCaches } from "../../lib/testing.js";
import { tempProject } from "../helpers.js";

const settings = resolveSettings({});

function project(): { dir: string; signals: string; data: string } {
  const { dir, files } = tempProject("project-reads", {
    "data.ts": "export class UserData {\n  readonly id!: number;\n}\n",
    "signals.ts":
      'import { UserData } from "./data";\nexport const A = new OpenEdxPublicSignal({ event_type: "org.openedx.test.reads.a.v1", data: { user: UserData } });\n',
  });
  return { dir, signals: files["signals.ts"], data: files["data.ts"] };
}

function readsOf(spy: { mock: { calls: unknown[][] } }, file: string): number {
  return spy.mock.calls.filter(([target]) => target === file).length;
}

beforeEach(() => {
  resetCaches("sources", "models", "project");
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the project index", () => {
  it("parses a signal file from the text its scan read, without reading it again", () => {
    const { dir, signals, data } = project();
    const reads = vi.spyOn(fs, "readFileSync");
    const index = getProjectIndex(dir, settings);
    expect(index.signals.map((signal) => signal.eventType)).toEqual(["org.openedx.test.reads.a.v1"]);
    expect(readsOf(reads, signals)).toBe(1);
    // The data file mentions no signal constructor: the scan keeps no text of it, its import reads it.
    expect(readsOf(reads, data)).toBe(2);
    expect(counters().parses).toBe(2);
    expect(getSourceFile(signals).text).toBe(fs.readFileSync(signals, "utf8"));
  });

  it("reads a file changed since the scan again", () => {
    const { dir, signals } = project();
    const reads = vi.spyOn(fs, "readFileSync");
    const scanned = getProjectIndex(dir, settings);
    expect(scanned.signals[0]!.eventType).toBe("org.openedx.test.reads.a.v1");
    const edited = fs.readFileSync(signals, "utf8").replace("reads.a.v1", "reads.b.v1");
    fs.writeFileSync(signals, edited + "// one more line\n");
    const index = getProjectIndex(dir, settings);
    expect(index.signals.map((signal) => signal.eventType)).toEqual(["org.openedx.test.reads.b.v1"]);
    expect(readsOf(reads, signals)).toBeGreaterThanOrEqual(3);
  });
});
