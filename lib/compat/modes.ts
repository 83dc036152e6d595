/**
 * Confluent Schema Registry compatibility modes over a version history.
 * BACKWARD: the new schema reads data written with an old one (consumers
 * upgrade first). FORWARD: an old schema reads data written with the new one
 * (producers upgrade first). FULL: both. Without _TRANSITIVE only the latest
 * previous version is checked.
 */
import { checkCompatibility } from "./check.js";
import type { CompatibilityFinding } from "./types.js";

export const COMPATIBILITY_MODES = Object.freeze([
  "NONE",
  "BACKWARD",
  "BACKWARD_TRANSITIVE",
  "FORWARD",
  "FORWARD_TRANSITIVE",
  "FULL",
  "FULL_TRANSITIVE",
] as const);

export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];
export type CompatibilityDirection = "backward" | "forward";

export interface ModeCheck {
  /** Index into the `previous` array passed to checkMode. */
  readonly previousIndex: number;
  /** backward: reader = next, writer = previous; forward: the other way round. */
  readonly direction: CompatibilityDirection;
  readonly compatible: boolean;
  readonly findings: readonly CompatibilityFinding[];
  /** See CompatibilityResult.findingCount. */
  readonly findingCount: number;
}

export interface ModeResult {
  readonly mode: CompatibilityMode;
  readonly compatible: boolean;
  /** Every check performed, ordered by previous index, backward before forward. */
  readonly checks: readonly ModeCheck[];
  /** The failing subset of `checks`. */
  readonly failures: readonly ModeCheck[];
  /** Sorted indices into `previous` that `next` breaks in any checked direction. */
  readonly breakingVersions: readonly number[];
}

export function isCompatibilityMode(x: unknown): x is CompatibilityMode {
  return typeof x === "string" && (COMPATIBILITY_MODES as readonly string[]).includes(x);
}

/**
 * Checks `next` against the history `previous` (oldest first, so the last
 * element is the latest registered version). Throws only for an unknown mode.
 */
export function checkMode(mode: CompatibilityMode, next: unknown, previous: readonly unknown[]): ModeResult {
  if (!isCompatibilityMode(mode)) throw new RangeError(`unknown compatibility mode: ${String(mode)}`);
  const directions: CompatibilityDirection[] =
    mode === "NONE" ? [] : mode.startsWith("BACKWARD") ? ["backward"] : mode.startsWith("FORWARD") ? ["forward"] : ["backward", "forward"];
  const transitive = mode.endsWith("_TRANSITIVE");
  const indices = previous.length === 0 ? [] : transitive ? previous.map((_, index) => index) : [previous.length - 1];

  const checks: ModeCheck[] = [];
  for (const previousIndex of indices) {
    const old = previous[previousIndex];
    for (const direction of directions) {
      const result = direction === "backward" ? checkCompatibility(next, old) : checkCompatibility(old, next);
      checks.push(Object.freeze({ previousIndex, direction, compatible: result.compatible, findings: result.findings, findingCount: result.findingCount }));
    }
  }
  const failures = checks.filter((check) => !check.compatible);
  const breakingVersions = [...new Set(failures.map((check) => check.previousIndex))];
  return Object.freeze({
    mode,
    compatible: failures.length === 0,
    checks: Object.freeze(checks),
    failures: Object.freeze(failures),
    breakingVersions: Object.freeze(breakingVersions),
  });
}
