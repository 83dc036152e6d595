/**
 * Shallow type shapes, comparable between a snapshot (JSON) and the model (TypeScript).
 *
 * A shape stops at records: a record is its name, because what is inside a data class is
 * compared where the class is declared (frozen-data-classes), not at every field that holds it.
 */
import { describeTypeTree, WHOLE_TYPE, type TypeLeaf } from "../compat/index.js";
import { isJsonObject as isObject } from "../json.js";
import type { FieldModel, FieldType } from "../model/index.js";
import { AVRO_PRIMITIVES } from "../settings.js";

export type Shape =
  | { readonly kind: "primitive"; readonly name: string }
  | { readonly kind: "array"; readonly items: Shape }
  | { readonly kind: "map"; readonly values: Shape }
  | { readonly kind: "union"; readonly branches: readonly Shape[] }
  | { readonly kind: "named"; readonly type: "record" | "enum" | "fixed"; readonly name: string }
  | { readonly kind: "unknown"; readonly text: string };

const PRIMITIVES = new Set<string>(AVRO_PRIMITIVES);

export function isPrimitiveName(name: unknown): name is string {
  return typeof name === "string" && PRIMITIVES.has(name);
}

/** The last dot-separated part of an Avro name: snapshots carry bare record names. */
export function shortName(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot === -1 ? name : name.slice(dot + 1);
}

/**
 * The named types of one schema (records, enums, fixed), by the name as written and by the
 * bare name; the first definition wins, as in a schema where later uses refer by name.
 */
export class SchemaNames {
  private readonly names = new Map<string, Record<string, unknown>>();

  constructor(root: unknown) {
    const stack: unknown[] = [root];
    // Iterative: a snapshot's depth was bounded when it was read, but stay flat anyway.
    const seen = new Set<unknown>();
    while (stack.length > 0) {
      const node = stack.pop();
      if (Array.isArray(node)) {
        for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]);
        continue;
      }
      if (!isObject(node) || seen.has(node)) continue;
      seen.add(node);
      const type = node["type"];
      const name = node["name"];
      if ((type === "record" || type === "error" || type === "enum" || type === "fixed") && typeof name === "string") {
        if (!this.names.has(name)) this.names.set(name, node);
        const bare = shortName(name);
        if (!this.names.has(bare)) this.names.set(bare, node);
      }
      if (type === "record" || type === "error") {
        const fields = node["fields"];
        if (Array.isArray(fields)) {
          for (let i = fields.length - 1; i >= 0; i--) {
            const field = fields[i];
            if (isObject(field)) stack.push(field["type"]);
          }
        }
      } else if (type === "array") {
        stack.push(node["items"]);
      } else if (type === "map") {
        stack.push(node["values"]);
      } else if (Array.isArray(type) || isObject(type)) {
        stack.push(type);
      }
    }
  }

  /** A type with references to named types replaced by their definitions and `{"type": "long"}` by `"long"`. */
  resolve(type: unknown): unknown {
    for (let i = 0; i < 8; i++) {
      if (typeof type === "string") {
        if (isPrimitiveName(type)) return type;
        return this.names.get(type) ?? this.names.get(shortName(type)) ?? type;
      }
      if (isObject(type) && (typeof type["type"] === "string" || Array.isArray(type["type"])) && !isNamedOrContainer(type["type"])) {
        type = type["type"];
        continue;
      }
      return type;
    }
    return type;
  }
}

function isNamedOrContainer(type: unknown): boolean {
  return type === "record" || type === "error" || type === "enum" || type === "fixed" || type === "array" || type === "map";
}

const namesCache = new WeakMap<object, SchemaNames>();

/** The named types of a schema, computed once per schema object (snapshots are cached and frozen). */
export function namesOf(schema: unknown): SchemaNames {
  if (typeof schema !== "object" || schema === null) return new SchemaNames(schema);
  let names = namesCache.get(schema);
  if (!names) {
    names = new SchemaNames(schema);
    namesCache.set(schema, names);
  }
  return names;
}

