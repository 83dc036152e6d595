/**
 * generatedSchemaError judges a generated schema piece by piece; avsc on the whole schema is the
 * reference. Random schemas of the generated shape, valid and broken in every way the shape
 * allows (bad names, primitive and duplicate record names, references before definitions,
 * nested and duplicate union branches, misplaced defaults), must get the same verdict and the
 * same message.
 */
import avro from "avsc";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLOUD_EVENT_DOC, type CloudEventSchema } from "../../lib/avro/index.js";
import { avroSchemaError, PLACEHOLDER_NAMESPACE } from "../../lib/avro/validate.js";
import { generatedSchemaError } from "../../lib/avro/validate-generated.js";
import { isEventBusNamespace, isStrictAvroNamespace } from "../../lib/naming/index.js";

const RECORD_NAMES = ["UserData", "CourseData", "UserData", "CloudEvent", "string", "Bad$Name", "_private", "9Lives", "hasOwnProperty", "Ünï"];
// `__proto__` is left out: see the last test.
const FIELD_NAMES = ["id", "user", "course", "id", "x$", "1st", "_ok", "string", "constructor", "toString", "name"];
const PRIMITIVES = ["null", "boolean", "int", "long", "float", "double", "bytes", "string"];
// An event-bus namespace (`-`), which avsc refuses and we accept, and one that nobody accepts.
const NAMESPACES = ["org.openedx.learning.course.enrollment.created.v1", "org.openedx.UserData.v1", "org.openedx.subsidy.redemption-reversed.v1", "bad$namespace.v1", "a"];

type Type = unknown;

const { type: typeArb } = fc.letrec<{ type: Type; record: Type; field: Type }>((tie) => ({
  type: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(...PRIMITIVES),
    fc.constantFrom(...RECORD_NAMES),
    tie("record"),
    tie("type").map((inner) => ["null", inner]),
    tie("type").map((inner) => [inner, "null"]),
    fc.tuple(tie("type"), tie("type")).map(([a, b]) => ["null", a, b]),
    tie("type").map((items) => ({ type: "array", items })),
    tie("type").map((values) => ({ type: "map", values })),
  ),
  record: fc.record({
    name: fc.constantFrom(...RECORD_NAMES),
    type: fc.constant("record"),
    fields: fc.array(tie("field"), { maxLength: 4 }),
  }),
  field: fc
    .record({ name: fc.constantFrom(...FIELD_NAMES), type: tie("type"), nullDefault: fc.boolean() })
    .map(({ name, type, nullDefault }) => (nullDefault ? { name, type, default: null } : { name, type })),
}));

const schemaArb = fc
  .record({
    namespace: fc.constantFrom(...NAMESPACES),
    fields: fc.array(
      fc.record({ name: fc.constantFrom(...FIELD_NAMES), type: typeArb, nullDefault: fc.boolean() }).map(({ name, type, nullDefault }) =>
        nullDefault ? { name, type, default: null } : { name, type },
      ),
      { maxLength: 4 },
    ),
  })
  .map(({ namespace, fields }) => ({ name: "CloudEvent", type: "record", doc: CLOUD_EVENT_DOC, fields, namespace }) as unknown as CloudEventSchema);

