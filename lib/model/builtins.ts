import type { AvroPrimitive, PluginSettings } from "../settings.js";
import type { UnsupportedCode } from "./types.js";

/** Type names that stand for an Avro primitive whatever they alias (`type Int = number`). */
export const NAMED_PRIMITIVES: Readonly<Record<string, AvroPrimitive>> = {
  Int: "long",
  Long: "long",
  Float: "double",
  Double: "double",
};

/**
 * Global names (not declared or imported in the file) with a fixed meaning. Boxed constructors
 * count as their primitive because `data: { name: String }` is how a value names a type.
 */
export function globalPrimitive(name: string, settings: PluginSettings): AvroPrimitive | null {
  switch (name) {
    case "String":
      return "string";
    case "Boolean":
      return "boolean";
    case "Number":
      return settings.numberType;
    case "BigInt":
      return "long";
    case "Uint8Array":
    case "Buffer":
      return "bytes";
    default:
      return null;
  }
}

export const ARRAY_NAMES = new Set(["Array", "ReadonlyArray"]);
export const MAP_NAMES = new Set(["Record", "Map", "ReadonlyMap"]);

/** Well-known global types the event bus cannot carry, with the reason. */
export const UNSUPPORTED_GLOBALS: Readonly<Record<string, { code: UnsupportedCode; reason: string }>> = {
  Set: { code: "set", reason: "a Set has no Avro form; use an array (T[]) of unique items" },
  ReadonlySet: { code: "set", reason: "a Set has no Avro form; use an array (T[]) of unique items" },
  WeakSet: { code: "set", reason: "a WeakSet cannot be serialized" },
  WeakMap: { code: "map", reason: "a WeakMap cannot be serialized" },
  Object: { code: "object", reason: "an untyped object has no fixed fields for an Avro record" },
  Function: { code: "function", reason: "functions cannot be serialized" },
  Promise: { code: "other", reason: "a Promise is not data; publish its resolved value" },
  Symbol: { code: "other", reason: "symbols cannot be serialized" },
  RegExp: { code: "unknown-class", reason: "a RegExp has no Avro form; send its source as a string" },
  Error: { code: "unknown-class", reason: "an Error has no Avro form; send its message as a string" },
};
