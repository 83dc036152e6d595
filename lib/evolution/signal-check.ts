/**
 * A signal against its snapshot(s): the compatibility mode (schema-snapshot) and the ADR's
 * top-level rules (no-removed-fields), with every finding mapped back to the source.
 */
import { formatSchema, type CloudEventSchema, type SchemaResult } from "../avro/index.js";
import { checkMode, type CompatibilityDirection, type CompatibilityFinding, type CompatibilityMode, type ModeResult } from "../compat/index.js";
import type { DataClassModel, FieldModel, FieldType, SignalDeclaration } from "../model/index.js";
import { schemaDirectory } from "../settings.js";
import { knownSchema, readSnapshot, schemaTextProblem, type SnapshotOk, type SnapshotReadResult } from "../snapshots/index.js";
import type { SourceSpan } from "../source/index.js";
import { displayLocation, displayPath, generateCommand } from "./display.js";
import { placeOfFinding } from "./finding-path.js";
import type { NoRemovedFieldsMessageId, SchemaSnapshotMessageId } from "./messages.js";
import {
  namesOf,
  pairRenames,
  describeShape,
  formatDataPath,
  recordFields,
  shapeChange,
  shapeKey,
  shapeOfField,
  shapeOfJson,
  unwrapNullable,
  type Shape,
} from "./shapes.js";
import { nextEventType, payloadSpan, replaceKey, replaceStringLiteral } from "./source-edits.js";
import type { EvolutionOptions, EvolutionReport, EvolutionSuggestion, SignalSource } from "./types.js";

export interface SignalEvolution {
  /**
   * `skipped`: not checked (no literal event type, an invalid one, listed in
   * knownUnserializableSignals, or a schema with problems: other rules report those);
   * `missing` / `bad`: the snapshot; `checked`: compared.
   */
  readonly status: "skipped" | "missing" | "bad" | "checked";
  readonly eventType: string | null;
  /** schema-snapshot: snapshot problems and mode incompatibilities. */
  readonly snapshot: readonly EvolutionReport<SchemaSnapshotMessageId>[];
  /** no-removed-fields: the ADR's top-level rules, except where `snapshot` already reports the key. */
  readonly topLevel: readonly EvolutionReport<NoRemovedFieldsMessageId>[];
}

type ChangeKind = "added" | "removed" | "renamed" | "retyped" | "became-nullable" | "no-longer-nullable" | "other";

interface Version {
  /** As shown: relative to cwd when inside it. */
  readonly file: string;
  readonly stored: boolean;
  readonly schema: unknown;
  /** The stored schema as compact JSON, to recognise a version identical to the generated schema. */
  readonly json: string;
}

interface Located {
  readonly version: number;
  readonly direction: CompatibilityDirection;
  readonly finding: CompatibilityFinding;
  readonly dataPath: readonly string[];
  readonly kind: ChangeKind;
  readonly old: Shape | null;
  readonly new: Shape | null;
}

interface Group {
  readonly kind: ChangeKind;
  readonly dataPath: readonly string[];
  /** For a rename: the old data path (`dataPath` is the new one). */
  readonly from?: readonly string[];
  /** Other data paths to the same field of the same data class (a class reached twice), same change. */
  readonly also?: readonly string[];
  readonly old: Shape | null;
  readonly new: Shape | null;
  readonly message: string;
  readonly versions: Set<number>;
  readonly directions: Set<CompatibilityDirection>;
}

interface CacheEntry {
  readonly fingerprint: readonly unknown[];
  readonly result: SignalEvolution;
}

const cache = new WeakMap<SignalDeclaration, CacheEntry>();
let checks = 0;

/** Number of signal checks computed in full (not served from the cache, nor an unchanged snapshot) since the process started: tests. */
export function signalCheckCount(): number {
  return checks;
}

const SKIPPED = (eventType: string | null): SignalEvolution => ({ status: "skipped", eventType, snapshot: [], topLevel: [] });
const UNCHANGED = (eventType: string): SignalEvolution => ({ status: "checked", eventType, snapshot: [], topLevel: [] });

/**
 * Checks one signal against its snapshot(s). Never throws for anything a user's files can do;
 * the result is cached per signal while the snapshot files and settings stay the same, so the
 * rules sharing it pay once.
 */
