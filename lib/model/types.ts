import type { AvroPrimitive } from "../settings.js";
import type { SourceSpan } from "../source/index.js";
import type { UnsupportedCauseId } from "./causes.js";

/** Why a TypeScript type has no place on the event bus. One code per kind of mistake. */
export type UnsupportedCode =
  | "map" // dict-like: Record, index signature, Map (supported only with allowMaps)
  | "map-key" // a dict whose keys are not strings
  | "any" // any, unknown, never
  | "object" // object, {}
  | "union" // a union other than T | null
  | "optional" // x?: T
  | "undefined" // T | undefined, undefined, void
  | "tuple"
  | "function"
  | "set"
  | "array-without-items" // Array, any[] with no usable item type
  | "unknown-class" // a class that is neither a data class nor a custom type
  | "unresolved" // a name that cannot be resolved
  | "recursive" // a data class that contains itself
  | "literal" // literal types, template literal types
  | "enum"
  | "generic" // a type parameter or an unsupported generic
  | "other"; // any other type form

/** The type of one field, as the event bus sees it. */
export type FieldType =
  | { readonly kind: "primitive"; readonly avro: AvroPrimitive; readonly text: string; readonly span: SourceSpan }
  | { readonly kind: "custom"; readonly name: string; readonly avro: AvroPrimitive; readonly span: SourceSpan }
  | { readonly kind: "array"; readonly items: FieldType; readonly text: string; readonly span: SourceSpan }
  | { readonly kind: "map"; readonly values: FieldType; readonly text: string; readonly span: SourceSpan }
  | { readonly kind: "record"; readonly dataClass: DataClassModel; readonly span: SourceSpan }
  | { readonly kind: "nullable"; readonly inner: FieldType; readonly text: string; readonly span: SourceSpan }
  | UnsupportedType;

export interface UnsupportedType {
  readonly kind: "unsupported";
  readonly code: UnsupportedCode;
  /** The TypeScript type as written. */
  readonly text: string;
  /** Why the event bus cannot carry it: worded by `reasonText` (lib/model/causes.ts). */
  readonly cause: UnsupportedCause;
  readonly span: SourceSpan;
  /** For `x?: T`, `T | undefined`: what the field would be once fixed. */
  readonly inner?: FieldType;
}

/** Why a type cannot be carried: an id for the wording, and the names the wording mentions. */
export interface UnsupportedCause {
  readonly id: UnsupportedCauseId;
  readonly data?: Readonly<Record<string, string>>;
}

/** A record field (of a data class) or a top-level `data` entry (of a signal). */
export interface FieldModel {
  /** The wire name, copied into the schema unchanged. */
  readonly name: string;
  readonly type: FieldType;
  /** The whole member or `data` property. */
  readonly span: SourceSpan;
  /** The key (field name) alone. */
  readonly keySpan: SourceSpan;
  /** The type annotation (or the `data` value), where a fix of the type goes. */
  readonly typeSpan: SourceSpan;
  /** `x?: T` in the source. */
  readonly optional: boolean;
  /** The initializer written in the source (`= null`, `= ""`), if any. */
  readonly initializer: "null" | "other" | null;
  /** The data class that declares this field (inherited fields keep their declaring class). */
  readonly declaredIn: string | null;
}

/** A problem in a declaration that is not about one field's type. */
export interface ModelProblem {
  readonly code:
    | "computed-key"
    | "spread"
    | "missing-type"
    | "invalid-name"
    | "duplicate-field"
    | "merged-declaration"
    | "unresolved-base"
    | "bad-signal"
    | "missing-event-type"
    | "event-type-not-literal"
    | "data-not-object"
    | "unreadable-file";
  readonly message: string;
  readonly span: SourceSpan;
}

export type DataClassKind = "class" | "interface" | "type";

/** A class, interface or object type whose fields become an Avro record. */
export interface DataClassModel {
  /** The record name in the schema: the declared name, bare (snapshots carry no module). */
  readonly name: string;
  /** `file#name`: two data classes of one name in different modules are different. */
  readonly id: string;
  readonly kind: DataClassKind;
  readonly file: string;
  readonly span: SourceSpan;
  readonly nameSpan: SourceSpan;
  /** In Avro order: inherited fields first, redeclared fields at the subclass's position. */
  readonly fields: readonly FieldModel[];
  readonly problems: readonly ModelProblem[];
}

export interface JsDoc {
  readonly text: string;
  readonly tags: readonly { readonly tag: string; readonly text: string }[];
  readonly span: SourceSpan;
}

/** One `new OpenEdxPublicSignal({...})` (or a configured constructor). */
export interface SignalDeclaration {
  /** The constant holding the signal (`COURSE_ENROLLMENT_CREATED`), or null. */
  readonly constant: string | null;
  readonly constantSpan: SourceSpan | null;
  /** The literal value of `event_type` / `eventType`, or null when missing or not a literal. */
  readonly eventType: string | null;
  readonly eventTypeSpan: SourceSpan | null;
  readonly constructorName: string;
  /** `data` object literal, or the type argument of the generic form. */
  readonly form: "data" | "type";
  readonly fields: readonly FieldModel[];
  readonly doc: JsDoc | null;
  readonly file: string;
  /** The whole `new …(…)` expression. */
  readonly span: SourceSpan;
  /** The statement holding it, where a JSDoc goes. */
  readonly statementSpan: SourceSpan;
  readonly problems: readonly ModelProblem[];
}
