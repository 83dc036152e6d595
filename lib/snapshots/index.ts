/**
 * Snapshot files: naming, safe reading (with history) and safe writing.
 * No ESLint here; every problem a user's files can cause is a value.
 */
export {
  EVENT_TYPE_MAX_LENGTH,
  InvalidEventTypeError,
  eventTypeFromFileName,
  historyFileName,
  snapshotFileName,
  validateEventType,
  type ParsedSnapshotFileName,
} from "./naming.js";
export { resolveSnapshotPath, type ResolveOptions, type ResolvedSnapshotPath } from "./paths.js";
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_DEPTH,
  SCHEMA_FILE_LIMITS,
  SCHEMA_FILE_LIMITS_TEXT,
  depthProblem,
  schemaTextProblem,
  sizeProblem,
  type LimitProblem,
  type TooDeep,
  type TooLarge,
  type SchemaFileLimits,
} from "./limits.js";
export { parseSnapshotText, type KnownSchema, type ParsedSnapshot, type SnapshotProblemKind, type SnapshotSchema } from "./parse.js";
export {
  readSnapshot,
  type ReadOptions,
  type SnapshotMissing,
  type SnapshotOk,
  type SnapshotProblem,
  type SnapshotReadResult,
  type SnapshotVersion,
} from "./read.js";
export { knownSchema } from "./known.js";
export { listSnapshots } from "./listing.js";
export { writeSnapshot, type WriteOptions, type WriteResult } from "./write.js";