export function checkSignalEvolution(
  signal: SignalDeclaration,
  schemaResult: SchemaResult,
  source: SignalSource,
  options: EvolutionOptions,
): SignalEvolution {
  const { settings, cwd } = options;
  const eventType = signal.eventType;
  if (eventType === null || settings.knownUnserializableSignals.includes(eventType)) return SKIPPED(eventType);
  const schemaDir = schemaDirectory(settings, cwd);
  const read = readSnapshot(schemaDir, eventType, { known: knownSchema(schemaResult) });
  if (read.status === "problem" && read.kind === "invalid-event-type") return SKIPPED(eventType);

  const fingerprint = [settings, cwd, source.text, schemaResult, ...snapshotIdentity(read)];
  const cached = cache.get(signal);
  if (cached && cached.fingerprint.length === fingerprint.length && cached.fingerprint.every((item, i) => item === fingerprint[i])) {
    return cached.result;
  }
  // The usual case: one snapshot, the schema generated now. Every mode accepts it and no key moved.
  const unchanged = read.status === "ok" && read.history.length === 0 && schemaResult.json !== null && read.json === schemaResult.json;
  if (!unchanged) checks++;
  const result = unchanged ? UNCHANGED(eventType) : check(signal, schemaResult, source, options, read);
  cache.set(signal, { fingerprint, result });
  return result;
}

/**
 * `checkMode`, without parsing the versions that are identical to the generated schema (the
 * usual case: nothing changed), which every mode accepts.
 */
function checkModeSkippingIdentical(mode: CompatibilityMode, schema: CloudEventSchema, json: string, versions: readonly Version[]): ModeResult {
  const changed = versions.map((version, index) => ({ version, index })).filter(({ version }) => version.json !== json);
  const transitive = mode.endsWith("_TRANSITIVE");
  const latestChanged = changed.length > 0 && changed[changed.length - 1]!.index === versions.length - 1;
  if (changed.length === 0 || (!transitive && !latestChanged)) return checkMode(mode, schema, []);
  const result = checkMode(mode, schema, changed.map(({ version }) => version.schema));
  // Back to the indices of `versions`.
  const reindex = <T extends { previousIndex: number }>(check: T): T => ({ ...check, previousIndex: changed[check.previousIndex]!.index });
  return {
    ...result,
    checks: result.checks.map(reindex),
    failures: result.failures.map(reindex),
    breakingVersions: result.breakingVersions.map((index) => changed[index]!.index),
  };
}

function snapshotIdentity(read: SnapshotReadResult): unknown[] {
  if (read.status !== "ok") return [read.status, read.file, read.status === "problem" ? read.message : ""];
  return [read.schema, ...read.history.map((version) => (version.status === "ok" ? version.schema : version.message))];
}