/** The shape of a type in a snapshot. */
export function shapeOfJson(type: unknown, names: SchemaNames, depth = 0): Shape {
  if (depth > 32) return { kind: "unknown", text: "…" };
  const resolved = names.resolve(type);
  if (typeof resolved === "string") {
    return isPrimitiveName(resolved) ? { kind: "primitive", name: resolved } : { kind: "unknown", text: resolved };
  }
  if (Array.isArray(resolved)) return { kind: "union", branches: resolved.map((branch) => shapeOfJson(branch, names, depth + 1)) };
  if (isObject(resolved)) {
    const kind = resolved["type"];
    if (kind === "array") return { kind: "array", items: shapeOfJson(resolved["items"], names, depth + 1) };
    if (kind === "map") return { kind: "map", values: shapeOfJson(resolved["values"], names, depth + 1) };
    if ((kind === "record" || kind === "error" || kind === "enum" || kind === "fixed") && typeof resolved["name"] === "string") {
      return { kind: "named", type: kind === "error" ? "record" : kind, name: shortName(resolved["name"]) };
    }
  }
  return { kind: "unknown", text: JSON.stringify(resolved) ?? String(resolved) };
}

/** The shape of a model type; null when the type is unsupported (another rule reports it). */
export function shapeOfField(type: FieldType): Shape | null {
  switch (type.kind) {
    case "primitive":
    case "custom":
      return { kind: "primitive", name: type.avro };
    case "array": {
      const items = shapeOfField(type.items);
      return items && { kind: "array", items };
    }
    case "map": {
      const values = shapeOfField(type.values);
      return values && { kind: "map", values };
    }
    case "nullable": {
      const inner = shapeOfField(type.inner);
      return inner && { kind: "union", branches: [{ kind: "primitive", name: "null" }, inner] };
    }
    case "record":
      return { kind: "named", type: "record", name: type.dataClass.name };
    case "unsupported":
      return null;
  }
}

/** Equal shapes have equal keys. */
export function shapeKey(shape: Shape): string {
  switch (shape.kind) {
    case "primitive":
      return shape.name;
    case "array":
      return `array<${shapeKey(shape.items)}>`;
    case "map":
      return `map<${shapeKey(shape.values)}>`;
    case "union":
      return `union[${shape.branches.map(shapeKey).join(",")}]`;
    case "named":
      return `${shape.type} ${shape.name}`;
    case "unknown":
      return `?${shape.text}`;
  }
}

/**
 * How a shape reads in a message: `long`, `record UserData`, `array<UserData>`,
 * `union [null, string]` (the words of the compat findings), in full.
 */
export function describeShape(shape: Shape): string {
  return describeTypeTree(shape, shapeName, WHOLE_TYPE);
}

function shapeName(shape: TypeLeaf<Shape>, topLevel: boolean): string {
  switch (shape.kind) {
    case "primitive":
      return shape.name;
    case "named":
      return topLevel ? `${shape.type} ${shape.name}` : shape.name;
    case "unknown":
      return shape.text;
  }
}

/** `["null", T]` → `{ nullable: true, inner: T }`; anything else is itself. */
export function unwrapNullable(shape: Shape): { readonly nullable: boolean; readonly inner: Shape } {
  if (shape.kind === "union" && shape.branches.length === 2) {
    const [a, b] = shape.branches as [Shape, Shape];
    if (a.kind === "primitive" && a.name === "null") return { nullable: true, inner: b };
    if (b.kind === "primitive" && b.name === "null") return { nullable: true, inner: a };
  }
  return { nullable: false, inner: shape };
}

/** How two different shapes differ: only in nullability, or in type. */
export function shapeChange(before: Shape, after: Shape): "same" | "became-nullable" | "no-longer-nullable" | "retyped" {
  if (shapeKey(before) === shapeKey(after)) return "same";
  const a = unwrapNullable(before);
  const b = unwrapNullable(after);
  if (a.nullable !== b.nullable && shapeKey(a.inner) === shapeKey(b.inner)) return b.nullable ? "became-nullable" : "no-longer-nullable";
  return "retyped";
}

/** The fields of a record in a snapshot, as `{ name, type }` (malformed entries skipped). */
export function recordFields(record: unknown): { readonly name: string; readonly type: unknown }[] {
  if (!isObject(record) || !Array.isArray(record["fields"])) return [];
  const fields: { name: string; type: unknown }[] = [];
  for (const field of record["fields"]) {
    if (isObject(field) && typeof field["name"] === "string") fields.push({ name: field["name"], type: field["type"] });
  }
  return fields;
}

