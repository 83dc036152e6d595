/**
 * The checks, one per rule id: the judging behind `rules/<id>.ts` (the editor and `eslint`) and
 * `openedx-events-avro check`, so that a finding reads the same, word for word and at the same
 * place, wherever it is shown. No ESLint here.
 */
import path from "node:path";
import { frozenDataClasses } from "./frozen-data-classes.js";
import { knownUnserializableSignals } from "./known-unserializable-signals.js";
import { noRemovedFields } from "./no-removed-fields.js";
import { requireSignalJsdoc } from "./require-signal-jsdoc.js";
import { schemaSnapshot } from "./schema-snapshot.js";
import { supportedFieldTypes } from "./supported-field-types.js";
import type { Check, CheckContext, Finding } from "./types.js";
import { validEventType } from "./valid-event-type.js";

const ALL: readonly Check<string, unknown>[] = [
  frozenDataClasses,
  knownUnserializableSignals,
  noRemovedFields,
  requireSignalJsdoc,
  schemaSnapshot,
  supportedFieldTypes,
  validEventType,
];

/** Every check, by rule id (`rules/<id>.ts` reports the findings of `CHECKS[id]`). */
export const CHECKS: Readonly<Record<string, Check<string, unknown>>> = Object.fromEntries(ALL.map((check) => [check.id, check]));

/**
 * What `check` finds in the file of `context`: its findings placed in that file (a finding about
 * another file is that file's to show, when it is checked).
 */
export function findingsInFile<Id extends string, Options>(check: Check<Id, Options>, context: CheckContext, options: Options): Finding<Id>[] {
  return check.run(context, options).filter((finding) => path.resolve(finding.span.file) === context.filename);
}

export { createCheckContext, type CheckedFile } from "./context.js";
export { formatMessage } from "../format-message.js";
export { frozenDataClasses, knownUnserializableSignals, noRemovedFields, requireSignalJsdoc, schemaSnapshot, supportedFieldTypes, validEventType };
export type { KnownUnserializableSignalsMessageId, KnownUnserializableSignalsOptions } from "./known-unserializable-signals.js";
export type { RequireSignalJsdocMessageId, RequireSignalJsdocOptions } from "./require-signal-jsdoc.js";
export type { SupportedFieldTypesMessageId, SupportedFieldTypesOptions } from "./supported-field-types.js";
export type { ValidEventTypeMessageId, ValidEventTypeOptions } from "./valid-event-type.js";
export type { Check, CheckConfig, CheckContext, Edit, Finding, FindingSuggestion, ReachedDataClass } from "./types.js";
