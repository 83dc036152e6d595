/**
 * avsc's verdict on a generated schema, piece by piece.
 *
 * avsc compiles code for every record of every schema it is given, which made validating whole
 * schemas cost more than everything else the rules do. A generated schema has a known, small
 * shape (records of named fields with `null` defaults; primitives, arrays, maps, unions and
 * references), so it is checked the way avsc walks it, in the same order and with the same
 * messages, while avsc itself judges each distinct piece once: every record name (as a `fixed`
 * of that name, which goes through the same naming rules without compiling anything) and every
 * field type (with references standing for the records checked on their own). Anything outside
 * that shape goes to avsc whole. A property test holds the verdicts equal to avsc's on whole
 * schemas.
 */
import avro from "avsc";
import type { CloudEventSchema } from "./schema.js";
import {
  avroSchemaError,
  avscRegistry,
  avscVerdict,
  PLACEHOLDER_NAMESPACE,
  remember,
  withNamespace,
} from "./validate.js";
import { isJsonObject } from "../json.js";
import { AVRO_NAME, invalidNamespaceMessage, isEventBusNamespace } from "../naming/avro-names.js";
import { isAvroPrimitive } from "../settings.js";
import { registerCache } from "../testing.js";

const RECORD_KEYS = new Set(["name", "type", "fields", "doc", "namespace"]);
const FIELD_KEYS = new Set(["name", "type", "default", "doc"]);

type Json = { readonly [key: string]: unknown };
type InlineRecord = Json & { readonly name: string; readonly fields: readonly unknown[] };

/** Outside the generated shape: the whole schema goes to avsc. */
class NotGenerated extends Error {}

interface Walk {
  readonly namespace: string;
  /** Names defined so far, in avsc's walk order (generated records have no namespace of their own). */
  readonly defined: Set<string>;
}

/**
 * Verdicts by the schema's JSON, for the schemas generated again on every keystroke: the signals
 * of an edited file are modelled anew, and all but the edited one give the same JSON as before.
 * Small, because a batch run never generates one schema twice (schemas are cached per signal).
 */
const recentVerdicts = new Map<string, string | null>();
const RECENT_VERDICTS = 2_000;

/**
 * Null when valid, else avsc's message (as avsc gives it for the whole schema). `json`:
 * `JSON.stringify(schema)`, when the caller has it, so that a schema seen lately is judged once.
 */
export function generatedSchemaError(schema: CloudEventSchema, json?: string): string | null {
  if (json === undefined) return judgeGenerated(schema);
  let verdict = recentVerdicts.get(json);
  if (verdict === undefined) {
    verdict = judgeGenerated(schema);
    if (recentVerdicts.size >= RECENT_VERDICTS) recentVerdicts.clear();
    recentVerdicts.set(json, verdict);
  }
  return verdict;
}

function judgeGenerated(schema: CloudEventSchema): string | null {
  if (!isEventBusNamespace(schema.namespace)) return invalidNamespaceMessage(schema.namespace);
  try {
    // Pieces are judged in the stand-in namespace: messages name the schema's own.
    return withNamespace(recordError(schema as unknown as InlineRecord, { namespace: schema.namespace, defined: new Set() }, true), schema.namespace);
  } catch (error) {
    if (error instanceof NotGenerated) return avroSchemaError(schema);
    throw error;
  }
}

function onlyKeys(value: Json, allowed: ReadonlySet<string>): boolean {
  for (const key of Object.keys(value)) if (!allowed.has(key)) return false;
  return true;
}