function check(
  signal: SignalDeclaration,
  schemaResult: SchemaResult,
  source: SignalSource,
  options: EvolutionOptions,
  read: SnapshotReadResult,
): SignalEvolution {
  const { settings, cwd } = options;
  const eventType = signal.eventType!;
  const signalSpan = signal.eventTypeSpan ?? signal.constantSpan ?? signal.span;
  const schema = schemaResult.schema;
  const snapshot: EvolutionReport<SchemaSnapshotMessageId>[] = [];

  // A schema over the limits of schema files can have no snapshot: say that, rather than "write
  // it with generate" (which refuses) or "the snapshot is too deep" (the one generate once wrote).
  const overLimit = schema && (read.status !== "ok" || read.json !== schemaResult.json) ? schemaTextProblem(formatSchema(schema)) : null;
  if (overLimit) {
    snapshot.push({
      messageId: "schemaOverLimit",
      data: { eventType, problem: overLimit.reason, fix: overLimit.fix },
      span: signalSpan,
      suggestions: [],
    });
    if (read.status !== "ok") return { status: read.status === "missing" ? "missing" : "bad", eventType, snapshot, topLevel: [] };
  }

  if (read.status === "missing") {
    if (schema) {
      snapshot.push({
        messageId: "missingSnapshot",
        data: { eventType, file: displayPath(cwd, read.file), command: generateCommand(settings, cwd, eventType) },
        span: signalSpan,
        suggestions: [],
      });
    }
    return { status: "missing", eventType, snapshot, topLevel: [] };
  }
  if (read.status === "problem") {
    if (schema) {
      snapshot.push({
        messageId: "badSnapshot",
        data: {
          eventType,
          file: displayPath(cwd, read.file),
          problem: problemText(read.message, read.line, read.column, read.kind),
          command: generateCommand(settings, cwd, eventType, true),
        },
        span: signalSpan,
        suggestions: [],
      });
    }
    return { status: "bad", eventType, snapshot, topLevel: [] };
  }

  const mode = settings.compatibility;
  const renames = topLevelRenames(signal, read);
  const bump = bumpSuggestion(signal, source);
  const covered = new Set<string>();
  if (schema && mode !== "NONE") {
    const transitive = mode.endsWith("_TRANSITIVE");
    const versions: Version[] = [];
    if (transitive) {
      for (const version of read.history) {
        if (version.status === "ok") {
          versions.push({ file: displayPath(cwd, version.file), stored: true, schema: version.schema, json: version.json });
        } else {
          snapshot.push({
            messageId: "badHistory",
            data: { eventType, file: displayPath(cwd, version.file), mode, problem: problemText(version.message, version.line, version.column, version.kind) },
            span: signalSpan,
            suggestions: [],
          });
        }
      }
    }
    versions.push({ file: displayPath(cwd, read.file), stored: false, schema: read.schema, json: read.json });
    const result = checkModeSkippingIdentical(mode, schema, schemaResult.json!, versions);
    const located: Located[] = [];
    const invalid = new Map<number, string>();
    for (const failure of result.failures) {
      const version = versions[failure.previousIndex]!;
      for (const finding of failure.findings) {
        if (finding.kind === "invalid-schema" || finding.kind === "too-complex") {
          if (!invalid.has(failure.previousIndex)) invalid.set(failure.previousIndex, finding.message);
          continue;
        }
        located.push(locate(failure.previousIndex, failure.direction, finding, version.schema, schema));
      }
    }
    for (const [index, message] of invalid) {
      const version = versions[index]!;
      snapshot.push(
        version.stored
          ? { messageId: "badHistory", data: { eventType, file: version.file, mode, problem: message }, span: signalSpan, suggestions: [] }
          : {
              messageId: "badSnapshot",
              data: { eventType, file: version.file, problem: message, command: generateCommand(settings, cwd, eventType, true) },
              span: signalSpan,
              suggestions: [],
            },
      );
    }
    for (const group of mergeSameField(mergeRenames(groupFindings(located), renames), signal)) {
      for (const path of [group.dataPath, group.from ?? []]) if (path[0] !== undefined) covered.add(path[0]);
      const back =
        group.kind === "renamed" && group.dataPath.length === 1 ? renameBackSuggestion(signal, source, group.dataPath[0]!, group.from![0]!) : null;
      snapshot.push({
        messageId: "incompatible",
        data: {
          eventType,
          mode,
          change: changeText(group, signal, renames, cwd),
          against: againstText([...group.versions].sort((a, b) => a - b).map((i) => versions[i]!)),
          why: whyText(mode, group),
          fix: fixText(group),
          nextEventType: nextEventType(eventType),
        },
        span: groupSpan(group, signal, source, renames),
        suggestions: [...(back ? [back] : []), ...(bump ? [bump] : [])],
      });
    }
  }

  return { status: "checked", eventType, snapshot, topLevel: topLevelReports(signal, read, source, renames, covered, bump, options) };
}

function problemText(message: string, line?: number, column?: number, kind?: string): string {
  const at = line === undefined ? "" : ` (line ${line}${column === undefined ? "" : `, column ${column}`})`;
  // The parser's own words quote the text around the error, newlines included: the position says it better.
  if (kind === "not-json") return `The snapshot is not valid JSON${at}.`;
  if (line === undefined) return message;
  return `${message.replace(/\.$/, "")}${at}.`;
}

/** The suggestion that publishes the change under the next version of the event type. */
function bumpSuggestion(signal: SignalDeclaration, source: SignalSource): EvolutionSuggestion<"bumpEventType"> | null {
  if (signal.eventType === null || signal.eventTypeSpan === null) return null;
  const next = nextEventType(signal.eventType);
  const edit = replaceStringLiteral(source.text, signal.eventTypeSpan, next);
  return edit && { messageId: "bumpEventType", data: { nextEventType: next }, edit };
}

function renameBackSuggestion(signal: SignalDeclaration, source: SignalSource, key: string, oldKey: string): EvolutionSuggestion<"renameBack"> | null {
  const entry = signal.fields.find((field) => field.name === key);
  return entry && inSignalFile(entry.keySpan, signal)
    ? { messageId: "renameBack", data: { key, oldKey }, edit: replaceKey(source.text, entry.keySpan, oldKey) }
    : null;
}

