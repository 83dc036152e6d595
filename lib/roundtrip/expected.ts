/**
 * What a reader must get from a value written with another schema, by the Avro specification's
 * resolution rules applied to the value: fields matched by name (or the reader's aliases),
 * reader-only fields from their default, writer-only fields skipped, unions by branch,
 * promotions (int → long, float, double; long → float, double; float → double; string ↔ bytes).
 * avsc's decoded value is compared with this, so a resolution that "works" but loses or moves
 * data is caught too.
 */
import { isPromotable } from "../compat/resolve.js";
import type { AvroPrimitive } from "../settings.js";
import { namedTypes } from "./samples.js";

/** Returned when the schemas hold something this projection does not model: the value is then not compared. */
export const UNKNOWN = Symbol("unknown");

/**
 * A float the reader decodes, compared at float precision: JavaScript has no float32, so avsc
 * gives a long or int promoted to float (or a float default) as the number written, which a
 * reader in Python or Java rounds. Either is the same float.
 */
export class FloatValue {
  constructor(readonly value: number) {}
  toJSON(): number {
    return this.value;
  }
}

type Named = Map<string, Record<string, unknown>>;

export interface Projection {
  readonly reader: unknown;
  readonly writer: unknown;
  readonly readerNames: Named;
  readonly writerNames: Named;
}

export function projection(reader: unknown, writer: unknown): Projection {
  return { reader, writer, readerNames: namedTypes(reader), writerNames: namedTypes(writer) };
}

const PRIMITIVES = new Set(["null", "boolean", "int", "long", "float", "double", "bytes", "string"]);

/** A schema node with names looked up: a primitive name, a union (array) or an object. */
function deref(node: unknown, names: Named): unknown {
  if (typeof node === "string" && !PRIMITIVES.has(node)) return names.get(node) ?? node;
  if (typeof node === "object" && node !== null && !Array.isArray(node)) {
    const type = (node as Record<string, unknown>)["type"];
    if (typeof type === "string" && PRIMITIVES.has(type)) return type;
    if (typeof type === "object" || (typeof type === "string" && !["record", "error", "enum", "fixed", "array", "map"].includes(type))) return deref(type, names);
  }
  return node;
}

function kindOf(node: unknown): string {
  if (typeof node === "string") return node;
  if (Array.isArray(node)) return "union";
  return String((node as Record<string, unknown>)["type"]);
}

function shortName(node: unknown): string {
  const name = String((node as Record<string, unknown>)["name"] ?? "");
  return name.slice(name.lastIndexOf(".") + 1);
}

/** Whether a reader branch `reader` matches writer type `writer` (same kind, same name for named types, or a promotion). */
function matches(reader: unknown, writer: unknown): boolean {
  const r = kindOf(reader);
  const w = kindOf(writer);
  if (r === w) {
    if (r === "record" || r === "error" || r === "enum" || r === "fixed") {
      const aliases = ((reader as Record<string, unknown>)["aliases"] as string[] | undefined) ?? [];
      return shortName(reader) === shortName(writer) || aliases.some((alias) => alias.slice(alias.lastIndexOf(".") + 1) === shortName(writer));
    }
    return true;
  }
  return PRIMITIVES.has(w) && PRIMITIVES.has(r) && isPromotable(w as AvroPrimitive, r as AvroPrimitive);
}

/** The value a reader with `p.reader` decodes from `value`, written with `p.writer`; UNKNOWN when not modelled. */
export function expectedRead(value: unknown, p: Projection): unknown {
  return project(value, p.writer, p.reader, p, 0);
}

