/**
 * Event type naming (openedx-events ADR 2, "Events naming and versioning"):
 *
 *     org.openedx.<subdomain>.<subject>[.<subject>…].<action>.v<N>
 *
 * ESLint-free: the `valid-event-type` rule and the CLI judge event types with the same code.
 */
import { editDistance } from "../edit-distance.js";
import { AVRO_NAME, EVENT_TYPE_SEGMENT } from "./avro-names.js";

/** One thing wrong with an event type, with what to write instead when that can be derived. */
export interface EventTypeIssue {
  readonly code:
    | "empty-segment" // leading, trailing or doubled dot
    | "invalid-character" // anything but letters, digits, `_` and `-`: no snapshot file name, no namespace
    | "not-avro-namespace" // opt-in: `-` or a leading digit, which strict Avro parsers reject in a namespace
    | "not-lower-case" // upper-case letters
    | "wrong-prefix"
    | "unknown-subdomain"
    | "missing-version"
    | "too-few-segments";
  /** The offending segment, when the issue is about one. */
  readonly segment: string | null;
  /** The event type with this issue (and only this one) fixed, when it can be derived. */
  readonly suggestion: string | null;
}

export interface EventTypeOptions {
  /** Dot-separated prefix every event type starts with. Empty: no prefix required. */
  readonly prefix: string;
  /** Allowed subdomains (the segment after the prefix); empty: any. */
  readonly subdomains: readonly string[];
  /**
   * Also require every segment to be an Avro name (no `-`, no leading digit), as strict Avro
   * parsers (avsc, Java, Confluent's registry) require of a namespace. openedx-events itself
   * writes and reads such namespaces, so this is off unless asked for.
   */
  readonly strictAvroNamespace?: boolean;
}

/** The version suffix: `v1`, `v2`, … (no `v0`, no leading zeros). */
const VERSION = /^v[1-9][0-9]*$/;

/** `courseRun`, `Course-Run` → `course_run`. */
export function toSnakeSegment(segment: string): string {
  return lowerCaseSegment(segment).replace(/-/g, "_");
}

/** `courseRun` → `course_run`, `Redemption-Reversed` → `redemption-reversed`: only the case changes. */
function lowerCaseSegment(segment: string): string {
  return segment.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/** `segment` with `replacement` in every place it stands in `segments`, joined again. */
function replaced(segments: readonly string[], segment: string, replacement: string): string {
  return segments.map((s) => (s === segment ? replacement : s)).join(".");
}

/** An Avro name for `segment` (snake case, other characters as `_`), or null when none can be derived. */
function avroSegment(segment: string): string | null {
  const fixed = toSnakeSegment(segment).replace(/[^a-z0-9_]/g, "_");
  return AVRO_NAME.test(fixed) ? fixed : null;
}

/** Every issue of `eventType`, in the order a reader meets them (left to right). */
export function analyzeEventType(eventType: string, options: EventTypeOptions): EventTypeIssue[] {
  const issues: EventTypeIssue[] = [];
  const segments = eventType.split(".");
  if (segments.some((segment) => segment === "")) {
    const fixed = segments.filter((segment) => segment !== "").join(".");
    issues.push({ code: "empty-segment", segment: null, suggestion: fixed === "" ? null : fixed });
    return issues;
  }
  const prefix = options.prefix === "" ? [] : options.prefix.split(".");
  const prefixMatches = prefix.every((part, i) => segments[i] === part);
  if (!prefixMatches) {
    issues.push({ code: "wrong-prefix", segment: null, suggestion: null });
  }
  for (const segment of segments) {
    if (!EVENT_TYPE_SEGMENT.test(segment)) {
      const fixed = avroSegment(segment);
      issues.push({ code: "invalid-character", segment, suggestion: fixed === null ? null : replaced(segments, segment, fixed) });
    } else if (options.strictAvroNamespace === true && !AVRO_NAME.test(segment)) {
      const fixed = avroSegment(segment);
      issues.push({ code: "not-avro-namespace", segment, suggestion: fixed === null ? null : replaced(segments, segment, fixed) });
    } else if (segment !== segment.toLowerCase()) {
      issues.push({ code: "not-lower-case", segment, suggestion: replaced(segments, segment, lowerCaseSegment(segment)) });
    }
  }
  const rest = prefixMatches ? segments.slice(prefix.length) : segments;
  const last = segments[segments.length - 1]!;
  const hasVersion = VERSION.test(last);
  if (!hasVersion) {
    issues.push({
      code: "missing-version",
      segment: last,
      suggestion: /^v\d+$/.test(last) ? null : `${eventType}.v1`,
    });
  }
  // subdomain, subject, action (+ the version).
  const named = hasVersion ? rest.length - 1 : rest.length;
  if (prefixMatches && named < 3) {
    issues.push({ code: "too-few-segments", segment: null, suggestion: null });
  }
  const subdomain = rest[0];
  if (prefixMatches && options.subdomains.length > 0 && subdomain !== undefined && !options.subdomains.includes(subdomain)) {
    issues.push({ code: "unknown-subdomain", segment: subdomain, suggestion: null });
  }
  return issues;
}

/** `COURSE_ENROLLMENT_CREATED`: upper-case words joined by `_`. */
export function isConstantCase(name: string): boolean {
  return /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/.test(name);
}

/** `courseEnrollmentCreated`, `course-enrollment_created` → `COURSE_ENROLLMENT_CREATED`. */
export function toConstantCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
}

/** The candidate closest to `name` by edit distance, if it is close enough to be a likely typo. */
export function closestName(name: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance || (distance === bestDistance && best !== null && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(name.length / 10)) ? best : null;
}