function inSignalFile(span: SourceSpan, signal: SignalDeclaration): boolean {
  return span.file === signal.file;
}

/**
 * Where a finding about a `data` entry goes: the entry, or the signal's payload when the entries
 * are declared in another file (`new OpenEdxPublicSignal<Payload>()` with an imported `Payload`),
 * since findings are reported in the file that declares the signal.
 */
function entrySpan(span: SourceSpan, signal: SignalDeclaration, source: SignalSource): SourceSpan {
  return inSignalFile(span, signal) ? span : payloadSpan(signal, source.program);
}

// ---------------------------------------------------------------------------------------------
// Compat findings → changes

function locate(
  version: number,
  direction: CompatibilityDirection,
  finding: CompatibilityFinding,
  previous: unknown,
  next: unknown,
): Located {
  const forward = direction === "forward";
  const reader = forward ? previous : next;
  const writer = forward ? next : previous;
  const place = placeOfFinding(finding.path, reader, writer);
  const base = { version, direction, finding, dataPath: place.dataPath };
  if (!place.complete) return { ...base, kind: "other", old: null, new: null };
  const oldType = forward ? place.reader : place.writer;
  const newType = forward ? place.writer : place.reader;
  const oldShape = oldType === undefined ? null : shapeOfJson(oldType, namesOf(previous));
  const newShape = newType === undefined ? null : shapeOfJson(newType, namesOf(next));
  if (oldShape === null && newShape !== null) return { ...base, kind: "added", old: null, new: newShape };
  if (newShape === null && oldShape !== null) return { ...base, kind: "removed", old: oldShape, new: null };
  if (oldShape === null || newShape === null) return { ...base, kind: "other", old: null, new: null };
  const change = shapeChange(oldShape, newShape);
  return { ...base, kind: change === "same" ? "other" : change, old: oldShape, new: newShape };
}

function isUnder(path: readonly string[], prefix: readonly string[]): boolean {
  return path.length > prefix.length && prefix.every((segment, i) => path[i] === segment);
}

/**
 * One group per change, whatever the number of versions and directions it breaks. Findings
 * inside a field whose type was replaced (another record) are that replacement, not news.
 */
function groupFindings(located: readonly Located[]): Group[] {
  const replaced = located.filter((l) => l.kind === "retyped");
  const groups = new Map<string, Group>();
  for (const item of located) {
    if (replaced.some((r) => r.version === item.version && r.direction === item.direction && isUnder(item.dataPath, r.dataPath))) continue;
    const message = item.kind === "other" ? item.finding.message : "";
    const key = [formatDataPath(item.dataPath), item.kind, item.old ? shapeKey(item.old) : "", item.new ? shapeKey(item.new) : "", message].join("\0");
    let group = groups.get(key);
    if (!group) {
      group = { kind: item.kind, dataPath: item.dataPath, old: item.old, new: item.new, message, versions: new Set(), directions: new Set() };
      groups.set(key, group);
    }
    group.versions.add(item.version);
    group.directions.add(item.direction);
  }
  return [...groups.values()];
}

function isName(segment: string | undefined): boolean {
  return segment !== undefined && segment !== "[]" && segment !== "{}";
}

/**
 * A removed field and an added one of the same type in the same record read as a rename: one
 * report instead of two. At the top level the pairs come from the `data` entries themselves.
 */
function mergeRenames(groups: readonly Group[], topLevel: ReadonlyMap<string, FieldModel>): Group[] {
  const parentOf = (group: Group): string => formatDataPath(group.dataPath.slice(0, -1));
  const candidates = (kind: ChangeKind) => groups.filter((g) => g.kind === kind && isName(g.dataPath[g.dataPath.length - 1]) && g.dataPath.length > 0);
  const removed = candidates("removed");
  const added = candidates("added");
  const merged = new Map<Group, Group>();
  const used = new Set<Group>();
  for (const r of removed) {
    const parent = parentOf(r);
    const siblingsRemoved = removed.filter((g) => parentOf(g) === parent);
    const siblingsAdded = added.filter((g) => parentOf(g) === parent && !used.has(g));
    let match: Group | undefined;
    if (r.dataPath.length === 1) {
      const renamed = topLevel.get(r.dataPath[0]!);
      match = siblingsAdded.find((a) => a.dataPath[0] === renamed?.name);
    } else if (siblingsRemoved.length === 1 && siblingsAdded.length === 1 && r.old && siblingsAdded[0]!.new && shapeKey(r.old) === shapeKey(siblingsAdded[0]!.new)) {
      match = siblingsAdded[0];
    }
    if (!match) continue;
    used.add(match);
    const group: Group = {
      kind: "renamed",
      dataPath: match.dataPath,
      from: r.dataPath,
      old: r.old,
      new: match.new,
      message: "",
      versions: new Set([...r.versions, ...match.versions]),
      directions: new Set([...r.directions, ...match.directions]),
    };
    merged.set(r, group);
    merged.set(match, group);
  }
  const out: Group[] = [];
  for (const group of groups) {
    const replacement = merged.get(group);
    if (!replacement) out.push(group);
    else if (!out.includes(replacement)) out.push(replacement);
  }
  return out;
}

