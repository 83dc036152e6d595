/**
 * Which snapshots and history versions a schema directory holds.
 *
 * Listings are cached per real directory and revalidated by the directory's
 * mtime, which changes whenever an entry is added, removed or renamed, at most
 * once per `snapshotFreshness.ttlMs`: an editor sees a new snapshot without a
 * restart, and a lint run lists each directory once.
 */
import fs from "node:fs";
import { registerCache, registerCounter } from "../testing.js";
import { snapshotFreshness } from "./freshness.js";
import { eventTypeFromFileName } from "./naming.js";
import { realSchemaDir } from "./paths.js";

interface EventFiles {
  current: string | null;
  /** version → file name; null when there is none (most event types: an empty map each would cost more than its file names). */
  history: Map<number, string> | null;
}

interface Listing {
  mtimeMs: number;
  ino: number;
  /** When the directory was last seen with this mtime and inode (`Date.now()`). */
  checkedAt: number;
  byEventType: Map<string, EventFiles>;
}

const listings = new Map<string, Listing>();
let listCount = 0;

function readListing(dir: string): Listing | null {
  const now = Date.now();
  const recent = listings.get(dir);
  if (recent !== undefined && now - recent.checkedAt < snapshotFreshness.ttlMs) return recent;
  let stats: fs.Stats;
  try {
    stats = fs.statSync(dir);
  } catch {
    return null;
  }
  if (!stats.isDirectory()) return null;
  const cached = listings.get(dir);
  if (cached !== undefined && cached.mtimeMs === stats.mtimeMs && cached.ino === stats.ino) {
    cached.checkedAt = now;
    return cached;
  }

  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  listCount++;
  const byEventType = new Map<string, EventFiles>();
  for (const entry of entries) {
    // Directories can never be snapshots; symlinks are kept so reading can explain why they are refused.
    if (entry.isDirectory()) continue;
    const parsed = eventTypeFromFileName(entry.name);
    if (parsed === null) continue;
    let files = byEventType.get(parsed.eventType);
    if (files === undefined) {
      files = { current: null, history: null };
      byEventType.set(parsed.eventType, files);
    }
    if (parsed.version === null) files.current = entry.name;
    else (files.history ??= new Map()).set(parsed.version, entry.name);
  }
  const listing: Listing = { mtimeMs: stats.mtimeMs, ino: stats.ino, checkedAt: now, byEventType };
  listings.set(dir, listing);
  return listing;
}

/** Event types that have a current snapshot in `schemaDir`, sorted. Unrelated files are ignored; a missing directory lists nothing. */
export function listSnapshots(schemaDir: string): string[] {
  const listing = readListing(realSchemaDir(schemaDir));
  if (listing === null) return [];
  return [...listing.byEventType]
    .filter(([, files]) => files.current !== null)
    .map(([eventType]) => eventType)
    .sort();
}

/** History files of `eventType`, oldest first (numeric order: v2 before v10). */
export function historyFiles(schemaDir: string, eventType: string): { version: number; fileName: string }[] {
  const listing = readListing(realSchemaDir(schemaDir));
  const history = listing?.byEventType.get(eventType)?.history;
  if (history === undefined || history === null) return [];
  return [...history]
    .sort(([a], [b]) => a - b)
    .map(([version, fileName]) => ({ version, fileName }));
}

/** Drops the cached listing of a directory (writers call this so coarse mtimes cannot hide their change). */
export function clearListingCache(realDir: string): void {
  listings.delete(realDir);
}

registerCache("snapshots", () => {
  listings.clear();
  listCount = 0;
});
registerCounter("snapshotLists", () => listCount);
