/**
 * The dynamic proof behind the static verdicts, as the Python library's test suite does it for
 * each event: sample data encoded with avsc using the schema generated now, then decoded with
 * every stored version of the snapshot as the reader (Avro schema resolution). The static
 * verdict (lib/compat) and the dynamic result must agree; when they do not, one of the two is
 * wrong, and that is a bug of ours to report.
 */
import type avro from "avsc";
import { checkCompatibility, type CompatibilityFinding } from "../compat/index.js";
import { avscMessage, avscType } from "./avsc-types.js";
import { UNKNOWN, expectedRead, projection, valueDifference } from "./expected.js";
import { sampleValues, seedOf } from "./samples.js";

export interface RoundTripOptions {
  /** Samples per event (at least 1; the first three are the corner cases). */
  readonly samples: number;
  readonly seed: number;
}

export const DEFAULT_SAMPLES = 5;
export const DEFAULT_SEED = 12;

/** A stored version of the snapshot, used as the reader. `version` null: the snapshot itself (the latest). */
export interface StoredVersion {
  readonly version: number | null;
  readonly file: string;
  readonly schema: unknown;
}

/** What avsc did with the samples. */
export type DynamicResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** resolve: avsc would not resolve the schemas; encode/decode: it threw on a sample; value: it decoded something else than the rules give. */
      readonly stage: "resolve" | "encode" | "decode" | "value";
      /** Index of the failing sample (null for resolve). */
      readonly sample: number | null;
      /** Where in the data, when known. */
      readonly path: string | null;
      readonly message: string;
    };

export interface VersionRoundTrip {
  readonly version: StoredVersion;
  /** The static verdict: can a reader with this version decode what the current schema writes? */
  readonly compatible: boolean;
  readonly findings: readonly CompatibilityFinding[];
  readonly dynamic: DynamicResult;
  /** False when the static verdict and the dynamic result disagree: a bug of ours. */
  readonly agree: boolean;
}

export interface EventRoundTrip {
  readonly eventType: string;
  readonly samples: number;
  /** Encoding and decoding with the current schema alone: must give each sample back unchanged. */
  readonly self: DynamicResult;
  readonly versions: readonly VersionRoundTrip[];
}

/** Round-trips the samples of `current` (the generated schema of `eventType`) through each stored version. */
export function roundTripEvent(eventType: string, current: unknown, stored: readonly StoredVersion[], options: RoundTripOptions): EventRoundTrip {
  let samples: unknown[];
  let writer: avro.Type;
  try {
    writer = avscType(current);
    samples = sampleValues(current, options.samples, seedOf(eventType, options.seed));
  } catch (error) {
    const self: DynamicResult = { ok: false, stage: "encode", sample: null, path: null, message: `avsc refuses the current schema: ${avscMessage(error, eventType)}` };
    return { eventType, samples: 0, self, versions: [] };
  }
  const encoded: Buffer[] = [];
  for (const [i, value] of samples.entries()) {
    try {
      encoded.push(writer.toBuffer(value));
    } catch (error) {
      const self: DynamicResult = { ok: false, stage: "encode", sample: i, path: invalidPath(writer, value), message: avscMessage(error, eventType) };
      return { eventType, samples: samples.length, self, versions: [] };
    }
  }
  const self = decodeAll(eventType, writer, null, samples, encoded, projection(current, current));
  const versions = stored.map((version): VersionRoundTrip => {
    const result = checkCompatibility(version.schema, current);
    let dynamic: DynamicResult;
    let reader: avro.Type;
    try {
      reader = avscType(version.schema);
    } catch (error) {
      dynamic = { ok: false, stage: "resolve", sample: null, path: null, message: `avsc refuses this version: ${avscMessage(error, eventType)}` };
      return { version, compatible: result.compatible, findings: result.findings, dynamic, agree: !result.compatible };
    }
    let resolver: avro.Resolver;
    try {
      resolver = reader.createResolver(writer);
    } catch (error) {
      const message = avscMessage(error, eventType);
      dynamic = { ok: false, stage: "resolve", sample: null, path: missingFieldPath(message, version.schema), message };
      return { version, compatible: result.compatible, findings: result.findings, dynamic, agree: !result.compatible };
    }
    dynamic = decodeAll(eventType, reader, resolver, samples, encoded, projection(version.schema, current));
    return { version, compatible: result.compatible, findings: result.findings, dynamic, agree: result.compatible === dynamic.ok };
  });
  return { eventType, samples: samples.length, self, versions };
}

