/**
 * Writing snapshots without losing history or following links.
 *
 * A snapshot is a promise to every service that reads the event: replacing it
 * is a deliberate act (`force`), or the old one is kept as the next
 * `…_schema.vN.avsc` (`keepHistory`). Writes go to a temporary file in the
 * same directory and are renamed into place, so a reader never sees half a
 * file, and a symlink at the target is never written through.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { clearListingCache, historyFiles } from "./listing.js";
import { historyFileName, snapshotFileName, validateEventType } from "./naming.js";
import { errorCode, errorMessage } from "../errors.js";
import { schemaTextProblem, type LimitProblem } from "./limits.js";
import { O_NOFOLLOW, O_NONBLOCK, resolveSnapshotPath } from "./paths.js";
import { forgetSnapshotEntry } from "./read.js";

export interface WriteOptions {
  /** Replace an existing, different snapshot. */
  force?: boolean;
  /** Move an existing, different snapshot to the next history file first. Wins over `force`. */
  keepHistory?: boolean;
}

export type WriteResult =
  | { status: "written"; eventType: string; file: string; previous?: string }
  | { status: "unchanged"; eventType: string; file: string }
  | { status: "exists"; eventType: string; file: string; message: string }
  /** Over the size or depth limit that every reader of snapshots applies: nothing was written. */
  | { status: "over-limit"; eventType: string; file: string; problem: LimitProblem; message: string }
  | { status: "invalid-event-type"; eventType: string; message: string }
  | { status: "unsafe-path"; eventType: string; file: string; message: string }
  | { status: "error"; eventType: string; file: string; message: string };


/**
 * Existing bytes when the file has exactly `size` bytes, or one more (the same text with a trailing
 * newline, as editors and earlier versions of `generate` write it), else null (cannot be
 * identical, no need to read).
 */
function readIfSize(file: string, size: number): { identicalCandidate: Buffer | null; mode: number } {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  try {
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) throw Object.assign(new Error("it is not a regular file"), { code: "ENOTREG" });
    if (stats.size !== size && stats.size !== size + 1) return { identicalCandidate: null, mode: stats.mode };
    const buffer = Buffer.alloc(stats.size);
    let length = 0;
    while (length < stats.size) {
      const n = fs.readSync(fd, buffer, length, stats.size - length, null);
      if (n === 0) break;
      length += n;
    }
    return { identicalCandidate: buffer.subarray(0, length), mode: stats.mode };
  } finally {
    fs.closeSync(fd);
  }
}

function nextHistoryVersion(schemaDir: string, eventType: string): number {
  const versions = historyFiles(schemaDir, eventType).map((h) => h.version);
  return versions.length === 0 ? 1 : Math.max(...versions) + 1;
}

/**
 * Keeps the current snapshot as history by hard-linking it (the current name
 * stays in place until the atomic rename replaces it), or copying where links
 * are not supported. Both refuse to clobber, so a racing writer moves on to
 * the next free N. Returns the history file name.
 */
function preserveAsHistory(dir: string, current: string, eventType: string, first: number): string {
  for (let n = first; ; n++) {
    const name = historyFileName(eventType, n);
    const target = path.join(dir, name);
    try {
      fs.linkSync(current, target);
      return name;
    } catch (error) {
      if (errorCode(error) === "EEXIST") continue;
    }
    try {
      fs.copyFileSync(current, target, fs.constants.COPYFILE_EXCL);
      return name;
    } catch (error) {
      if (errorCode(error) !== "EEXIST") throw error;
    }
  }
}

