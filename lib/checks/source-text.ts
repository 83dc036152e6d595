/**
 * Reading the checked file's text and AST without ESLint's SourceCode: the node at a range and
 * what holds it, the next token after a place, and edits merged the way ESLint merges a fix.
 */
import type { TSESTree } from "@typescript-eslint/typescript-estree";
import type { Edit } from "./types.js";

/** The index of the first character at or after `from` that is neither white space nor inside a comment. */
export function nextTokenStart(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const char = text[i]!;
    if (/\s/.test(char)) i++;
    else if (text.startsWith("//", i)) {
      const end = text.indexOf("\n", i);
      i = end === -1 ? text.length : end + 1;
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      i = end === -1 ? text.length : end + 2;
    } else break;
  }
  return i;
}

/** The one-character token `char` right after `from` (white space and comments skipped), before `limit`, as a range; or null. */
export function punctuatorAfter(text: string, from: number, char: string, limit = text.length): readonly [number, number] | null {
  const at = nextTokenStart(text, from);
  return at < limit && text[at] === char ? [at, at + 1] : null;
}

/** True when the last node of `path` (a node after the nodes that hold it) is written in a type position. */
export function isInTypePosition(path: readonly TSESTree.Node[]): boolean {
  for (let i = path.length - 1; i >= 0; i--) {
    switch (path[i]!.type) {
      case "TSTypeAnnotation":
      case "TSTypeParameterInstantiation":
      case "TSTypeAliasDeclaration":
      case "TSInterfaceBody":
        return true;
      case "Property":
      case "ObjectExpression":
      case "ExpressionStatement":
        return false;
      default:
        break;
    }
  }
  return false;
}

/** The white space a line starts with, for the line holding `index`. */
export function indentAt(text: string, index: number): string {
  const lineStart = text.lastIndexOf("\n", index - 1) + 1;
  let end = lineStart;
  while (text[end] === " " || text[end] === "\t") end++;
  return text.slice(lineStart, end);
}

/** Several edits of one text as one, from the first to the last (as ESLint merges the fixes of a suggestion). */
export function mergeEdits(text: string, edits: readonly Edit[]): Edit {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const start = sorted[0]!.range[0];
  const end = Math.max(...sorted.map((edit) => edit.range[1]));
  let out = "";
  let at = start;
  for (const edit of sorted) {
    out += text.slice(at, edit.range[0]) + edit.text;
    at = edit.range[1];
  }
  return { range: [start, end], text: out + text.slice(at, end) };
}

/** The line and column of `offset`, walking from a known position before it (`from`, at `fromOffset`). */
export function positionAfter(text: string, from: { line: number; column: number }, fromOffset: number, offset: number): { line: number; column: number } {
  let { line, column } = from;
  for (let i = fromOffset; i < offset; i++) {
    const char = text[i];
    if (char === "\r" && text[i + 1] === "\n") continue;
    if (char === "\n" || char === "\r" || char === "\u2028" || char === "\u2029") {
      line++;
      column = 0;
    } else column++;
  }
  return { line, column };
}
