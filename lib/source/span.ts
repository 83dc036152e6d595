import type { TSESTree } from "@typescript-eslint/typescript-estree";

/** Where something is in a source file: enough for an ESLint report or a CLI line. */
export interface SourceSpan {
  /** Absolute path of the file. */
  readonly file: string;
  readonly range: readonly [number, number];
  readonly loc: TSESTree.SourceLocation;
}

export function spanOf(file: string, node: TSESTree.Node | TSESTree.Token): SourceSpan {
  return { file, range: node.range, loc: node.loc };
}