/**
 * A data class reached twice under one `data` entry (`enrollment.user`, `enrollment.created_by`)
 * breaks the same way at both paths: one report, naming both.
 */
function mergeSameField(groups: readonly Group[], signal: SignalDeclaration): Group[] {
  const out: Group[] = [];
  const byField = new Map<string, number>();
  for (const group of groups) {
    const place = group.dataPath.filter(isName).length > 1 ? modelPlace(signal, group.dataPath) : null;
    if (!place?.dataClass) {
      out.push(group);
      continue;
    }
    const field = place.field?.name ?? group.dataPath[group.dataPath.length - 1];
    const key = [
      group.dataPath[0],
      place.dataClass.id,
      field,
      group.kind,
      group.old ? shapeKey(group.old) : "",
      group.new ? shapeKey(group.new) : "",
      group.message,
      [...group.versions].sort().join(","),
      [...group.directions].sort().join(","),
    ].join("\0");
    const index = byField.get(key);
    if (index === undefined) {
      byField.set(key, out.length);
      out.push(group);
    } else {
      const first = out[index]!;
      out[index] = { ...first, also: [...(first.also ?? []), formatDataPath(group.dataPath)] };
    }
  }
  return out;
}

/** The field of the current model at a data path, and the data class holding it. */
function modelPlace(signal: SignalDeclaration, dataPath: readonly string[]): { dataClass: DataClassModel | null; field: FieldModel | null } {
  const entry = signal.fields.find((field) => field.name === dataPath[0]);
  if (!entry) return { dataClass: null, field: null };
  let type: FieldType = entry.type;
  let place: { dataClass: DataClassModel | null; field: FieldModel | null } = { dataClass: null, field: entry };
  for (const segment of dataPath.slice(1)) {
    while (type.kind === "nullable" || (type.kind === "unsupported" && type.inner)) type = type.kind === "nullable" ? type.inner : type.inner!;
    if (segment === "[]" || segment === "{}") {
      if (segment === "[]" && type.kind === "array") type = type.items;
      else if (segment === "{}" && type.kind === "map") type = type.values;
      else return place;
      continue;
    }
    if (type.kind !== "record") return place;
    const field = type.dataClass.fields.find((f) => f.name === segment);
    if (!field) return { dataClass: type.dataClass, field: null };
    place = { dataClass: type.dataClass, field };
    type = field.type;
  }
  return place;
}

function pathText(dataPath: readonly string[]): string {
  return dataPath.length === 0 ? "(the event)" : formatDataPath(dataPath);
}

function changeText(group: Group, signal: SignalDeclaration, renames: ReadonlyMap<string, FieldModel>, cwd: string): string {
  const path = `\`${pathText(group.dataPath)}\``;
  const old = group.old ? describeShape(group.old) : "";
  const next = group.new ? describeShape(group.new) : "";
  let where = "";
  if (group.dataPath.filter(isName).length > 1) {
    const place = modelPlace(signal, group.dataPath);
    if (place.dataClass) {
      const span = place.field && place.field.declaredIn !== null ? place.field.keySpan : place.dataClass.nameSpan;
      where = ` ${group.kind === "removed" ? "from" : "in"} \`${place.dataClass.name}\` (${displayLocation(cwd, span)})`;
    }
  }
  if (group.also && group.also.length > 0) where += `, also at ${group.also.map((p) => `\`${p}\``).join(", ")}`;
  switch (group.kind) {
    case "added": {
      const top = group.dataPath.length === 1 ? group.dataPath[0] : undefined;
      const from = top === undefined ? undefined : [...renames].find(([, field]) => field.name === top)?.[0];
      return `${path} (${next}) was added without a default${from ? ` (renamed from \`${from}\`?)` : ""}${where}`;
    }
    case "removed": {
      const renamed = group.dataPath.length === 1 ? renames.get(group.dataPath[0]!) : undefined;
      return `${path} (${old}) was removed${renamed ? ` (renamed to \`${renamed.name}\`?)` : ""}${where}`;
    }
    case "renamed":
      return `\`${pathText(group.from!)}\` (${old}) was renamed to \`${group.dataPath[group.dataPath.length - 1]}\`${where}`;
    case "retyped":
      return `${path} changed from ${old} to ${next}${where}`;
    case "became-nullable":
      return `${path} became nullable (${old} → ${next})${where}`;
    case "no-longer-nullable":
      return `${path} is no longer nullable (${old} → ${next})${where}`;
    case "other":
      return `${path} changed (${group.message.replace(/\.$/, "")})${where}`;
  }
}

