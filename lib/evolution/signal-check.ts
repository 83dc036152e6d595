/**
 * A signal against its snapshot(s), and the cache of that run: the compatibility mode
 * (schema-snapshot) and the ADR's top-level rules (no-removed-fields, top-level.ts), with every
 * finding mapped back to the source (places.ts) and worded (change-wording.ts).
 */
import { formatSchema, type CloudEventSchema, type SchemaResult } from "../avro/index.js";
import { checkMode, type CompatibilityMode, type ModeResult } from "../compat/index.js";
import type { SignalDeclaration } from "../model/index.js";
import { schemaDirectory } from "../settings.js";
import { knownSchema, readSnapshot, schemaTextProblem, type SnapshotReadResult } from "../snapshots/index.js";
import { groupFindings, locate, mergeRenames, mergeSameField, type Located, type Version } from "./changes.js";
import { againstText, changeText, fixText, whyText } from "./change-wording.js";
import { displayPath } from "../display-path.js";
import { generateCommand } from "./display.js";
import type { SchemaSnapshotMessageId, NoRemovedFieldsMessageId } from "./messages.js";
import { groupSpan, renameBackSuggestion } from "./places.js";
import { nextEventType, replaceStringLiteral } from "./source-edits.js";
import { topLevelRenames, topLevelReports } from "./top-level.js";
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

interface CacheEntry {
  readonly fingerprint: readonly unknown[];
  /**
   * The text of the file the findings were placed in (spans, suggested edits), or null when there
   * are none: a result without findings holds for any text. Kept only then, since keeping it for
   * every signal would keep every linted file's text alive for the whole run.
   */
  readonly text: string | null;
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

  const fingerprint = [settings, cwd, schemaResult, ...snapshotIdentity(read)];
  const cached = cache.get(signal);
  if (
    cached &&
    (cached.text === null || cached.text === source.text) &&
    cached.fingerprint.length === fingerprint.length &&
    cached.fingerprint.every((item, i) => item === fingerprint[i])
  ) {
    return cached.result;
  }
  // The usual case: one snapshot, the schema generated now. Every mode accepts it and no key moved.
  const unchanged = read.status === "ok" && read.history.length === 0 && schemaResult.json !== null && read.json === schemaResult.json;
  if (!unchanged) checks++;
  const result = unchanged ? UNCHANGED(eventType) : check(signal, schemaResult, source, options, read);
  const placed = result.snapshot.length > 0 || result.topLevel.length > 0;
  cache.set(signal, { fingerprint, text: placed ? source.text : null, result });
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
