/**
 * Snapshot files read ahead, off the main thread.
 *
 * ESLint lints files in callbacks of its own asynchronous reads, so the event loop turns between
 * files. The first time a schema directory is needed, its current snapshots are read ahead with
 * asynchronous calls (libuv's thread pool, on another core) while ESLint parses; `readOne` takes
 * a file's bytes from here instead of reading it, if the file is still the one that was read.
 * Every safety property of the synchronous read holds: the open refuses links (O_NOFOLLOW) and
 * never blocks (O_NONBLOCK), anything but a regular file is closed unread, the size cap is checked
 * before reading. A file that cannot be read ahead is simply left to the synchronous read, which
 * reports why; nothing here ever throws or rejects.
 */
import fs from "node:fs";
import path from "node:path";
import { registerCache } from "../testing.js";
import { snapshotFreshness } from "./freshness.js";
import { O_NOFOLLOW, O_NONBLOCK } from "./paths.js";

/** A file read ahead: its bytes and the identity (`stat`) of the file they were read from. */
export interface PrefetchedFile {
  readonly bytes: Buffer;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly size: number;
  readonly ino: number;
  /** `Date.now()` when the read was started: within the freshness window, the bytes are trusted as read. */
  readonly startedAt: number;
}

/** Reads in flight at once: enough to keep the thread pool busy, few enough to leave it to ESLint's own reads. */
const MAX_IN_FLIGHT = 8;

const ready = new Map<string, PrefetchedFile>();
const started = new Set<string>();
const queue: { file: string; maxBytes: number }[] = [];
let inFlight = 0;
/** Bumped by a reset: reads started before it are dropped when they complete. */
let generation = 0;
/** Bumped by each write in this process: a read in flight across a write may hold the old bytes. */
let writes = 0;

registerCache("snapshots", () => {
  ready.clear();
  started.clear();
  queue.length = 0;
  generation++;
});

const FLAGS = fs.constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK;

/** Starts reading `fileNames` of the real directory `dir` ahead, once per directory and process. */
export function prefetchDirectory(dir: string, fileNames: (dir: string) => readonly string[], maxBytes: number): void {
  // Without O_NOFOLLOW an open could follow a link: leave everything to the checked synchronous read.
  if (started.has(dir) || O_NOFOLLOW === 0) return;
  started.add(dir);
  for (const name of fileNames(dir)) queue.push({ file: path.join(dir, name), maxBytes });
  pump();
}

function pump(): void {
  while (inFlight < MAX_IN_FLIGHT && queue.length > 0) {
    const { file, maxBytes } = queue.shift()!;
    inFlight++;
    readAhead(file, maxBytes, generation);
  }
}

function finish(file: string, gen: number, writesAtStart: number, entry: PrefetchedFile | null): void {
  if (gen !== generation) return;
  inFlight--;
  if (entry !== null && writesAtStart === writes) ready.set(file, entry);
  pump();
}

function readAhead(file: string, maxBytes: number, gen: number): void {
  const startedAt = Date.now();
  const writesAtStart = writes;
  fs.open(file, FLAGS, (openError, fd) => {
    if (openError) return finish(file, gen, writesAtStart, null);
    const done = (entry: PrefetchedFile | null) => fs.close(fd, () => finish(file, gen, writesAtStart, entry));
    fs.fstat(fd, (statError, stats) => {
      // A FIFO or device is never read; a file over the cap is left to the synchronous read to report.
      if (statError || !stats.isFile() || stats.size > maxBytes) return done(null);
      const buffer = Buffer.allocUnsafe(stats.size + 1);
      fs.read(fd, buffer, 0, buffer.length, 0, (readError, n) => {
        // A short read of a regular file is its end; one more byte than fstat said means it grew: read it again later.
        if (readError || n !== stats.size) return done(null);
        done({ bytes: buffer.subarray(0, n), mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, size: stats.size, ino: stats.ino, startedAt });
      });
    });
  });
}

/**
 * The bytes read ahead for `entryPath`, if the file there is still the one they were read from
 * (same inode, size, mtime and ctime, or read within the freshness window). Taken once: the entry
 * is dropped either way.
 */
export function takePrefetched(entryPath: string): PrefetchedFile | undefined {
  const entry = ready.get(entryPath);
  if (entry === undefined) return undefined;
  ready.delete(entryPath);
  if (Date.now() - entry.startedAt < snapshotFreshness.ttlMs) return entry;
  const now = fs.lstatSync(entryPath, { throwIfNoEntry: false });
  if (now === undefined || !now.isFile()) return undefined;
  const same = now.ino === entry.ino && now.size === entry.size && now.mtimeMs === entry.mtimeMs && now.ctimeMs === entry.ctimeMs;
  return same ? entry : undefined;
}

/** Writers call this for the entries they replaced. */
export function forgetPrefetched(entryPath: string): void {
  ready.delete(entryPath);
  writes++;
}
