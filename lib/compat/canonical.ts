/**
 * Canonical JSON for cache keys, doubling as the first line of defence
 * against hostile inputs: anything that is not plain JSON data, is cyclic or
 * nests deeper than any real schema is rejected before avsc (which recurses
 * without a limit) ever sees it.
 */
import { errorMessage } from "../errors.js";

/** Far beyond real schemas (Open edX ones nest < 15 levels), far below stack limits. */
export const MAX_SCHEMA_DEPTH = 256;

export type CanonicalResult =
  | { readonly ok: true; readonly json: string }
  | { readonly ok: false; readonly reason: string };

class NotJson extends Error {}

export function toCanonicalJson(value: unknown): CanonicalResult {
  try {
    return { ok: true, json: encode(value, 0, new Set()) };
  } catch (error) {
    if (error instanceof NotJson) return { ok: false, reason: error.message };
    // Throwing getters, revoked proxies, ...: still just "not a schema".
    return { ok: false, reason: `schema could not be read as JSON (${errorMessage(error)})` };
  }
}

function encode(value: unknown, depth: number, ancestors: Set<object>): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new NotJson(`schema contains the non-JSON number ${String(value)}`);
      return JSON.stringify(value);
    case "object":
      break;
    default:
      throw new NotJson(`schema contains a non-JSON value of type ${typeof value}`);
  }
  if (depth >= MAX_SCHEMA_DEPTH) {
    throw new NotJson(`schema nests deeper than ${MAX_SCHEMA_DEPTH} levels`);
  }
  if (ancestors.has(value)) throw new NotJson("schema object contains a reference cycle");
  ancestors.add(value);
  let out: string;
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const item of value as unknown[]) parts.push(encode(item, depth + 1, ancestors));
    out = `[${parts.join(",")}]`;
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new NotJson("schema contains a non-plain object");
    }
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const item = record[key];
      // Same as JSON.stringify: undefined-valued properties do not exist.
      if (item === undefined) continue;
      parts.push(`${JSON.stringify(key)}:${encode(item, depth + 1, ancestors)}`);
    }
    out = `{${parts.join(",")}}`;
  }
  ancestors.delete(value);
  return out;
}
