/**
 * From one snapshot (valid Avro, already read safely by lib/snapshots) to the fields of an event,
 * in the terms of the TypeScript definitions that produce them. Anything no definition produces
 * (enums, fixed, unions other than `["null", T]`, defaults other than null, logical types, …) is a
 * problem naming its field path, never a guess.
 */
import { isAvroName } from "../naming/index.js";
import type { ImportedPrimitive, ImportedType, ImportProblem, RecordVariant, TypeTree } from "./types.js";

const PRIMITIVES = new Set<string>(["string", "boolean", "long", "double", "bytes", "int", "float"]);
const RECORD_KEYS = new Set(["name", "type", "fields", "doc"]);
const FIELD_KEYS = new Set(["name", "type", "default", "doc"]);

/** A record as read from one schema, before it is matched with the records of other schemas. */
interface DraftRecord {
  readonly name: string;
  readonly doc: string | null;
  readonly path: string;
  readonly fields: DraftField[];
  variant?: RecordVariant;
}

interface DraftField {
  readonly name: string;
  readonly type: DraftType;
  readonly doc: string | null;
}

type DraftType = TypeTree<DraftRecord>;

/** Every record variant of a catalog, by key; variants are numbered per name in the order they are met. */
export class RecordRegistry {
  private readonly byKey = new Map<string, RecordVariant>();
  private readonly counts = new Map<string, number>();

  get variants(): readonly RecordVariant[] {
    return [...this.byKey.values()];
  }

  intern(key: string, name: string, make: (variant: number) => RecordVariant): RecordVariant {
    const known = this.byKey.get(key);
    if (known) return known;
    const variant = (this.counts.get(name) ?? 0) + 1;
    this.counts.set(name, variant);
    const record = make(variant);
    this.byKey.set(key, record);
    return record;
  }
}

export interface ReadSchemaResult {
  readonly fields: readonly { name: string; type: ImportedType; doc: string | null }[] | null;
  readonly problems: readonly ImportProblem[];
}

/**
 * The top-level fields of `schema` (the snapshot of `eventType`, from `file`), with its records
 * interned in `registry`; null fields and the problems when any part has no TypeScript form.
 * `reserved` says why a record name cannot be a data class (a custom type, a built-in name).
 */
