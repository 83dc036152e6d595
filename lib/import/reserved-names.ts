/**
 * Names the import cannot give a class (a data class, or a custom type in keys.ts): the model
 * reads them as something else (a custom type, a numeric name, a global), TypeScript does not
 * allow them as a class name, or the signals modules import the constructor by that name.
 */
import { ARRAY_NAMES, MAP_NAMES, NAMED_PRIMITIVES, UNSUPPORTED_GLOBALS } from "../model/builtins.js";

const GLOBALS = new Set(["String", "Boolean", "Number", "BigInt", "Uint8Array", "Buffer", ...ARRAY_NAMES, ...MAP_NAMES, ...Object.keys(UNSUPPORTED_GLOBALS)]);

/** Reserved words and predefined type names, which no class may be named. */
const TYPESCRIPT_RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if " +
    "import in instanceof new null return super switch this throw true try typeof var void while with implements interface let " +
    "package private protected public static yield any boolean number string symbol never unknown object bigint undefined await"
  ).split(" "),
);

/** Why `name` cannot name a data class, or null. `customTypes`: every custom type name in use (built-in and added). */
export function reservedRecordName(name: string, customTypes: ReadonlySet<string>): string | null {
  if (customTypes.has(name)) return `the plugin reads \`${name}\` as a custom type (a string), never as a data class`;
  return reservedClassName(name);
}

/** Why no class the import writes (a data class, or a custom type in keys.ts) may be named `name`, or null. */
export function reservedClassName(name: string): string | null {
  if (Object.hasOwn(NAMED_PRIMITIVES, name) || name === "Int32" || name === "Float32") return `the plugin reads \`${name}\` as a number type`;
  if (GLOBALS.has(name)) return `\`${name}\` is a global type the plugin reads with its own meaning`;
  if (TYPESCRIPT_RESERVED.has(name)) return `\`${name}\` is a reserved word in TypeScript`;
  if (name === "OpenEdxPublicSignal") return "it is the name of the signal constructor";
  return null;
}
