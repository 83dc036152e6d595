/**
 * From a compat finding's Avro path back to the data: which field it is about, and what that
 * field was on each side.
 *
 * A finding's path mixes reader field names, `[]`, `{}` and union branch keys. Walking the
 * reader and the writer schema along it tells them apart; what a user wants to see is the data
 * path (`enrollment.user.pii.email`, `tags[]`), the style of the source contract.
 */
import { isJsonObject as isObject } from "../json.js";
import { namesOf, isPrimitiveName, shortName, type SchemaNames } from "./shapes.js";

export interface FindingPlace {
  /** Field names and `[]`/`{}` only: `["enrollment", "user", "id"]`. */
  readonly dataPath: readonly string[];
  /** The reader's type at the data path (undefined when the reader has no such field). */
  readonly reader: unknown;
  /** The writer's type at the data path (undefined when the writer has no such field). */
  readonly writer: unknown;
  /** False when the path could not be followed to its end (the finding is then shown as is). */
  readonly complete: boolean;
  /** How each segment of the finding's path was read (for display). */
  readonly segments: readonly { readonly text: string; readonly role: "field" | "items" | "values" | "branch" }[];
}

/** The key Avro's JSON encoding gives a union branch: primitive name, `array`, `map` or the (bare here) type name. */
function branchKey(type: unknown): string | null {
  if (typeof type === "string") return isPrimitiveName(type) ? type : shortName(type);
  if (isObject(type)) {
    const kind = type["type"];
    if (kind === "array" || kind === "map") return kind;
    if (typeof type["name"] === "string") return shortName(type["name"]);
  }
  return null;
}

function pickBranch(union: readonly unknown[], key: string, names: SchemaNames): unknown {
  const bare = shortName(key);
  for (const branch of union) {
    if (branchKey(names.resolve(branch)) === bare) return names.resolve(branch);
  }
  return undefined;
}

interface FieldIndex {
  /** Field name → the field. */
  readonly byName: ReadonlyMap<string, { name: string; type: unknown }>;
  /** Alias → the field that declares it. */
  readonly byAlias: ReadonlyMap<string, { name: string; type: unknown }>;
  /** Field name → its aliases. */
  readonly aliases: ReadonlyMap<string, readonly string[]>;
}

// Records hold thousands of fields at worst and every finding looks some up: index them once.
const fieldIndexes = new WeakMap<object, FieldIndex>();
const EMPTY_INDEX: FieldIndex = { byName: new Map(), byAlias: new Map(), aliases: new Map() };

function fieldIndex(record: unknown): FieldIndex {
  if (!isObject(record) || !Array.isArray(record["fields"])) return EMPTY_INDEX;
  let index = fieldIndexes.get(record);
  if (index) return index;
  const byName = new Map<string, { name: string; type: unknown }>();
  const byAlias = new Map<string, { name: string; type: unknown }>();
  const aliases = new Map<string, readonly string[]>();
  for (const field of record["fields"]) {
    if (!isObject(field) || typeof field["name"] !== "string") continue;
    const entry = { name: field["name"], type: field["type"] };
    if (!byName.has(entry.name)) byName.set(entry.name, entry);
    if (Array.isArray(field["aliases"])) {
      const list = field["aliases"].filter((a): a is string => typeof a === "string");
      if (!aliases.has(entry.name)) aliases.set(entry.name, list);
      for (const alias of list) if (!byAlias.has(alias)) byAlias.set(alias, entry);
    }
  }
  index = { byName, byAlias, aliases };
  fieldIndexes.set(record, index);
  return index;
}

function fieldNamed(record: unknown, name: string): { name: string; type: unknown } | undefined {
  const index = fieldIndex(record);
  // A reader field may have matched the writer through an alias.
  return index.byName.get(name) ?? index.byAlias.get(name);
}

function aliasesOf(record: unknown, name: string): readonly string[] {
  return fieldIndex(record).aliases.get(name) ?? [];
}

/**
 * Follows `path` through `reader` and `writer` (parsed schemas) the way the compat walk went.
 */
export function placeOfFinding(path: readonly string[], reader: unknown, writer: unknown): FindingPlace {
  const readerNames = namesOf(reader);
  const writerNames = namesOf(writer);
  let r: unknown = readerNames.resolve(reader);
  let w: unknown = writerNames.resolve(writer);
  const dataPath: string[] = [];
  const segments: { text: string; role: "field" | "items" | "values" | "branch" }[] = [];
  // The field-level types: what the data path names, before any union branch was chosen.
  let fieldR: unknown = r;
  let fieldW: unknown = w;
  for (const segment of path) {
    if (Array.isArray(w) && pickBranch(w, segment, writerNames) !== undefined) {
      w = pickBranch(w, segment, writerNames);
      if (Array.isArray(r)) r = pickBranch(r, segment, readerNames) ?? r;
      segments.push({ text: segment, role: "branch" });
      continue;
    }
    if (Array.isArray(r) && pickBranch(r, segment, readerNames) !== undefined) {
      r = pickBranch(r, segment, readerNames);
      segments.push({ text: segment, role: "branch" });
      continue;
    }
    if ((segment === "[]" || segment === "{}") && isObject(r)) {
      const key = segment === "[]" ? "items" : "values";
      const kind = segment === "[]" ? "array" : "map";
      if (r["type"] !== kind) return { dataPath, reader: fieldR, writer: fieldW, complete: false, segments };
      r = readerNames.resolve(r[key]);
      w = isObject(w) && w["type"] === kind ? writerNames.resolve(w[key]) : undefined;
      dataPath.push(segment);
      segments.push({ text: segment, role: segment === "[]" ? "items" : "values" });
      fieldR = r;
      fieldW = w;
      continue;
    }
    const readerField = fieldNamed(r, segment);
    if (readerField === undefined) return { dataPath, reader: fieldR, writer: fieldW, complete: false, segments };
    let writerField = fieldNamed(w, readerField.name);
    for (const alias of aliasesOf(r, readerField.name)) writerField ??= fieldNamed(w, alias);
    r = readerNames.resolve(readerField.type);
    w = writerField === undefined ? undefined : writerNames.resolve(writerField.type);
    dataPath.push(readerField.name);
    segments.push({ text: segment, role: "field" });
    fieldR = r;
    fieldW = w;
  }
  return { dataPath, reader: fieldR, writer: fieldW, complete: true, segments };
}

/** A finding path for people: `enrollment.created_by<UserData>.id`, `tags[]`. */
export function formatFindingPath(place: FindingPlace): string {
  let out = "";
  for (const { text, role } of place.segments) {
    if (role === "field") out += out === "" ? text : `.${text}`;
    else if (role === "items") out += "[]";
    else if (role === "values") out += "{}";
    else out += `<${shortName(text)}>`;
  }
  return out === "" ? "(root)" : out;
}
