export { toAvroSchema, recordProblems, formatSchema, isEventTypeProblem, problemSpan, CLOUD_EVENT_DOC } from "./schema.js";
export type { AvroField, AvroRecord, AvroType, CloudEventSchema, SchemaProblem, SchemaResult } from "./schema.js";
export { avroSchemaError } from "./validate.js";
