/**
 * Short human-readable type descriptions for findings ("long",
 * "record UserData", "array<string>", "union [null, string]"), in words that evolution's
 * messages share (`describeTypeTree`).
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

/** Describes a normalized Avro type, eliding what would not fit on one line. */
export function describeNode(node: AvroNode): string {
  return describeTypeTree(node, nodeName, ONE_LINE);
}

/** Named types show their kind only at the top level, a fixed type its size too ("fixed MD5(16)"). */
function nodeName(node: TypeLeaf<AvroNode>, topLevel: boolean): string {
  if (node.kind === "primitive") return node.type;
  if (!topLevel) return node.name;
  return node.kind === "fixed" ? `fixed ${node.name}(${node.size})` : `${node.kind} ${node.name}`;
}

/** The containers every type tree has (Avro nodes here, evolution's shapes), described alike. */
type Container<T> =
  | { readonly kind: "array"; readonly items: T }
  | { readonly kind: "map"; readonly values: T }
  | { readonly kind: "union"; readonly branches: readonly T[] };

/** A type of the tree that is not a container: what the caller words. */
export type TypeLeaf<T> = Exclude<T, Container<T>>;

/** How much of a type a description shows before it elides the rest ("…"). */
export interface DescribeLimits {
  readonly depth: number;
  readonly branches: number;
}

const ONE_LINE: DescribeLimits = { depth: MAX_DESCRIBE_DEPTH, branches: MAX_UNION_BRANCHES };

/** The whole type, however deep or wide. */
export const WHOLE_TYPE: DescribeLimits = { depth: Infinity, branches: Infinity };

function isContainer<T extends { readonly kind: string }>(type: T): type is T & Container<T> {
  return type.kind === "array" || type.kind === "map" || type.kind === "union";
}

/**
 * A type in the words of every message: `array<T>`, `map<T>`, `union [A, B]`; `leaf` words the
 * other types, knowing whether they stand at the top (`record UserData`) or inside a container,
 * where the bare name reads better (`array<UserData>`).
 */
export function describeTypeTree<T extends { readonly kind: string }>(
  type: T,
  leaf: (type: TypeLeaf<T>, topLevel: boolean) => string,
  limits: DescribeLimits,
): string {
  const describe = (part: T, depth: number): string => {
    if (depth > limits.depth) return "…";
    if (!isContainer(part)) return leaf(part as TypeLeaf<T>, depth === 0);
    switch (part.kind) {
      case "array":
        return `array<${describe(part.items, depth + 1)}>`;
      case "map":
        return `map<${describe(part.values, depth + 1)}>`;
      case "union": {
        const shown = part.branches.slice(0, limits.branches).map((branch) => describe(branch, depth + 1));
        if (part.branches.length > limits.branches) shown.push("…");
        return `union [${shown.join(", ")}]`;
      }
    }
  };
  return describe(type, 0);
}
