/**
 * The modules every imported catalog leans on, at the root of the output directory: the signal
 * constructor (`tooling.ts`), the numeric type names (`types.ts`) and the custom types that stand
 * for strings (`keys.ts`). Replace them with your own when you have them: the plugin recognises
 * all of these by name.
 */
import { KEYS_MODULE, TOOLING_MODULE, TYPES_MODULE, type RenderedFile } from "./render.js";

const TOOLING = `/**
 * A stand-in for \`openedx_events.tooling.OpenEdxPublicSignal\`, written by \`openedx-events-avro
 * import\`. The plugin recognises signals by the constructor's name (the \`signalConstructors\`
 * setting), so this module only has to make the catalog type-check: replace it with your own.
 */

/** Anything that can appear as a value in \`data\`: a data class or a custom-type class. */
export type PayloadClass = abstract new (...args: never) => unknown;

/** Constructor argument: \`event_type\` and an optional \`data\` map. */
export interface SignalInit {
  readonly event_type: string;
  readonly data?: Readonly<Record<string, PayloadClass>>;
}

/** A signal; \`T\` is the payload when it is declared at the type level. */
export class OpenEdxPublicSignal<T = unknown> {
  readonly event_type: string;
  readonly init_data: Readonly<Record<string, PayloadClass>>;
  /** Phantom member carrying the type-level payload \`T\`. */
  declare readonly payload?: T;

  constructor(init: SignalInit) {
    this.event_type = init.event_type;
    this.init_data = { ...init.data };
  }
}
`;

/** `types.ts`: `Int` and `Float` always, `Int32` and `Float32` when a schema has Avro int or float. */
export function renderTypesModule(extra: ReadonlySet<string>): RenderedFile {
  const lines = [
    "/**",
    " * Numeric type names, written by `openedx-events-avro import`. TypeScript has one `number`; the",
    " * plugin reads these names as openedx-events reads `int` and `float`: `Int` and `Long` are Avro",
    ' * `"long"`, `Float` and `Double` are `"double"`.',
    " */",
    "export type Int = number;",
    "export type Long = number;",
    "export type Float = number;",
    "export type Double = number;",
  ];
  if (extra.has("Int32")) lines.push("", '/** Avro `"int"`: a custom type, so the `customTypes` setting must say `{ Int32: "int" }`. */', "export type Int32 = number;");
  if (extra.has("Float32")) lines.push("", '/** Avro `"float"`: a custom type, so the `customTypes` setting must say `{ Float32: "float" }`. */', "export type Float32 = number;");
  return { path: `${TYPES_MODULE}.ts`, text: `${lines.join("\n")}\n` };
}

/** `keys.ts`: one opaque class per custom type the catalog uses (`Date` is global). */
export function renderKeysModule(customTypes: readonly string[]): RenderedFile {
  const classes = customTypes.map(
    (name) => `/** A custom type: a string on the event bus. */
export class ${name} {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  toString(): string {
    return this.#value;
  }
}`,
  );
  const header = `/**
 * Custom types (opaque keys and the like), written by \`openedx-events-avro import\`. The plugin
 * recognises them by name and serializes them as Avro "string"; replace them with your own.
 */`;
  return { path: `${KEYS_MODULE}.ts`, text: `${[header, ...classes].join("\n\n")}\n` };
}

export function renderToolingModule(): RenderedFile {
  return { path: `${TOOLING_MODULE}.ts`, text: TOOLING };
}