function againstText(versions: readonly Version[]): string {
  const stored = versions.filter((v) => v.stored).map((v) => `\`${v.file}\``);
  const current = versions.find((v) => !v.stored);
  const parts: string[] = [];
  if (stored.length > 0) parts.push(`the stored version${stored.length > 1 ? "s" : ""} ${stored.join(", ")}`);
  if (current) parts.push(`the snapshot \`${current.file}\``);
  return parts.join(" and ");
}

function whyText(mode: CompatibilityMode, group: Group): string {
  const path = `\`${pathText(group.dataPath)}\``;
  const old = group.old ? describeShape(group.old) : "";
  const next = group.new ? describeShape(group.new) : "";
  const details: string[] = [];
  if (group.directions.has("forward")) {
    switch (group.kind) {
      case "removed":
      case "renamed":
        details.push(`consumers still on the old schema cannot read events that lack \`${pathText(group.from ?? group.dataPath)}\``);
        break;
      case "became-nullable":
        details.push(`consumers still on the old schema cannot read a null ${path}`);
        break;
      case "retyped":
      case "no-longer-nullable":
        details.push(`consumers still on the old schema expect ${path} as ${old} and cannot read the ${next} written now`);
        break;
      default:
        details.push("consumers still on the old schema cannot read the events written now");
    }
  }
  if (group.directions.has("backward")) {
    switch (group.kind) {
      case "added":
      case "renamed":
        details.push(`consumers on the new schema cannot read events written without ${path}, which has no default`);
        break;
      case "no-longer-nullable":
        details.push(`consumers on the new schema cannot read the null ${path} that the old schema allows`);
        break;
      case "retyped":
      case "became-nullable":
        details.push(`consumers on the new schema expect ${path} as ${next} and cannot read the ${old} written before`);
        break;
      default:
        details.push("consumers on the new schema cannot read the events written before");
    }
  }
  const order = mode.startsWith("FORWARD")
    ? "producers upgrade first"
    : mode.startsWith("BACKWARD")
      ? "consumers upgrade first"
      : "producers and consumers may upgrade in either order";
  return `Under ${mode} ${order}, so ${details.join(", and ")}.`;
}

function fixText(group: Group): string {
  const path = `\`${pathText(group.dataPath)}\``;
  switch (group.kind) {
    case "removed":
      return `restore ${path} (${describeShape(group.old!)})`;
    case "added":
      return `remove ${path}, or make it nullable so that it has a default`;
    case "renamed":
      return `rename ${path} back to \`${group.from![group.from!.length - 1]}\``;
    case "retyped":
    case "became-nullable":
    case "no-longer-nullable":
      return `restore ${path} as ${describeShape(group.old!)}`;
    case "other":
      return `restore the previous definition of ${path}`;
  }
}

/** In the signal's file: the top-level entry the change is in (its key when added, its value otherwise), or the payload. */
function groupSpan(group: Group, signal: SignalDeclaration, source: SignalSource, renames: ReadonlyMap<string, FieldModel>): SourceSpan {
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

// ---------------------------------------------------------------------------------------------
// The ADR's top-level rules (no-removed-fields)

/** Removed snapshot key → the current key that looks like it under a new name (same place or only change, same type). */
function topLevelRenames(signal: SignalDeclaration, read: SnapshotOk): Map<string, FieldModel> {
  return pairRenames(recordFields(read.schema), signal.fields, namesOf(read.schema));
}

function topLevelReports(
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
