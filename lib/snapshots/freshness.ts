import { registerTimeToLive } from "../testing.js";

/**
 * How long what was read from the schema directory (a snapshot, the directory's listing) is
 * trusted without looking at the disk again, in milliseconds. An editor re-lints on every
 * keystroke; snapshots change only when someone generates them (and `generate` in the same
 * process forgets what it replaced), so a second of staleness costs nothing and saves every
 * file-system call. Tests set it to 0 (lib/testing.ts).
 */
export const snapshotFreshness = { ttlMs: 1_000 };
registerTimeToLive((ms) => (snapshotFreshness.ttlMs = ms ?? 1_000));
