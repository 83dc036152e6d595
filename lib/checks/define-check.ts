/**
 * How a check with options is written: its options are declared in it, once, each with its
 * JSON-schema type and what it does. The rule takes them as the properties of its options schema
 * (the descriptions fill the docs' options tables), and the options' TypeScript type is read
 * from them.
 */
import type { Check } from "./types.js";

/** One option: a property of the rule's options object, in the part of JSON Schema our options use. */
export type OptionDeclaration =
  | { readonly type: "boolean"; readonly description: string }
  | { readonly type: "string"; readonly pattern?: string; readonly description: string }
  | {
      readonly type: "array";
      readonly items: { readonly type: "string"; readonly pattern?: string };
      readonly uniqueItems?: boolean;
      readonly description: string;
    };

export type OptionDeclarations = Readonly<Record<string, OptionDeclaration>>;

interface OptionValues {
  boolean: boolean;
  string: string;
  array: string[];
}

/** The options object a check's `run` takes: every declared option, each of them optional. */
export type OptionsOf<Declarations extends OptionDeclarations> = {
  -readonly [Name in keyof Declarations]?: OptionValues[Declarations[Name]["type"]];
};

/** A check whose options are typed by their declarations (its `run` and `defaultOptions` included). */
export function defineCheck<Id extends string, const Declarations extends OptionDeclarations>(
  check: Check<Id, OptionsOf<Declarations>> & { readonly options: Declarations },
): Check<Id, OptionsOf<Declarations>> & { readonly options: Declarations } {
  return check;
}
