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
  type RecordNode,
  type UnionNode,
} from "./normalize.js";
import type { AvroPrimitive } from "../settings.js";
import type { CompatibilityFinding, FindingKind } from "./types.js";

/**
 * Hostile inputs (schemas referencing a named type thousands of times) must not explode the
 * output: at most this many findings are kept. Beyond it they are only counted, which costs no
 * more than the walk itself: every record pair is walked once (memoized), so counting them all
 * is bounded like a walk of compatible schemas of the same size, which no cap bounds either.
 */
export const MAX_FINDINGS = 1000;
/** Reference chains can nest far deeper than the JSON does; stop well before the stack would. */
export const MAX_WALK_DEPTH = 1000;

export class WalkTooDeepError extends Error {
  constructor() {
    super(`schemas nest more than ${MAX_WALK_DEPTH} levels deep through named-type references`);
  }
}

/**
 * The first findings (at most MAX_FINDINGS) and how many there are in all. The count saturates at
 * Number.MAX_SAFE_INTEGER: exponentially many paths to one broken type can outnumber any integer.
 */
export interface Resolution {
  readonly findings: readonly CompatibilityFinding[];
  readonly count: number;
}

const NONE: Resolution = { findings: [], count: 0 };
type NonUnion = Exclude<AvroNode, UnionNode>;

/** Writer type → reader types it may be promoted to (spec, "Schema Resolution"). */
const PROMOTIONS: ReadonlyMap<AvroPrimitive, ReadonlySet<AvroPrimitive>> = new Map<AvroPrimitive, ReadonlySet<AvroPrimitive>>([
  ["int", new Set<AvroPrimitive>(["long", "float", "double"])],
  ["long", new Set<AvroPrimitive>(["float", "double"])],
  ["float", new Set<AvroPrimitive>(["double"])],
  ["string", new Set<AvroPrimitive>(["bytes"])],
  ["bytes", new Set<AvroPrimitive>(["string"])],
]);

