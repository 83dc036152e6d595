import type { TSESTree } from "@typescript-eslint/utils";
import type { SourceCode } from "@typescript-eslint/utils/ts-eslint";

/** The node of the linted file whose range is exactly `range` (the outermost one), or null. */
export function nodeAtRange(sourceCode: Readonly<SourceCode>, range: readonly [number, number]): TSESTree.Node | null {
  let node: TSESTree.Node | null = sourceCode.getNodeByRangeIndex(range[0]);
  let found: TSESTree.Node | null = null;
  while (node) {
    if (node.range[0] === range[0] && node.range[1] === range[1]) found = node;
    else if (node.range[0] < range[0] || node.range[1] > range[1]) break;
    node = node.parent ?? null;
  }
  return found;
}

/** True when `node` is written in a type position (inside a type annotation or type arguments). */
export function isInTypePosition(node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
    switch (current.type) {
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
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}
