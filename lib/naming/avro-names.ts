/**
 * Avro names, and the one place where this plugin is more lenient than the Avro specification.
 *
 * The specification's names are `[A-Za-z_][A-Za-z0-9_]*`, and a namespace is dot-separated names.
 * openedx-events writes the event type as the schema's `namespace`, and its catalog holds event
 * types whose segments the specification rejects (`org.openedx.enterprise.subsidy.redemption-reversed.v1`):
 * the Python library writes and reads such schemas, so a catalog shared with it must accept them.
 * A schema's top-level namespace is therefore an *event-bus namespace*: dot-separated segments of
 * letters, digits, `_` and `-` (the characters a snapshot file name may hold). Everything else
 * (record, field and enum symbol names, nested namespaces) follows the specification. Strict
 * parsers (avsc, the Java library, Confluent's registry) refuse such a namespace:
 * `valid-event-type`'s `strictAvroNamespace` option reports it.
 */

/** A record, field or enum symbol name, and each part of a namespace, per the Avro specification. */
export const AVRO_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const STRICT_NAMESPACE = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const EVENT_BUS_NAMESPACE = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;
/** One segment of an event type, as snapshot file names and openedx-events allow it. */
export const EVENT_TYPE_SEGMENT = /^[A-Za-z0-9_-]+$/;

export function isAvroName(name: string): boolean {
  return AVRO_NAME.test(name);
}

/** True when every dot-separated part of `namespace` is an Avro name (what strict parsers accept). */
export function isStrictAvroNamespace(namespace: string): boolean {
  return STRICT_NAMESPACE.test(namespace);
}

/** True when `namespace` can be a schema's top-level namespace here (see the module comment). */
export function isEventBusNamespace(namespace: string): boolean {
  return EVENT_BUS_NAMESPACE.test(namespace);
}

export function invalidNamespaceMessage(namespace: string): string {
  return `the namespace \`${namespace}\` is not a valid namespace (dot-separated names of letters, digits, \`_\` and \`-\`)`;
}
