import type { SchemaResult } from "../avro/index.js";
import type { KnownSchema, SnapshotSchema } from "./parse.js";

/** A generated schema as a snapshot read can recognise it (see {@link KnownSchema}); undefined when it has problems. */
export function knownSchema(result: SchemaResult): KnownSchema | undefined {
  if (result.schema === null || result.json === null) return undefined;
  return { schema: result.schema as unknown as SnapshotSchema, json: result.json };
}
