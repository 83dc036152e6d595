/**
 * What a schema cannot say: which `string` was a `CourseKey`, a `UsageKey` or a `Date`. The
 * user says it, one field at a time (`--custom-type enrollment.course.course_key=CourseKey`) or
 * in a mapping file; every other string stays `string`, which produces the same schema.
 */
import { reservedClassName } from "./reserved-names.js";
import { leafType, type ImportedEvent, type ImportedField, type ImportedType } from "./types.js";

/** One `FIELD_PATH=TYPE`, and where it came from (for messages). */
export interface CustomTypeEntry {
  readonly path: string;
  readonly type: string;
  readonly source: string;
}

/** A mistake in the mappings: the import does not start. */
export class CustomTypeError extends Error {}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `enrollment.course.course_key=CourseKey` → an entry; throws CustomTypeError with the flag's text. */
export function parseCustomTypeFlag(text: string): CustomTypeEntry {
  const equals = text.lastIndexOf("=");
  if (equals <= 0) throw new CustomTypeError(`--custom-type ${JSON.stringify(text)}: expected FIELD_PATH=TYPE, e.g. enrollment.course.course_key=CourseKey`);
  return checkedEntry(text.slice(0, equals).trim(), text.slice(equals + 1).trim(), `--custom-type ${text}`);
}

/** The entries of a mapping file's text: a JSON object `{ "FIELD_PATH": "TYPE", … }`. */
export function parseCustomTypeFile(text: string, file: string): CustomTypeEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CustomTypeError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new CustomTypeError(`${file} must hold a JSON object mapping field paths to type names, e.g. {"enrollment.course.course_key": "CourseKey"}`);
  }
  return Object.entries(json as Record<string, unknown>).map(([path, type]) => {
    if (typeof type !== "string") throw new CustomTypeError(`${file}: the type of ${JSON.stringify(path)} must be a string, got ${JSON.stringify(type)}`);
    return checkedEntry(path, type, `${file}: ${JSON.stringify(path)}`);
  });
}

function checkedEntry(path: string, type: string, source: string): CustomTypeEntry {
  if (path === "" || path.split(".").some((segment) => !IDENTIFIER.test(segment.replace(/(\[\]|\{\})+$/, "")))) {
    throw new CustomTypeError(`${source}: ${JSON.stringify(path)} is not a field path (field names joined by ".", e.g. enrollment.course.course_key)`);
  }
  if (!IDENTIFIER.test(type)) throw new CustomTypeError(`${source}: ${JSON.stringify(type)} is not a TypeScript type name`);
  // Number types and globals mean something else to the model; reserved words cannot name the class keys.ts would declare.
  if (reservedClassName(type) !== null) {
    throw new CustomTypeError(`${source}: \`${type}\` is not a custom type the plugin maps to "string"; name one such as CourseKey, UsageKey or Date`);
  }
  return { path, type, source };
}

/**
 * Sets `customType` on the fields the entries name. A path starts at a top-level field of the
 * events (every event that has it) or at a record name (every shape of that record). Returns the
 * entries that named no field, for a warning; throws for a field that is not a string, or one
 * that two entries map to different types.
 */
export function applyCustomTypes(entries: readonly CustomTypeEntry[], events: readonly ImportedEvent[]): CustomTypeEntry[] {
  const unmatched: CustomTypeEntry[] = [];
  const setBy = new Map<ImportedField, CustomTypeEntry>();
  for (const entry of entries) {
    const [first, ...rest] = entry.path.split(".").map((segment) => segment.replace(/(\[\]|\{\})+$/, ""));
    const targets = new Set<ImportedField>();
    for (const event of events) {
      for (const field of event.fields) {
        if (field.name === first) collect(field, rest, targets);
        forEachRecordField(field.type, (recordName, recordField) => {
          if (recordName === first && rest.length > 0 && recordField.name === rest[0]) collect(recordField, rest.slice(1), targets);
        });
      }
    }
    if (targets.size === 0) {
      unmatched.push(entry);
      continue;
    }
    for (const field of targets) {
      if (!isStringLeaf(field.type)) {
        throw new CustomTypeError(`${entry.source}: the field \`${field.name}\` is ${describe(field.type)} in the schema; a custom type stands for a string`);
      }
      const earlier = setBy.get(field);
      if (earlier && earlier.type !== entry.type) {
        throw new CustomTypeError(`${entry.source}: the field \`${field.name}\` is already mapped to \`${earlier.type}\` by ${earlier.source}`);
      }
      setBy.set(field, entry);
      field.customType = entry.type;
    }
  }
  return unmatched;
}

/** Follows `rest` (field names) from `field` through records, arrays, maps and nullables. */
function collect(field: ImportedField, rest: readonly string[], out: Set<ImportedField>): void {
  if (rest.length === 0) {
    out.add(field);
    return;
  }
  const record = recordOf(field.type);
  const next = record?.fields.find((candidate) => candidate.name === rest[0]);
  if (next) collect(next, rest.slice(1), out);
}

function recordOf(type: ImportedType) {
  const leaf = leafType(type);
  return leaf.kind === "record" ? leaf.record : null;
}

/** Calls `visit` for every field of every record reachable from `type` (each record once). */
function forEachRecordField(type: ImportedType, visit: (recordName: string, field: ImportedField) => void, seen = new Set<unknown>()): void {
  const record = recordOf(type);
  if (!record || seen.has(record)) return;
  seen.add(record);
  for (const field of record.fields) {
    visit(record.name, field);
    forEachRecordField(field.type, visit, seen);
  }
}

function isStringLeaf(type: ImportedType): boolean {
  const leaf = leafType(type);
  return leaf.kind === "primitive" && leaf.avro === "string";
}

function describe(type: ImportedType): string {
  switch (type.kind) {
    case "primitive":
      return `a ${type.avro}`;
    case "record":
      return `the record \`${type.record.name}\``;
    case "array":
      return `an array of ${describe(type.items).replace(/^an? /, "")}`;
    case "map":
      return `a map of ${describe(type.values).replace(/^an? /, "")}`;
    case "nullable":
      return `a nullable ${describe(type.inner).replace(/^an? /, "")}`;
  }
}
