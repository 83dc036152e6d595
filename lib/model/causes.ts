/**
 * Why a TypeScript type has no place on the event bus, in words. The model carries a cause (an
 * id and the names it mentions); this is the one place that turns it into a sentence, for the
 * schema problems, the rules and the CLI alike.
 */
import { formatMessage } from "../format-message.js";
import type { UnsupportedCause } from "./types.js";

const CAUSES = {
  "says-nothing": "`{{text}}` says nothing about the data, so no Avro type can be derived from it",
  "object-keyword": "`object` has no fixed fields for an Avro record",
  "untyped-object": "an untyped object has no fixed fields for an Avro record",
  "empty-object": "`{}` has no fixed fields for an Avro record",
  "inline-object": "an inline object type has no record name; declare it as a named `interface` or `type` (a data class)",
  "inline-intersection": "an inline intersection has no record name; declare it as a named `type` or `interface`",
  "undefined-keyword": "`{{text}}` has no Avro form; a missing value is written `null`",
  "undefined-member": "`undefined` has no Avro form; a missing value is written `null` (`T | null`)",
  "optional-field": "an optional (`?`) field may be missing, which the Avro schema cannot express; a missing value is written `null` (`T | null`)",
  "null-only": "a field that is always `null` carries no data",
  "null-only-union": "a union of only `null`/`undefined` carries no data",
  union: "the event bus serializes unions only as `T | null`; a value of one of several types has no Avro field type openedx-events can read back",
  symbol: "symbols cannot be serialized",
  function: "functions cannot be serialized",
  promise: "a Promise is not data; publish its resolved value",
  tuple: "tuples have no Avro form; use a data class with named fields",
  "type-operator": "`{{operator}}` types have no Avro form",
  literal: "literal types have no Avro form here; use the plain type (`string`, `boolean`, …)",
  "this-type": "`this` types cannot be mapped to Avro",
  "type-form": "this form of type ({{form}}) cannot be mapped to Avro",
  "data-value": "a `data` value must name a data class or a custom type (e.g. `enrollment: CourseEnrollmentData`)",
  "not-a-name": "this expression does not name a type",
  "map-key": "Avro maps have string keys only",
  "index-without-value": "the index signature has no value type",
  "map-without-value": "the map has no value type",
  "untyped-map": "a dict-like type without key and value types",
  dict: "dict-like types are not supported by the event bus by default; when the structure is known declare a data class for it, otherwise send the dict as a JSON string",
  "weak-map": "a WeakMap cannot be serialized",
  set: "a Set has no Avro form; use an array (T[]) of unique items",
  "weak-set": "a WeakSet cannot be serialized",
  "array-without-items": "the array has no item type",
  regexp: "a RegExp has no Avro form; send its source as a string",
  "error-object": "an Error has no Avro form; send its message as a string",
  "generic-type": "generic types cannot be mapped without a type checker; declare a data class with concrete field types",
  "generic-alias": "generic type aliases cannot be mapped without a type checker; declare a data class with concrete field types",
  "generic-interface": "generic interfaces cannot be mapped without a type checker",
  "generic-class": "generic classes cannot be mapped without a type checker",
  "recursive-alias": "the type alias `{{name}}` refers to itself",
  "recursive-interface": "the interface `{{name}}` refers to itself",
  "recursive-class": "the data class `{{name}}` contains itself; openedx-events cannot build a schema for recursive data",
  enum: "the enum `{{name}}` has no serializer in openedx-events; use `string`",
  namespace: "`{{text}}` is a module namespace, not a type",
  "value-not-type": "`{{name}}` is a value, not a type or a class",
  "no-annotation": "the field has no type annotation, and the plugin reads declared types only",
  // A name that cannot be followed: `why` is the resolver's account (no such module, a file that
  // cannot be read, re-exports in a loop), and the cause id says which.
  unresolved: "`{{name}}` cannot be resolved: {{why}}",
  "unreadable-module": "`{{name}}` cannot be resolved: {{why}}",
  "export-cycle": "`{{name}}` cannot be resolved: {{why}}",
  "external-package": "`{{name}}` comes from the package '{{module}}', which the plugin does not read",
  "behaviour-class": "the class `{{name}}` declares no fields, so it is neither a data class nor a custom type",
} as const;

export type UnsupportedCauseId = keyof typeof CAUSES;

/** Causes that may be a custom type the settings do not list yet. */
const MAY_BE_CUSTOM: ReadonlySet<UnsupportedCauseId> = new Set(["external-package", "behaviour-class"]);

const CUSTOM_TYPES_HINT = "if it has a custom serializer, add it to the `customTypes` setting";

/** The cause alone: `the enum \`Color\` has no serializer in openedx-events; use \`string\``. */
export function causeText(cause: UnsupportedCause): string {
  return formatMessage(CAUSES[cause.id], cause.data ?? {});
}

/** The whole reason, as schema problems give it: the cause, and for a possible custom type how to declare one. */
export function reasonText(cause: UnsupportedCause): string {
  const text = causeText(cause);
  return MAY_BE_CUSTOM.has(cause.id) ? `${text}; ${CUSTOM_TYPES_HINT}` : text;
}

/** The cause of a name the resolver could not follow. */
export function unresolvedCause(name: string, failure: "not-found" | "not-exported" | "unreadable" | "cycle", why: string): UnsupportedCause {
  const id: UnsupportedCauseId = failure === "unreadable" ? "unreadable-module" : failure === "cycle" ? "export-cycle" : "unresolved";
  return { id, data: { name, why } };
}