function project(value: unknown, writerNode: unknown, readerNode: unknown, p: Projection, level: number): unknown {
  if (level > 200) return UNKNOWN;
  const writer = deref(writerNode, p.writerNames);
  const reader = deref(readerNode, p.readerNames);
  if (Array.isArray(writer)) {
    // avsc writes ["null", T] unwrapped: null or a T.
    if (writer.length !== 2 || !writer.includes("null")) return UNKNOWN;
    const branch = value === null ? "null" : writer.find((b) => b !== "null");
    return project(value, branch, readerNode, p, level + 1);
  }
  if (Array.isArray(reader)) {
    if (reader.length !== 2 || !reader.includes("null")) return UNKNOWN;
    const branch = reader.map((b) => deref(b, p.readerNames)).find((b) => matches(b, writer));
    return branch === undefined ? UNKNOWN : project(value, writer, branch, p, level + 1);
  }
  const r = kindOf(reader);
  const w = kindOf(writer);
  if (r !== w) {
    if (!matches(reader, writer)) return UNKNOWN;
    if (r === "float") return new FloatValue(value as number);
    if (r === "bytes") return Buffer.from(value as string, "utf8");
    if (r === "string") return (value as Buffer).toString("utf8");
    return value;
  }
  switch (r) {
    case "record":
    case "error": {
      const writerFields = (writer as { fields: { name: string; type: unknown }[] }).fields;
      const out: Record<string, unknown> = {};
      for (const field of (reader as { fields: { name: string; type: unknown; default?: unknown; aliases?: string[] }[] }).fields) {
        // The field's own name wins over its aliases, as in Java and lib/compat (avsc calls both ambiguous).
        const source = writerFields.find((candidate) => candidate.name === field.name) ?? writerFields.find((candidate) => (field.aliases ?? []).includes(candidate.name));
        if (source) {
          const projected = project((value as Record<string, unknown>)[source.name], source.type, field.type, p, level + 1);
          if (projected === UNKNOWN) return UNKNOWN;
          out[field.name] = projected;
        } else if (Object.hasOwn(field, "default")) {
          const fallback = defaultValue(field.type, field.default, p.readerNames);
          if (fallback === UNKNOWN) return UNKNOWN;
          out[field.name] = fallback;
        } else return UNKNOWN;
      }
      return out;
    }
    case "array": {
      const items = (value as unknown[]).map((item) => project(item, (writer as { items: unknown }).items, (reader as { items: unknown }).items, p, level + 1));
      return items.includes(UNKNOWN) ? UNKNOWN : items;
    }
    case "map": {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
        const projected = project(item, (writer as { values: unknown }).values, (reader as { values: unknown }).values, p, level + 1);
        if (projected === UNKNOWN) return UNKNOWN;
        out[key] = projected;
      }
      return out;
    }
    case "enum":
    case "fixed":
      return UNKNOWN;
    default:
      return value;
  }
}

/**
 * A reader-only field's default as avsc gives it: the default is for the first branch of a
 * union, bytes and fixed defaults are strings of code points 0-255 (the specification's JSON
 * encoding); UNKNOWN for a record, array or map default, and for a union other than a nullable,
 * which avsc may give wrapped (`{ int: 1 }`).
 */
function defaultValue(type: unknown, value: unknown, names: Named): unknown {
  let node = deref(type, names);
  if (Array.isArray(node)) {
    if (node.length !== 2 || !node.includes("null")) return UNKNOWN;
    node = deref(node[0], names);
  }
  if (value !== null && typeof value === "object") return UNKNOWN;
  const kind = kindOf(node);
  if (kind === "bytes" || kind === "fixed") return typeof value === "string" ? Buffer.from(value, "latin1") : UNKNOWN;
  if (kind === "float") return typeof value === "number" ? new FloatValue(value) : UNKNOWN;
  return value;
}

/** Null when `actual` equals `expected`; else the path of the first difference (`enrollment.user.id`, `tags[1]`). */
export function valueDifference(actual: unknown, expected: unknown, path = ""): string | null {
  if (expected instanceof FloatValue) {
    return typeof actual === "number" && Math.fround(actual) === Math.fround(expected.value) ? null : path || "(value)";
  }
  if (Buffer.isBuffer(expected) || expected instanceof Uint8Array) {
    return (Buffer.isBuffer(actual) || actual instanceof Uint8Array) && Buffer.compare(Buffer.from(actual), Buffer.from(expected)) === 0 ? null : path || "(value)";
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return path || "(value)";
    for (let i = 0; i < expected.length; i++) {
      const difference = valueDifference(actual[i], expected[i], `${path}[${i}]`);
      if (difference !== null) return difference;
    }
    return null;
  }
  if (typeof expected === "object" && expected !== null) {
    if (typeof actual !== "object" || actual === null || Array.isArray(actual)) return path || "(value)";
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) {
      const difference = valueDifference((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], path === "" ? key : `${path}.${key}`);
      if (difference !== null) return difference;
    }
    return null;
  }
  return actual === expected ? null : path || "(value)";
}
