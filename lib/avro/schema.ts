import { reasonText, type DataClassModel, type FieldModel, type FieldType, type ModelProblem, type SignalDeclaration, type UnsupportedType } from "../model/index.js";
import type { PluginSettings } from "../settings.js";
import type { SourceSpan } from "../source/index.js";
import { isEventBusNamespace } from "../naming/index.js";
import { schemaFingerprint } from "./fingerprint.js";
import { generatedSchemaError } from "./validate-generated.js";

/** The documentation string openedx-events puts on every event schema. */
export const CLOUD_EVENT_DOC = "Avro Event Format for CloudEvents created with openedx_events/schema";

export type AvroType = string | AvroType[] | { [key: string]: unknown };

export interface AvroField {
  name: string;
  type: AvroType;
  default?: null;
}

export interface AvroRecord {
  name: string;
  type: "record";
  fields: AvroField[];
}

/** The top-level schema openedx-events writes for a signal, keys in its order. */
export interface CloudEventSchema {
  name: "CloudEvent";
  type: "record";
  doc: string;
  fields: AvroField[];
  namespace: string;
}

/** Why part of a signal cannot become (valid) Avro, and where to fix it. */
export interface SchemaProblem {
  readonly code: UnsupportedType["code"] | "name-clash" | "invalid-avro" | "model";
  /** Field path from the signal: `enrollment.user.pii.extra`, `tags[]`. */
  readonly path: string;
  /** The TypeScript type as written, when the problem is a type. */
  readonly typeText: string | null;
  /** In words, made from `type.cause` (lib/model/causes.ts) for a type, else by the schema builder. */
  readonly reason: string;
  /** Where the fix goes: the type annotation, the member, or the signal. */
  readonly span: SourceSpan;
  /** The top-level `data` entry the path starts from (null for signal-level problems). */
  readonly entry: FieldModel | null;
  /** The record field that holds the problem, and its data class (null at the top level). */
  readonly field: FieldModel | null;
  readonly dataClass: DataClassModel | null;
  /** The unsupported type itself, for suggestions. */
  readonly type: UnsupportedType | null;
  /** For `code: "model"`: which problem of the declaration (computed key, spread, missing event type, …). */
  readonly modelCode?: ModelProblem["code"];
}

export interface SchemaResult {
  /** Null when any problem prevents a faithful schema. */
  readonly schema: CloudEventSchema | null;
  /** `JSON.stringify(schema)`: compact, for comparisons and caches (`formatSchema` writes files). */
  readonly json: string | null;
  readonly problems: readonly SchemaProblem[];
}

interface WalkContext {
  readonly settings: PluginSettings;
  /** Record name → data class id, per schema: later uses are by bare name. */
  readonly seen: Map<string, string>;
  readonly problems: SchemaProblem[];
  /** Data classes whose own problems were already collected. */
  readonly visited: Set<string>;
  entry: FieldModel | null;
}

const results = new WeakMap<SignalDeclaration, { key: PluginSettings; result: SchemaResult }>();

/**
 * The Avro schema of a signal, exactly as openedx-events writes it: records inline at first
 * use and by bare name afterwards, `["null", T]` with `"default": null` for nullable fields.
 */
export function toAvroSchema(signal: SignalDeclaration, settings: PluginSettings): SchemaResult {
  const cached = results.get(signal);
  if (cached && cached.key === settings) return cached.result;
  // An editor models a file anew on every keystroke: its unchanged signals have the schema they had.
  const fingerprint = schemaFingerprint(signal);
  const recent = fingerprint === null ? undefined : recentResultsOf(settings).get(fingerprint);
  if (recent !== undefined) {
    results.set(signal, { key: settings, result: recent });
    return recent;
  }
  const context: WalkContext = { settings, seen: new Map(), problems: [], visited: new Set(), entry: null };
  for (const problem of signal.problems) {
    context.problems.push(modelProblem(problem, "", null, null));
  }
  const fields = signal.fields.map((field) => {
    context.entry = field;
    return avroField(field, field.name, null, context);
  });
  let schema: CloudEventSchema | null = null;
  let json: string | null = null;
  if (signal.eventType !== null && context.problems.length === 0) {
    schema = { name: "CloudEvent", type: "record", doc: CLOUD_EVENT_DOC, fields, namespace: signal.eventType };
    json = JSON.stringify(schema);
    const invalid = generatedSchemaError(schema, json);
    if (invalid) {
      context.problems.push({
        code: "invalid-avro",
        path: "",
        typeText: null,
        reason: `the generated schema is not valid Avro: ${invalid}`,
        span: signal.eventTypeSpan ?? signal.span,
        entry: null,
        field: null,
        dataClass: null,
        type: null,
      });
      schema = null;
      json = null;
    }
  }
  const result: SchemaResult = { schema, json, problems: context.problems };
  results.set(signal, { key: settings, result });
  if (fingerprint !== null && result.problems.length === 0) {
    const recentResults = recentResultsOf(settings);
    if (recentResults.size >= RECENT_RESULTS) recentResults.clear();
    recentResults.set(fingerprint, result);
  }
  return result;
}

/**
 * Problem-free schemas by their signal's fingerprint, per settings. Small: a batch run computes
 * each signal's schema once, and an editor needs the signals of the files being edited.
 */
const recentResults = new WeakMap<PluginSettings, Map<string, SchemaResult>>();
const RECENT_RESULTS = 2_000;

