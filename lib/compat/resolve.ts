/**
 * The reader/writer walk of the Avro 1.11 "Schema Resolution" rules, with
 * Confluent's AvroCompatibilityChecker (Avro Java's SchemaCompatibility) as
 * the tie-breaker where the spec is silent. Findings carry paths relative to
 * the pair being compared so that the result for a pair of named types can be
 * computed once and re-used (prefixed) wherever that pair occurs again.
 */
import { describeNode } from "./describe.js";
import {
  branchKey,
  type AvroNode,
  type EnumNode,
  type FixedNode,
  type NamedNode,
  type PrimitiveName,
  type RecordNode,
  type UnionNode,
} from "./normalize.js";
import type { CompatibilityFinding, FindingKind } from "./types.js";

/** Hostile inputs (schemas referencing a named type thousands of times) must not explode the output. */
export const MAX_FINDINGS = 1000;
/** Reference chains can nest far deeper than the JSON does; stop well before the stack would. */
export const MAX_WALK_DEPTH = 1000;

export class WalkTooDeepError extends Error {
  constructor() {
    super(`schemas nest more than ${MAX_WALK_DEPTH} levels deep through named-type references`);
  }
}

type Findings = readonly CompatibilityFinding[];
type NonUnion = Exclude<AvroNode, UnionNode>;

/** Writer type → reader types it may be promoted to (spec, "Schema Resolution"). */
const PROMOTIONS: ReadonlyMap<PrimitiveName, ReadonlySet<PrimitiveName>> = new Map<PrimitiveName, ReadonlySet<PrimitiveName>>([
  ["int", new Set<PrimitiveName>(["long", "float", "double"])],
  ["long", new Set<PrimitiveName>(["float", "double"])],
  ["float", new Set<PrimitiveName>(["double"])],
  ["string", new Set<PrimitiveName>(["bytes"])],
  ["bytes", new Set<PrimitiveName>(["string"])],
]);

export function isPromotable(writer: PrimitiveName, reader: PrimitiveName): boolean {
  return writer === reader || (PROMOTIONS.get(writer)?.has(reader) ?? false);
}

/**
 * Name check for records, enums and fixed. The 1.11 spec compares unqualified
 * names; Java's SchemaCompatibility (what Confluent runs) does the same and
 * also accepts a reader alias equal to the writer's full name. We do exactly
 * that, so moving a type to another namespace is compatible (avsc's resolver
 * compares full names and disagrees).
 */
export function namesMatch(reader: NamedNode, writer: NamedNode): boolean {
  return reader.name === writer.name || reader.aliases.includes(writer.fullname);
}

/** Throws WalkTooDeepError only; every incompatibility is a finding. */
export function resolveSchemas(reader: AvroNode, writer: AvroNode): CompatibilityFinding[] {
  return [...new Walker().resolve(reader, writer, 0)];
}

class Walker {
  // Record pair → findings; null while the pair is on the stack. Re-entering
  // an in-progress pair assumes compatibility (coinduction), which is what
  // makes recursive types terminate; finished pairs are never walked twice.
  readonly #records = new Map<string, Findings | null>();

  resolve(reader: AvroNode, writer: AvroNode, depth: number): Findings {
    if (depth > MAX_WALK_DEPTH) throw new WalkTooDeepError();
    if (writer.kind === "union") return this.#writerUnion(reader, writer, depth);
    if (reader.kind === "union") return this.#readerUnion(reader, writer, depth);
    return this.#nonUnion(reader, writer, depth);
  }

