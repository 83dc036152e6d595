/**
 * The test hook of lib's process-wide caches (docs/architecture.md, "Caches"), for tests and
 * benchmarks only.
 *
 * Each cache registers here, when its module is first loaded, how to forget what it holds, each
 * work counter how to read it, and each cache that trusts what it read for a while how to change
 * that while. Tests reset, count and set time-to-lives through this one door, so the modules
 * export no `clear…`/`…Count` functions, and this module imports nothing (a module not loaded yet
 * has nothing cached and has counted nothing).
 */

/** Caches, in groups that are reset together. */
export type CacheName =
  /** Parsed source files (lib/source). */
  | "sources"
  /** File and data-class models (lib/model). */
  | "models"
  /** The project scan (lib/project). */
  | "project"
  /** Snapshots read, directory listings and resolved schema directories (lib/snapshots). */
  | "snapshots"
  /** Compatibility results and parsed schemas (lib/compat). */
  | "compatibility"
  /** avsc's verdicts on schemas, record names and field types (lib/avro). */
  | "avro";

/** How often expensive work was actually done (not served from a cache). */
export interface Counters {
  /** Source files parsed; reset with "sources". */
  readonly parses: number;
  /** Snapshot files read and parsed; reset with "snapshots". */
  readonly snapshotReads: number;
  /** Schema directories listed; reset with "snapshots". */
  readonly snapshotLists: number;
  /** Directory walks of the project scan; reset with "project". */
  readonly projectScans: number;
  /** Signal evolution checks computed in full; never reset (its cache is keyed by the signal objects): compare differences. */
  readonly signalChecks: number;
}

const clears = new Map<CacheName, (() => void)[]>();
const readers = new Map<keyof Counters, () => number>();
const timeToLives: ((ms: number | null) => void)[] = [];
let timeToLive: number | null = null;

/** Called once by each cache, beside it: `clear` forgets everything it holds and resets its counters. */
export function registerCache(name: CacheName, clear: () => void): void {
  const list = clears.get(name);
  if (list) list.push(clear);
  else clears.set(name, [clear]);
}

/** Called once by each counter, beside it. */
export function registerCounter(name: keyof Counters, read: () => number): void {
  readers.set(name, read);
}

/**
 * Called once by each cache that trusts what it read for a while: `apply(ms)` sets that while,
 * `apply(null)` restores its default. A time-to-live set before the cache registers applies to it.
 */
export function registerTimeToLive(apply: (ms: number | null) => void): void {
  timeToLives.push(apply);
  if (timeToLive !== null) apply(timeToLive);
}

/** Forgets what the named caches hold and resets their counters; every cache when none is named. */
export function resetCaches(...names: CacheName[]): void {
  const groups = names.length > 0 ? names : [...clears.keys()];
  for (const name of groups) for (const clear of clears.get(name) ?? []) clear();
}

/** The counters now (0 for a module not loaded yet). */
export function counters(): Counters {
  const read = (name: keyof Counters): number => readers.get(name)?.() ?? 0;
  return {
    parses: read("parses"),
    snapshotReads: read("snapshotReads"),
    snapshotLists: read("snapshotLists"),
    projectScans: read("projectScans"),
    signalChecks: read("signalChecks"),
  };
}

/**
 * How long every cache that trusts what it read (the project scan, snapshots, directory
 * listings) may go without looking at the disk again: 0 looks every time, as tests need since
 * they change files between runs; null restores the defaults.
 */
export function setCacheTimeToLive(ms: number | null): void {
  timeToLive = ms;
  for (const apply of timeToLives) apply(ms);
}
