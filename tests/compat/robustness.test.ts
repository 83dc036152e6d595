import { beforeEach, describe, expect, it } from "vitest";
import { checkCompatibility, describeAvroType } from "../../lib/compat/index.js";
import { resetCaches } from "../../lib/testing.js";

const field = (name: string, type: unknown, extra: Record<string, unknown> = {}) => ({ name, type, ...extra });
const record = (name: string, fields: unknown[], extra: Record<string, unknown> = {}) => ({ type: "record", name, fields, ...extra });

beforeEach(() => resetCaches("compatibility"));

function expectInvalid(reader: unknown, writer: unknown, message?: RegExp) {
  let result: ReturnType<typeof checkCompatibility> | undefined;
  expect(() => (result = checkCompatibility(reader, writer))).not.toThrow();
  expect(result?.compatible).toBe(false);
  expect(result?.findings.map((f) => f.kind)).toContain("invalid-schema");
  if (message) expect(result?.findings.map((f) => f.message).join("\n")).toMatch(message);
}

describe("hostile inputs never throw", () => {
  it.each([
    ["undefined", undefined],
    ["a number", 42],
    ["a boolean", true],
    ["NaN", Number.NaN],
    ["a bigint", 10n],
    ["a symbol", Symbol("s")],
    ["a function", () => "string"],
    ["a Date", new Date(0)],
    ["a Map", new Map()],
    ["an empty object", {}],
    ["an empty union", []],
    ["a nested union", [["null", "string"]]],
    ["null", null],
  ])("%s", (_label, schema) => {
    expectInvalid(schema, "string");
    expectInvalid("string", schema);
  });

  it.each(["constructor", "__proto__", "hasOwnProperty", "toString", "valueOf", "strnig", "record", "Record"])(
    "unknown type name %s",
    (name) => {
      expectInvalid(name, "string");
      expectInvalid({ type: name }, "string");
      expectInvalid({ type: "array", items: name }, "string");
      expectInvalid(record("R", [field("x", name)]), "string");
    },
  );

  it("a JS object cycle", () => {
    const schema: Record<string, unknown> = { type: "array" };
    schema["items"] = schema;
    expectInvalid(schema, "string", /cycle/);
  });

  it("100k levels of nesting", () => {
    let deep: unknown = "int";
    for (let i = 0; i < 100_000; i++) deep = { type: "array", items: deep };
    expectInvalid(deep, deep, /deeper than/);
  });

  it("a getter that throws and a revoked proxy", () => {
    const throwing = { type: "record", name: "R", get fields(): unknown[] { throw new Error("boom"); } };
    expectInvalid(throwing, "string");
    const { proxy, revoke } = Proxy.revocable({ type: "string" }, {});
    revoke();
    expectInvalid(proxy, "string");
  });

  it("malformed named types", () => {
    expectInvalid({ type: "record", name: "R" }, "string");
    expectInvalid({ type: "record", name: "1R", fields: [] }, "string");
    expectInvalid({ type: "record", name: "int", fields: [] }, "string");
    expectInvalid({ type: "enum", name: "E", symbols: [] }, "string");
    expectInvalid({ type: "enum", name: "E", symbols: ["A", "A"] }, "string");
    expectInvalid({ type: "enum", name: "E", symbols: ["A"], default: "B" }, "string");
    expectInvalid({ type: "fixed", name: "F", size: -1 }, "string");
    expectInvalid({ type: "fixed", name: "F", size: 1.5 }, "string");
    expectInvalid(["null", record("R", []), record("R", [])], "string");
    expectInvalid(record("R", [field("x", "int"), field("x", "int")]), "string");
  });
});

