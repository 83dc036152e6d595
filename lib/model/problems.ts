/** Problems of declarations (not of one field's type), as signals and data classes report them. */
import type { TSESTree } from "@typescript-eslint/typescript-estree";
import { AVRO_NAME } from "../naming/avro-names.js";
import { spanOf, type SourceFile, type SourceSpan } from "../source/index.js";
import type { ModelProblem } from "./types.js";

/** A problem at `node` of `file`. */
export function problemAt(file: SourceFile, node: TSESTree.Node, code: ModelProblem["code"], message: string): ModelProblem {
  return { code, message, span: spanOf(file, node) };
}

/** A second field of the same name in one record (the first one is kept). */
export function duplicateField(name: string, keySpan: SourceSpan): ModelProblem {
  return { code: "duplicate-field", message: `the field \`${name}\` is declared twice`, span: keySpan };
}

/** Reports a field name Avro does not accept (the field is kept: its type is still checked). */
export function checkFieldName(name: string, keySpan: SourceSpan, problems: ModelProblem[]): void {
  if (AVRO_NAME.test(name)) return;
  problems.push({
    code: "invalid-name",
    message: `\`${name}\` is not a valid Avro field name (letters, digits and \`_\`, not starting with a digit)`,
    span: keySpan,
  });
}
