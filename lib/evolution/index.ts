/**
 * Schema evolution: a signal's generated schema against its snapshot(s) under a compatibility
 * mode, the ADR's top-level rules, and frozen data classes — each finding mapped back to the
 * source. No ESLint here: the rules and the CLI's `check` share it.
 */
import { registerCounter } from "../testing.js";
import { signalCheckCount } from "./signal-check.js";

registerCounter("signalChecks", signalCheckCount);

export { checkSignalEvolution, type SignalEvolution } from "./signal-check.js";
export { checkFrozenDataClass } from "./frozen.js";
export {
  FROZEN_DATA_CLASSES_MESSAGES,
  NO_REMOVED_FIELDS_MESSAGES,
  SCHEMA_SNAPSHOT_MESSAGES,
  formatMessage,
  listText,
  type FrozenDataClassesMessageId,
  type NoRemovedFieldsMessageId,
  type SchemaSnapshotMessageId,
} from "./messages.js";
export { placeOfFinding, formatFindingPath, type FindingPlace } from "./finding-path.js";
export { nextEventType, nodePathWithRange, payloadSpan, replaceKey, replaceStringLiteral, type SourceEdit } from "./source-edits.js";
export { generateCommand } from "./display.js";
export { displayPath } from "../display-path.js";
export { entrySpan } from "./places.js";
export type { EvolutionOptions, EvolutionReport, EvolutionSuggestion, SignalSource } from "./types.js";
