import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveSnapshotPath } from "../../lib/snapshots/index.js";
import { FILE, tempDir, write } from "./helpers.js";

describe("resolveSnapshotPath", () => {
  it("resolves a plain file (present or not) inside the real directory", () => {
    const dir = fs.realpathSync(tempDir());
    const missing = resolveSnapshotPath(dir, FILE);
    expect(missing).toEqual({ ok: true, dir, path: path.join(dir, FILE), entryPath: path.join(dir, FILE), realPath: path.join(dir, FILE) });
    write(dir, FILE, "{}");
    expect(resolveSnapshotPath(dir, FILE).ok).toBe(true);
  });

  it.each(["", ".", "..", "../x", "a/b", "a\\b", "a\0b"])("refuses the non-plain file name %j", (name) => {
    const result = resolveSnapshotPath(tempDir(), name);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/not a plain file name/);
  });

  it("refuses a symlink pointing outside the schema directory", () => {
    const dir = tempDir();
    const outside = write(tempDir(), "secret.avsc", "{}");
    fs.symlinkSync(outside, path.join(dir, FILE));
    const result = resolveSnapshotPath(dir, FILE);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(/symbolic link to .*secret\.avsc, outside the schema directory/);
      expect(result.path).toBe(path.join(dir, FILE));
    }
  });

  it("refuses a relative symlink that climbs out", () => {
    const parent = tempDir();
    const dir = path.join(parent, "schemas");
    fs.mkdirSync(dir);
    write(parent, "x.avsc", "{}");
    fs.symlinkSync("../x.avsc", path.join(dir, FILE));
    expect(resolveSnapshotPath(dir, FILE).ok).toBe(false);
  });

  it("refuses dangling and looping symlinks", () => {
    const dir = tempDir();
    fs.symlinkSync(path.join(dir, "nowhere"), path.join(dir, FILE));
    const dangling = resolveSnapshotPath(dir, FILE);
    expect(dangling.ok).toBe(false);
    if (!dangling.ok) expect(dangling.reason).toMatch(/does not exist/);
    fs.symlinkSync("b.avsc", path.join(dir, "a.avsc"));
    fs.symlinkSync("a.avsc", path.join(dir, "b.avsc"));
    const loop = resolveSnapshotPath(dir, "a.avsc");
    expect(loop.ok).toBe(false);
    if (!loop.ok) expect(loop.reason).toMatch(/loop/);
  });

  it("allows a symlink that stays inside, unless links are refused (writers)", () => {
    const dir = fs.realpathSync(tempDir());
    write(dir, "real.avsc", "{}");
    fs.symlinkSync("real.avsc", path.join(dir, FILE));
    const result = resolveSnapshotPath(dir, FILE);
    expect(result).toMatchObject({ ok: true, realPath: path.join(dir, "real.avsc") });
    const strict = resolveSnapshotPath(dir, FILE, { followSymlinks: false });
    expect(strict.ok).toBe(false);
  });

  it("allows the schema directory itself to be a symlink, and shows the configured path", () => {
    const real = fs.realpathSync(tempDir());
    write(real, FILE, "{}");
    const link = path.join(tempDir(), "schemas-link");
    fs.symlinkSync(real, link);
    const result = resolveSnapshotPath(link, FILE);
    expect(result).toMatchObject({ ok: true, dir: real, path: path.join(link, FILE), entryPath: path.join(real, FILE) });
  });

  it("still refuses escapes when reached through a symlinked schema directory", () => {
    const real = tempDir();
    const outside = write(tempDir(), "secret.avsc", "{}");
    fs.symlinkSync(outside, path.join(real, FILE));
    const link = path.join(tempDir(), "schemas-link");
    fs.symlinkSync(real, link);
    expect(resolveSnapshotPath(link, FILE).ok).toBe(false);
  });
});
