import type { TSESTree } from "@typescript-eslint/typescript-estree";
import { lineIndexOf, programLineIndex, type LineIndex } from "./lines.js";

/** Where something is in a source file: enough for an ESLint report or a CLI line. */
export interface SourceSpan {
  /** Absolute path of the file. */
  readonly file: string;
  readonly range: readonly [number, number];
  readonly loc: TSESTree.SourceLocation;
}

/** The file a node comes from: its path, and its text for nodes that carry offsets only. */
export interface SpanSource {
  readonly path: string;
  readonly text: string;
}

/**
 * The span of `node`. ESLint's AST carries line/column objects, which are shared; the fast
 * parser's carries offsets only, and line/column are worked out from the file's line index.
 */
export function spanOf(file: SpanSource, node: TSESTree.Node | TSESTree.Token | TSESTree.Comment): SourceSpan {
  const loc = (node.loc as TSESTree.SourceLocation | undefined) ?? lineIndexFor(file).location(node.range);
  return { file: file.path, range: node.range, loc };
}

function lineIndexFor(file: SpanSource): LineIndex {
  const ast = (file as { readonly ast?: TSESTree.Program | null }).ast;
  return (ast && programLineIndex(ast)) || lineIndexOf(file);
}

/** The span of a node of `program`, for code that holds the program but not its file. */
export function spanInProgram(file: string, program: TSESTree.Program, node: TSESTree.Node): SourceSpan {
  const loc = (node.loc as TSESTree.SourceLocation | undefined) ?? programLineIndex(program)?.location(node.range) ?? program.loc;
  return { file, range: node.range, loc };
}

/** `file:line:column`, 1-based column as editors show it. */
export function formatSpan(span: SourceSpan, relativeTo?: string): string {
  let file = span.file;
  if (relativeTo && file.startsWith(relativeTo + "/")) file = file.slice(relativeTo.length + 1);
  return `${file}:${span.loc.start.line}:${span.loc.start.column + 1}`;
}
