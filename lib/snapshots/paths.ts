/**
 * Keeping snapshot paths inside the schema directory.
 *
 * The schema directory comes from settings and may itself be a symlink (a
 * shared checkout, a monorepo link): that is allowed. Files inside it may not
 * lead elsewhere, because a snapshot that silently reads (or a write that
 * silently lands) outside the directory is how a hostile repository leaks or
 * clobbers files.
 */
import fs from "node:fs";
import path from "node:path";
import { errorCode } from "../errors.js";
import { registerCache } from "../testing.js";
import { snapshotFreshness } from "./freshness.js";

export type ResolvedSnapshotPath =
  | {
      ok: true;
      /** The schema directory with symlinks resolved (or just absolute when it does not exist yet). */
      dir: string;
      /** `schemaDir/fileName` made absolute but with the directory as configured: the name to show users. */
      path: string;
      /** `dir/fileName`: the stable identity of the entry (cache key), whatever spelling of schemaDir was used. */
      entryPath: string;
      /** What to open: `entryPath`, or its in-directory target when it is a symlink. */
      realPath: string;
    }
  | { ok: false; path: string; reason: string };

export interface ResolveOptions {
  /** When false, any symlink at the target is refused (writers never follow one). Default true. */
  followSymlinks?: boolean;
  /**
   * When false, the entry itself is not looked at: the caller opens it without following links
   * and resolves again only if it is one (readers; saves a system call per snapshot). Default true.
   */
  checkLinks?: boolean;
}

/** Open flags for snapshot files: never through a link, never blocking on a FIFO (0 where the platform has no such flag). */
export const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
export const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/** True when `target` is `dir` itself or below it. */
export function isInside(dir: string, target: string): boolean {
  const rel = path.relative(dir, target);
  return rel === "" || (!path.isAbsolute(rel) && rel !== ".." && !rel.startsWith(".." + path.sep));
}

// Every snapshot read resolves its directory: remember the answer briefly. Paths are then built
// inside the remembered real directory, so a stale entry can never lead outside it.
const realDirs = new Map<string, { readonly real: string; readonly at: number }>();

/**
 * `path.resolve(dir)`, remembered for absolute paths (their answer does not depend on the working
 * directory): every snapshot read asks for its directory's, and resolving builds new strings.
 */
export function absoluteDir(dir: string): string {
  let absolute = absoluteDirs.get(dir);
  if (absolute === undefined) {
    absolute = path.resolve(dir);
    if (path.isAbsolute(dir)) {
      if (absoluteDirs.size >= 1_000) absoluteDirs.clear();
      absoluteDirs.set(dir, absolute);
    }
  }
  return absolute;
}

const absoluteDirs = new Map<string, string>();

/** `path.join(dir, fileName)` for an absolute, normalised `dir` and a plain file name (no separator, not `.` or `..`). */
function inDirectory(dir: string, fileName: string): string {
  return dir.endsWith(path.sep) ? dir + fileName : dir + path.sep + fileName;
}

/** Resolves the schema directory's symlinks; falls back to the absolute path when it cannot (e.g. not created yet). */
export function realSchemaDir(schemaDir: string): string {
  const absolute = absoluteDir(schemaDir);
  const now = Date.now();
  const cached = realDirs.get(absolute);
  if (cached && now - cached.at < snapshotFreshness.ttlMs) return cached.real;
  try {
    const real = fs.realpathSync.native(absolute);
    if (realDirs.size > 1_000) realDirs.clear();
    realDirs.set(absolute, { real, at: now });
    return real;
  } catch {
    realDirs.delete(absolute);
    return absolute;
  }
}

registerCache("snapshots", () => {
  realDirs.clear();
  absoluteDirs.clear();
});

/**
 * Where `fileName` lives in `schemaDir`, refusing anything that escapes the
 * real directory. Never throws. Whether the file exists is left to the
 * caller's own `stat`, which reports the precise error.
 */
export function resolveSnapshotPath(
  schemaDir: string,
  fileName: string,
  options: ResolveOptions = {},
): ResolvedSnapshotPath {
  if (
    fileName === "" ||
    fileName === "." ||
    fileName === ".." ||
    /[/\\\0]/.test(fileName)
  ) {
    return {
      ok: false,
      path: absoluteDir(schemaDir),
      reason: `${JSON.stringify(fileName)} is not a plain file name.`,
    };
  }
  const dir = realSchemaDir(schemaDir);
  const shown = inDirectory(absoluteDir(schemaDir), fileName);
  const file = inDirectory(dir, fileName);
  const ok = (realPath: string): ResolvedSnapshotPath => ({ ok: true, dir, path: shown, entryPath: file, realPath });

  // Only where an open can refuse links itself (not on Windows, which has no O_NOFOLLOW).
  if (options.checkLinks === false && O_NOFOLLOW !== 0) return ok(file);
  let stats: fs.Stats;
  try {
    stats = fs.lstatSync(file);
  } catch {
    // Missing (or unreachable): nothing here can point elsewhere.
    return ok(file);
  }
  if (!stats.isSymbolicLink()) return ok(file);

  if (options.followSymlinks === false) {
    return { ok: false, path: shown, reason: `${shown} is a symbolic link; snapshots are never written through links.` };
  }
  let target: string;
  try {
    target = fs.realpathSync.native(file);
  } catch (error) {
    let linkText = "?";
    try {
      linkText = fs.readlinkSync(file);
    } catch {
      // Keep "?": the reason below is still accurate.
    }
    const why = errorCode(error) === "ELOOP" ? "a symlink loop" : "a target that does not exist";
    return {
      ok: false,
      path: shown,
      reason: `${shown} is a symbolic link to ${JSON.stringify(linkText)} with ${why}, so it cannot be checked to stay inside ${dir}.`,
    };
  }
  if (!isInside(dir, target)) {
    return {
      ok: false,
      path: shown,
      reason: `${shown} is a symbolic link to ${target}, outside the schema directory ${dir}.`,
    };
  }
  return ok(target);
}
