import avro from "avsc";
import { errorMessage } from "../errors.js";
import { isJsonObject } from "../json.js";
import { invalidNamespaceMessage, isEventBusNamespace } from "../naming/avro-names.js";
import { AVRO_PRIMITIVES } from "../settings.js";
import { registerCache } from "../testing.js";

/**
 * Stands for a schema's namespace while avsc validates it, so schemas differing only there share a
 * verdict, and so an event-bus namespace that avsc's stricter names refuse (`redemption-reversed`)
 * is judged by our rule, not avsc's (lib/naming/avro-names.ts).
 */
export const PLACEHOLDER_NAMESPACE = "openedx.events.validation";
const MAX_ENTRIES = 20_000;

const verdicts = new Map<string, string | null>();
registerCache("avro", () => verdicts.clear());

/**
 * avsc's verdict on a schema: null when valid, else avsc's message. One verdict per distinct
 * schema, shared by schema generation, snapshot reading and compatibility checks, which all see
 * the same schemas: a catalog's events differ mostly in their namespace, so a top-level
 * namespace is checked on its own and the rest once per distinct body.
 */
export function avroSchemaError(schema: unknown, json?: string): string | null {
  let key: string;
  try {
    // `json`: `JSON.stringify(schema)` when the caller already has it.
    key = json ?? JSON.stringify(schema) ?? "undefined";
  } catch (error) {
    return errorMessage(error);
  }
  let body = schema;
  let swapped: string | null = null;
  if (isJsonObject(schema)) {
    const namespace = schema.namespace;
    // "" is the null namespace, which Avro allows.
    if (typeof namespace === "string" && namespace !== "") {
      if (!isEventBusNamespace(namespace)) {
        return invalidNamespaceMessage(namespace);
      }
      // Only when nothing else names the namespace (a full name such as `ns.Color` would).
      const quoted = JSON.stringify(namespace);
      if (key.indexOf(namespace) === key.lastIndexOf(namespace)) {
        body = { ...schema, namespace: PLACEHOLDER_NAMESPACE };
        key = key.replace(quoted, JSON.stringify(PLACEHOLDER_NAMESPACE));
        swapped = namespace;
      }
    }
  }
  let verdict = verdicts.get(key);
  if (verdict === undefined) {
    verdict = avscVerdict(() => avro.Type.forSchema(body as avro.Schema, { registry: avscRegistry() }));
    remember(verdicts, key, verdict);
  }
  return swapped === null ? verdict : withNamespace(verdict, swapped);
}

/** A verdict given with the stand-in namespace, as it reads for the schema's own namespace. */
export function withNamespace(verdict: string | null, namespace: string): string | null {
  return verdict === null ? null : verdict.replaceAll(PLACEHOLDER_NAMESPACE, namespace);
}

/** null when `build` gives an avsc type, else avsc's message. */
export function avscVerdict(build: () => unknown): string | null {
  try {
    return avro.Type.isType(build()) ? null : "the schema does not define an Avro type";
  } catch (error) {
    return errorMessage(error);
  }
}

/** Keeps a verdict in a map that is emptied when it grows past {@link MAX_ENTRIES} entries. */
export function remember<K, V>(verdicts: Map<K, V>, key: K, verdict: V): void {
  if (verdicts.size >= MAX_ENTRIES) verdicts.clear();
  verdicts.set(key, verdict);
}

let primitives: readonly avro.Type[] | null = null;

/**
 * A fresh registry for one avsc call. Null-prototype, so names like "hasOwnProperty" never
 * resolve to Object.prototype members; holding the primitive types, made once, because avsc
 * compiles a function for every primitive type it creates (they are immutable, so sharing them
 * changes no verdict).
 */
export function avscRegistry(): Record<string, avro.Type> {
  primitives ??= AVRO_PRIMITIVES.map((name) => avro.Type.forSchema(name));
  const registry = Object.create(null) as Record<string, avro.Type>;
  AVRO_PRIMITIVES.forEach((name, i) => (registry[name] = primitives![i]!));
  return registry;
}
