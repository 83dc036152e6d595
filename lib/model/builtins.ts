import type { AvroPrimitive, PluginSettings } from "../settings.js";
import type { UnsupportedCauseId } from "./causes.js";
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

/** Well-known global types the event bus cannot carry, with the cause. */
export const UNSUPPORTED_GLOBALS: Readonly<Record<string, { code: UnsupportedCode; cause: UnsupportedCauseId }>> = {
  Set: { code: "set", cause: "set" },
  ReadonlySet: { code: "set", cause: "set" },
  WeakSet: { code: "set", cause: "weak-set" },
  WeakMap: { code: "map", cause: "weak-map" },
  Object: { code: "object", cause: "untyped-object" },
  Function: { code: "function", cause: "function" },
  Promise: { code: "other", cause: "promise" },
  Symbol: { code: "other", cause: "symbol" },
  RegExp: { code: "unknown-class", cause: "regexp" },
  Error: { code: "unknown-class", cause: "error-object" },
};