function decodeAll(
  eventType: string,
  reader: avro.Type,
  resolver: avro.Resolver | null,
  samples: readonly unknown[],
  encoded: readonly Buffer[],
  rules: ReturnType<typeof projection>,
): DynamicResult {
  for (const [i, bytes] of encoded.entries()) {
    let decoded: unknown;
    try {
      decoded = resolver ? reader.fromBuffer(bytes, resolver) : reader.fromBuffer(bytes);
    } catch (error) {
      return { ok: false, stage: "decode", sample: i, path: null, message: avscMessage(error, eventType) };
    }
    const invalid = invalidPath(reader, decoded);
    if (invalid !== null) return { ok: false, stage: "value", sample: i, path: invalid, message: "avsc decoded a value its own reader type calls invalid" };
    const expected = expectedRead(samples[i], rules);
    if (expected === UNKNOWN) continue;
    const difference = valueDifference(decoded, expected);
    if (difference !== null) {
      return { ok: false, stage: "value", sample: i, path: difference, message: `decoded ${show(at(decoded, difference))} where the resolution rules give ${show(at(expected, difference))}` };
    }
  }
  return { ok: true };
}

/**
 * The field avsc's resolver names when a reader field has no default and the writer lacks it
 * ("no matching field for default-less ns.OrderData.currency"), as a path in the reader's data
 * (`order.currency`); null for other failures, whose messages name types, not fields.
 */
export function missingFieldPath(message: string, reader: unknown): string | null {
  const match = /default-less (\S+)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(message);
  if (!match) return null;
  const record = match[1]!.slice(match[1]!.lastIndexOf(".") + 1);
  const found = recordPath(reader, record, "", new Set());
  return found === null ? null : found === "" ? match[2]! : `${found}.${match[2]!}`;
}

/** Where record `name` is defined in `node`'s data ("" for the top level), or null. */
function recordPath(node: unknown, name: string, path: string, seen: Set<unknown>): string | null {
  if (Array.isArray(node)) {
    for (const branch of node) {
      const found = recordPath(branch, name, path, seen);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof node !== "object" || node === null || seen.has(node)) return null;
  seen.add(node);
  const object = node as Record<string, unknown>;
  if (object["type"] === "array") return recordPath(object["items"], name, `${path}[]`, seen);
  if (object["type"] === "map") return recordPath(object["values"], name, `${path}{}`, seen);
  if (typeof object["type"] === "object") return recordPath(object["type"], name, path, seen);
  if (typeof object["name"] === "string" && (object["name"] as string).split(".").pop() === name) return path;
  for (const field of (object["fields"] as { name: string; type: unknown }[] | undefined) ?? []) {
    const found = recordPath(field.type, name, path === "" ? field.name : `${path}.${field.name}`, seen);
    if (found !== null) return found;
  }
  return null;
}

/** The path of the first part of `value` that `type` calls invalid, or null. */
function invalidPath(type: avro.Type, value: unknown): string | null {
  let found: string | null = null;
  type.isValid(value, {
    errorHook: (path: string[]) => {
      found ??= path.join(".") || "(value)";
    },
  });
  return found;
}

function at(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split(/\.|\[(\d+)\]/).filter((segment) => segment !== undefined && segment !== "")) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function show(value: unknown): string {
  if (Buffer.isBuffer(value)) return `bytes ${value.toString("hex") || "(empty)"}`;
  const text = JSON.stringify(value);
  return text === undefined ? "nothing" : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