/** Writes `bytes` to a temporary file in `dir`, renamed over `target`; the temporary file is removed when anything fails. */
export function writeAtomically(dir: string, target: string, bytes: Buffer, mode: number | undefined): void {
  // Starts with "." and ends in ".tmp": never mistaken for a snapshot by listings.
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${crypto.randomBytes(6).toString("hex")}.tmp`);
  try {
    const fd = fs.openSync(temp, "wx", 0o666);
    try {
      if (mode !== undefined) {
        try {
          fs.fchmodSync(fd, mode & 0o7777);
        } catch {
          // Keeping the old permissions is a courtesy, not a requirement.
        }
      }
      let written = 0;
      while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    // rename replaces the directory entry itself: a symlink that appeared meanwhile is replaced, not followed.
    fs.renameSync(temp, target);
  } catch (error) {
    try {
      fs.unlinkSync(temp);
    } catch {
      // Already gone or never created.
    }
    throw error;
  }
}

/**
 * Writes `schemaJsonText` as the snapshot of `eventType`. Never throws; nothing is written unless the result says "written".
 * A text over the limits of schema files is refused before anything is looked at: its snapshot would be refused by
 * every reader, and an identical file already there ("unchanged") would be just as unreadable.
 */
export function writeSnapshot(
  schemaDir: string,
  eventType: string,
  schemaJsonText: string,
  options: WriteOptions = {},
): WriteResult {
  const invalid = validateEventType(eventType);
  if (invalid !== null) return { status: "invalid-event-type", eventType, message: invalid };
  const fileName = snapshotFileName(eventType);
  let shown = path.join(path.resolve(schemaDir), fileName);
  const overLimit = schemaTextProblem(schemaJsonText);
  if (overLimit !== null) {
    return {
      status: "over-limit",
      eventType,
      file: shown,
      problem: overLimit,
      message: `The schema of ${eventType} ${overLimit.reason}: check and the rules would refuse its snapshot, so none was written. ${overLimit.fix}.`,
    };
  }
  const fail = (error: unknown): WriteResult => ({
    status: "error",
    eventType,
    file: shown,
    message: `Could not write the snapshot: ${errorMessage(error)}.`,
  });

  try {
    fs.mkdirSync(schemaDir, { recursive: true });
  } catch (error) {
    return fail(error);
  }
  const resolved = resolveSnapshotPath(schemaDir, fileName, { followSymlinks: false });
  if (!resolved.ok) return { status: "unsafe-path", eventType, file: resolved.path, message: resolved.reason };
  shown = resolved.path;
  const { dir, entryPath } = resolved;
  const bytes = Buffer.from(schemaJsonText, "utf8");

  let existing: { identicalCandidate: Buffer | null; mode: number } | null = null;
  try {
    existing = readIfSize(entryPath, bytes.length);
  } catch (error) {
    const code = errorCode(error);
    if (code === "ELOOP") {
      return { status: "unsafe-path", eventType, file: shown, message: `${shown} is a symbolic link; snapshots are never written through links.` };
    }
    if (code !== "ENOENT") return fail(error);
  }

  let previous: string | undefined;
  try {
    if (existing !== null) {
      // The same text with a trailing newline is the same snapshot: leave it as is.
      const same = existing.identicalCandidate;
      const withNewline = same !== null && same.length === bytes.length + 1 && same.at(-1) === 0x0a;
      if (same && (same.equals(bytes) || (withNewline && same.subarray(0, -1).equals(bytes)))) return { status: "unchanged", eventType, file: shown };
      clearListingCache(dir); // the next free N must be computed from the directory as it is now
      const next = nextHistoryVersion(dir, eventType);
      if (options.keepHistory) {
        previous = preserveAsHistory(dir, entryPath, eventType, next);
      } else if (!options.force) {
        return {
          status: "exists",
          eventType,
          file: shown,
          message:
            `${shown} already exists with a different schema. Snapshots are history that other services rely on to read this event, ` +
            `so they are not overwritten: use --force to replace it, or --keep-history to move it to ${historyFileName(eventType, next)} and write the new one.`,
        };
      }
    }
    try {
      writeAtomically(dir, entryPath, bytes, existing?.mode);
    } catch (error) {
      // Undo the history copy so a failed write leaves the directory as it was.
      if (previous !== undefined) {
        try {
          fs.unlinkSync(path.join(dir, previous));
        } catch {
          // Best effort.
        }
      }
      throw error;
    }
  } catch (error) {
    return fail(error);
  } finally {
    forgetSnapshotEntry(entryPath);
    clearListingCache(dir);
  }
  return {
    status: "written",
    eventType,
    file: shown,
    ...(previous === undefined ? {} : { previous: path.join(path.dirname(shown), previous) }),
  };
}
