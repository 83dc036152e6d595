/**
 * avsc types for event schemas. avsc refuses a namespace with `-` or a segment starting with a
 * digit, which the Avro specification and openedx-events accept in an event type
 * (`org.openedx.enterprise.subsidy.redemption-reversed.v1`, docs/snapshots.md). Such a namespace
 * is replaced, for avsc only, by a stand-in: the same one in the reader and the writer, so the
 * full names of their records still match one another exactly as they did.
 */
import avro from "avsc";
import { errorMessage } from "../errors.js";
import { isStrictAvroNamespace } from "../naming/index.js";
import { PLACEHOLDER_NAMESPACE, avscRegistry, withNamespace } from "../avro/validate.js";

/** The namespace avsc sees in place of one it refuses: the one lib/avro's validation gives it. */
export const AVSC_NAMESPACE = PLACEHOLDER_NAMESPACE;

/** avsc's message about a schema of `eventType`, naming the event's namespace where avsc saw the stand-in. */
export function avscMessage(error: unknown, eventType: string): string {
  return withNamespace(errorMessage(error), eventType) ?? "";
}

/** `schema` as avsc may read it: the top-level namespace swapped when avsc would refuse it. */
export function forAvsc(schema: unknown): unknown {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) return schema;
  const namespace = (schema as Record<string, unknown>)["namespace"];
  if (typeof namespace !== "string" || namespace === "" || isStrictAvroNamespace(namespace)) return schema;
  return { ...(schema as Record<string, unknown>), namespace: AVSC_NAMESPACE };
}

/** The avsc type of an event schema; throws avsc's error when it refuses the schema. */
export function avscType(schema: unknown): avro.Type {
  return avro.Type.forSchema(forAvsc(schema) as avro.Schema, { registry: avscRegistry() });
}
