/**
 * What `import` reads out of a snapshot: the types an event's fields have, in the terms of the
 * TypeScript definitions that produce them (docs/contract.md), and the records, deduplicated
 * across the whole catalog by name and shape.
 */

/** The Avro primitives a field can have here: those the model produces from TypeScript. */
export type ImportedPrimitive = "string" | "boolean" | "long" | "double" | "bytes" | "int" | "float";

/** A field's type, with records as `R`: drafts while one schema is read, variants after. */
export type TypeTree<R> =
  | { readonly kind: "primitive"; readonly avro: ImportedPrimitive }
  | { readonly kind: "record"; readonly record: R }
  | { readonly kind: "array"; readonly items: TypeTree<R> }
  | { readonly kind: "map"; readonly values: TypeTree<R> }
  | { readonly kind: "nullable"; readonly inner: TypeTree<R> };

export type ImportedType = TypeTree<RecordVariant>;

/** What an array, map or nullable holds (each holds one type); null for a primitive or a record. */
export function innerType<R>(type: TypeTree<R>): TypeTree<R> | null {
  return type.kind === "array" ? type.items : type.kind === "map" ? type.values : type.kind === "nullable" ? type.inner : null;
}

/** The primitive or record at the bottom of arrays, maps and nullables. */
export function leafType<R>(type: TypeTree<R>): TypeTree<R> {
  for (let inner = innerType(type); inner !== null; inner = innerType(inner)) type = inner;
  return type;
}

/** Whether `type` is or holds a map (`Record<string, T>`). */
export function holdsMap<R>(type: TypeTree<R>): boolean {
  for (let current: TypeTree<R> | null = type; current !== null; current = innerType(current)) if (current.kind === "map") return true;
  return false;
}

/** Every record reachable from `types`, each once, nested ones included. */
export function reachableRecords(types: Iterable<ImportedType>): Set<RecordVariant> {
  const reached = new Set<RecordVariant>();
  const visit = (type: ImportedType): void => {
    const leaf = leafType(type);
    if (leaf.kind !== "record" || reached.has(leaf.record)) return;
    reached.add(leaf.record);
    for (const field of leaf.record.fields) visit(field.type);
  };
  for (const type of types) visit(type);
  return reached;
}

export interface ImportedField {
  readonly name: string;
  readonly type: ImportedType;
  readonly doc: string | null;
  /** The custom type (`CourseKey`, `Date`, …) its `string` stands for, set from `--custom-type`; null: `string`. */
  customType: string | null;
}

/** One record as the schemas define it: a name and a shape. Two shapes of one name are two variants. */
export interface RecordVariant {
  readonly name: string;
  /** 1 for the first shape of this name met in the catalog, 2 for the second, … */
  readonly variant: number;
  /** Name, doc and fields, with nested records by their variant key: equal keys, equal records. */
  readonly key: string;
  readonly doc: string | null;
  readonly fields: readonly ImportedField[];
  /** The event whose snapshot defines it first (in event type order), and the field path there. */
  readonly firstUse: { readonly eventType: string; readonly path: string };
}

export interface ImportedEvent {
  readonly eventType: string;
  /** The snapshot it was read from (absolute path) and its text. */
  readonly file: string;
  readonly text: string;
  /** The schema's top-level `doc`: openedx-events writes the same CloudEvents sentence on every event. */
  readonly doc: string | null;
  readonly fields: readonly ImportedField[];
}

/** Why part of a snapshot has no TypeScript definition that `generate` turns back into it. */
export interface ImportProblem {
  readonly eventType: string;
  readonly file: string;
  /** Field path from the signal (`enrollment.user.pii`, `tags[]`), "" for the schema itself. */
  readonly path: string;
  readonly reason: string;
}
