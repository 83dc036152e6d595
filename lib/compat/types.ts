/**
 * Public result types of the compatibility checker. Everything is readonly
 * because results are memoized and shared between callers.
 */

export type FindingKind =
  | "type-mismatch"
  | "reader-field-missing-default"
  | "name-mismatch"
  | "enum-symbol-missing"
  | "fixed-size-mismatch"
  | "union-branch-unreadable"
  | "invalid-schema"
  /** The walk hit its depth limit; reported instead of risking a stack overflow. */
  | "too-complex";

export interface CompatibilityFinding {
  readonly kind: FindingKind;
  /**
   * Location in the data, from the root: reader field names, `"[]"` for array
   * items, `"{}"` for map values and, at each union, the branch key (primitive
   * name, `array`, `map` or the full name of a named type) of the writer
   * branch when the writer is a union, otherwise of the reader branch chosen.
   */
  readonly path: readonly string[];
  readonly readerType: string;
  readonly writerType: string;
  readonly message: string;
}

export interface CompatibilityResult {
  readonly compatible: boolean;
  /** The first findings: at most MAX_FINDINGS (1,000) of them, so that hostile schemas stay cheap. */
  readonly findings: readonly CompatibilityFinding[];
  /**
   * How many findings there are in all (more than `findings.length` when the list was cut);
   * saturates at Number.MAX_SAFE_INTEGER.
   */
  readonly findingCount: number;
}