// The last one is avsc's own crash on a default for a union whose first branch is the record being defined.
const AVSC_MESSAGE =
  /^(Cannot read properties of undefined|the namespace `|invalid name: |invalid field name: |duplicate type name: |duplicate field name: |undefined type name: |unions cannot be directly nested|duplicate union branch name: |cannot rename primitive type: |incompatible field default )/;

/** Messages name the schema's namespace or the stand-in for it, depending on the path taken. */
const normalized = (message: string | null, namespace: string) =>
  message?.replaceAll(PLACEHOLDER_NAMESPACE, "NS").replaceAll(namespace, "NS") ?? null;

describe("generatedSchemaError agrees with avsc on whole schemas", () => {
  it("same verdict on random schemas of the generated shape, and the same message when there is one error to give", () => {
    let invalid = 0;
    const differing: string[] = [];
    fc.assert(
      fc.property(schemaArb, (schema) => {
        const expected = avroSchemaError(schema);
        const actual = generatedSchemaError(schema);
        expect(actual === null).toBe(expected === null);
        if (expected === null) return;
        invalid++;
        // With several errors in one field, avsc may meet them in another order: any of its messages is true.
        expect(actual).toMatch(AVSC_MESSAGE);
        if (normalized(actual, schema.namespace) !== normalized(expected, schema.namespace)) differing.push(`${actual} / ${expected}`);
      }),
      { numRuns: 1500, seed: 20261122 },
    );
    // The generator must produce both outcomes, or the comparison proves little.
    expect(invalid).toBeGreaterThan(300);
    expect(invalid).toBeLessThan(1400);
    expect(differing.length / invalid).toBeLessThan(0.1);
  });

  it("avroSchemaError itself (shared primitive types, stand-in namespace) gives plain avsc's verdict", () => {
    fc.assert(
      fc.property(schemaArb, (schema) => {
        // An event-bus namespace that avsc refuses is ours to judge: avsc judges the rest in a stand-in namespace.
        const lenient = isEventBusNamespace(schema.namespace) && !isStrictAvroNamespace(schema.namespace);
        const reference = lenient ? { ...schema, namespace: PLACEHOLDER_NAMESPACE } : schema;
        let plain: string | null = null;
        try {
          avro.Type.forSchema(reference as unknown as avro.Schema, { registry: Object.create(null) as Record<string, avro.Type> });
        } catch (error) {
          plain = (error as Error).message;
        }
        const ours = avroSchemaError(schema);
        expect(ours === null).toBe(plain === null);
        if (plain !== null && isStrictAvroNamespace(schema.namespace)) expect(normalized(ours, schema.namespace)).toBe(normalized(plain, schema.namespace));
      }),
      { numRuns: 500, seed: 20261123 },
    );
  });

  it("valid schemas of a realistic catalog", () => {
    const user = { name: "UserData", type: "record", fields: [{ name: "id", type: "long" }, { name: "pii", type: { name: "UserPersonalData", type: "record", fields: [{ name: "email", type: "string" }] } }] };
    const schema = {
      name: "CloudEvent",
      type: "record",
      doc: CLOUD_EVENT_DOC,
      fields: [
        { name: "user", type: user },
        { name: "previous", type: ["null", "UserData"], default: null },
        { name: "people", type: { type: "array", items: "UserPersonalData" } },
      ],
      namespace: "org.openedx.learning.user.changed.v1",
    } as unknown as CloudEventSchema;
    expect(generatedSchemaError(schema)).toBeNull();
    expect(avroSchemaError(schema)).toBeNull();
  });

  it.each([
    ["a record named like the top level", [{ name: "x", type: { name: "CloudEvent", type: "record", fields: [] } }], "duplicate type name: NS.CloudEvent"],
    ["a record named like a primitive", [{ name: "x", type: { name: "string", type: "record", fields: [] } }], 'cannot rename primitive type: "string"'],
    ["a reference before its definition", [{ name: "a", type: "UserData" }, { name: "b", type: { name: "UserData", type: "record", fields: [] } }], "undefined type name: NS.UserData"],
    ["an invalid field name", [{ name: "x$", type: "string" }], "invalid field name: x$"],
    ["a nested union", [{ name: "x", type: ["null", ["null", "string"]], default: null }], "unions cannot be directly nested"],
  ])("%s: %s", (_, fields, message) => {
    const schema = { name: "CloudEvent", type: "record", doc: CLOUD_EVENT_DOC, fields, namespace: "org.openedx.x.v1" } as unknown as CloudEventSchema;
    expect(normalized(generatedSchemaError(schema), schema.namespace)).toBe(message);
    expect(normalized(avroSchemaError(schema), schema.namespace)).toBe(message);
  });

  it("hands anything outside the generated shape to avsc whole", () => {
    const schema = {
      name: "CloudEvent",
      type: "record",
      doc: CLOUD_EVENT_DOC,
      fields: [{ name: "color", type: { type: "enum", name: "Color", symbols: ["RED", "RED"] } }],
      namespace: "org.openedx.x.v1",
    } as unknown as CloudEventSchema;
    expect(generatedSchemaError(schema)).toBe(avroSchemaError(schema));
    expect(generatedSchemaError(schema)).not.toBeNull();
  });

  it("follows the Avro specification where avsc trips over a field named `__proto__`", () => {
    // avsc indexes fields in a plain object, so `__proto__` replaces that object's prototype and
    // the next field fails with a JavaScript error. The specification allows the name.
    const schema = {
      name: "CloudEvent",
      type: "record",
      doc: CLOUD_EVENT_DOC,
      fields: [{ name: "__proto__", type: "string" }, { name: "name", type: "string" }],
      namespace: "org.openedx.x.v1",
    } as unknown as CloudEventSchema;
    expect(avroSchemaError(schema)).toBe("Cannot assign to read only property 'name' of object '#<Field>'");
    expect(generatedSchemaError(schema)).toBeNull();
  });

  it("messages name the schema's own namespace, never the stand-in used while checking", () => {
    const schema = {
      name: "CloudEvent",
      type: "record",
      doc: CLOUD_EVENT_DOC,
      fields: [{ name: "a", type: "Foo" }],
      namespace: "org.openedx.test.undefined.v1",
    } as unknown as CloudEventSchema;
    expect(avroSchemaError(schema)).toBe("undefined type name: org.openedx.test.undefined.v1.Foo");
    expect(generatedSchemaError(schema)).toBe("undefined type name: org.openedx.test.undefined.v1.Foo");
    const named = { ...schema, fields: [{ name: "a", type: { name: "Bad$", type: "record", fields: [] } }] } as unknown as CloudEventSchema;
    expect(avroSchemaError(named)).toBe('invalid name: "org.openedx.test.undefined.v1.Bad$"');
    expect(generatedSchemaError(named)).toBe('invalid name: "org.openedx.test.undefined.v1.Bad$"');
  });

  it("accepts the empty namespace, which Avro reads as no namespace", () => {
    expect(avroSchemaError({ name: "Thing", type: "record", namespace: "", fields: [{ name: "a", type: "string" }] })).toBeNull();
  });
});