describe("recursion and size limits", () => {
  it("records referring to themselves without a union terminate", () => {
    const loop = record("Loop", [field("self", "Loop")]);
    expect(checkCompatibility(loop, loop).compatible).toBe(true);
  });

  it("a cycle of named references A → B → A terminates and still finds problems", () => {
    const make = (valueType: string) =>
      record("A", [field("v", valueType), field("b", record("B", [field("a", ["null", "A"], { default: null })]))]);
    expect(checkCompatibility(make("long"), make("int")).compatible).toBe(true);
    const broken = checkCompatibility(make("int"), make("long"));
    expect(broken.findings).toMatchObject([{ kind: "type-mismatch", path: ["v"] }]);
  });

  it("reference chains deeper than the walk limit are reported, not thrown", () => {
    // Shallow JSON, deep references: R0 → R1 → ... → R1499 through named references.
    const n = 1500;
    const defs: unknown[] = [record(`R${n - 1}`, [])];
    for (let i = n - 2; i >= 0; i--) defs.push(record(`R${i}`, [field("next", `R${i + 1}`)]));
    // The reader keeps its definitions in a field the writer lacks (so they are not walked first).
    const reader = record("Top", [field("readerDefs", defs, { default: {} }), field("head", "R0")]);
    const writer = record("Top", [field("writerDefs", defs), field("head", "R0")]);
    const result = checkCompatibility(reader, writer);
    expect(result.compatible).toBe(false);
    expect(result.findings.map((f) => f.kind)).toEqual(["too-complex"]);
  });

  it("exponentially many paths to a broken type are capped", () => {
    const build = (leaf: string) => {
      let level: unknown = record("L20", [field("v", leaf)]);
      for (let i = 19; i >= 0; i--) level = record(`L${i}`, [field("a", level), field("b", `L${i + 1}`)]);
      return level;
    };
    const started = Date.now();
    const result = checkCompatibility(build("int"), build("long"));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.compatible).toBe(false);
    expect(result.findings).toHaveLength(1000);
    expect(result.findings[0]?.path).toEqual([...Array.from({ length: 20 }, () => "a"), "v"]);
    // Every one of the 2^20 paths is counted, though only the first 1,000 are kept.
    expect(result.findingCount).toBe(2 ** 20);
  });

  it("counts past the cap, and saturates at the largest safe integer", () => {
    const build = (leaf: string, levels: number) => {
      let level: unknown = record(`L${levels}`, [field("v", leaf)]);
      for (let i = levels - 1; i >= 0; i--) level = record(`L${i}`, [field("a", level), field("b", `L${i + 1}`)]);
      return level;
    };
    expect(checkCompatibility(build("int", 9), build("long", 9))).toMatchObject({ findingCount: 512, findings: { length: 512 } });
    expect(checkCompatibility(build("int", 10), build("long", 10))).toMatchObject({ findingCount: 1024, findings: { length: 1000 } });
    expect(checkCompatibility(build("int", 60), build("long", 60))).toMatchObject({ findingCount: Number.MAX_SAFE_INTEGER, findings: { length: 1000 } });
  });

  it("counts findings of every kind, in unions, arrays, maps, enums and fixed, the same whether the list is cut or not", () => {
    const parts = (n: number, tag: string) => [
      field(`u${tag}`, ["null", "string", "long"]),
      field(`a${tag}`, { type: "array", items: "string" }),
      field(`m${tag}`, { type: "map", values: "string" }),
      field(`e${tag}`, { type: "enum", name: `E${tag}`, symbols: n === 0 ? ["A"] : ["A", "B"] }),
      field(`f${tag}`, { type: "fixed", name: `F${tag}`, size: n === 0 ? 1 : 2 }),
      field(`r${tag}`, "string"),
    ];
    const many = (side: number, count: number) => record("R", Array.from({ length: count }, (_, i) => parts(side, String(i))).flat());
    // Reader: unions without long, arrays and maps of long, fewer enum symbols, another size, records missing.
    const reader = (count: number) =>
      record(
        "R",
        Array.from({ length: count }, (_, i) => [
          field(`u${i}`, ["null", "string"]),
          field(`a${i}`, { type: "array", items: "long" }),
          field(`m${i}`, { type: "map", values: "long" }),
          field(`e${i}`, { type: "enum", name: `E${i}`, symbols: ["A"] }),
          field(`f${i}`, { type: "fixed", name: `F${i}`, size: 1 }),
          field(`r${i}`, "string"),
          field(`x${i}`, "string"),
        ]).flat(),
      );
    for (const count of [10, 400]) {
      const result = checkCompatibility(reader(count), many(1, count));
      // Per group: u (long branch), a, m, e, f and the missing x: 6 findings.
      expect(result.findingCount).toBe(6 * count);
      expect(result.findings).toHaveLength(Math.min(6 * count, 1000));
    }
  });
});

