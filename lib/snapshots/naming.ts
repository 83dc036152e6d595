/**
 * Event type ⇄ snapshot file name.
 *
 * The file names must match what the Python `openedx-events` library writes
 * (`<event_type with "." → "+">_schema.avsc`) so one schema directory can be
 * shared by both. Event types come from user source code, so they are
 * validated before they ever become part of a path.
 */
import { EVENT_TYPE_SEGMENT } from "../naming/avro-names.js";

/** Longest event type accepted: its longest file name (`…_schema.v99999.avsc`) stays within NAME_MAX (255 bytes). */
export const EVENT_TYPE_MAX_LENGTH = 235;

const SNAPSHOT_SUFFIX = "_schema.avsc";
/** `<base>_schema.avsc` or `<base>_schema.v<N>.avsc`, N ≥ 1 without leading zeros. */
const FILE_NAME = /^([A-Za-z0-9_+-]+)_schema(?:\.v([1-9][0-9]*))?\.avsc$/;

/** Thrown only when a caller skipped {@link validateEventType}: a programming error, not user input. */
export class InvalidEventTypeError extends Error {
  override readonly name = "InvalidEventTypeError";
  constructor(
    readonly eventType: string,
    readonly reason: string,
  ) {
    super(`Invalid event type ${JSON.stringify(eventType)}: ${reason}`);
  }
}

/**
 * Returns null when `eventType` is well-formed, otherwise a one-sentence reason.
 * Well-formed: at least two dot-separated segments of `[A-Za-z0-9_-]+`, at most
 * {@link EVENT_TYPE_MAX_LENGTH} characters. This excludes everything that could
 * change the meaning of a path (`/`, `\`, `..`, NUL, leading dots) and `+`,
 * which would make the file name ambiguous.
 */
export function validateEventType(eventType: string): string | null {
  if (typeof eventType !== "string") return "The event type must be a string.";
  if (eventType.length === 0) return "The event type is empty.";
  if (eventType.length > EVENT_TYPE_MAX_LENGTH) {
    return `The event type is ${eventType.length} characters long; at most ${EVENT_TYPE_MAX_LENGTH} are allowed.`;
  }
  const segments = eventType.split(".");
  // Characters first: "a/b" is better explained by its "/" than by its segment count.
  for (const segment of segments) {
    if (segment.length === 0) {
      return "The event type has an empty segment (a leading, trailing or doubled dot).";
    }
    if (!EVENT_TYPE_SEGMENT.test(segment)) {
      return `The event type segment ${JSON.stringify(segment)} may only contain letters, digits, "_" and "-".`;
    }
  }
  if (segments.length < 2) {
    return 'The event type must have at least two dot-separated segments, like "org.openedx.learning.course.enrollment.created.v1".';
  }
  return null;
}

function assertValid(eventType: string): void {
  const reason = validateEventType(eventType);
  if (reason !== null) throw new InvalidEventTypeError(eventType, reason);
}

function baseName(eventType: string): string {
  return eventType.replaceAll(".", "+");
}

/** `org.openedx.x.v1` → `org+openedx+x+v1_schema.avsc`. */
export function snapshotFileName(eventType: string): string {
  assertValid(eventType);
  return baseName(eventType) + SNAPSHOT_SUFFIX;
}

/** The n-th older version (1 = oldest): `org+openedx+x+v1_schema.v<n>.avsc`. */
export function historyFileName(eventType: string, n: number): string {
  assertValid(eventType);
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`History version must be an integer ≥ 1, got ${n}.`);
  }
  return `${baseName(eventType)}_schema.v${n}.avsc`;
}

export interface ParsedSnapshotFileName {
  eventType: string;
  /** null for the current snapshot, N for `_schema.vN.avsc`. */
  version: number | null;
}

/**
 * Parses a snapshot or history file name (a bare name or a path; only the last
 * component counts). Returns null for anything that {@link snapshotFileName} /
 * {@link historyFileName} would not have produced, so stray files are ignored.
 */
export function eventTypeFromFileName(file: string): ParsedSnapshotFileName | null {
  const name = file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);
  const match = FILE_NAME.exec(name);
  if (match === null) return null;
  const eventType = (match[1] ?? "").replaceAll("+", ".");
  if (validateEventType(eventType) !== null) return null;
  const version = match[2] === undefined ? null : Number(match[2]);
  if (version !== null && !Number.isSafeInteger(version)) return null;
  return { eventType, version };
}
