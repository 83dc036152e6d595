import { describe, expect, it } from "vitest";
import { normalizeSchema, type AvroNode, type RecordNode } from "../../lib/compat/normalize.js";

function root(schema: unknown): AvroNode {
  const result = normalizeSchema(schema);
  if (!result.ok) throw new Error(result.message);
  return result.root;
}

describe("normalizeSchema: names and namespaces (spec 1.11, Names)", () => {
  it("nested named types inherit the enclosing namespace and references resolve to the same node", () => {
    const node = root({
      type: "record",
      name: "Outer",
      namespace: "org.openedx",
      fields: [
        { name: "a", type: { type: "enum", name: "Color", symbols: ["RED"] } },
        { name: "b", type: "Color" },
        { name: "c", type: "org.openedx.Color" },
      ],
    }) as RecordNode;
    const [a, b, c] = node.fields;
    expect(a?.type).toMatchObject({ kind: "enum", fullname: "org.openedx.Color", name: "Color", namespace: "org.openedx" });
    expect(b?.type).toBe(a?.type);
    expect(c?.type).toBe(a?.type);
  });

  it("an event-bus namespace with `-` (as openedx-events writes it) qualifies names; the names themselves stay Avro names", () => {
    const node = root({
      type: "record",
      name: "CloudEvent",
      namespace: "org.openedx.enterprise.subsidy.redemption-reversed.v1",
      fields: [
        { name: "a", type: { type: "record", name: "SubsidyRedemption", fields: [] } },
        { name: "b", type: "SubsidyRedemption" },
      ],
    }) as RecordNode;
    expect(node.fullname).toBe("org.openedx.enterprise.subsidy.redemption-reversed.v1.CloudEvent");
    expect(node.fields[1]?.type).toBe(node.fields[0]?.type);
    expect(normalizeSchema({ type: "record", name: "Bad-Name", namespace: "a-b", fields: [] })).toEqual({ ok: false, message: 'invalid name: "Bad-Name"' });
    expect(normalizeSchema({ type: "record", name: "R", namespace: "a$b", fields: [] })).toEqual({ ok: false, message: 'invalid namespace "a$b"' });
  });

  it("a dotted name ignores the namespace attribute, for itself and nested types", () => {
    // avsc lets `namespace` win for nested types here; the spec says the
    // attribute is ignored, so E lives in org.a and "x.E" is undefined.
    const ok = root({
      type: "record",
      name: "org.a.R",
      namespace: "x",
      fields: [{ name: "e", type: { type: "enum", name: "E", symbols: ["A"] } }],
    }) as RecordNode;
    expect(ok.fullname).toBe("org.a.R");
    expect(ok.fields[0]?.type).toMatchObject({ fullname: "org.a.E" });
  });

  it("an explicitly empty namespace resets to the null namespace", () => {
    const schema = (ref: string) => ({
      type: "record",
      name: "R",
      namespace: "org.a",
      fields: [{ name: "e", type: { type: "enum", name: "E", namespace: "", symbols: ["A"] } }, { name: "f", type: ref }],
    });
    // Inside org.a, "E" means org.a.E, which does not exist; ".E" names the null-namespace E.
    expect(normalizeSchema(schema("E"))).toEqual({ ok: false, message: "undefined type name: org.a.E" });
    const node = root(schema(".E")) as RecordNode;
    expect(node.fields[1]?.type).toMatchObject({ fullname: "E", namespace: "" });
  });

  it("aliases are qualified with the type's namespace, field aliases are kept as is", () => {
    const node = root({
      type: "record",
      name: "R",
      namespace: "org.a",
      aliases: ["Old", "org.b.Older"],
      fields: [{ name: "x", type: "int", aliases: ["y"], default: null }],
    }) as RecordNode;
    expect(node.aliases).toEqual(["org.a.Old", "org.b.Older"]);
    expect(node.fields[0]).toMatchObject({ aliases: ["y"] });
  });

  it("`default: null` is a default; an absent key is not", () => {
    const node = root({
      type: "record",
      name: "R",
      fields: [
        { name: "a", type: ["null", "int"], default: null },
        { name: "b", type: ["null", "int"] },
      ],
    }) as RecordNode;
    expect(node.fields.map((f) => f.hasDefault)).toEqual([true, false]);
  });
});
