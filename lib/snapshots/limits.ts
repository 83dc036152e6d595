/**
 * The one limit on schema files, in bytes and in JSON nesting.
 *
 * The reader refuses files beyond it: a hostile or broken file must not exhaust memory, nor the
 * stack of `JSON.parse` and avsc, which recurse. The writer refuses to write one, so that
 * `generate` never writes a snapshot that `check` and the rules then refuse. Both, and `compat`,
 * measure with the functions below, so they cannot disagree.
 */
import { measureNesting } from "./json.js";

function count(n: number): string {
  return n.toLocaleString("en-US");
}

export interface SchemaFileLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
}

/**
 * Far beyond real event schemas (those of openedx-events under tests/fixtures/python-schemas are
 * under 3 kB and nest at most 12 levels), far below what would strain memory or the stack.
 */
export const SCHEMA_FILE_LIMITS: SchemaFileLimits = Object.freeze({ maxBytes: 5 * 1024 * 1024, maxDepth: 64 });

/** For help texts: "5 MiB (5,242,880 bytes) or 64 levels of nesting". */
export const SCHEMA_FILE_LIMITS_TEXT = `${SCHEMA_FILE_LIMITS.maxBytes / 1024 / 1024} MiB (${count(SCHEMA_FILE_LIMITS.maxBytes)} bytes) or ${SCHEMA_FILE_LIMITS.maxDepth} levels of nesting`;

export const DEFAULT_MAX_BYTES = SCHEMA_FILE_LIMITS.maxBytes;
export const DEFAULT_MAX_DEPTH = SCHEMA_FILE_LIMITS.maxDepth;

interface LimitProblemBase {
  /** The limit passed. */
  readonly limit: number;
  /** What the text measures: its bytes, or how deep it nests. */
  readonly measured: number;
  /** What is over, as a predicate: "is 6,291,456 bytes, over the 5,242,880-byte limit for schema files". */
  readonly reason: string;
  /** How to stay under it, for a schema generated from a signal. */
  readonly fix: string;
}

export type TooLarge = LimitProblemBase & { readonly kind: "too-large" };
/** `offset`: where the text opens the first level over the limit. */
export type TooDeep = LimitProblemBase & { readonly kind: "too-deep"; readonly offset: number };
export type LimitProblem = TooLarge | TooDeep;

/** A file of `bytes` bytes, against the size limit. */
export function sizeProblem(bytes: number, maxBytes: number = SCHEMA_FILE_LIMITS.maxBytes): TooLarge | null {
  if (bytes <= maxBytes) return null;
  return {
    kind: "too-large",
    limit: maxBytes,
    measured: bytes,
    reason: `is ${count(bytes)} bytes, over the ${count(maxBytes)}-byte limit for schema files`,
    fix: "Make the payload smaller: fewer or shorter fields, fewer data classes",
  };
}

/** `text` against the depth limit, measured without recursion (any text, JSON or not). */
export function depthProblem(text: string, maxDepth: number = SCHEMA_FILE_LIMITS.maxDepth): TooDeep | null {
  const { depth, overAt } = measureNesting(text, maxDepth);
  if (overAt === null) return null;
  return {
    kind: "too-deep",
    limit: maxDepth,
    measured: depth,
    offset: overAt,
    reason: `nests ${count(depth)} levels deep, over the ${count(maxDepth)}-level limit for schema files`,
    fix: "Make the payload flatter: fewer data classes nested inside one another",
  };
}

/** The whole text of a schema file, as it is or would be written, against both limits (size first). */
export function schemaTextProblem(text: string, limits: SchemaFileLimits = SCHEMA_FILE_LIMITS): LimitProblem | null {
  return sizeProblem(Buffer.byteLength(text, "utf8"), limits.maxBytes) ?? depthProblem(text, limits.maxDepth);
}
