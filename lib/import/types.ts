/**
 * What `import` reads out of a snapshot: the types an event's fields have, in the terms of the
 * TypeScript definitions that produce them (docs/contract.md), and the records, deduplicated
 * across the whole catalog by name and shape.
 */

/** The Avro primitives a field can have here: those the model produces from TypeScript. */
export type ImportedPrimitive = "string" | "boolean" | "long" | "double" | "bytes" | "int" | "float";

export type ImportedType =
  | { readonly kind: "primitive"; readonly avro: ImportedPrimitive }
  | { readonly kind: "record"; readonly record: RecordVariant }
  | { readonly kind: "array"; readonly items: ImportedType }
  | { readonly kind: "map"; readonly values: ImportedType }
  | { readonly kind: "nullable"; readonly inner: ImportedType };

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
