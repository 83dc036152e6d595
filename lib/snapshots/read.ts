/**
 * Reading snapshots: safely, and each file once per process.
 *
 * Rules run on every keystroke and several rules ask for the same snapshot,
 * so parsed files are cached by their directory entry and revalidated with a
 * `stat` (mtime, ctime, size, inode): cheap, and an editor sees edits without
 * a restart. Everything a file can do wrong is returned as a value.
 */
import fs from "node:fs";
import path from "node:path";
import { snapshotFreshness } from "./freshness.js";
import { historyFiles } from "./listing.js";
import { snapshotFileName, validateEventType } from "./naming.js";
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, sizeProblem } from "./limits.js";
import {
  parseSnapshotText,
  recogniseSnapshotBytes,
  setSnapshotText,
  type KnownSchema,
  type ParsedSnapshot,
  type SnapshotProblemDetail,
  type SnapshotProblemKind,
  type SnapshotSchema,
} from "./parse.js";
import { errorCode } from "../errors.js";
import { registerCache, registerCounter } from "../testing.js";
import { O_NOFOLLOW, O_NONBLOCK, resolveSnapshotPath, type ResolvedSnapshotPath } from "./paths.js";

export interface ReadOptions {
  /** Files larger than this are refused before being read. Default: the limit for schema files (limits.ts); other values are for tests. */
  maxBytes?: number;
  /** Deeper JSON nesting is refused before parsing. Default: the limit for schema files (limits.ts); other values are for tests. */
  maxDepth?: number;
  /**
   * The schema the caller expects (usually the one generated from the source now): a file that
   * is exactly its JSON, whatever the layout, is not parsed. The result is the same either way.
   */
  known?: KnownSchema;
}

interface ProblemFields {
  status: "problem";
  kind: SnapshotProblemKind;
  message: string;
  line?: number;
  column?: number;
}

/** An older version beside the current snapshot (`…_schema.v<version>.avsc`). */
export type SnapshotVersion =
  | { version: number; file: string; status: "ok"; schema: SnapshotSchema; text: string; json: string }
  | ({ version: number; file: string } & ProblemFields);

export interface SnapshotOk {
  status: "ok";
  eventType: string;
  /** Absolute path of the current snapshot, under schemaDir as configured. */
  file: string;
  schema: SnapshotSchema;
  text: string;
  /** `JSON.stringify(schema)`. */
  json: string;
  /** Older versions found beside it, v1 (oldest) first, each ok or a problem. */
  history: SnapshotVersion[];
  /** For transitive checks: the schemas of the readable history versions, oldest first, then the current one. */
  versions: SnapshotSchema[];
}

export interface SnapshotMissing {
  status: "missing";
  eventType: string;
  /** Absolute path where the snapshot was looked for. */
  file: string;
  /** The bare file name expected, e.g. `org+openedx+x+v1_schema.avsc`. */
  expectedFile: string;
}

export interface SnapshotProblem extends ProblemFields {
  eventType: string;
  /** The offending file; for `invalid-event-type`, the schema directory. */
  file: string;
}

export type SnapshotReadResult = SnapshotOk | SnapshotMissing | SnapshotProblem;

interface CacheEntry {
  mtimeMs: number;
  ctimeMs: number;
  size: number;
  ino: number;
  maxBytes: number;
  maxDepth: number;
  result: ParsedSnapshot | SnapshotProblemDetail;
}

const cache = new Map<string, CacheEntry>();
let readCount = 0;

registerCache("snapshots", () => {
  cache.clear();
  recentReads.clear();
  readCount = 0;
});
registerCounter("snapshotReads", () => readCount);

/** Writers call this for the entries they replaced, so a coarse filesystem clock cannot serve stale content. */
export function forgetSnapshotEntry(entryPath: string): void {
  cache.delete(entryPath);
  // Writes are rare: forgetting every recent read is simpler than finding the ones of this entry.
  recentReads.clear();
}

function unreadable(error: unknown): SnapshotProblemDetail {
  const code = errorCode(error);
  const why =
    code === "EACCES" || code === "EPERM"
      ? "permission denied"
      : code === "EISDIR"
        ? "it is a directory"
        : code === "ENOTDIR"
          ? "a component of its path is not a directory"
          : code === "ENAMETOOLONG"
            ? "the file name is too long for this filesystem"
            : error instanceof Error
              ? error.message
              : String(error);
  return { status: "problem", kind: "unreadable", message: `The snapshot cannot be read: ${why}.` };
}

function notRegular(stats: fs.Stats): SnapshotProblemDetail | null {
  if (stats.isFile()) return null;
  // A FIFO or device would block or never end: never open one.
  const what = stats.isDirectory() ? "it is a directory" : "it is not a regular file";
  return { status: "problem", kind: "unreadable", message: `The snapshot cannot be read: ${what}.` };
}

function tooLarge(size: number, maxBytes: number): SnapshotProblemDetail {
  return { status: "problem", kind: "too-large", message: `The snapshot ${sizeProblem(size, maxBytes)!.reason}.` };
}