export function readEventFields(
  schema: { readonly fields: readonly unknown[] },
  eventType: string,
  file: string,
  registry: RecordRegistry,
  reserved: (name: string) => string | null,
): ReadSchemaResult {
  const problems: ImportProblem[] = [];
  const defined = new Map<string, DraftRecord>();
  /** Records whose fields are being read: a reference to one of them is a record inside itself. */
  const reading = new Set<DraftRecord>();
  const problem = (path: string, reason: string) => problems.push({ eventType, file, path, reason });

  const readType = (node: unknown, path: string): DraftType | null => {
    if (typeof node === "string") {
      if (PRIMITIVES.has(node)) return { kind: "primitive", avro: node as ImportedPrimitive };
      if (node === "null") return problem(path, "a field that is always null has no TypeScript type the plugin maps to Avro"), null;
      const record = defined.get(node);
      if (record && reading.has(record)) {
        return problem(path, `the record \`${node}\` contains itself, which the plugin reports as unsupported (a data class that contains itself)`), null;
      }
      if (record) return { kind: "record", record };
      return problem(path, `\`${node}\` is not a record defined earlier in this schema (a full name with a namespace has no TypeScript form)`), null;
    }
    if (Array.isArray(node)) {
      if (node.length === 2 && node[0] === "null" && node[1] !== "null" && !Array.isArray(node[1])) {
        const inner = readType(node[1], path);
        return inner && { kind: "nullable", inner };
      }
      return problem(path, `the union ${JSON.stringify(node).slice(0, 80)} has no TypeScript form: only ["null", T] (\`T | null\`) does`), null;
    }
    if (typeof node !== "object" || node === null) return problem(path, "not an Avro type"), null;
    const object = node as Record<string, unknown>;
    const type = object["type"];
    if (type === "record") return readRecord(object, path);
    if (type !== "array" && type !== "map" && !(typeof type === "string" && PRIMITIVES.has(type))) {
      const what = typeof type === "string" ? `an Avro \`${type}\`` : "a nested type";
      return problem(path, `${what} has no TypeScript form here (records, arrays, maps, ["null", T] and the primitives do)`), null;
    }
    const extra = Object.keys(object).filter((key) => key !== "type" && key !== (type === "array" ? "items" : type === "map" ? "values" : ""));
    if (extra.length > 0) {
      return problem(path, `the attribute${extra.length > 1 ? "s" : ""} ${extra.map((key) => `"${key}"`).join(", ")} of this ${String(type)} type ${extra.includes("logicalType") ? "(a logical type) " : ""}cannot be written in TypeScript definitions`), null;
    }
    if (type === "array") {
      const items = readType(object["items"], `${path}[]`);
      return items && { kind: "array", items };
    }
    if (type === "map") {
      const values = readType(object["values"], `${path}{}`);
      return values && { kind: "map", values };
    }
    return { kind: "primitive", avro: type as ImportedPrimitive };
  };

  const readRecord = (object: Record<string, unknown>, path: string): DraftType | null => {
    const name = object["name"] as string;
    const extra = Object.keys(object).filter((key) => !RECORD_KEYS.has(key));
    if (extra.length > 0) return problem(path, `the record \`${name}\` has ${extra.map((key) => `"${key}"`).join(", ")}, which TypeScript definitions cannot carry`), null;
    if (!isAvroName(name)) return problem(path, `the record name \`${name}\` holds a namespace, which TypeScript definitions cannot carry`), null;
    const why = reserved(name);
    if (why) return problem(path, `the record \`${name}\` cannot be a data class: ${why}`), null;
    const record: DraftRecord = { name, doc: docOf(object), path, fields: [] };
    // Defined before its fields are read, as Avro does: a record that contains itself is then seen, not looped on.
    defined.set(name, record);
    reading.add(record);
    const fields = readFields(object["fields"] as readonly unknown[], path);
    reading.delete(record);
    if (!fields) return null;
    record.fields.push(...fields);
    return { kind: "record", record };
  };

  const readFields = (fields: readonly unknown[], path: string): DraftField[] | null => {
    const out: DraftField[] = [];
    let ok = true;
    for (const field of fields) {
      const object = field as Record<string, unknown>;
      const name = object["name"] as string;
      const fieldPath = path === "" ? name : `${path}.${name}`;
      const extra = Object.keys(object).filter((key) => !FIELD_KEYS.has(key));
      if (extra.length > 0) {
        problem(fieldPath, `the field has ${extra.map((key) => `"${key}"`).join(", ")}, which TypeScript definitions cannot carry`);
        ok = false;
        continue;
      }
      if (name === "constructor") {
        problem(fieldPath, "a class cannot have a field named `constructor`");
        ok = false;
        continue;
      }
      const type = readType(object["type"], fieldPath);
      if (!type) {
        ok = false;
        continue;
      }
      const hasDefault = Object.hasOwn(object, "default");
      if (type.kind === "nullable" && (!hasDefault || object["default"] !== null)) {
        problem(fieldPath, 'a nullable field without "default": null has no TypeScript form (`T | null = null` writes the default)');
        ok = false;
        continue;
      }
      if (type.kind !== "nullable" && hasDefault) {
        problem(fieldPath, `the default ${JSON.stringify(object["default"]).slice(0, 40)} cannot be written in TypeScript definitions (only a nullable field has one, null)`);
        ok = false;
        continue;
      }
      out.push({ name, type, doc: docOf(object) });
    }
    return ok ? out : null;
  };

  const drafts = readFields(schema.fields, "");
  if (!drafts || problems.length > 0) return { fields: null, problems };
  const fields = drafts.map((field) => ({ name: field.name, type: intern(field.type, eventType, registry), doc: field.doc }));
  return { fields, problems };
}

function docOf(object: Record<string, unknown>): string | null {
  const doc = object["doc"];
  return typeof doc === "string" ? doc : doc === undefined ? null : JSON.stringify(doc);
}

/** The draft as imported types, each record replaced by its variant (nested records first, so keys stay short). */
function intern(type: DraftType, eventType: string, registry: RecordRegistry): ImportedType {
  switch (type.kind) {
    case "primitive":
      return type;
    case "array":
      return { kind: "array", items: intern(type.items, eventType, registry) };
    case "map":
      return { kind: "map", values: intern(type.values, eventType, registry) };
    case "nullable":
      return { kind: "nullable", inner: intern(type.inner, eventType, registry) };
    case "record": {
      const draft = type.record;
      if (!draft.variant) {
        const fields = draft.fields.map((field) => ({ name: field.name, type: intern(field.type, eventType, registry), doc: field.doc, customType: null }));
        const key = JSON.stringify([draft.name, draft.doc, fields.map((field) => [field.name, field.doc, typeKey(field.type)])]);
        draft.variant = registry.intern(key, draft.name, (variant) => ({
          name: draft.name,
          variant,
          key,
          doc: draft.doc,
          fields,
          firstUse: { eventType, path: draft.path },
        }));
      }
      return { kind: "record", record: draft.variant };
    }
  }
}

/** A short key for a type: nested records by name and variant number. */
function typeKey(type: ImportedType): unknown {
  switch (type.kind) {
    case "primitive":
      return type.avro;
    case "record":
      return `${type.record.name}#${type.record.variant}`;
    case "array":
      return ["array", typeKey(type.items)];
    case "map":
      return ["map", typeKey(type.values)];
    case "nullable":
      return ["null", typeKey(type.inner)];
  }
}