  /** Every writer branch must be readable: the writer may have written any of them. */
  #writerUnion(reader: AvroNode, writer: UnionNode, depth: number): Findings {
    const out: CompatibilityFinding[] = [];
    for (const branch of writer.branches as readonly NonUnion[]) {
      const key = branchKey(branch);
      if (reader.kind === "union") {
        const chosen = this.#chooseBranch(reader, branch, depth);
        if (chosen) append(out, prefix(key, chosen.findings));
        else
          append(out, [
            finding("union-branch-unreadable", [key], reader, branch,
              `The writer's union branch ${describeNode(branch)} matches no branch of the reader's ${describeNode(reader)}.`),
          ]);
      } else if (sameKind(reader, branch)) {
        // Same kind but e.g. another record name: let the walk say precisely why.
        append(out, prefix(key, this.resolve(reader, branch, depth + 1)));
      } else {
        append(out, [
          finding("union-branch-unreadable", [key], reader, branch,
            `The writer's union branch ${describeNode(branch)} cannot be read as ${describeNode(reader)}.`),
        ]);
      }
      if (out.length >= MAX_FINDINGS) break;
    }
    return out;
  }

  #readerUnion(reader: UnionNode, writer: NonUnion, depth: number): Findings {
    const chosen = this.#chooseBranch(reader, writer, depth);
    if (!chosen) {
      return [
        finding("type-mismatch", [], reader, writer,
          `Data written as ${describeNode(writer)} matches no branch of the reader's ${describeNode(reader)}.`),
      ];
    }
    return prefix(branchKey(chosen.branch), chosen.findings);
  }

  /**
   * The spec resolves against the first reader branch that matches the
   * writer; Java accepts any compatible branch. They only differ when several
   * branches match (e.g. promotions), so: the first matching branch that is
   * fully compatible, else the first matching one, whose findings explain why.
   */
  #chooseBranch(reader: UnionNode, writer: NonUnion, depth: number): { branch: AvroNode; findings: Findings } | undefined {
    let first: { branch: AvroNode; findings: Findings } | undefined;
    for (const branch of reader.branches as readonly NonUnion[]) {
      if (!branchMatches(branch, writer)) continue;
      const findings = this.resolve(branch, writer, depth + 1);
      if (findings.length === 0) return { branch, findings };
      first ??= { branch, findings };
    }
    return first;
  }

  #nonUnion(reader: NonUnion, writer: NonUnion, depth: number): Findings {
    if (reader.kind === "primitive" && writer.kind === "primitive") {
      if (isPromotable(writer.type, reader.type)) return [];
      return [typeMismatch(reader, writer)];
    }
    switch (reader.kind) {
      case "array":
        if (writer.kind !== "array") break;
        return prefix("[]", this.resolve(reader.items, writer.items, depth + 1));
      case "map":
        if (writer.kind !== "map") break;
        return prefix("{}", this.resolve(reader.values, writer.values, depth + 1));
      case "record":
        if (writer.kind !== "record") break;
        return this.#recordPair(reader, writer, depth);
      case "enum":
        if (writer.kind !== "enum") break;
        return enumPair(reader, writer);
      case "fixed":
        if (writer.kind !== "fixed") break;
        return fixedPair(reader, writer);
      default:
        break;
    }
    return [typeMismatch(reader, writer)];
  }

  #recordPair(reader: RecordNode, writer: RecordNode, depth: number): Findings {
    const key = `${reader.fullname}\u0000${writer.fullname}`;
    if (this.#records.has(key)) return this.#records.get(key) ?? [];
    this.#records.set(key, null);
    const out: CompatibilityFinding[] = [];
    // Like Java, keep going after a name mismatch: the field findings still help.
    if (!namesMatch(reader, writer)) out.push(nameMismatch(reader, writer));
    const writerFields = new Map(writer.fields.map((field) => [field.name, field] as const));
    for (const field of reader.fields) {
      if (out.length >= MAX_FINDINGS) break;
      // The field's own name wins over its aliases (Java does the same; avsc calls it ambiguous).
      let source = writerFields.get(field.name);
      for (const alias of field.aliases) source ??= writerFields.get(alias);
      if (source) {
        append(out, prefix(field.name, this.resolve(field.type, source.type, depth + 1)));
      } else if (!field.hasDefault) {
        const aliases = field.aliases.length > 0 ? ` (nor any of its aliases ${field.aliases.join(", ")})` : "";
        out.push({
          kind: "reader-field-missing-default",
          path: [field.name],
          readerType: describeNode(field.type),
          writerType: "absent",
          message: `Reader field "${field.name}" has no default and the writer's ${describeNode(writer)} has no field "${field.name}"${aliases}.`,
        });
      }
    }
    this.#records.set(key, out);
    return out;
  }
}

function enumPair(reader: EnumNode, writer: EnumNode): Findings {
  const out: CompatibilityFinding[] = [];
  if (!namesMatch(reader, writer)) out.push(nameMismatch(reader, writer));
  // A reader enum default catches every unknown symbol (spec 1.11, Java 1.9+).
  if (reader.default === undefined) {
    const missing = writer.symbols.filter((symbol) => !reader.symbols.includes(symbol));
    if (missing.length > 0) {
      out.push(finding("enum-symbol-missing", [], reader, writer,
        `The writer's ${describeNode(writer)} has symbol${missing.length > 1 ? "s" : ""} ${missing.join(", ")} that the reader's ${describeNode(reader)} lacks, and the reader has no enum default.`));
    }
  }
  return out;
}

function fixedPair(reader: FixedNode, writer: FixedNode): Findings {
  const out: CompatibilityFinding[] = [];
  if (!namesMatch(reader, writer)) out.push(nameMismatch(reader, writer));
  if (reader.size !== writer.size) {
    out.push(finding("fixed-size-mismatch", [], reader, writer,
      `The reader's fixed ${reader.name} is ${reader.size} bytes but the writer's fixed ${writer.name} is ${writer.size} bytes.`));
  }
  return out;
}

/** Could these be resolved at all, ignoring names and contents? */
function sameKind(reader: NonUnion, writer: NonUnion): boolean {
  if (reader.kind === "primitive" && writer.kind === "primitive") return isPromotable(writer.type, reader.type);
  return reader.kind === writer.kind;
}

/** The spec's "match" used to pick a reader union branch: kind, promotion and name. */
function branchMatches(reader: NonUnion, writer: NonUnion): boolean {
  if (!sameKind(reader, writer)) return false;
  if (reader.kind === "record" || reader.kind === "enum" || reader.kind === "fixed") {
    return namesMatch(reader, writer as NamedNode);
  }
  return true;
}

function typeMismatch(reader: AvroNode, writer: AvroNode): CompatibilityFinding {
  return finding("type-mismatch", [], reader, writer,
    `Data written as ${describeNode(writer)} cannot be read as ${describeNode(reader)}.`);
}

function nameMismatch(reader: NamedNode, writer: NamedNode): CompatibilityFinding {
  return finding("name-mismatch", [], reader, writer,
    `The reader's ${describeNode(reader)} cannot read the writer's ${describeNode(writer)}: the names differ and no reader alias is ${writer.fullname}.`);
}

function finding(kind: FindingKind, path: string[], reader: AvroNode, writer: AvroNode, message: string): CompatibilityFinding {
  return { kind, path, readerType: describeNode(reader), writerType: describeNode(writer), message };
}

function prefix(segment: string, findings: Findings): Findings {
  if (findings.length === 0) return findings;
  return findings.map((f) => ({ ...f, path: [segment, ...f.path] }));
}

function append(into: CompatibilityFinding[], items: Findings): void {
  for (const item of items) {
    if (into.length >= MAX_FINDINGS) return;
    into.push(item);
  }
}
