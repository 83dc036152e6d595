/**
 * Where the findings about a signal go in its file: the `data` entry a change is in (its key when
 * added or renamed, its value otherwise), or the payload when the entries are declared elsewhere.
 */
import type { FieldModel, SignalDeclaration } from "../model/index.js";
import type { SourceSpan } from "../source/index.js";
import type { Group } from "./changes.js";
import { payloadSpan, replaceKey } from "./source-edits.js";
import type { EvolutionSuggestion, SignalSource } from "./types.js";

/** In the signal's file: the top-level entry the change is in (its key when added, its value otherwise), or the payload. */
export function groupSpan(group: Group, signal: SignalDeclaration, source: SignalSource, renames: ReadonlyMap<string, FieldModel>): SourceSpan {
  const top = group.dataPath[0];
  const entry = top === undefined ? undefined : signal.fields.find((field) => field.name === top);
  if (!entry) {
    const renamed = top === undefined ? undefined : renames.get(top);
    if (renamed && group.kind === "removed") return entrySpan(renamed.keySpan, signal, source);
    return payloadSpan(signal, source.program);
  }
  if ((group.kind === "added" || group.kind === "renamed") && group.dataPath.length === 1) return entrySpan(entry.keySpan, signal, source);
  return entrySpan(entry.typeSpan, signal, source);
}

export function renameBackSuggestion(signal: SignalDeclaration, source: SignalSource, key: string, oldKey: string): EvolutionSuggestion<"renameBack"> | null {
  const entry = signal.fields.find((field) => field.name === key);
  return entry && inSignalFile(entry.keySpan, signal)
    ? { messageId: "renameBack", data: { key, oldKey }, edit: replaceKey(source.text, entry.keySpan, oldKey) }
    : null;
}

export function inSignalFile(span: SourceSpan, signal: SignalDeclaration): boolean {
  return span.file === signal.file;
}

/**
 * Where a finding about a `data` entry goes: the entry, or the signal's payload when the entries
 * are declared in another file (`new OpenEdxPublicSignal<Payload>()` with an imported `Payload`),
 * since findings are reported in the file that declares the signal.
 */
export function entrySpan(span: SourceSpan, signal: SignalDeclaration, source: SignalSource): SourceSpan {
  return inSignalFile(span, signal) ? span : payloadSpan(signal, source.program);
}
