import { beforeEach, describe, expect, it } from "vitest";
import type { SchemaProblem } from "../../lib/avro/index.js";
import { resetCaches } from "../../lib/testing.js";
import { resolveSettings } from "../../lib/settings.js";
import { fixture, schemaOf, signalOf } from "../helpers.js";
import { cloudEvent, dataClassOf, expectSpanAt, record } from "./support.js";

const signals = fixture("model", "types", "signals.ts");
const data = fixture("model", "types", "data.ts");
const nested = fixture("model", "types", "nested.ts");

const SUPPORTED = "org.openedx.test.types.supported.v1";
const UNSUPPORTED = "org.openedx.test.types.unsupported.v1";
const CUSTOMS = "org.openedx.test.types.customs.v1";
const VALUES = "org.openedx.test.types.values.v1";
const DICTS = "org.openedx.test.types.dicts.v1";
const MORE = "org.openedx.test.types.more.v1";
const NESTED = "org.openedx.test.types.nested.v1";

beforeEach(() => {
  resetCaches("sources", "models");
});

const child = record("Child", [{ name: "name", type: "string" }]);

/** Every row of the contract's type table, as fields of `Supported`, in declaration order. */
const SUPPORTED_FIELDS: [string, string, unknown][] = [
  ["s", "string", { name: "s", type: "string" }],
  ["b", "boolean", { name: "b", type: "boolean" }],
  ["i", "Int", { name: "i", type: "long" }],
  ["l", "Long", { name: "l", type: "long" }],
  ["f", "Float", { name: "f", type: "double" }],
  ["d", "Double", { name: "d", type: "double" }],
  ["n", "number", { name: "n", type: "double" }],
  ["big", "bigint", { name: "big", type: "long" }],
  ["u8", "Uint8Array", { name: "u8", type: "bytes" }],
  ["buf", "Buffer", { name: "buf", type: "bytes" }],
  ["date", "Date", { name: "date", type: "string" }],
  ["key", "CourseKey (a class with a custom serializer)", { name: "key", type: "string" }],
  ["arr", "string[]", { name: "arr", type: { type: "array", items: "string" } }],
  ["generic_arr", "Array<Int>", { name: "generic_arr", type: { type: "array", items: "long" } }],
  ["ro_arr", "ReadonlyArray<boolean>", { name: "ro_arr", type: { type: "array", items: "boolean" } }],
  ["ro_arr2", "readonly number[]", { name: "ro_arr2", type: { type: "array", items: "double" } }],
  ["nested", "string[][]", { name: "nested", type: { type: "array", items: { type: "array", items: "string" } } }],
  ["children", "Child[] (record defined inline at first use)", { name: "children", type: { type: "array", items: child } }],
  ["child", "Child (by bare name afterwards)", { name: "child", type: "Child" }],
  ["maybe_child", "Child | null", { name: "maybe_child", type: ["null", "Child"], default: null }],
  ["maybe_first", "null | string", { name: "maybe_first", type: ["null", "string"], default: null }],
  ["maybe_list", "Int[] | null", { name: "maybe_list", type: ["null", { type: "array", items: "long" }], default: null }],
  ["chained", "an alias of an alias of string[]", { name: "chained", type: { type: "array", items: "string" } }],
];

describe("supported types", () => {
  it.each(SUPPORTED_FIELDS)("maps %s (%s) exactly", (name, _ts, expected) => {
    const { schema, problems } = schemaOf(signals, SUPPORTED);
    expect(problems).toEqual([]);
    const fields = (schema!.fields[0]!.type as { fields: { name: string }[] }).fields;
    expect(JSON.stringify(fields.find((f) => f.name === name))).toBe(JSON.stringify(expected));
  });

  it("produces the whole schema, fields in declaration order", () => {
    const { schema } = schemaOf(signals, SUPPORTED);
    expect(JSON.stringify(schema)).toBe(
      cloudEvent(SUPPORTED, [{ name: "supported", type: record("Supported", SUPPORTED_FIELDS.map(([, , f]) => f)) }]),
    );
  });

  it("maps every built-in custom type and Date to string, and aliases to what they alias", () => {
    const { schema, problems } = schemaOf(signals, CUSTOMS);
    expect(problems).toEqual([]);
    const customs = ["course", "usage", "ccx", "uuid", "library", "library_usage", "collection", "container", "date"];
    expect(JSON.stringify(schema)).toBe(
      cloudEvent(CUSTOMS, [
        { name: "customs", type: record("Customs", customs.map((name) => ({ name, type: "string" }))) },
        {
          name: "aliases",
          type: record("Aliases", [
            { name: "score", type: "long" },
            { name: "maybe_name", type: ["null", "string"], default: null },
            { name: "kids", type: { type: "array", items: child } },
            { name: "child_alias", type: "Child" },
            { name: "helper_list", type: { type: "array", items: "long" } },
          ]),
        },
      ]),
    );
    // The record is named after the class, not after the alias that reached it.
    const aliases = dataClassOf(signalOf(signals, CUSTOMS).fields[1]!.type);
    const alias = aliases.fields.find((f) => f.name === "child_alias")!;
    expect(dataClassOf(alias.type).name).toBe("Child");
    expect(aliases.fields.find((f) => f.name === "custom")).toBeUndefined();
  });

  it("reads `data` values that name boxed primitives, custom types and Date", () => {
    const { schema, problems } = schemaOf(signals, VALUES);
    expect(problems).toEqual([]);
    expect(JSON.stringify(schema)).toBe(
      cloudEvent(VALUES, [
        { name: "name", type: "string" },
        { name: "flag", type: "boolean" },
        { name: "count", type: "double" },
        { name: "big", type: "long" },
        { name: "raw", type: "bytes" },
        { name: "key", type: "string" },
        { name: "when", type: "string" },
      ]),
    );
  });
});

