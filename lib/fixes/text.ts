/**
 * Text of the fixes the rules suggest, built without ESLint so that the CLI and editors could
 * offer the same edits. Every builder returns source text; callers decide where it goes.
 */
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/typescript-estree";

/** Type forms that need parentheses before `| null` (`(() => void) | null`). */
const NEEDS_PARENS = new Set<string>([
  AST_NODE_TYPES.TSFunctionType,
  AST_NODE_TYPES.TSConstructorType,
  AST_NODE_TYPES.TSConditionalType,
  AST_NODE_TYPES.TSInferType,
  AST_NODE_TYPES.TSIntersectionType,
]);

/**
 * `T`, `T | undefined`, `undefined | T | null` → `T | null`: the nullable form the event bus
 * carries (`["null", T]` with `"default": null`). `text` is the source text of the file `node` is in.
 */
export function nullableTypeText(text: string, node: TSESTree.TypeNode): string {
  const slice = (n: TSESTree.Node): string => text.slice(n.range[0], n.range[1]);
  if (node.type === AST_NODE_TYPES.TSUnionType) {
    const kept = node.types.filter((member) => member.type !== AST_NODE_TYPES.TSUndefinedKeyword && member.type !== AST_NODE_TYPES.TSVoidKeyword);
    const hasNull = kept.some((member) => member.type === AST_NODE_TYPES.TSNullKeyword);
    const parts = kept.map((member) => (NEEDS_PARENS.has(member.type) ? `(${slice(member)})` : slice(member)));
    if (!hasNull) parts.push("null");
    return parts.join(" | ");
  }
  const inner = slice(node);
  return NEEDS_PARENS.has(node.type) ? `(${inner}) | null` : `${inner} | null`;
}

/** `Record<string, string>` → `string /* JSON-encoded Record<string, string> *\/` (the seed's advice for dicts). */
export function jsonStringTypeText(typeText: string): string {
  const shown = typeText.replace(/\s+/g, " ").replace(/\*\//g, "* /");
  return `string /* JSON-encoded ${shown} */`;
}

/** The `@warning` a known-unserializable signal carries. */
export function warningTagText(reason: string): string {
  return `@warning This event is not sent over the event bus: ${reason}`;
}

/**
 * An existing JSDoc block (`/** … *\/`, as written, starting at column `indent.length`) with one
 * more line, `tag`, before its end. A one-line block becomes a multi-line one.
 */
export function jsDocWithTag(comment: string, indent: string, tag: string): string {
  const close = comment.lastIndexOf("*/");
  const body = comment.slice(0, close).trimEnd();
  return `${body}\n${indent} * ${tag}\n${indent} */`;
}

/** A new JSDoc block holding `tag`, to insert right before a statement that starts at column `indent.length`. */
export function newJsDocBefore(indent: string, tag: string): string {
  return `/**\n${indent} * ${tag}\n${indent} */\n${indent}`;
}

/** The text to put after an empty `@warning` tag. */
export function warningReasonText(reason: string): string {
  return ` This event is not sent over the event bus: ${reason}`;
}

/** The source text of a string literal holding `value`, in the quote style `quote` (`"`, `'` or a backtick). */
export function stringLiteralText(value: string, quote: '"' | "'" | "`"): string {
  let escaped = value
    .replaceAll("\\", "\\\\")
    .replaceAll(quote, `\\${quote}`)
    .replaceAll("\r", "\\r")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
  // A template literal may span lines, and `${` would start an expression.
  escaped = quote === "`" ? escaped.replaceAll("${", "\\${") : escaped.replaceAll("\n", "\\n");
  return `${quote}${escaped}${quote}`;
}

/** The offset just past the string literal that starts at `start` (escapes skipped), or -1. */
export function stringLiteralEnd(text: string, start: number): number {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i];
    if (char === "\\") i++;
    else if (char === quote) return i + 1;
    else if (char === "\n" && quote !== "`") return -1;
  }
  return -1;
}
