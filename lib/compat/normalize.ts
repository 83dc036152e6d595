/**
 * Turns parsed `.avsc` JSON into a graph of nodes in which every named-type
 * reference points at its definition, so the resolution walk never has to
 * think about namespaces again. Name rules follow the Avro 1.11 spec
 * ("Names"): a dotted name is a full name and ignores `namespace`; otherwise
 * the `namespace` attribute, else the enclosing named type's namespace,
 * applies; aliases are relative to the type's own namespace.
 */
import { MAX_SCHEMA_DEPTH } from "./canonical.js";
import { isJsonObject } from "../json.js";
import { isAvroName, isEventBusNamespace } from "../naming/avro-names.js";
import { AVRO_PRIMITIVES, isAvroPrimitive, type AvroPrimitive } from "../settings.js";

export interface PrimitiveNode {
  readonly kind: "primitive";
  readonly type: AvroPrimitive;
}
export interface ArrayNode {
  readonly kind: "array";
  readonly items: AvroNode;
}
export interface MapNode {
  readonly kind: "map";
  readonly values: AvroNode;
}
export interface UnionNode {
  readonly kind: "union";
  readonly branches: readonly AvroNode[];
}
interface NamedInfo {
  /** Unqualified name. */
  readonly name: string;
  /** "" for the null namespace. */
  readonly namespace: string;
  readonly fullname: string;
  /** Fully qualified. */
  readonly aliases: readonly string[];
}
export interface RecordField {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly type: AvroNode;
  readonly hasDefault: boolean;
}
export interface RecordNode extends NamedInfo {
  readonly kind: "record";
  readonly fields: readonly RecordField[];
}
export interface EnumNode extends NamedInfo {
  readonly kind: "enum";
  readonly symbols: readonly string[];
  readonly default: string | undefined;
}
export interface FixedNode extends NamedInfo {
  readonly kind: "fixed";
  readonly size: number;
}
export type NamedNode = RecordNode | EnumNode | FixedNode;
export type AvroNode = PrimitiveNode | ArrayNode | MapNode | UnionNode | NamedNode;

export type NormalizeResult =
  | { readonly ok: true; readonly root: AvroNode }
  | { readonly ok: false; readonly message: string };

const PRIMITIVES: ReadonlyMap<string, PrimitiveNode> = new Map(
  AVRO_PRIMITIVES.map((type) => [type, Object.freeze({ kind: "primitive", type })] as const),
);

/** The key Avro's JSON encoding uses for a union branch; unique within a union. */
export function branchKey(node: AvroNode): string {
  switch (node.kind) {
    case "primitive":
      return node.type;
    case "array":
    case "map":
    case "union":
      return node.kind;
    default:
      return node.fullname;
  }
}

class SchemaError extends Error {}

