/**
 * The ADR's top-level rules (no-removed-fields): a `data` key of the snapshot is never removed,
 * renamed or retyped, and new keys are required, except where the mode check (schema-snapshot)
 * already reports the key.
 */
import type { FieldModel, SignalDeclaration } from "../model/index.js";
import type { SnapshotOk } from "../snapshots/index.js";
import { displayPath } from "../display-path.js";
import type { NoRemovedFieldsMessageId } from "./messages.js";
import { entrySpan, renameBackSuggestion } from "./places.js";
import { describeShape, namesOf, pairRenames, recordFields, shapeChange, shapeOfField, shapeOfJson, unwrapNullable } from "./shapes.js";
import { nextEventType, payloadSpan } from "./source-edits.js";
import type { EvolutionOptions, EvolutionReport, EvolutionSuggestion, SignalSource } from "./types.js";

/** Removed snapshot key → the current key that looks like it under a new name (same place or only change, same type). */
export function topLevelRenames(signal: SignalDeclaration, read: SnapshotOk): Map<string, FieldModel> {
  return pairRenames(recordFields(read.schema), signal.fields, namesOf(read.schema));
}

export function topLevelReports(
  signal: SignalDeclaration,
  read: SnapshotOk,
  source: SignalSource,
  renames: ReadonlyMap<string, FieldModel>,
  covered: ReadonlySet<string>,
  bump: EvolutionSuggestion<"bumpEventType"> | null,
  options: EvolutionOptions,
): EvolutionReport<NoRemovedFieldsMessageId>[] {
  const eventType = signal.eventType!;
  const file = displayPath(options.cwd, read.file);
  const names = namesOf(read.schema);
  const reports: EvolutionReport<NoRemovedFieldsMessageId>[] = [];
  const next = nextEventType(eventType);
  const renamedTo = new Set(renames.values());
  for (const previous of recordFields(read.schema)) {
    const old = shapeOfJson(previous.type, names);
    const entry = signal.fields.find((field) => field.name === previous.name);
    if (!entry) {
      const renamed = renames.get(previous.name);
      // A rename is a removal first: reported here unless the mode check already reports the removal.
      if (covered.has(previous.name)) continue;
      if (renamed) {
        const back = renameBackSuggestion(signal, source, renamed.name, previous.name);
        reports.push({
          messageId: "renamedKey",
          data: { key: renamed.name, oldKey: previous.name, old: describeShape(old), eventType, file, nextEventType: next },
          span: entrySpan(renamed.keySpan, signal, source),
          suggestions: [...(back ? [back] : []), ...(bump ? [bump] : [])],
        });
      } else {
        reports.push({
          messageId: "removedKey",
          data: { key: previous.name, old: describeShape(old), eventType, file, nextEventType: next },
          span: payloadSpan(signal, source.program),
          suggestions: bump ? [bump] : [],
        });
      }
      continue;
    }
    const now = shapeOfField(entry.type);
    if (now === null || covered.has(entry.name) || shapeChange(old, now) === "same") continue;
    reports.push({
      messageId: "retypedKey",
      data: { key: entry.name, old: describeShape(old), new: describeShape(now), eventType, file, nextEventType: next },
      span: entrySpan(entry.typeSpan, signal, source),
      suggestions: bump ? [bump] : [],
    });
  }
  const before = new Set(recordFields(read.schema).map((field) => field.name));
  for (const entry of signal.fields) {
    if (before.has(entry.name) || renamedTo.has(entry)) continue;
    const now = shapeOfField(entry.type);
    if (now === null || !unwrapNullable(now).nullable) continue;
    reports.push({
      messageId: "addedNullable",
      data: { key: entry.name, new: describeShape(now), eventType, file },
      span: entrySpan(entry.typeSpan, signal, source),
      suggestions: [],
    });
  }
  return reports;
}
