/**
 * Numeric type names understood by the schema generator.
 *
 * TypeScript has a single `number` type; these aliases carry the intent that
 * attrs classes express with `int` / `float`. They are recognised by NAME:
 * `Int` and `Long` map to Avro `"long"`, `Float` and `Double` to `"double"`.
 */
export type Int = number;
export type Long = number;
export type Float = number;
export type Double = number;

/** An LMS user id. Alias of `Int`, so it is an Avro `"long"`. */
export type UserId = Int;

/** A ratio in [0, 1]. Alias of `Float`, so it is an Avro `"double"`. */
export type Percent = Float;