/**
 * The buffer every snapshot is read into. What is read is judged at once and never kept (a result
 * holds a decoded copy or nothing), so one buffer serves every read: no allocation per snapshot,
 * nothing for the collector. Larger than this, a read gets a buffer of its own.
 */
const SCRATCH_BYTES = 256 * 1024;
let scratch: Buffer | null = null;

function readBuffer(length: number): Buffer {
  if (length > SCRATCH_BYTES) return Buffer.allocUnsafe(length);
  scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES);
  return scratch;
}

/**
 * Reads at most `maxBytes + 1` bytes (null when there were more), so a file
 * that grows after `stat` still cannot exceed the cap in memory. A regular
 * file is read up to its size from `fstat` (one system call), anything that
 * reports no size until its end. The bytes are valid until the next read.
 */
function readCapped(fd: number, expectedSize: number, maxBytes: number): Buffer | null {
  let buffer = readBuffer(Math.min(expectedSize, maxBytes) + 1);
  let length = 0;
  for (;;) {
    if (length === Math.min(buffer.length, maxBytes + 1)) {
      if (length > maxBytes) return null;
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const n = fs.readSync(fd, buffer, length, Math.min(buffer.length, maxBytes + 1) - length, null);
    if (n === 0) return buffer.subarray(0, length);
    length += n;
    if (length === expectedSize) return buffer.subarray(0, length);
  }
}

const UTF8 = new TextDecoder("utf-8", { ignoreBOM: true });

function sameStats(entry: CacheEntry, stats: fs.Stats, maxBytes: number, maxDepth: number): boolean {
  return (
    entry.mtimeMs === stats.mtimeMs &&
    entry.ctimeMs === stats.ctimeMs &&
    entry.size === stats.size &&
    entry.ino === stats.ino &&
    entry.maxBytes === maxBytes &&
    entry.maxDepth === maxDepth
  );
}

/** Where a snapshot entry is, before or after its links were checked (see `resolveSnapshotPath`). */
interface Target {
  readonly entryPath: string;
  readonly realPath: string;
  /** False when the entry was not looked at yet: it is opened without following links, and checked only if it is one. */
  readonly linksChecked: boolean;
}

function openNoFollow(file: string): number | { code: string; error: unknown } {
  try {
    return fs.openSync(file, fs.constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    return { code: errorCode(error), error };
  }
}

/**
 * One file: "missing", or its parse (cached by entry, revalidated with a `stat`). A file seen for
 * the first time is opened directly; only a symbolic link costs the full path check (`relink`).
 */
function readOne(
  target: Target,
  relink: () => ResolvedSnapshotPath,
  eventType: string,
  maxBytes: number,
  maxDepth: number,
  known: KnownSchema | undefined,
): ParsedSnapshot | SnapshotProblemDetail | "missing" {
  const cached = cache.get(target.entryPath);
  if (cached !== undefined) {
    let stats: fs.Stats;
    try {
      stats = fs.statSync(target.realPath);
    } catch (error) {
      if (errorCode(error) === "ENOENT") return "missing";
      return unreadable(error);
    }
    // A link retargeted since has other stats, so it is opened, and checked, again.
    if (sameStats(cached, stats, maxBytes, maxDepth)) return cached.result;
  }

  // O_NOFOLLOW: a link is never followed unchecked, even one swapped in after a check.
  const fd = openNoFollow(target.realPath);
  if (typeof fd !== "number") {
    if (fd.code === "ENOENT") return "missing";
    if (fd.code === "ELOOP") {
      if (target.linksChecked) {
        return { status: "problem", kind: "unsafe-path", message: "The snapshot became a symbolic link while being read." };
      }
      const resolved = relink();
      if (!resolved.ok) return { status: "problem", kind: "unsafe-path", message: resolved.reason };
      return readOne({ ...resolved, linksChecked: true }, relink, eventType, maxBytes, maxDepth, known);
    }
    return unreadable(fd.error);
  }
  let result: ParsedSnapshot | SnapshotProblemDetail;
  let key: fs.Stats;
  try {
    key = fs.fstatSync(fd);
    const irregular = notRegular(key);
    if (irregular !== null) return irregular;
    if (key.size > maxBytes) return tooLarge(key.size, maxBytes);
    const bytes = readCapped(fd, key.size, maxBytes);
    readCount++;
    result =
      bytes === null
        ? tooLarge(Math.max(key.size, maxBytes + 1), maxBytes)
        : ((known && recogniseSnapshotBytes(bytes, eventType, maxDepth, known)) ?? parseSnapshotText(UTF8.decode(bytes), eventType, { maxDepth }));
  } catch (error) {
    return unreadable(error);
  } finally {
    fs.closeSync(fd);
  }
  cache.set(target.entryPath, {
    mtimeMs: key.mtimeMs,
    ctimeMs: key.ctimeMs,
    size: key.size,
    ino: key.ino,
    maxBytes,
    maxDepth,
    result,
  });
  return result;
}

/** The entry `fileName` of `schemaDir` (its path as shown) and what reading it gave. */
function readEntry(
  schemaDir: string,
  fileName: string,
  eventType: string,
  maxBytes: number,
  maxDepth: number,
  known: KnownSchema | undefined,
): { file: string; result: ParsedSnapshot | SnapshotProblemDetail | "missing" } {
  const resolved = resolveSnapshotPath(schemaDir, fileName, { checkLinks: false });
  if (!resolved.ok) return { file: resolved.path, result: { status: "problem", kind: "unsafe-path", message: resolved.reason } };
  const relink = () => resolveSnapshotPath(schemaDir, fileName);
  return { file: resolved.path, result: readOne({ ...resolved, linksChecked: false }, relink, eventType, maxBytes, maxDepth, known) };
}

function problemFields(detail: SnapshotProblemDetail): ProblemFields {
  const fields: ProblemFields = { status: "problem", kind: detail.kind, message: detail.message };
  if (detail.line !== undefined) fields.line = detail.line;
  if (detail.column !== undefined) fields.column = detail.column;
  return fields;
}

function readHistory(
  schemaDir: string,
  eventType: string,
  maxBytes: number,
  maxDepth: number,
  known: KnownSchema | undefined,
): SnapshotVersion[] {
  const versions: SnapshotVersion[] = [];
  for (const { version, fileName } of historyFiles(schemaDir, eventType)) {
    const { file, result } = readEntry(schemaDir, fileName, eventType, maxBytes, maxDepth, known);
    if (result === "missing") continue; // removed since the listing: nothing to compare with
    if (result.status !== "ok") {
      versions.push({ version, file, ...problemFields(result) });
      continue;
    }
    const ok = { version, file, status: "ok", schema: result.schema } as Omit<Extract<SnapshotVersion, { status: "ok" }>, "text" | "json"> & { json?: string };
    // Not read here: a recognised snapshot's text is written again only when asked for.
    setSnapshotText(ok, result);
    ok.json = result.json;
    versions.push(ok as SnapshotVersion);
  }
  return versions;
}

/**
 * The snapshot of `eventType` in `schemaDir`, with its history. Never throws:
 * an invalid event type, an unsafe path, an unreadable or malformed file are
 * all `{ status: "problem" }`.
 */
export function readSnapshot(schemaDir: string, eventType: string, options: ReadOptions = {}): SnapshotReadResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  // As given: callers pass the same absolute directory every time, and another spelling only misses the memo.
  const key = `${schemaDir}\0${eventType}\0${maxBytes}\0${maxDepth}`;
  const now = Date.now();
  const recent = recentReads.get(key);
  if (recent && now - recent.at < snapshotFreshness.ttlMs) return recent.result;
  const result = readSnapshotNow(schemaDir, eventType, maxBytes, maxDepth, options.known);
  forgetStaleReads(now);
  if (recentReads.size >= 20_000) recentReads.clear();
  // Deleted first, so that the map stays in the order of the reads and stale ones are at its front.
  recentReads.delete(key);
  recentReads.set(key, { at: now, result });
  return result;
}

/**
 * Drops the remembered reads that can no longer be served, oldest first: a lint run of a whole
 * catalog reads each snapshot for a moment, and nothing should keep its result alive after that.
 */
function forgetStaleReads(now: number): void {
  for (const [key, recent] of recentReads) {
    if (now - recent.at < snapshotFreshness.ttlMs) break;
    recentReads.delete(key);
  }
}

const recentReads = new Map<string, { readonly at: number; readonly result: SnapshotReadResult }>();

function readSnapshotNow(
  schemaDir: string,
  eventType: string,
  maxBytes: number,
  maxDepth: number,
  known: KnownSchema | undefined,
): SnapshotReadResult {
  const invalid = validateEventType(eventType);
  if (invalid !== null) {
    return { status: "problem", eventType, file: path.resolve(schemaDir), kind: "invalid-event-type", message: invalid };
  }
  const fileName = snapshotFileName(eventType);
  const { file, result: current } = readEntry(schemaDir, fileName, eventType, maxBytes, maxDepth, known);
  if (current === "missing") return { status: "missing", eventType, file, expectedFile: fileName };
  if (current.status === "problem") return { eventType, file, ...problemFields(current) };

  const history = readHistory(schemaDir, eventType, maxBytes, maxDepth, known);
  const versions: SnapshotSchema[] = [];
  for (const version of history) if (version.status === "ok") versions.push(version.schema);
  versions.push(current.schema);
  const ok = { status: "ok", eventType, file, schema: current.schema } as Omit<SnapshotOk, "text" | "json" | "history" | "versions"> &
    Partial<SnapshotOk>;
  // Not read here: a recognised snapshot's text is written again only when asked for.
  setSnapshotText(ok, current);
  ok.json = current.json;
  ok.history = history;
  ok.versions = versions;
  return ok as SnapshotOk;
}