function recentResultsOf(settings: PluginSettings): Map<string, SchemaResult> {
  let map = recentResults.get(settings);
  if (!map) {
    map = new Map();
    recentResults.set(settings, map);
  }
  return map;
}

/**
 * The snapshot file's text, byte for byte as openedx-events writes it (`json.dump(schema, f,
 * indent=2)`): two-space JSON, no trailing newline, anything outside printable ASCII as a
 * lower-case `\uXXXX` escape (Python's `ensure_ascii`; UTF-16 code units, so astral characters
 * become surrogate pairs, as Python writes them).
 */
export function formatSchema(schema: CloudEventSchema): string {
  return JSON.stringify(schema, null, 2).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function modelProblem(problem: ModelProblem, path: string, entry: FieldModel | null, dataClass: DataClassModel | null): SchemaProblem {
  return {
    code: "model",
    path,
    typeText: null,
    reason: problem.message,
    span: problem.span,
    entry,
    field: null,
    dataClass,
    type: null,
    modelCode: problem.code,
  };
}

/**
 * The problems of one data class as a record reached at `path` (its fields, the records they
 * reach, and the declarations' own problems), without a signal: what a data file is checked for.
 */
export function recordProblems(dataClass: DataClassModel, settings: PluginSettings, path: string): readonly SchemaProblem[] {
  const context: WalkContext = { settings, seen: new Map(), problems: [], visited: new Set(), entry: null };
  avroRecord(dataClass, path, context);
  return context.problems;
}

function avroField(field: FieldModel, path: string, owner: DataClassModel | null, context: WalkContext): AvroField {
  const type = avroType(field.type, path, field, owner, context);
  if (field.type.kind === "nullable") return { name: field.name, type, default: null };
  return { name: field.name, type };
}

function avroType(
  type: FieldType,
  path: string,
  field: FieldModel,
  owner: DataClassModel | null,
  context: WalkContext,
): AvroType {
  switch (type.kind) {
    case "primitive":
    case "custom":
      return type.avro;
    case "array":
      return { type: "array", items: avroType(type.items, `${path}[]`, field, owner, context) };
    case "map":
      if (!context.settings.allowMaps) {
        report(context, path, field, owner, {
          kind: "unsupported",
          code: "map",
          text: type.text,
          cause: { id: "dict" },
          span: type.span,
        });
        return "null";
      }
      return { type: "map", values: avroType(type.values, `${path}{}`, field, owner, context) };
    case "nullable":
      return ["null", avroType(type.inner, path, field, owner, context) as string];
    case "record":
      return avroRecord(type.dataClass, path, context);
    case "unsupported":
      report(context, path, field, owner, type);
      // `x?: Record<string, T>`: what the field would be once fixed may have problems of its own.
      if (type.inner) avroType(type.inner, path, field, owner, context);
      return "null";
  }
}

function avroRecord(dataClass: DataClassModel, path: string, context: WalkContext): AvroType {
  const seenId = context.seen.get(dataClass.name);
  if (seenId !== undefined) {
    if (seenId !== dataClass.id) {
      context.problems.push({
        code: "name-clash",
        path,
        typeText: dataClass.name,
        reason: `two different data classes named \`${dataClass.name}\` are reached by this event, but an Avro schema refers to records by bare name, so the second would be read as the first; rename one of them`,
        span: dataClass.nameSpan,
        entry: context.entry,
        field: null,
        dataClass,
        type: null,
      });
    }
    return dataClass.name;
  }
  context.seen.set(dataClass.name, dataClass.id);
  if (!context.visited.has(dataClass.id)) {
    context.visited.add(dataClass.id);
    for (const problem of dataClass.problems) {
      context.problems.push(modelProblem(problem, path, context.entry, dataClass));
    }
  }
  const fields = dataClass.fields.map((field) => avroField(field, `${path}.${field.name}`, dataClass, context));
  return { name: dataClass.name, type: "record", fields };
}

function report(
  context: WalkContext,
  path: string,
  field: FieldModel,
  owner: DataClassModel | null,
  type: UnsupportedType,
): void {
  context.problems.push({
    code: type.code,
    path,
    typeText: type.text,
    reason: reasonText(type.cause),
    span: type.span,
    entry: context.entry,
    field: owner ? field : null,
    dataClass: owner,
    type,
  });
}

/**
 * Where a problem is shown: its span, except for an optional field, shown from its `?` (right
 * after the key) to the end of its type, the part the fix changes.
 */
export function problemSpan(problem: SchemaProblem): SourceSpan {
  const field = problem.field ?? problem.entry;
  if (problem.code !== "optional" || !field) return problem.span;
  return {
    file: field.keySpan.file,
    range: [field.keySpan.range[1], field.typeSpan.range[1]],
    loc: { start: field.keySpan.loc.end, end: field.typeSpan.loc.end },
  };
}

/**
 * True for the problems about the event type itself (a missing or non-literal `event_type`, an
 * event type that cannot be a schema's namespace): `valid-event-type` reports those, not
 * `supported-field-types`.
 */
export function isEventTypeProblem(signal: SignalDeclaration, problem: SchemaProblem): boolean {
  if (problem.code === "model") return problem.modelCode === "missing-event-type" || problem.modelCode === "event-type-not-literal";
  if (problem.code === "invalid-avro") return signal.eventType !== null && !isEventBusNamespace(signal.eventType);
  return false;
}
