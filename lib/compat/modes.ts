/**
 * Confluent Schema Registry compatibility modes over a version history. The mode names are the
 * settings' vocabulary (lib/settings.ts), re-exported by lib/compat.
 */
import { isCompatibilityMode, type CompatibilityMode } from "../settings.js";
import { checkCompatibility } from "./check.js";
import type { CompatibilityFinding } from "./types.js";

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
