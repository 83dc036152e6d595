import { formatSchema, type SchemaResult } from "../avro/index.js";
import type { KnownSnapshotText, SnapshotSchema } from "./parse.js";

const texts = new WeakMap<SchemaResult, KnownSnapshotText>();

/**
 * The text `generate` writes for a generated schema, to recognise an unchanged snapshot without
 * parsing it (see {@link KnownSnapshotText}). Formatted once per schema result; undefined when the
 * schema has problems and was not generated.
 */
export function knownSnapshotText(result: SchemaResult): KnownSnapshotText | undefined {
  if (result.schema === null || result.json === null) return undefined;
  let known = texts.get(result);
  if (!known) {
    known = { text: formatSchema(result.schema), schema: result.schema as unknown as SnapshotSchema, json: result.json };
    texts.set(result, known);
  }
  return known;
}
