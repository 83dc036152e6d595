/**
 * A generated schema seen lately (the unchanged signals of a file edited in the editor, modelled
 * anew on every keystroke) is judged once, by its JSON: the verdict must be the one a fresh
 * judgement gives, valid or not, whatever was judged in between.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLOUD_EVENT_DOC, type CloudEventSchema } from "../../lib/avro/index.js";
import { generatedSchemaError } from "../../lib/avro/validate-generated.js";
import { resetCaches } from "../../lib/testing.js";

function schema(namespace: string, fieldType: unknown): CloudEventSchema {
  return { name: "CloudEvent", type: "record", doc: CLOUD_EVENT_DOC, fields: [{ name: "x", type: fieldType }], namespace } as unknown as CloudEventSchema;
}

const fieldType = fc.oneof(
  fc.constantFrom("string", "long", "double", "boolean", "UndefinedName", "bad name"),
  fc.record({ type: fc.constant("array"), items: fc.constantFrom("string", "long", "Nope") }),
  fc.record({ name: fc.constantFrom("A", "B", "1bad", "string"), type: fc.constant("record"), fields: fc.constant([]) }),
);
const namespace = fc.constantFrom("org.openedx.test.a.v1", "org.openedx.test.b.v1", "org.openedx.test.redemption-reversed.v1", "not an event bus namespace!");

describe("generatedSchemaError with the schema's JSON", () => {
  it("gives the verdict a fresh judgement gives, in any order of schemas seen", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(namespace, fieldType), { minLength: 1, maxLength: 30 }), (pairs) => {
        for (const [ns, type] of pairs) {
          const generated = schema(ns, type);
          const json = JSON.stringify(generated);
          const fresh = generatedSchemaError(generated);
          expect(generatedSchemaError(generated, json)).toBe(fresh);
          expect(generatedSchemaError(JSON.parse(json) as CloudEventSchema, json)).toBe(fresh);
        }
      }),
      { numRuns: 200, seed: 20261206 },
    );
  });

  it("does not walk a schema seen lately again: its verdict is found by its JSON", () => {
    for (const type of ["long", "NoSuchRecord"]) {
      const generated = schema("org.openedx.test.recent.v1", type);
      const json = JSON.stringify(generated);
      const verdict = generatedSchemaError(generated, json);
      const untouchable = new Proxy({} as CloudEventSchema, {
        get: () => {
          throw new Error("walked again");
        },
      });
      expect(generatedSchemaError(untouchable, json)).toBe(verdict);
    }
  });

  it("forgets the verdicts with the avro caches", () => {
    const generated = schema("org.openedx.test.forgotten.v1", "long");
    const json = JSON.stringify(generated);
    expect(generatedSchemaError(generated, json)).toBeNull();
    resetCaches("avro");
    const untouchable = new Proxy({} as CloudEventSchema, {
      get: () => {
        throw new Error("walked again");
      },
    });
    expect(() => generatedSchemaError(untouchable, json)).toThrow("walked again");
  });
});