describe("settings that change the mapping", () => {
  it('numberType "long" maps `number` and `Number` to long, and leaves Float/Double alone', () => {
    const settings = resolveSettings({ numberType: "long" });
    const { schema, problems } = schemaOf(signals, SUPPORTED, settings);
    expect(problems).toEqual([]);
    const expected = SUPPORTED_FIELDS.map(([name, , f]) =>
      name === "n" ? { name: "n", type: "long" } : name === "ro_arr2" ? { name: "ro_arr2", type: { type: "array", items: "long" } } : f,
    );
    expect(JSON.stringify(schema)).toBe(cloudEvent(SUPPORTED, [{ name: "supported", type: record("Supported", expected) }]));
    const values = schemaOf(signals, VALUES, settings).schema!;
    expect(JSON.stringify(values.fields.find((f) => f.name === "count"))).toBe(JSON.stringify({ name: "count", type: "long" }));
  });

  it("customTypes override built-ins, turn unknown classes and external classes into primitives, and win over data classes", () => {
    const settings = resolveSettings({ customTypes: { CourseKey: "bytes", Helper: "long", Decimal: "string", Child: "string" } });
    const customs = schemaOf(signals, CUSTOMS, settings);
    expect(customs.problems).toEqual([]);
    const customsRecord = customs.schema!.fields[0]!.type as { fields: unknown[] };
    expect(JSON.stringify(customsRecord.fields[0])).toBe(JSON.stringify({ name: "course", type: "bytes" }));
    expect(JSON.stringify(customsRecord.fields[1])).toBe(JSON.stringify({ name: "usage", type: "string" }));

    const supported = schemaOf(signals, SUPPORTED, settings);
    expect(supported.problems).toEqual([]);
    const fields = (supported.schema!.fields[0]!.type as { fields: { name: string }[] }).fields;
    expect(JSON.stringify(fields.filter((f) => ["children", "child", "maybe_child"].includes(f.name)))).toBe(
      JSON.stringify([
        { name: "children", type: { type: "array", items: "string" } },
        { name: "child", type: "string" },
        { name: "maybe_child", type: ["null", "string"], default: null },
      ]),
    );

    const more = schemaOf(signals, MORE, settings);
    const paths = more.problems.map((p) => p.path);
    expect(paths).not.toContain("more.helper");
    expect(paths).not.toContain("more.external");
    const model = dataClassOf(signalOf(signals, MORE, settings).fields[0]!.type);
    const helper = model.fields.find((f) => f.name === "helper")!.type;
    expect(helper).toMatchObject({ kind: "custom", name: "Helper", avro: "long" });
  });

  it("without the customTypes entry the same classes are problems (the setting is what changed them)", () => {
    const paths = schemaOf(signals, MORE).problems.map((p) => p.path);
    expect(paths).toContain("more.helper");
    expect(paths).toContain("more.external");
  });
});

interface Row {
  /** Path from the signal. */
  path: string;
  code: SchemaProblem["code"];
  /** `typeText` of the problem; null when it is not checked (aliases report the aliased text). */
  typeText: string | null;
  /** The exact source text the span covers (defaults to typeText). */
  span?: string;
  /** A text on the line of the span. */
  anchor: string;
  /** The span's line is at or after the line containing this. */
  after: string;
}

