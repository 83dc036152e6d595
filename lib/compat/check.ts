/**
 * checkCompatibility: validation (avsc + our normalizer), the walk, and the
 * memo that makes repeated editor-driven calls with unchanged schemas free.
 */
import { avroSchemaError } from "../avro/validate.js";
import { BoundedCache } from "./bounded-cache.js";
import { errorMessage } from "../errors.js";
import { registerCache } from "../testing.js";
import { toCanonicalJson } from "./canonical.js";
import { describeNode } from "./describe.js";
import { normalizeSchema, type AvroNode } from "./normalize.js";
import { resolveSchemas, WalkTooDeepError } from "./resolve.js";
import type { CompatibilityFinding, CompatibilityResult } from "./types.js";

type ParsedSchema = { readonly ok: true; readonly node: AvroNode } | { readonly ok: false; readonly message: string };

// Keys are whole canonical schemas; the character budgets keep a handful of
// giant schemas from holding on to hundreds of megabytes.
const RESULT_CACHE = new BoundedCache<CompatibilityResult>(10_000, 50_000_000);
const SCHEMA_CACHE = new BoundedCache<ParsedSchema>(2_000, 20_000_000);

registerCache("compatibility", () => {
  RESULT_CACHE.clear();
  SCHEMA_CACHE.clear();
});

/**
 * Can a reader using `reader` decode data written with `writer`? Both are
 * parsed `.avsc` JSON. Never throws; results are frozen and may be shared.
 */
export function checkCompatibility(reader: unknown, writer: unknown): CompatibilityResult {
  try {
    return checkUncached(reader, writer);
  } catch (error) {
    // Unreachable by design; kept so a bug can never take an editor down.
    return freezeResult([
      {
        kind: error instanceof RangeError ? "too-complex" : "invalid-schema",
        path: [],
        readerType: "unknown",
        writerType: "unknown",
        message: `The schemas could not be checked (${errorMessage(error)}).`,
      },
    ]);
  }
}

function checkUncached(reader: unknown, writer: unknown): CompatibilityResult {
  const readerJson = toCanonicalJson(reader);
  const writerJson = toCanonicalJson(writer);
  // Canonical JSON never contains a raw newline, so the joined key is unambiguous.
  const key = readerJson.ok && writerJson.ok ? `${readerJson.json}\n${writerJson.json}` : undefined;
  if (key !== undefined) {
    const hit = RESULT_CACHE.get(key);
    if (hit) return hit;
  }
  const readerSchema: ParsedSchema = readerJson.ok ? parseSchema(readerJson.json) : { ok: false, message: readerJson.reason };
  const writerSchema: ParsedSchema = writerJson.ok ? parseSchema(writerJson.json) : { ok: false, message: writerJson.reason };
  const { findings, count } = compare(readerSchema, writerSchema);
  const result = freezeResult(findings, count);
  if (key !== undefined) RESULT_CACHE.set(key, result);
  return result;
}

function compare(reader: ParsedSchema, writer: ParsedSchema): { findings: CompatibilityFinding[]; count?: number } {
  if (!reader.ok || !writer.ok) {
    const readerType = reader.ok ? describeNode(reader.node) : "invalid schema";
    const writerType = writer.ok ? describeNode(writer.node) : "invalid schema";
    const findings: CompatibilityFinding[] = [];
    for (const [side, parsed] of [["reader", reader], ["writer", writer]] as const) {
      if (!parsed.ok) {
        findings.push({ kind: "invalid-schema", path: [], readerType, writerType, message: `The ${side} schema is invalid (${parsed.message}).` });
      }
    }
    return { findings };
  }
  try {
    return resolveSchemas(reader.node, writer.node);
  } catch (error) {
    if (!(error instanceof WalkTooDeepError) && !(error instanceof RangeError)) throw error;
    return {
      findings: [
        {
          kind: "too-complex",
          path: [],
          readerType: describeNode(reader.node),
          writerType: describeNode(writer.node),
          message: `The schemas are too complex to check: ${errorMessage(error)}.`,
        },
      ],
    };
  }
}

function parseSchema(json: string): ParsedSchema {
  const cached = SCHEMA_CACHE.get(json);
  if (cached) return cached;
  const parsed = validateAndNormalize(json);
  SCHEMA_CACHE.set(json, parsed);
  return parsed;
}

/**
 * avsc is the validator of record (defaults, names, symbols, ...); our
 * normalizer must accept the schema too, because it is stricter in places
 * avsc is lax (e.g. avsc returns a non-type for `{"type": "constructor"}`).
 */
function validateAndNormalize(json: string): ParsedSchema {
  const schema = JSON.parse(json) as unknown;
  // avsc's verdicts are cached by schema text: a schema seen again is not compiled again.
  const avroError = avroSchemaError(schema, json);
  if (avroError !== null) return { ok: false, message: `avsc: ${avroError}` };
  const normalized = normalizeSchema(schema);
  return normalized.ok ? { ok: true, node: normalized.root } : { ok: false, message: normalized.message };
}

function freezeResult(findings: CompatibilityFinding[], findingCount = findings.length): CompatibilityResult {
  for (const f of findings) {
    Object.freeze(f.path);
    Object.freeze(f);
  }
  return Object.freeze({ compatible: findings.length === 0, findings: Object.freeze(findings), findingCount });
}
