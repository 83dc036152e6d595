/**
 * Finding places and writing edits in a signal's source text, without ESLint: the rules turn
 * these into fixes and suggestions, the CLI into locations.
 */
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/typescript-estree";
import type { SignalDeclaration } from "../model/index.js";
import { stringLiteralEnd, stringLiteralText } from "../fixes/index.js";
import { spanInProgram, type SourceSpan } from "../source/index.js";

/** A text replacement in one file. */
export interface SourceEdit {
  readonly range: readonly [number, number];
  readonly text: string;
}

const SKIPPED = new Set(["parent", "loc", "range", "tokens", "comments"]);

function children(node: TSESTree.Node): TSESTree.Node[] {
  const out: TSESTree.Node[] = [];
  for (const key in node) {
    if (SKIPPED.has(key)) continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) out.push(child);
    } else if (isNode(value)) {
      out.push(value);
    }
  }
  return out;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string" && Array.isArray((value as { range?: unknown }).range);
}

/**
 * The node of `program` with exactly `range` (the outermost one, never the Program), after the
 * nodes that hold it, found by descending through the nodes that contain it. Null when no node
 * has that range. Works on any typescript-estree AST: ESLint's (with parents) and the parse cache's.
 */
export function nodePathWithRange(program: TSESTree.Program, range: readonly [number, number]): TSESTree.Node[] | null {
  const path: TSESTree.Node[] = [];
  let node: TSESTree.Node = program;
  for (let depth = 0; depth < 10_000; depth++) {
    path.push(node);
    if (node.range[0] === range[0] && node.range[1] === range[1] && node.type !== AST_NODE_TYPES.Program) return path;
    const next: TSESTree.Node | undefined = children(node).find((child) => child.range[0] <= range[0] && range[1] <= child.range[1]);
    if (!next) return null;
    node = next;
  }
  return null;
}

function nodeWithRange(program: TSESTree.Program, range: readonly [number, number]): TSESTree.Node | null {
  return nodePathWithRange(program, range)?.at(-1) ?? null;
}

/**
 * Where findings about the payload as a whole go (a removed top-level key): the `data` key of
 * the signal's object, or the payload type argument of the generic form; else the signal's
 * constant, else the signal.
 */
export function payloadSpan(signal: SignalDeclaration, program: TSESTree.Program | null): SourceSpan {
  const fallback = signal.constantSpan ?? signal.span;
  if (!program) return fallback;
  const call = nodeWithRange(program, signal.span.range);
  if (!call || (call.type !== AST_NODE_TYPES.NewExpression && call.type !== AST_NODE_TYPES.CallExpression)) return fallback;
  const init = call.arguments[0];
  if (init?.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of init.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
      const key = property.key;
      if ((key.type === AST_NODE_TYPES.Identifier && key.name === "data") || (key.type === AST_NODE_TYPES.Literal && key.value === "data")) {
        return spanInProgram(signal.file, program, key);
      }
    }
  }
  const typeArgument = call.typeArguments?.params[0];
  if (typeArgument) return spanInProgram(signal.file, program, typeArgument);
  return fallback;
}

/** `…v1` → `…v2`; an event type without a version gets `.v2` (its first version was the implicit v1). */
export function nextEventType(eventType: string): string {
  const match = /^(.*\.v)(\d+)$/.exec(eventType);
  if (match) return `${match[1]}${Number(match[2]) + 1}`;
  return `${eventType}.v2`;
}

/**
 * Replaces the string literal at the start of `span` (the `event_type` value, maybe followed by
 * `as const`) with `value`, keeping its quote style. Null when the span does not start with a
 * plain literal.
 */
export function replaceStringLiteral(text: string, span: SourceSpan, value: string): SourceEdit | null {
  const start = span.range[0];
  const quote = text[start];
  if (quote !== '"' && quote !== "'" && quote !== "`") return null;
  const end = stringLiteralEnd(text, start);
  if (end === -1 || end > span.range[1]) return null;
  return { range: [start, end], text: stringLiteralText(value, quote) };
}

/** Replaces a property key (identifier or string literal) with `name`, keeping a literal's quotes. */
export function replaceKey(text: string, span: SourceSpan, name: string): SourceEdit {
  const quote = text[span.range[0]];
  if (quote === '"' || quote === "'") return { range: span.range, text: stringLiteralText(name, quote) };
  return { range: span.range, text: name };
}