export function isPromotable(writer: AvroPrimitive, reader: AvroPrimitive): boolean {
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
export function resolveSchemas(reader: AvroNode, writer: AvroNode): { findings: CompatibilityFinding[]; count: number } {
  const { findings, count } = new Walker().resolve(reader, writer, 0);
  return { findings: [...findings], count };
}

class Walker {
  // Record pair → resolution; null while the pair is on the stack. Re-entering
  // an in-progress pair assumes compatibility (coinduction), which is what
  // makes recursive types terminate; finished pairs are never walked twice.
  readonly #records = new Map<string, Resolution | null>();

  resolve(reader: AvroNode, writer: AvroNode, depth: number): Resolution {
    if (depth > MAX_WALK_DEPTH) throw new WalkTooDeepError();
    if (writer.kind === "union") return this.#writerUnion(reader, writer, depth);
    if (reader.kind === "union") return this.#readerUnion(reader, writer, depth);
    return this.#nonUnion(reader, writer, depth);
  }

  /** Every writer branch must be readable: the writer may have written any of them. */
  #writerUnion(reader: AvroNode, writer: UnionNode, depth: number): Resolution {
    const out = new Collector();
    for (const branch of writer.branches as readonly NonUnion[]) {
      const key = branchKey(branch);
      if (reader.kind === "union") {
        const chosen = this.#chooseBranch(reader, branch, depth);
        if (chosen) out.add(key, chosen.resolution);
        else
          out.push(
            finding("union-branch-unreadable", [key], reader, branch,
              `The writer's union branch ${describeNode(branch)} matches no branch of the reader's ${describeNode(reader)}.`),
          );
      } else if (sameKind(reader, branch)) {
        // Same kind but e.g. another record name: let the walk say precisely why.
        out.add(key, this.resolve(reader, branch, depth + 1));
      } else {
        out.push(
          finding("union-branch-unreadable", [key], reader, branch,
            `The writer's union branch ${describeNode(branch)} cannot be read as ${describeNode(reader)}.`),
        );
      }
    }
    return out.done();
  }

  #readerUnion(reader: UnionNode, writer: NonUnion, depth: number): Resolution {
    const chosen = this.#chooseBranch(reader, writer, depth);
    if (!chosen) {
      return one(
        finding("type-mismatch", [], reader, writer,
          `Data written as ${describeNode(writer)} matches no branch of the reader's ${describeNode(reader)}.`),
      );
    }
    return prefix(branchKey(chosen.branch), chosen.resolution);
  }

  /**
   * The spec resolves against the first reader branch that matches the
   * writer; Java accepts any compatible branch. They only differ when several
   * branches match (e.g. promotions), so: the first matching branch that is
   * fully compatible, else the first matching one, whose findings explain why.
   */
  #chooseBranch(reader: UnionNode, writer: NonUnion, depth: number): { branch: AvroNode; resolution: Resolution } | undefined {
    let first: { branch: AvroNode; resolution: Resolution } | undefined;
    for (const branch of reader.branches as readonly NonUnion[]) {
      if (!branchMatches(branch, writer)) continue;
      const resolution = this.resolve(branch, writer, depth + 1);
      if (resolution.count === 0) return { branch, resolution };
      first ??= { branch, resolution };
    }
    return first;
  }

  #nonUnion(reader: NonUnion, writer: NonUnion, depth: number): Resolution {
    if (reader.kind === "primitive" && writer.kind === "primitive") {
      if (isPromotable(writer.type, reader.type)) return NONE;
      return one(typeMismatch(reader, writer));
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
    return one(typeMismatch(reader, writer));
  }

  #recordPair(reader: RecordNode, writer: RecordNode, depth: number): Resolution {
    const key = `${reader.fullname}\u0000${writer.fullname}`;
    if (this.#records.has(key)) return this.#records.get(key) ?? NONE;
    this.#records.set(key, null);
    const out = new Collector();
    // Like Java, keep going after a name mismatch: the field findings still help.
    if (!namesMatch(reader, writer)) out.push(nameMismatch(reader, writer));
    const writerFields = new Map(writer.fields.map((field) => [field.name, field] as const));
    for (const field of reader.fields) {
      // The field's own name wins over its aliases (Java does the same; avsc calls it ambiguous).
      let source = writerFields.get(field.name);
      for (const alias of field.aliases) source ??= writerFields.get(alias);
      if (source) {
        out.add(field.name, this.resolve(field.type, source.type, depth + 1));
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
    const resolution = out.done();
    this.#records.set(key, resolution);
    return resolution;
  }
}

/** Findings as they come: the first MAX_FINDINGS kept, every one counted. */
class Collector {
  readonly #findings: CompatibilityFinding[] = [];
  #count = 0;

  push(item: CompatibilityFinding): void {
    this.#count = sum(this.#count, 1);
    if (this.#findings.length < MAX_FINDINGS) this.#findings.push(item);
  }

  /** The findings of a part, under `segment` of the path; only those that fit are copied. */
  add(segment: string, part: Resolution): void {
    this.#count = sum(this.#count, part.count);
    for (const item of part.findings) {
      if (this.#findings.length >= MAX_FINDINGS) return;
      this.#findings.push({ ...item, path: [segment, ...item.path] });
    }
  }

  done(): Resolution {
    return this.#count === 0 ? NONE : { findings: this.#findings, count: this.#count };
  }
}

function sum(a: number, b: number): number {
  return Math.min(a + b, Number.MAX_SAFE_INTEGER);
}

function one(item: CompatibilityFinding): Resolution {
  return { findings: [item], count: 1 };
}

function enumPair(reader: EnumNode, writer: EnumNode): Resolution {
  const out = new Collector();
  if (!namesMatch(reader, writer)) out.push(nameMismatch(reader, writer));
  // A reader enum default catches every unknown symbol (spec 1.11, Java 1.9+).
  if (reader.default === undefined) {
    const missing = writer.symbols.filter((symbol) => !reader.symbols.includes(symbol));
    if (missing.length > 0) {
      out.push(finding("enum-symbol-missing", [], reader, writer,
        `The writer's ${describeNode(writer)} has symbol${missing.length > 1 ? "s" : ""} ${missing.join(", ")} that the reader's ${describeNode(reader)} lacks, and the reader has no enum default.`));
    }
  }
  return out.done();
}

function fixedPair(reader: FixedNode, writer: FixedNode): Resolution {
  const out = new Collector();
  if (!namesMatch(reader, writer)) out.push(nameMismatch(reader, writer));
  if (reader.size !== writer.size) {
    out.push(finding("fixed-size-mismatch", [], reader, writer,
      `The reader's fixed ${reader.name} is ${reader.size} bytes but the writer's fixed ${writer.name} is ${writer.size} bytes.`));
  }
  return out.done();
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

function prefix(segment: string, part: Resolution): Resolution {
  if (part.count === 0) return part;
  return { findings: part.findings.map((f) => ({ ...f, path: [segment, ...f.path] })), count: part.count };
}