const UNSUPPORTED_ROWS: Row[] = [
  ["rec", "map", "Record<string, string>"],
  ["index", "map", "{ [key: string]: number }"],
  ["map", "map", "Map<string, string>"],
  ["obj", "object", "object"],
  ["empty", "object", "{}"],
  ["a", "any", "any"],
  ["u", "any", "unknown"],
  ["nv", "any", "never"],
  ["union", "union", "string | number"],
  ["undef", "undefined", "string | undefined"],
  ["tuple", "tuple", "[string, number]"],
  ["fn", "function", "() => void"],
  ["set", "set", "Set<string>"],
  ["bare_array", "array-without-items", "Array"],
  ["num_keys", "map-key", "Record<number, string>"],
  ["literal", "literal", '"a"'],
  ["inline", "object", "{ a: string }"],
].map(([name, code, typeText]) => ({
  path: `unsupported.${name}`,
  code: code as Row["code"],
  typeText: typeText!,
  anchor: `  ${name}: `,
  after: "interface Unsupported",
}));

const OPTIONAL_ROWS: Row[] = [
  {
    path: "unsupported.opt",
    code: "optional",
    typeText: "opt?: string",
    span: "opt?: string;",
    anchor: "  opt?: ",
    after: "interface Unsupported",
  },
  {
    path: "unsupported.maybe_opt",
    code: "optional",
    typeText: "maybe_opt?: string | null",
    span: "maybe_opt?: string | null;",
    anchor: "  maybe_opt?: ",
    after: "interface Unsupported",
  },
];

const MORE_ROWS: Row[] = [
  ["helper", "unknown-class", "Helper"],
  ["external", "unknown-class", "Decimal"],
  ["color", "enum", "Color"],
  ["box", "generic", "Box<string>"],
  ["pair", "generic", "Pair<Int>"],
  ["bare_box", "generic", "Box"],
  ["sym", "other", "symbol"],
  ["always_null", "other", "null"],
  ["undef_only", "undefined", "undefined"],
  ["nothing", "undefined", "void"],
  ["template", "literal", "`id-${string}`"],
  ["flag", "literal", "true"],
  ["promise", "other", "Promise<string>"],
  ["bare_set", "set", "Set"],
  ["bare_record", "map", "Record"],
  ["map_num", "map-key", "Map<number, string>"],
  ["index_num", "map-key", "{ [key: number]: string }"],
  ["null_or_undef", "undefined", "string | null | undefined"],
  ["only_nulls", "union", "null | undefined"],
  ["inline_and", "other", "Child & Customs"],
  ["key_of", "other", "keyof Child"],
  ["items_bad[]", "any", "any"],
  ["ro_tuple", "tuple", "readonly [string]"],
  ["ctor", "function", "new () => Child"],
].map(([name, code, typeText]) => ({
  path: `more.${name}`,
  code: code as Row["code"],
  typeText: typeText!,
  anchor: `  ${name!.replace("[]", "")}: `,
  after: "interface MoreUnsupported",
}));
// An optional dict: the `?` and, in what the field would be once fixed, the dict.
MORE_ROWS.push(
  {
    path: "more.opt_map",
    code: "optional",
    typeText: "opt_map?: Record<string, string>",
    span: "opt_map?: Record<string, string>;",
    anchor: "  opt_map?: ",
    after: "interface MoreUnsupported",
  },
  {
    path: "more.opt_map",
    code: "map",
    typeText: "Record<string, string>",
    anchor: "  opt_map?: ",
    after: "interface MoreUnsupported",
  },
);

function checkRows(eventType: string, rows: Row[], file: string, settings = resolveSettings({})): void {
  const { schema, problems } = schemaOf(signals, eventType, settings);
  expect(schema).toBeNull();
  expect(problems.map((p) => p.path)).toEqual(rows.map((r) => r.path));
  for (const [i, row] of rows.entries()) {
    const problem = problems[i]!;
    expect({ path: problem.path, code: problem.code }).toEqual({ path: row.path, code: row.code });
    if (row.typeText !== null) expect(problem.typeText).toBe(row.typeText);
    expect(problem.reason.length).toBeGreaterThan(10);
    expectSpanAt(problem.span, file, row.span ?? row.typeText!, row.anchor, row.after);
  }
}

