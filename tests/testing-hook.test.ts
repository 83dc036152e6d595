/**
 * lib/testing.ts, the one test hook of lib's caches: reset by name, counters, time-to-lives; and
 * the production modules export none of it.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { analyzeFilePath } from "../lib/model/index.js";
import { resolveSettings } from "../lib/settings.js";
import { snapshotFreshness } from "../lib/snapshots/freshness.js";
import { readSnapshot } from "../lib/snapshots/index.js";
import { counters, registerCache, registerTimeToLive, resetCaches, setCacheTimeToLive } from "../lib/testing.js";
import { fixture } from "./helpers.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

afterEach(() => setCacheTimeToLive(0)); // as tests/setup.ts sets it

describe("resetCaches", () => {
  it("clears the named groups only, every group when none is named", () => {
    const compatibility = vi.fn();
    const avro = vi.fn();
    registerCache("compatibility", compatibility);
    registerCache("avro", avro);
    resetCaches("compatibility");
    expect([compatibility.mock.calls.length, avro.mock.calls.length]).toEqual([1, 0]);
    resetCaches("sources", "models");
    expect([compatibility.mock.calls.length, avro.mock.calls.length]).toEqual([1, 0]);
    resetCaches();
    expect([compatibility.mock.calls.length, avro.mock.calls.length]).toEqual([2, 1]);
  });

  it("forgets what the real caches hold and resets their counters", () => {
    const file = fixture("model", "imports", "signals.ts");
    const settings = resolveSettings({});
    resetCaches();
    const model = analyzeFilePath(file, settings);
    const parses = counters().parses;
    expect(parses).toBeGreaterThan(0);
    expect(analyzeFilePath(file, settings)).toBe(model);
    expect(counters().parses).toBe(parses);

    resetCaches("models");
    expect(analyzeFilePath(file, settings)).not.toBe(model);
    expect(counters().parses).toBe(parses);

    resetCaches("sources", "models");
    expect(counters().parses).toBe(0);
    analyzeFilePath(file, settings);
    expect(counters().parses).toBe(parses);
  });
});

describe("counters", () => {
  it("counts snapshot reads and directory listings until the snapshots are reset", () => {
    const dir = fixture("python-schemas", "schemas");
    const [name] = fs.readdirSync(dir).filter((entry) => entry.endsWith("_schema.avsc"));
    const eventType = name!.replace(/_schema\.avsc$/, "").replaceAll("+", ".");
    resetCaches("snapshots");
    expect(counters()).toMatchObject({ snapshotReads: 0, snapshotLists: 0 });
    expect(readSnapshot(dir, eventType).status).toBe("ok");
    expect(counters()).toMatchObject({ snapshotReads: 1, snapshotLists: 1 });
    resetCaches("snapshots");
    expect(counters()).toMatchObject({ snapshotReads: 0, snapshotLists: 0 });
  });

  it("reads 0 for a counter whose module is not loaded", () => {
    // lib/project and lib/evolution are not imported by this file.
    expect(counters()).toMatchObject({ projectScans: 0, signalChecks: 0 });
  });
});

describe("setCacheTimeToLive", () => {
  it("sets every registered time-to-live, and applies to those registered later", () => {
    expect(snapshotFreshness.ttlMs).toBe(0);
    setCacheTimeToLive(60_000);
    expect(snapshotFreshness.ttlMs).toBe(60_000);
    const late = vi.fn();
    registerTimeToLive(late);
    expect(late).toHaveBeenCalledWith(60_000);
  });

  it("restores the defaults with null", () => {
    setCacheTimeToLive(null);
    expect(snapshotFreshness.ttlMs).toBe(1_000);
  });
});

describe("the production modules", () => {
  const TEST_ONLY = /^(clear[A-Z]\w*|\w+Count|\w*Ttl|\w*Freshness|resetCaches|counters|register\w+|setCacheTimeToLive)$/;

  it("export no cache hooks: neither the plugin nor the index of any lib/ folder", async () => {
    const modules = ["index.ts", ...fs.readdirSync(path.join(ROOT, "lib")).map((entry) => `lib/${entry}/index.ts`)].filter((file) =>
      fs.existsSync(path.join(ROOT, file)),
    );
    expect(modules.length).toBeGreaterThan(8);
    const found: string[] = [];
    for (const file of modules) {
      const exported = (await import(path.join(ROOT, file))) as Record<string, unknown>;
      for (const name of Object.keys(exported)) if (TEST_ONLY.test(name)) found.push(`${file}: ${name}`);
    }
    expect(found).toEqual([]);
  });
});