/** The record a type stands for (through references and `["null", record]`), or null. */
export function recordOf(type: unknown, names: SchemaNames): Record<string, unknown> | null {
  let resolved = names.resolve(type);
  if (Array.isArray(resolved)) {
    const branches = resolved.filter((branch) => names.resolve(branch) !== "null");
    if (branches.length !== 1) return null;
    resolved = names.resolve(branches[0]);
  }
  if (isObject(resolved) && (resolved["type"] === "record" || resolved["type"] === "error")) return resolved;
  return null;
}

/** Steps into an array's items or a map's values, through `["null", …]`; undefined when the type is not one. */
export function containerChild(type: unknown, names: SchemaNames, marker: "[]" | "{}"): unknown {
  let resolved = names.resolve(type);
  if (Array.isArray(resolved)) {
    const branches = resolved.filter((branch) => names.resolve(branch) !== "null");
    if (branches.length !== 1) return undefined;
    resolved = names.resolve(branches[0]);
  }
  if (!isObject(resolved)) return undefined;
  if (marker === "[]" && resolved["type"] === "array") return resolved["items"];
  if (marker === "{}" && resolved["type"] === "map") return resolved["values"];
  return undefined;
}

/** `enrollment.user`, `items[]`, `a.b[]{}` → `["enrollment", "user"]`, `["items", "[]"]`, … */
export function parseDataPath(path: string): string[] {
  const segments: string[] = [];
  for (const part of path.split(".")) {
    let rest = part;
    const markers: string[] = [];
    while (rest.endsWith("[]") || rest.endsWith("{}")) {
      markers.unshift(rest.slice(-2));
      rest = rest.slice(0, -2);
    }
    if (rest !== "") segments.push(rest);
    segments.push(...markers);
  }
  return segments;
}

/** The inverse of {@link parseDataPath}. */
export function formatDataPath(segments: readonly string[]): string {
  let out = "";
  for (const segment of segments) {
    if (segment === "[]" || segment === "{}") out += segment;
    else out += out === "" ? segment : `.${segment}`;
  }
  return out;
}

/**
 * The record found by walking `segments` from the top of a snapshot (field names through
 * records, `[]`/`{}` into containers, `["null", …]` unwrapped), or null when the snapshot has
 * no such place.
 */
export function recordAtPath(schema: unknown, segments: readonly string[], names: SchemaNames): Record<string, unknown> | null {
  let type: unknown = schema;
  for (const segment of segments) {
    if (segment === "[]" || segment === "{}") {
      type = containerChild(type, names, segment);
      if (type === undefined) return null;
      continue;
    }
    const record = recordOf(type, names);
    if (!record) return null;
    const field = recordFields(record).find((f) => f.name === segment);
    if (!field) return null;
    type = field.type;
  }
  return recordOf(type, names);
}

/**
 * Fields that look renamed between a record as stored (`before`) and as declared now (`now`):
 * removed name → the added field that took its place. A removed field and an added one of the
 * same type at the same position are a rename; so are the only removed and the only added field
 * when they have the same type.
 */
export function pairRenames(
  before: readonly { readonly name: string; readonly type: unknown }[],
  now: readonly FieldModel[],
  names: SchemaNames,
): Map<string, FieldModel> {
  const beforeNames = new Set(before.map((field) => field.name));
  const nowNames = new Set(now.map((field) => field.name));
  const removed = before.map((field, index) => ({ field, index })).filter(({ field }) => !nowNames.has(field.name));
  const added = now.map((field, index) => ({ field, index })).filter(({ field }) => !beforeNames.has(field.name));
  const sameType = (json: unknown, field: FieldModel): boolean => {
    const shape = shapeOfField(field.type);
    return shape !== null && shapeKey(shape) === shapeKey(shapeOfJson(json, names));
  };
  const renames = new Map<string, FieldModel>();
  const taken = new Set<FieldModel>();
  for (const { field, index } of removed) {
    const match = added.find((a) => a.index === index && !taken.has(a.field) && sameType(field.type, a.field));
    if (match) {
      renames.set(field.name, match.field);
      taken.add(match.field);
    }
  }
  if (renames.size === 0 && removed.length === 1 && added.length === 1 && sameType(removed[0]!.field.type, added[0]!.field)) {
    renames.set(removed[0]!.field.name, added[0]!.field);
  }
  return renames;
}