describe("memoization", () => {
  const reader = record("R", [field("a", "long"), field("b", "string", { default: "" })]);
  const writer = record("R", [field("a", "int")]);

  it("returns the same frozen result for equal inputs, whatever the key order", () => {
    const first = checkCompatibility(reader, writer);
    const reordered = checkCompatibility({ fields: reader.fields, name: "R", type: "record" }, JSON.parse(JSON.stringify(writer)));
    expect(reordered).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.findings)).toBe(true);
  });

  it("freezes findings so a shared result cannot be corrupted", () => {
    const result = checkCompatibility("int", "long");
    expect(Object.isFrozen(result.findings[0])).toBe(true);
    expect(Object.isFrozen(result.findings[0]?.path)).toBe(true);
  });

  it('resetCaches("compatibility") forgets results', () => {
    const first = checkCompatibility(reader, writer);
    resetCaches("compatibility");
    const second = checkCompatibility(reader, writer);
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
  });

  it("keys on content, so mutating an input after a call is seen", () => {
    const mutable = record("R", [field("a", "long")]);
    expect(checkCompatibility(mutable, writer).compatible).toBe(true);
    (mutable.fields as unknown[]).push(field("c", "string"));
    expect(checkCompatibility(mutable, writer).compatible).toBe(false);
  });

  it("stays bounded under many distinct inputs", () => {
    for (let i = 0; i < 12_000; i++) checkCompatibility(record(`R${i}`, []), "string");
    // Oldest entries were evicted; a recomputed result is still correct.
    expect(checkCompatibility(record("R0", []), "string").findings.map((f) => f.kind)).toEqual(["type-mismatch"]);
  });
});

describe("describeAvroType", () => {
  it.each([
    ["long", "long"],
    [{ type: "long", logicalType: "timestamp-millis" }, "long"],
    [record("UserData", [], { namespace: "org.openedx" }), "record UserData"],
    [{ type: "array", items: "string" }, "array<string>"],
    [{ type: "map", values: ["null", "int"] }, "map<union [null, int]>"],
    [["null", "string"], "union [null, string]"],
    [["null", record("UserData", [])], "union [null, UserData]"],
    [{ type: "array", items: record("UserData", []) }, "array<UserData>"],
    [{ type: "enum", name: "Color", symbols: ["RED"] }, "enum Color"],
    [{ type: "fixed", name: "Md5", size: 16 }, "fixed Md5(16)"],
    [{ type: "nope" }, "invalid schema"],
    [undefined, "invalid schema"],
  ])("%j → %s", (schema, expected) => {
    expect(describeAvroType(schema)).toBe(expected);
  });

  it("elides very deep types", () => {
    let deep: unknown = "int";
    for (let i = 0; i < 10; i++) deep = { type: "array", items: deep };
    expect(describeAvroType(deep)).toBe("array<array<array<array<array<…>>>>>");
  });

  it("elides wide unions, and shows a named type inside a container by its bare name", () => {
    const wide = ["null", "boolean", "int", "long", "float", "double", "bytes", "string", record("A", []), record("B", [])];
    expect(describeAvroType(wide)).toBe("union [null, boolean, int, long, float, double, bytes, string, …]");
    expect(describeAvroType({ type: "map", values: { type: "fixed", name: "Md5", size: 16 } })).toBe("map<Md5>");
  });
});
