/**
 * Sample data for an event schema, the same on every run: every field, nested records, arrays
 * of 0, 1 and 2 items, both branches of every nullable, maps of 0, 1 and 2 entries.
 *
 * The first three samples are the corners: (0) every nullable null, every array and map empty;
 * (1) every nullable set, one item or entry each; (2) every nullable set, two each, the second
 * item's nullables null again. Later samples draw each choice from a seeded generator.
 */

/** A small, fast, seedable generator (mulberry32): the same seed, the same numbers. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit seed from text (FNV-1a), so each event has its own sequence whatever the order of events. */
export function seedOf(text: string, seed: number): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

const STRINGS = ["", "course-v1:edX+DemoX+Demo_Course", "José Ñúñez", "学习", "🎓 graduated", 'quote " and \\ backslash', "line\nbreak"];
/**
 * The largest long magnitude avsc's default long type gives back exactly. It accepts up to
 * 2^53 - 2, but its zigzag encoding of a negative value beyond -2^52 needs more than a double's
 * 53 bits, and -(2^52 + 1) comes back as +2^52 (the round trip found this; docs/round-trip.md).
 */
export const AVSC_MAX_LONG = 2 ** 52;
const LONGS = [0, 1, -1, 42, AVSC_MAX_LONG, -AVSC_MAX_LONG, 2 ** 31, -(2 ** 31) - 1];
const INTS = [0, 1, -1, 2 ** 31 - 1, -(2 ** 31)];
const DOUBLES = [0, 1.5, -2.25, 0.1, 1e300, -1e-300, Number.MAX_VALUE];

type Schema = unknown;

/** How one sample makes its choices: fixed for the corner samples, drawn for the others. */
interface Choices {
  nullable(depth: number): boolean;
  count(): number;
  pick<T>(values: readonly T[]): T;
  number(): number;
}

function cornerChoices(corner: 0 | 1 | 2, random: () => number): Choices {
  return {
    // Depth counts the arrays around a value: the second item of an array gets the other branch.
    nullable: (depth) => corner === 0 || (corner === 2 && depth % 2 === 1),
    count: () => corner,
    pick: (values) => values[Math.floor(random() * values.length)]!,
    number: () => random(),
  };
}

function randomChoices(random: () => number): Choices {
  return {
    nullable: () => random() < 0.5,
    count: () => Math.floor(random() * 3),
    pick: (values) => values[Math.floor(random() * values.length)]!,
    number: () => random(),
  };
}

/** Every named type of `schema`, by name and full name, wherever it is defined (arrays of 0 items still define theirs). */
export function namedTypes(schema: Schema): Map<string, Record<string, unknown>> {
  const names = new Map<string, Record<string, unknown>>();
  const visit = (node: Schema, namespace: string): void => {
    if (Array.isArray(node)) return node.forEach((branch) => visit(branch, namespace));
    if (typeof node !== "object" || node === null) return;
    const object = node as Record<string, unknown>;
    const ownNamespace = typeof object["namespace"] === "string" ? (object["namespace"] as string) : namespace;
    if (typeof object["name"] === "string" && (object["type"] === "record" || object["type"] === "enum" || object["type"] === "fixed" || object["type"] === "error")) {
      const name = object["name"] as string;
      names.set(name, object);
      names.set(name.includes(".") || ownNamespace === "" ? name : `${ownNamespace}.${name}`, object);
      names.set(name.slice(name.lastIndexOf(".") + 1), object);
    }
    if (Array.isArray(object["fields"])) for (const field of object["fields"] as { type: Schema }[]) visit(field.type, ownNamespace);
    if (object["items"] !== undefined) visit(object["items"], ownNamespace);
    if (object["values"] !== undefined) visit(object["values"], ownNamespace);
    if (typeof object["type"] === "object") visit(object["type"], ownNamespace);
  };
  visit(schema, "");
  return names;
}

/**
 * `count` samples of `schema` (an event schema as generated: records, arrays, maps, `["null", T]`
 * and primitives), as avsc reads and writes values: records as objects, `["null", T]` as null or
 * the value, bytes as Buffers. `seed` makes them: the same seed, the same samples.
 */
export function sampleValues(schema: Schema, count: number, seed: number): unknown[] {
  const names = namedTypes(schema);
  const random = seededRandom(seed);
  const samples: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const choices = i < 3 ? cornerChoices(i as 0 | 1 | 2, random) : randomChoices(random);
    samples.push(sample(schema, choices, names, 0, 0));
  }
  return samples;
}

function sample(node: Schema, choices: Choices, names: Map<string, Record<string, unknown>>, depth: number, level: number): unknown {
  if (level > 200) throw new RangeError("the schema nests too deeply for sample data");
  if (typeof node === "string") {
    switch (node) {
      case "null":
        return null;
      case "boolean":
        return choices.number() < 0.5;
      case "int":
        return choices.pick(INTS);
      case "long":
        return choices.pick(LONGS);
      case "float":
        return Math.fround(choices.pick(DOUBLES.slice(0, 5)));
      case "double":
        return choices.pick(DOUBLES);
      case "bytes":
        return Buffer.from(Array.from({ length: choices.count() * 2 }, () => Math.floor(choices.number() * 256)));
      case "string":
        return choices.pick(STRINGS);
      default: {
        const named = names.get(node);
        if (!named) throw new Error(`the schema names an undefined type \`${node}\``);
        return sample(named, choices, names, depth, level + 1);
      }
    }
  }
  if (Array.isArray(node)) {
    const other = node.find((branch) => branch !== "null");
    if (node.includes("null") && (other === undefined || choices.nullable(depth))) return null;
    return sample(other ?? node[0], choices, names, depth, level + 1);
  }
  const object = node as Record<string, unknown>;
  switch (object["type"]) {
    case "record":
    case "error": {
      const value: Record<string, unknown> = {};
      for (const field of object["fields"] as { name: string; type: Schema }[]) value[field.name] = sample(field.type, choices, names, depth, level + 1);
      return value;
    }
    case "array":
      return Array.from({ length: choices.count() }, (_, i) => sample(object["items"], choices, names, depth + i, level + 1));
    case "map": {
      const value: Record<string, unknown> = {};
      for (let i = 0; i < choices.count(); i++) value[`key${i}`] = sample(object["values"], choices, names, depth + i, level + 1);
      return value;
    }
    case "enum":
      return choices.pick(object["symbols"] as string[]);
    case "fixed":
      return Buffer.alloc(object["size"] as number, 7);
    default:
      return sample(object["type"], choices, names, depth, level + 1);
  }
}