/** avsc's order: the record's name, duplicate field names, then each field's name and type. */
function recordError(record: InlineRecord, walk: Walk, top: boolean): string | null {
  if (!onlyKeys(record, RECORD_KEYS) || (!top && record["namespace"] !== undefined) || record.name.includes(".")) throw new NotGenerated();
  const named = nameError(record.name);
  if (named !== null) return named;
  if (walk.defined.has(record.name)) return `duplicate type name: ${walk.namespace}.${record.name}`;
  walk.defined.add(record.name);
  const names = new Set<string>();
  for (const field of record.fields) {
    if (!isJsonObject(field) || !onlyKeys(field, FIELD_KEYS)) throw new NotGenerated();
    // The generator writes one default: null, on a union whose first branch is null (valid).
    if ("default" in field && !(field["default"] === null && Array.isArray(field["type"]) && field["type"][0] === "null")) throw new NotGenerated();
    names.add(field["name"] as string);
  }
  if (names.size !== record.fields.length) return `duplicate field name: ${JSON.stringify(record.fields)}`;
  for (const field of record.fields as readonly Json[]) {
    const name = field["name"];
    if (typeof name !== "string" || !AVRO_NAME.test(name)) return `invalid field name: ${String(name)}`;
    // An array, not a set: most fields reference nothing, and a repeated name costs nothing.
    const references: string[] = [];
    const shallow = shallowType(field["type"], walk, references);
    if ("error" in shallow) return shallow.error;
    const typeError = fieldTypeError(shallow.type, references);
    if (typeError !== null) return typeError;
  }
  return null;
}

/**
 * The field type with inline records replaced by their names, walking (and so defining) the
 * inline records in avsc's depth-first order; or the first error on the way.
 */
function shallowType(type: unknown, walk: Walk, references: string[]): { type: unknown } | { error: string } {
  if (typeof type === "string") {
    if (isAvroPrimitive(type)) return { type };
    if (type.includes(".")) throw new NotGenerated();
    // avsc qualifies the name (which checks it) before looking it up.
    if (!walk.defined.has(type)) return { error: nameError(type) ?? `undefined type name: ${walk.namespace}.${type}` };
    references.push(type);
    return { type };
  }
  if (Array.isArray(type)) {
    const branches: unknown[] = [];
    for (const branch of type) {
      const shallow = shallowType(branch, walk, references);
      if ("error" in shallow) return shallow;
      branches.push(shallow.type);
    }
    return { type: branches };
  }
  if (!isJsonObject(type)) return { type };
  if (type["type"] === "record" && typeof type["name"] === "string" && Array.isArray(type["fields"])) {
    const error = recordError(type as InlineRecord, walk, false);
    if (error !== null) return { error };
    references.push(type["name"]);
    return { type: type["name"] };
  }
  const child = type["type"] === "array" ? "items" : type["type"] === "map" ? "values" : null;
  if (child === null) return { type };
  const shallow = shallowType(type[child], walk, references);
  return "error" in shallow ? shallow : { type: { ...type, [child]: shallow.type } };
}

/** Record name → avsc's verdict on it, and the `fixed` of that name that stands for the record in field types. */
const names = new Map<string, { readonly error: string | null; readonly standIn: avro.Type | null }>();
const typeVerdicts = new Map<string, string | null>();
registerCache("avro", () => {
  recentVerdicts.clear();
  names.clear();
  typeVerdicts.clear();
});

/** avsc's naming rules for a record name in the schema's namespace, checked on a `fixed`, which compiles little. */
function nameError(name: string): string | null {
  return checkedName(name).error;
}

function checkedName(name: string): { readonly error: string | null; readonly standIn: avro.Type | null } {
  let checked = names.get(name);
  if (checked === undefined) {
    let standIn: avro.Type | null = null;
    const error = avscVerdict(() => (standIn = avro.Type.forSchema({ type: "fixed", name, size: 1 }, fresh())));
    checked = { error, standIn };
    remember(names, name, checked);
  }
  return checked;
}

/** avsc's verdict on a field type whose references are to records checked on their own. */
function fieldTypeError(type: unknown, references: readonly string[]): string | null {
  const key = JSON.stringify(type);
  let verdict = typeVerdicts.get(key);
  if (verdict === undefined) {
    verdict = avscVerdict(() => {
      const options = fresh();
      // References are to records defined (so named validly) before: their stand-ins exist.
      for (const name of references) {
        const standIn = checkedName(name).standIn;
        if (standIn) options.registry[standIn.name!] = standIn;
      }
      return avro.Type.forSchema(type as avro.Schema, options);
    });
    remember(typeVerdicts, key, verdict);
  }
  return verdict;
}

/** avsc options with the schema's stand-in namespace and a fresh registry. */
function fresh(): { namespace: string; registry: Record<string, avro.Type> } {
  return { namespace: PLACEHOLDER_NAMESPACE, registry: avscRegistry() };
}

