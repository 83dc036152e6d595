/**
 * The paths of snapshot entries are built without path.join/path.resolve on every read (their
 * answers are remembered for absolute directories): they must be exactly what those give.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { resolveSnapshotPath } from "../../lib/snapshots/index.js";
import { resolveSettings, schemaDirectory } from "../../lib/settings.js";
import { resetCaches } from "../../lib/testing.js";
import { FILE, tempDir } from "./helpers.js";

beforeEach(() => resetCaches("snapshots"));

describe("snapshot entry paths", () => {
  it("are path.join's for a directory spelled with a trailing separator, dot segments or doubled separators", () => {
    const dir = fs.realpathSync(tempDir());
    for (const spelling of [dir, `${dir}${path.sep}`, `${dir}${path.sep}.${path.sep}`, `${dir}${path.sep}${path.sep}`, `${dir}${path.sep}sub${path.sep}..`]) {
      const resolved = resolveSnapshotPath(spelling, FILE);
      expect(resolved).toEqual({ ok: true, dir, path: path.join(path.resolve(spelling), FILE), entryPath: path.join(dir, FILE), realPath: path.join(dir, FILE) });
    }
  });

  it("are path.join's in the root directory", () => {
    const root = path.parse(process.cwd()).root;
    const resolved = resolveSnapshotPath(root, FILE);
    expect(resolved.ok && [resolved.path, resolved.entryPath]).toEqual([path.join(root, FILE), path.join(root, FILE)]);
  });

  it("resolve a relative directory against the working directory of the moment", () => {
    const resolved = resolveSnapshotPath("schemas", FILE);
    expect(resolved.path).toBe(path.join(process.cwd(), "schemas", FILE));
  });
});

describe("schemaDirectory", () => {
  it("gives each working directory its own answer for the same settings", () => {
    const settings = resolveSettings({ schemaDir: "schemas" });
    const a = path.join(path.parse(process.cwd()).root, "a");
    const b = path.join(path.parse(process.cwd()).root, "b");
    expect(schemaDirectory(settings, a)).toBe(path.join(a, "schemas"));
    expect(schemaDirectory(settings, b)).toBe(path.join(b, "schemas"));
    expect(schemaDirectory(settings, a)).toBe(path.join(a, "schemas"));
    expect(schemaDirectory(settings, "relative")).toBe(path.resolve("relative", "schemas"));
    expect(schemaDirectory(resolveSettings({ schemaDir: "other" }), a)).toBe(path.join(a, "other"));
  });
});
