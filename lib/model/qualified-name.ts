import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/typescript-estree";

/** `a.b.C` as `["a", "b", "C"]`, for member expressions and qualified type names. */
export function qualifiedParts(node: TSESTree.Node): string[] | null {
  if (node.type === AST_NODE_TYPES.Identifier) return [node.name];
  if (node.type === AST_NODE_TYPES.TSQualifiedName) {
    const left = qualifiedParts(node.left);
    return left ? [...left, node.right.name] : null;
  }
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
    const left = qualifiedParts(node.object);
    return left ? [...left, node.property.name] : null;
  }
  return null;
}