/** Never throws: a schema this module cannot make sense of is reported, not raised. */
export function normalizeSchema(schema: unknown): NormalizeResult {
  try {
    return { ok: true, root: new Normalizer().parse(schema, "", 0) };
  } catch (error) {
    if (error instanceof SchemaError) return { ok: false, message: error.message };
    if (error instanceof RangeError) return { ok: false, message: "schema is too deeply nested" };
    return { ok: false, message: `schema could not be read (${error instanceof Error ? error.message : "unknown error"})` };
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

class Normalizer {
  // A Map, not an object: type names like "constructor" must not hit prototypes.
  readonly #named = new Map<string, NamedNode>();

  parse(schema: unknown, namespace: string, depth: number): AvroNode {
    if (depth > MAX_SCHEMA_DEPTH) throw new SchemaError(`schema nests deeper than ${MAX_SCHEMA_DEPTH} levels`);
    if (typeof schema === "string") return this.#reference(schema, namespace);
    if (Array.isArray(schema)) return this.#union(schema as unknown[], namespace, depth);
    if (isJsonObject(schema)) return this.#object(schema, namespace, depth);
    throw new SchemaError(`invalid schema ${preview(schema)}`);
  }

  #reference(ref: string, namespace: string): AvroNode {
    const primitive = PRIMITIVES.get(ref);
    if (primitive) return primitive;
    const fullname = qualify(ref, namespace);
    const named = this.#named.get(fullname);
    if (!named) throw new SchemaError(`undefined type name: ${fullname}`);
    return named;
  }

  #union(items: readonly unknown[], namespace: string, depth: number): UnionNode {
    if (items.length === 0) throw new SchemaError("empty union");
    const branches: AvroNode[] = [];
    const keys = new Set<string>();
    for (const item of items) {
      const branch = this.parse(item, namespace, depth + 1);
      if (branch.kind === "union") throw new SchemaError("unions cannot be directly nested");
      const key = branchKey(branch);
      if (keys.has(key)) throw new SchemaError(`duplicate union branch: ${key}`);
      keys.add(key);
      branches.push(branch);
    }
    return { kind: "union", branches };
  }

  #object(schema: Record<string, unknown>, namespace: string, depth: number): AvroNode {
    const type = schema["type"];
    if (typeof type !== "string") throw new SchemaError(`schema "type" must be a string, got ${preview(type)}`);
    // Logical types and other extra attributes resolve as their underlying type.
    const primitive = PRIMITIVES.get(type);
    if (primitive) return primitive;
    switch (type) {
      case "record":
      case "error":
        return this.#record(schema, namespace, depth);
      case "enum":
        return this.#enum(schema, namespace);
      case "fixed":
        return this.#fixed(schema, namespace);
      case "array":
        return { kind: "array", items: this.parse(required(schema, "items"), namespace, depth + 1) };
      case "map":
        return { kind: "map", values: this.parse(required(schema, "values"), namespace, depth + 1) };
      default:
        throw new SchemaError(`unknown type: ${preview(type)}`);
    }
  }

  #header(schema: Record<string, unknown>, enclosing: string): Mutable<NamedInfo> {
    const rawName = schema["name"];
    if (typeof rawName !== "string") throw new SchemaError(`named type needs a string "name", got ${preview(rawName)}`);
    let namespace: string;
    if (rawName.includes(".")) {
      namespace = impliedNamespace(rawName.replace(/^\./, ""));
    } else {
      const attr = schema["namespace"];
      if (attr === undefined) namespace = enclosing;
      else if (attr === null) namespace = "";
      else if (typeof attr === "string") namespace = checkedNamespace(attr);
      else throw new SchemaError(`invalid namespace ${preview(attr)}`);
    }
    const fullname = qualify(rawName, namespace);
    const name = unqualify(fullname);
    if (isAvroPrimitive(name)) throw new SchemaError(`cannot redefine primitive type name: ${fullname}`);
    if (this.#named.has(fullname)) throw new SchemaError(`duplicate type name: ${fullname}`);
    const aliases = stringList(schema["aliases"], `aliases of ${fullname}`).map((alias) => qualify(alias, namespace));
    return { name, namespace, fullname, aliases };
  }

  #record(schema: Record<string, unknown>, enclosing: string, depth: number): RecordNode {
    const fields: RecordField[] = [];
    const node: RecordNode = { kind: "record", ...this.#header(schema, enclosing), fields };
    // Registered before its fields so they can refer back to it.
    this.#named.set(node.fullname, node);
    const rawFields = schema["fields"];
    if (!Array.isArray(rawFields)) throw new SchemaError(`record ${node.fullname} needs a "fields" array`);
    const seen = new Set<string>();
    for (const raw of rawFields as unknown[]) {
      if (!isJsonObject(raw)) throw new SchemaError(`invalid field in ${node.fullname}: ${preview(raw)}`);
      const name = raw["name"];
      if (typeof name !== "string" || !isAvroName(name)) {
        throw new SchemaError(`invalid field name in ${node.fullname}: ${preview(name)}`);
      }
      if (seen.has(name)) throw new SchemaError(`duplicate field name in ${node.fullname}: ${name}`);
      seen.add(name);
      fields.push({
        name,
        aliases: stringList(raw["aliases"], `aliases of field ${node.fullname}.${name}`),
        type: this.parse(required(raw, "type"), node.namespace, depth + 1),
        // `"default": null` is a default; only an absent key is not.
        hasDefault: Object.hasOwn(raw, "default") && raw["default"] !== undefined,
      });
    }
    return node;
  }

  #enum(schema: Record<string, unknown>, enclosing: string): EnumNode {
    const header = this.#header(schema, enclosing);
    const symbols = stringList(schema["symbols"], `symbols of ${header.fullname}`);
    if (symbols.length === 0) throw new SchemaError(`enum ${header.fullname} has no symbols`);
    if (new Set(symbols).size !== symbols.length) throw new SchemaError(`enum ${header.fullname} repeats a symbol`);
    const bad = symbols.find((symbol) => !isAvroName(symbol));
    if (bad !== undefined) throw new SchemaError(`invalid symbol in ${header.fullname}: ${preview(bad)}`);
    const def = schema["default"];
    if (def !== undefined && (typeof def !== "string" || !symbols.includes(def))) {
      throw new SchemaError(`enum ${header.fullname} default ${preview(def)} is not one of its symbols`);
    }
    const node: EnumNode = { kind: "enum", ...header, symbols, default: def };
    this.#named.set(node.fullname, node);
    return node;
  }

  #fixed(schema: Record<string, unknown>, enclosing: string): FixedNode {
    const header = this.#header(schema, enclosing);
    const size = schema["size"];
    if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
      throw new SchemaError(`fixed ${header.fullname} has invalid size ${preview(size)}`);
    }
    const node: FixedNode = { kind: "fixed", ...header, size };
    this.#named.set(node.fullname, node);
    return node;
  }
}

function qualify(name: string, namespace: string): string {
  let fullname: string;
  if (name.includes(".")) fullname = name.replace(/^\./, ""); // leading dot: explicit null namespace, as avsc allows
  else fullname = namespace ? `${namespace}.${name}` : name;
  // The name itself is an Avro name; its namespace an event-bus namespace (lib/naming/avro-names.ts).
  const dot = fullname.lastIndexOf(".");
  if (!isAvroName(fullname.slice(dot + 1)) || (dot >= 0 && !isEventBusNamespace(fullname.slice(0, dot)))) {
    throw new SchemaError(`invalid name: ${preview(name)}`);
  }
  return fullname;
}

/** A `namespace` attribute: "" is the null namespace. */
function checkedNamespace(namespace: string): string {
  if (namespace !== "" && !isEventBusNamespace(namespace)) throw new SchemaError(`invalid namespace ${preview(namespace)}`);
  return namespace;
}

function unqualify(fullname: string): string {
  const dot = fullname.lastIndexOf(".");
  return dot < 0 ? fullname : fullname.slice(dot + 1);
}

function impliedNamespace(fullname: string): string {
  const dot = fullname.lastIndexOf(".");
  return dot < 0 ? "" : fullname.slice(0, dot);
}

function stringList(value: unknown, what: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !(value as unknown[]).every((item) => typeof item === "string")) {
    throw new SchemaError(`${what} must be an array of strings`);
  }
  return [...(value as string[])];
}

function required(schema: Record<string, unknown>, key: string): unknown {
  const value = schema[key];
  if (value === undefined) throw new SchemaError(`missing "${key}" in ${preview(schema)}`);
  return value;
}

function preview(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  text ??= String(typeof value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
