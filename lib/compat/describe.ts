/**
 * Short human-readable type descriptions for findings ("long",
 * "record UserData", "array<string>", "union [null, string]").
 */
import { toCanonicalJson } from "./canonical.js";
import { normalizeSchema, type AvroNode } from "./normalize.js";

// Descriptions are for one-line messages; deep or wide types get elided.
const MAX_DESCRIBE_DEPTH = 4;
const MAX_UNION_BRANCHES = 8;

/** Describes a parsed `.avsc` JSON value; never throws. */
export function describeAvroType(schema: unknown): string {
  const canonical = toCanonicalJson(schema);
  if (!canonical.ok) return "invalid schema";
  const normalized = normalizeSchema(JSON.parse(canonical.json) as unknown);
  return normalized.ok ? describeNode(normalized.root) : "invalid schema";
}

/**
 * Named types show their kind only at the top level ("record UserData");
 * inside containers the bare name reads better ("array<UserData>").
 */
export function describeNode(node: AvroNode, depth = 0): string {
  if (depth > MAX_DESCRIBE_DEPTH) return "…";
  switch (node.kind) {
    case "primitive":
      return node.type;
    case "array":
      return `array<${describeNode(node.items, depth + 1)}>`;
    case "map":
      return `map<${describeNode(node.values, depth + 1)}>`;
    case "union": {
      const shown = node.branches.slice(0, MAX_UNION_BRANCHES).map((branch) => describeNode(branch, depth + 1));
      if (node.branches.length > MAX_UNION_BRANCHES) shown.push("…");
      return `union [${shown.join(", ")}]`;
    }
    case "fixed":
      return depth === 0 ? `fixed ${node.name}(${node.size})` : node.name;
    default:
      return depth === 0 ? `${node.kind} ${node.name}` : node.name;
  }
}
