/**
 * `npm ci` installs exactly what package-lock.json records, and refuses to when a range in the tree
 * no longer accepts the locked version. A dist-tag (`"latest"`) or a wildcard is a range that moves
 * by itself: the day the registry's tag moves, a fresh clone stops installing. Every such range in
 * the installed tree must be pinned by an exact `overrides` entry of package.json.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface LockEntry {
  readonly version?: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

interface Lock {
  readonly packages: Record<string, LockEntry>;
}

interface Manifest {
  readonly overrides?: Record<string, unknown>;
}

/** A range that names no version: a dist-tag (`latest`, `next`), `*`, `x` or an empty range. */
export function isFloatingRange(range: string): boolean {
  const trimmed = range.trim();
  if (/^(npm|file|link|git|git\+[a-z]+|https?|workspace):/.test(trimmed)) return false;
  if (trimmed === "" || /^[*xX]$/.test(trimmed)) return true;
  // Every comparator set must mention a digit; a bare word is a dist-tag.
  return trimmed.split("||").some((set) => !/\d/.test(set));
}

/** `node_modules/a/node_modules/b` → `node_modules/a`, so nested installs resolve as npm does. */
function parentOf(location: string): string {
  const at = location.lastIndexOf("/node_modules/");
  return at === -1 ? "" : location.slice(0, at);
}

/** The lock entry npm would use for `name` required from `location`, walking up as Node resolves. */
function installedFor(lock: Lock, location: string, name: string): string | null {
  for (let from = location; ; from = parentOf(from)) {
    const candidate = from === "" ? `node_modules/${name}` : `${from}/node_modules/${name}`;
    if (candidate in lock.packages) return candidate;
    if (from === "") return null;
  }
}

/** Every floating range in the installed tree that no exact override pins. */
export function floatingRanges(lock: Lock, manifest: Manifest): string[] {
  const pinned = new Set(
    Object.entries(manifest.overrides ?? {})
      .filter(([, value]) => typeof value === "string" && /^\d+\.\d+\.\d+(?:-[\w.]+)?$/.test(value))
      .map(([name]) => name),
  );
  const problems: string[] = [];
  for (const [location, entry] of Object.entries(lock.packages)) {
    const groups = {
      dependencies: entry.dependencies,
      optionalDependencies: entry.optionalDependencies,
      peerDependencies: entry.peerDependencies,
    };
    for (const [group, ranges] of Object.entries(groups)) {
      for (const [name, range] of Object.entries(ranges ?? {})) {
        if (!isFloatingRange(range) || pinned.has(name)) continue;
        // An optional peer that nothing installed is not part of the tree.
        if (group === "peerDependencies" && installedFor(lock, location, name) === null) continue;
        problems.push(`${location || "(root)"} → ${group}.${name}: ${JSON.stringify(range)}`);
      }
    }
  }
  return problems;
}

/**
 * Every optional dependency of an installed package that package-lock.json does not record. npm
 * installs on another platform only what the lock records, so a native package (oxc-parser, one
 * binding per platform) recorded with this machine's binding alone would install with none there
 * (npm/cli#4828, a lock written with optional dependencies omitted).
 */
export function unrecordedOptionalDependencies(lock: Lock): string[] {
  const missing: string[] = [];
  for (const [location, entry] of Object.entries(lock.packages)) {
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      if (installedFor(lock, location, name) === null) missing.push(`${location || "(root)"} → optionalDependencies.${name}`);
    }
  }
  return missing;
}

describe("package-lock.json", () => {
  const lock = JSON.parse(readFileSync(new URL("../package-lock.json", import.meta.url), "utf8")) as Lock;
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as Manifest;

  it("has no floating range (dist-tag or wildcard) that an exact override does not pin", () => {
    expect(floatingRanges(lock, manifest)).toEqual([]);
  });

  it("records every optional dependency (each platform's native binding), not only this platform's", () => {
    expect(unrecordedOptionalDependencies(lock)).toEqual([]);
    // The guard means something: oxc-parser's bindings are there, one per platform it supports.
    const oxc = lock.packages["node_modules/oxc-parser"];
    expect(Object.keys(oxc?.optionalDependencies ?? {}).length).toBeGreaterThan(10);
    const planted: Lock = {
      packages: {
        "": {},
        "node_modules/native": { version: "1.0.0", optionalDependencies: { "native-linux": "1.0.0", "native-darwin": "1.0.0" } },
        "node_modules/native-linux": { version: "1.0.0" },
      },
    };
    expect(unrecordedOptionalDependencies(planted)).toEqual(["node_modules/native → optionalDependencies.native-darwin"]);
  });

  it("records, for each exact override, the version it pins", () => {
    for (const [name, value] of Object.entries(manifest.overrides ?? {})) {
      const versions = Object.entries(lock.packages)
        .filter(([location]) => location === `node_modules/${name}` || location.endsWith(`/node_modules/${name}`))
        .map(([, entry]) => entry.version);
      expect(versions.length, name).toBeGreaterThan(0);
      expect(new Set(versions), name).toEqual(new Set([value]));
    }
  });

  it("would fail on a `latest` range, a wildcard and an unpinned installed peer", () => {
    const planted: Lock = {
      packages: {
        "": {},
        "node_modules/a": { version: "1.0.0", dependencies: { b: "latest", c: "^1.0.0" } },
        "node_modules/a/node_modules/d": { version: "1.0.0", dependencies: { e: "*" } },
        "node_modules/b": { version: "4.0.0" },
        "node_modules/e": { version: "1.0.0" },
        "node_modules/f": { version: "1.0.0", peerDependencies: { g: "", h: "*" } },
        "node_modules/h": { version: "1.0.0" },
      },
    };
    expect(floatingRanges(planted, {})).toEqual([
      'node_modules/a → dependencies.b: "latest"',
      'node_modules/a/node_modules/d → dependencies.e: "*"',
      'node_modules/f → peerDependencies.h: "*"',
    ]);
    expect(floatingRanges(planted, { overrides: { b: "4.0.0", e: "1.0.0", h: "1.0.0" } })).toEqual([]);
    // An override that is itself a range does not pin anything.
    expect(floatingRanges(planted, { overrides: { b: "latest", e: "^1", h: "1.0.0" } })).toHaveLength(2);
  });

  it("tells floating ranges from version ranges", () => {
    for (const range of ["latest", "next", "*", "x", "", " ", "^1 || beta"]) expect(isFloatingRange(range), range).toBe(true);
    for (const range of ["^1.0.0", ">=4.8.4 <6.1.0", "1.x", "~5.9", "npm:foo@1", "file:../x", "1 || 2"]) {
      expect(isFloatingRange(range), range).toBe(false);
    }
  });
});
