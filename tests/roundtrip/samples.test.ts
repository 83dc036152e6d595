import { describe, expect, it } from "vitest";
import { sampleValues, seedOf, seededRandom } from "../../lib/roundtrip/index.js";

const SCHEMA = {
  name: "CloudEvent",
  type: "record",
  fields: [
    {
      name: "order",
      type: {
        name: "OrderData",
        type: "record",
        fields: [
          { name: "id", type: "long" },
          { name: "note", type: ["null", "string"], default: null },
          { name: "lines", type: { type: "array", items: { name: "Line", type: "record", fields: [{ name: "discount", type: ["null", "double"], default: null }] } } },
          { name: "labels", type: { type: "map", values: "string" } },
          { name: "digest", type: "bytes" },
        ],
      },
    },
    // Defined inside the array above, used by name here: a sample with no lines must still know it.
    { name: "first_line", type: ["null", "Line"], default: null },
  ],
  namespace: "org.openedx.shop.order.placed.v1",
};

describe("sample data", () => {
  it("is the same for the same seed, and differs for another", () => {
    expect(sampleValues(SCHEMA, 8, 7)).toEqual(sampleValues(SCHEMA, 8, 7));
    expect(sampleValues(SCHEMA, 8, 7)).not.toEqual(sampleValues(SCHEMA, 8, 8));
    expect(seedOf("a", 1)).toBe(seedOf("a", 1));
    expect(seedOf("a", 1)).not.toBe(seedOf("b", 1));
    const random = seededRandom(3);
    const again = seededRandom(3);
    expect([random(), random(), random()]).toEqual([again(), again(), again()]);
  });

  it("the three corner samples: nullables null then set, arrays and maps of 0, 1 and 2, the second item's nullables null", () => {
    const [empty, one, two] = sampleValues(SCHEMA, 3, 1) as Record<string, any>[];
    expect(empty!.order.note).toBeNull();
    expect(empty!.order.lines).toEqual([]);
    expect(empty!.order.labels).toEqual({});
    expect(empty!.order.digest).toEqual(Buffer.alloc(0));
    expect(empty!.first_line).toBeNull();

    expect(typeof one!.order.note).toBe("string");
    expect(one!.order.lines).toHaveLength(1);
    expect(typeof one!.order.lines[0].discount).toBe("number");
    expect(Object.keys(one!.order.labels)).toEqual(["key0"]);
    expect(one!.first_line).toEqual({ discount: expect.any(Number) });

    expect(two!.order.lines).toHaveLength(2);
    expect(typeof two!.order.lines[0].discount).toBe("number");
    expect(two!.order.lines[1].discount).toBeNull();
    expect(Object.keys(two!.order.labels)).toEqual(["key0", "key1"]);
    expect(two!.order.digest).toHaveLength(4);
  });

  it("longs stay where avsc gives them back exactly (|n| <= 2^52), floats are float32 values", () => {
    const values = sampleValues({ type: "record", name: "R", fields: [{ name: "l", type: "long" }, { name: "f", type: "float" }] }, 200, 5) as { l: number; f: number }[];
    for (const { l, f } of values) {
      expect(Math.abs(l)).toBeLessThanOrEqual(2 ** 52);
      expect(Math.fround(f)).toBe(f);
    }
    expect(new Set(values.map((v) => v.l)).size).toBeGreaterThan(3);
  });

  it("an undefined name is an error, not a guess", () => {
    expect(() => sampleValues({ type: "record", name: "R", fields: [{ name: "x", type: "Nope" }] }, 1, 1)).toThrow("the schema names an undefined type `Nope`");
  });
});
