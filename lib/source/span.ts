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
 * A span kept as offsets: line and column are worked out from the file's line index when asked
 * for (a report, a CLI line), which most spans never are. Models hold many spans for a whole run,
 * and three line/column objects each were most of their weight.
 */
class OffsetSpan implements SourceSpan {
  readonly #lines: LineIndex;

  constructor(
    readonly file: string,
    readonly range: readonly [number, number],
    lines: LineIndex,
  ) {
    this.#lines = lines;
  }

  get loc(): TSESTree.SourceLocation {
    return this.#lines.location(this.range);
  }
}

/** The span of `node`, a node of `file`'s AST (ESLint's or the fast parser's). */
export function spanOf(file: SpanSource, node: TSESTree.Node | TSESTree.Token | TSESTree.Comment): SourceSpan {
  return new OffsetSpan(file.path, node.range, lineIndexFor(file));
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
