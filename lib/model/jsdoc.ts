import { AST_TOKEN_TYPES, type TSESTree } from "@typescript-eslint/typescript-estree";
import { spanOf, type SpanSource } from "../source/index.js";
import type { JsDoc } from "./types.js";

/** The `/** … *\/` block right before `node` (only white space between), parsed into text and tags. */
export function jsDocBefore(file: SpanSource, program: TSESTree.Program, node: TSESTree.Node): JsDoc | null {
  const comments = program.comments ?? [];
  // Binary search: the last comment that ends before the node.
  let low = 0;
  let high = comments.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const comment = comments[mid]!;
    if (comment.range[1] <= node.range[0]) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  const comment = found >= 0 ? comments[found] : undefined;
  if (!comment || comment.type !== AST_TOKEN_TYPES.Block || !comment.value.startsWith("*")) return null;
  if (file.text.slice(comment.range[1], node.range[0]).trim() !== "") return null;
  return { ...parseJsDoc(comment.value), span: spanOf(file, comment) };
}

/** Splits a JSDoc body (without the delimiters) into its description and `@tag text` entries. */
export function parseJsDoc(body: string): Omit<JsDoc, "span"> {
  const lines = body
    .replace(/^\*/, "")
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*\*? ?/, ""));
  const description: string[] = [];
  const tags: { tag: string; text: string }[] = [];
  for (const line of lines) {
    const match = /^@([\w-]+)\s*(.*)$/.exec(line.trim());
    if (match) {
      tags.push({ tag: match[1]!, text: match[2]!.trim() });
    } else if (tags.length > 0) {
      const last = tags[tags.length - 1]!;
      last.text = [last.text, line.trim()].filter(Boolean).join(" ");
    } else {
      description.push(line);
    }
  }
  return { text: description.join("\n").trim(), tags };
}