describe("unsupported types", () => {
  it("reports each unsupported field of `Unsupported` with its code, path, text and span, in field order", () => {
    const rows = [...UNSUPPORTED_ROWS];
    // The optional fields sit after `union` and at the end of the interface.
    rows.splice(9, 0, OPTIONAL_ROWS[0]!);
    rows.push(OPTIONAL_ROWS[1]!);
    checkRows(UNSUPPORTED, rows, data);
  });

  it("reports unknown classes, external classes, enums, generics and the other forms", () => {
    checkRows(MORE, MORE_ROWS, data);
  });

  it("keeps what a `?` or `| undefined` field would be once fixed", () => {
    const model = dataClassOf(signalOf(signals, UNSUPPORTED).fields[0]!.type);
    const opt = model.fields.find((f) => f.name === "opt")!;
    expect(opt.optional).toBe(true);
    expect(opt.type).toMatchObject({ kind: "unsupported", code: "optional", inner: { kind: "nullable", inner: { kind: "primitive", avro: "string" } } });
    const undef = model.fields.find((f) => f.name === "undef")!;
    expect(undef.type).toMatchObject({ kind: "unsupported", code: "undefined", inner: { kind: "nullable", inner: { kind: "primitive", avro: "string" } } });
  });

  it("names the path through three records and links the problem to its entry, field and data class", () => {
    const { schema, problems } = schemaOf(signals, NESTED);
    expect(schema).toBeNull();
    expect(problems.map((p) => [p.path, p.code, p.typeText])).toEqual([
      ["enrollment.user.pii.extra", "map", "Record<string, string>"],
      ["enrollment.tags[]", "set", "Set<string>"],
      ["enrollment.scores", "map", "Map<string, unknown>"],
    ]);
    const [extra] = problems;
    expectSpanAt(extra!.span, nested, "Record<string, string>", "readonly extra!:");
    expect(extra!.entry?.name).toBe("enrollment");
    expect(extra!.field?.name).toBe("extra");
    expect(extra!.dataClass?.name).toBe("UserPersonalData");
    expect(extra!.dataClass?.file).toBe(nested);
    expect(extra!.type?.kind).toBe("unsupported");
    expectSpanAt(problems[1]!.span, nested, "Set<string>", "readonly tags!:");
  });
});

describe("allowMaps", () => {
  const allow = resolveSettings({ allowMaps: true });

  it("reports every dict-like form as a map problem by default", () => {
    const { schema, problems } = schemaOf(signals, DICTS);
    expect(schema).toBeNull();
    expect(problems.map((p) => [p.path, p.code])).toEqual(
      ["rec", "index", "map", "ro_map", "dict", "index_only", "maybe_dict"].map((name) => [`dicts.${name}`, "map"]),
    );
    // An alias is reported where it is used.
    expectSpanAt(problems[4]!.span, data, "Dict", "  dict: Dict;");
    expectSpanAt(problems[5]!.span, data, "IndexOnly", "  index_only: IndexOnly;");
  });

  it("turns Record, index signatures, Map, ReadonlyMap and their aliases into Avro maps", () => {
    const { schema, problems } = schemaOf(signals, DICTS, allow);
    expect(problems).toEqual([]);
    expect(JSON.stringify(schema)).toBe(
      cloudEvent(DICTS, [
        {
          name: "dicts",
          type: record("Dicts", [
            { name: "rec", type: { type: "map", values: "long" } },
            { name: "index", type: { type: "map", values: child } },
            { name: "map", type: { type: "map", values: { type: "array", items: "string" } } },
            { name: "ro_map", type: { type: "map", values: "boolean" } },
            { name: "dict", type: { type: "map", values: "long" } },
            { name: "index_only", type: { type: "map", values: "boolean" } },
            { name: "maybe_dict", type: ["null", { type: "map", values: "string" }], default: null },
          ]),
        },
      ]),
    );
  });

  it("lifts only the map problems: non-string keys and unsupported values are still reported", () => {
    const unsupported = schemaOf(signals, UNSUPPORTED, allow).problems.map((p) => p.path);
    expect(unsupported).not.toContain("unsupported.rec");
    expect(unsupported).not.toContain("unsupported.index");
    expect(unsupported).not.toContain("unsupported.map");
    expect(unsupported).toContain("unsupported.num_keys");
    const more = schemaOf(signals, MORE, allow).problems.map((p) => [p.path, p.code]);
    expect(more).toContainEqual(["more.map_num", "map-key"]);
    expect(more).toContainEqual(["more.index_num", "map-key"]);
    const nestedProblems = schemaOf(signals, NESTED, allow).problems.map((p) => [p.path, p.code, p.typeText]);
    expect(nestedProblems).toEqual([
      ["enrollment.tags[]", "set", "Set<string>"],
      ["enrollment.scores{}", "any", "unknown"],
    ]);
  });
});
