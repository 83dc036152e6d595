/**
 * From snapshot text to a validated schema, with every failure as a value.
 * No I/O here: reading, size caps and caching live in read.ts.
 */
import { avroSchemaError } from "../avro/validate.js";
import { errorMessage } from "../errors.js";
import { formatSchema, type CloudEventSchema } from "../avro/schema.js";
import { isJsonObject } from "../json.js";
import { jsonErrorOffset, lineColumn, spacedJsonLayout } from "./json.js";
import { DEFAULT_MAX_DEPTH, depthProblem } from "./limits.js";

export type SnapshotProblemKind =
  | "invalid-event-type"
  | "unsafe-path"
  | "unreadable"
  | "too-large"
  | "not-json"
  | "too-deep"
  | "not-avro"
  | "wrong-shape"
  | "wrong-event";

/** The top level of an openedx event snapshot, as checked. Frozen: it is shared through the cache. */
export interface SnapshotSchema {
  readonly name: "CloudEvent";
  readonly type: "record";
  readonly fields: readonly unknown[];
  readonly namespace?: string;
  readonly doc?: string;
  readonly [key: string]: unknown;
}

export interface ParsedSnapshot {
  status: "ok";
  schema: SnapshotSchema;
  /** The file's text exactly as read (a UTF-8 BOM, if any, included). */
  text: string;
  /** `JSON.stringify(schema)`: equal to a generated schema's exactly when the two are the same schema. */
  json: string;
}

export interface SnapshotProblemDetail {
  status: "problem";
  kind: SnapshotProblemKind;
  message: string;
  /** 1-based position, for `not-json` and `too-deep`. */
  line?: number;
  column?: number;
}

export interface ParseLimits {
  maxDepth: number;
}

/**
 * A schema already known to be valid (generated, and checked by avsc) and its compact JSON. A
 * snapshot whose text is that JSON, whatever its layout, is that schema: it is taken without
 * parsing, validating or freezing anything, which is what makes an unchanged catalog cheap.
 */
export interface KnownSchema {
  readonly schema: SnapshotSchema;
  readonly json: string;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Validates `text` as the snapshot of `eventType`. Order matters: the depth
 * check runs before anything recursive touches the text.
 */
export function parseSnapshotText(
  text: string,
  eventType: string,
  limits: ParseLimits = { maxDepth: DEFAULT_MAX_DEPTH },
): ParsedSnapshot | SnapshotProblemDetail {
  const tooDeep = depthProblem(text, limits.maxDepth);
  if (tooDeep !== null) {
    return { status: "problem", kind: "too-deep", message: `The snapshot ${tooDeep.reason}.`, ...lineColumn(text, tooDeep.offset) };
  }

  // Python and most editors write no BOM, but tolerate one rather than call the file "not JSON".
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const shift = body === text ? 0 : 1;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const offset = jsonErrorOffset(body);
    return {
      status: "problem",
      kind: "not-json",
      message: `The snapshot is not valid JSON: ${errorMessage(error)}.`,
      ...(offset === null ? {} : lineColumn(text, offset + shift)),
    };
  }

  const compact = JSON.stringify(json);
  const avroError = avroSchemaError(json, compact);
  if (avroError !== null) {
    return {
      status: "problem",
      kind: "not-avro",
      message: `The snapshot is JSON but not an Avro schema: ${avroError.replace(/\.$/, "")}.`,
    };
  }

  if (!isJsonObject(json) || json["type"] !== "record" || json["name"] !== "CloudEvent" || !Array.isArray(json["fields"])) {
    return {
      status: "problem",
      kind: "wrong-shape",
      message:
        'The snapshot is an Avro schema but not an Open edX event snapshot, whose top level is a record named "CloudEvent" with a "fields" array.',
    };
  }
  const namespace = json["namespace"];
  if (namespace !== undefined && namespace !== eventType) {
    return {
      status: "problem",
      kind: "wrong-event",
      message: `The snapshot's namespace is ${JSON.stringify(namespace)} but its file name is for event type ${JSON.stringify(eventType)}.`,
    };
  }

  return { status: "ok", schema: deepFreeze(json) as unknown as SnapshotSchema, text, json: compact };
}

/**
 * The usual case, on the file's bytes: a snapshot that is exactly the JSON of the schema generated
 * now (`known`). One flat pass, and nothing decoded or kept when it has the layout openedx-events
 * writes: its text is that of the schema, written again if anyone asks. Null when the bytes are
 * not `known`: the text is then decoded and parsed.
 */
export function recogniseSnapshotBytes(bytes: Uint8Array, eventType: string, maxDepth: number, known: KnownSchema): ParsedSnapshot | null {
  const namespace = known.schema.namespace;
  if (namespace !== undefined && namespace !== eventType) return null;
  const layout = spacedJsonLayout(bytes, known.json, maxDepth);
  if (layout === null) return null;
  const { schema, json } = known;
  if (layout === "spaced") return { status: "ok", schema, text: UTF8.decode(bytes), json };
  const result = { status: "ok", schema } as { status: "ok"; schema: SnapshotSchema; json: string };
  Object.defineProperty(result, "text", WRITTEN_TEXT);
  result.json = json;
  return result as ParsedSnapshot;
}

/** The text of a snapshot recognised in the layout openedx-events writes: its schema, written again. */
function writtenText(this: { readonly schema: SnapshotSchema }): string {
  return formatSchema(this.schema as unknown as CloudEventSchema);
}

const WRITTEN_TEXT: PropertyDescriptor = { get: writtenText, enumerable: true, configurable: true };

/**
 * Gives `target` (which has `from`'s schema) the `text` of `from`: the same string, or the getter
 * that writes it again when asked, for a snapshot whose text was not kept. The getter is defined
 * on the object as it is built, never in an object literal: a literal with a getter is a
 * dictionary-mode object, several times larger, and the read cache keeps one per snapshot.
 */
export function setSnapshotText(target: { readonly schema: SnapshotSchema }, from: ParsedSnapshot): void {
  if (Object.getOwnPropertyDescriptor(from, "text")?.get === writtenText) Object.defineProperty(target, "text", WRITTEN_TEXT);
  else (target as { text?: string }).text = from.text;
}

const UTF8 = new TextDecoder("utf-8", { ignoreBOM: true });
