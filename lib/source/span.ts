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

/** `file:line:column`, 1-based column as editors show it. */
export function formatSpan(span: SourceSpan, relativeTo?: string): string {
  let file = span.file;
  if (relativeTo && file.startsWith(relativeTo + "/")) file = file.slice(relativeTo.length + 1);
  return `${file}:${span.loc.start.line}:${span.loc.start.column + 1}`;
}
