import avro from "avsc";
import { beforeEach, describe, expect, it } from "vitest";
import {
  COMPATIBILITY_MODES,
  checkCompatibility,
  checkMode,
  isCompatibilityMode,
  type CompatibilityMode,
} from "../../lib/compat/index.js";
import { resetCaches } from "../../lib/testing.js";
import { RESOLUTION_TABLE, type ResolutionCase } from "./resolution-table.js";

const field = (name: string, type: unknown, extra: Record<string, unknown> = {}) => ({ name, type, ...extra });
const record = (name: string, fields: unknown[], extra: Record<string, unknown> = {}) => ({ type: "record", name, fields, ...extra });

beforeEach(() => resetCaches("compatibility"));

describe("resolution table", () => {
  it("has at least 80 cases with unique names", () => {
    expect(RESOLUTION_TABLE.length).toBeGreaterThanOrEqual(80);
    expect(new Set(RESOLUTION_TABLE.map((c) => c.name)).size).toBe(RESOLUTION_TABLE.length);
  });

  it.each(RESOLUTION_TABLE.map((c) => [c.name, c] as const))("%s", (_name, c: ResolutionCase) => {
    const result = checkCompatibility(c.reader, c.writer);
    expect(result.compatible, c.reason).toBe(c.compatible);
    expect(result.compatible).toBe(result.findings.length === 0);
    if (c.kinds) expect(result.findings.map((f) => f.kind).sort()).toEqual([...c.kinds].sort());
    if (!c.compatible) expect(c.kinds, "incompatible cases list their kinds").toBeDefined();
    for (const f of result.findings) {
      expect(f.message).toMatch(/^[A-Z].*\.$/);
      expect(f.readerType).not.toBe("");
      expect(f.writerType).not.toBe("");
    }
  });
});

describe("where avsc's resolver disagrees with the spec", () => {
  function avscResolves(reader: unknown, writer: unknown): boolean {
    try {
      avro.Type.forSchema(reader as avro.Schema).createResolver(avro.Type.forSchema(writer as avro.Schema));
      return true;
    } catch {
      return false;
    }
  }

  it("moving a record to another namespace: avsc refuses, spec 1.11 and Confluent accept", () => {
    // Spec 1.11 "Schema Resolution": "both schemas are records with the same
    // (unqualified) name"; Java's SchemaCompatibility.schemaNameEquals
    // compares getName(), the unqualified name.
    const reader = record("UserData", [field("id", "long")], { namespace: "org.openedx.learning" });
    const writer = record("UserData", [field("id", "long")], { namespace: "org.openedx.legacy" });
    expect(() => avro.Type.forSchema(reader as avro.Schema).createResolver(avro.Type.forSchema(writer as avro.Schema))).toThrow(
      /no alias found for org\.openedx\.legacy\.UserData/,
    );
    expect(checkCompatibility(reader, writer)).toEqual({ compatible: true, findings: [], findingCount: 0 });
  });

  it("a field whose name and alias both exist in the writer: avsc calls it ambiguous, Java uses the name", () => {
    const reader = record("R", [field("b", "int", { aliases: ["a"] })]);
    const writer = record("R", [field("a", "string"), field("b", "int")]);
    expect(avscResolves(reader, writer)).toBe(false);
    expect(checkCompatibility(reader, writer).compatible).toBe(true);
  });

  it("disagrees on exactly these table cases and agrees on all others", () => {
    const disagreements = RESOLUTION_TABLE.filter((c) => !(c.kinds ?? []).includes("invalid-schema"))
      .filter((c) => avscResolves(c.reader, c.writer) !== c.compatible)
      .map((c) => c.name)
      .sort();
    expect(disagreements).toEqual(
      [
        "enum in another namespace",
        "field name wins over a field alias",
        "fixed in another namespace",
        "same record name in another namespace",
      ].sort(),
    );
  });
});

describe("exact findings", () => {
  const userV1 = record("User", [field("id", "long")], { namespace: "org.openedx.learning" });
  const userV2 = record("User", [field("id", "long"), field("email", "string")], { namespace: "org.openedx.learning" });

  it("a nullable field read by a non-null reader points at the null branch", () => {
    const result = checkCompatibility(
      record("E", [field("user", record("U", [field("email", "string")]))]),
      record("E", [field("user", record("U", [field("email", ["null", "string"], { default: null })]))]),
    );
    expect(result.findings).toEqual([
      {
        kind: "union-branch-unreadable",
        path: ["user", "email", "null"],
        readerType: "string",
        writerType: "null",
        message: "The writer's union branch null cannot be read as string.",
      },
    ]);
  });

  it("a new required field is reported at its path", () => {
    const result = checkCompatibility(record("E", [field("user", userV2)]), record("E", [field("user", userV1)]));
    expect(result.findings).toEqual([
      {
        kind: "reader-field-missing-default",
        path: ["user", "email"],
        readerType: "string",
        writerType: "absent",
        message: 'Reader field "email" has no default and the writer\'s record User has no field "email".',
      },
    ]);
  });

  it("paths go through map values, array items and union branches", () => {
    const result = checkCompatibility(
      record("R", [field("m", { type: "map", values: { type: "array", items: ["null", "int"] } })]),
      record("R", [field("m", { type: "map", values: { type: "array", items: ["null", "long"] } })]),
    );
    expect(result.findings).toMatchObject([
      { kind: "union-branch-unreadable", path: ["m", "{}", "[]", "long"], readerType: "union [null, int]", writerType: "long" },
    ]);
  });

  it("union-to-union paths use the writer branch's full name", () => {
    const result = checkCompatibility(["null", userV2], ["null", userV1]);
    expect(result.findings).toMatchObject([
      { kind: "reader-field-missing-default", path: ["org.openedx.learning.User", "email"], readerType: "string" },
    ]);
  });

  it("describes named, container and union types", () => {
    const mismatch = checkCompatibility(["null", "string"], "int");
    expect(mismatch.findings).toEqual([
      {
        kind: "type-mismatch",
        path: [],
        readerType: "union [null, string]",
        writerType: "int",
        message: "Data written as int matches no branch of the reader's union [null, string].",
      },
    ]);
    const arrays = checkCompatibility({ type: "array", items: "string" }, { type: "map", values: "string" });
    expect(arrays.findings[0]).toMatchObject({ readerType: "array<string>", writerType: "map<string>" });
    const names = checkCompatibility(record("A", []), record("B", []));
    expect(names.findings[0]).toMatchObject({ kind: "name-mismatch", readerType: "record A", writerType: "record B" });
    const sizes = checkCompatibility({ type: "fixed", name: "Md5", size: 16 }, { type: "fixed", name: "Md5", size: 20 });
    expect(sizes.findings[0]).toMatchObject({ kind: "fixed-size-mismatch", readerType: "fixed Md5(16)", writerType: "fixed Md5(20)" });
  });

  it("lists every missing enum symbol", () => {
    const result = checkCompatibility(
      { type: "enum", name: "Color", symbols: ["RED"] },
      { type: "enum", name: "Color", symbols: ["RED", "GREEN", "BLUE"] },
    );
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ kind: "enum-symbol-missing", path: [], readerType: "enum Color", writerType: "enum Color" });
    expect(result.findings[0]?.message).toContain("GREEN, BLUE");
  });

  it("reports all problems of a record, in reader field order", () => {
    const result = checkCompatibility(
      record("R", [field("a", "int"), field("b", "string"), field("c", "boolean"), field("d", { type: "array", items: "int" })]),
      record("R", [field("a", "long"), field("b", "string"), field("d", { type: "array", items: "double" })]),
    );
    expect(result.findings.map((f) => [f.kind, f.path.join(".")])).toEqual([
      ["type-mismatch", "a"],
      ["reader-field-missing-default", "c"],
      ["type-mismatch", "d.[]"],
    ]);
  });

  it("names the invalid side and quotes avsc", () => {
    const result = checkCompatibility("string", record("R", [field("x", "Missing")]));
    expect(result.findings).toEqual([
      {
        kind: "invalid-schema",
        path: [],
        readerType: "string",
        writerType: "invalid schema",
        message: "The writer schema is invalid (avsc: undefined type name: Missing).",
      },
    ]);
  });
});

describe("checkMode", () => {
  const v = (fields: unknown[]) => record("UserEvent", fields, { namespace: "org.openedx.learning" });
  const id = field("id", "long");

  // next adds a required email that only v2 already had.
  const historyA = [v([id]), v([id, field("name", "string", { default: "" })]), v([id, field("name", "string", { default: "" }), field("email", "string")])];
  const nextA = v([id, field("name", "string", { default: "" }), field("email", "string"), field("n", "int", { default: 0 })]);

  // next drops name, which v0 and v2 require and v1 defaults.
  const historyB = [v([id, field("name", "string")]), v([id, field("name", "string", { default: "" })]), v([id, field("name", "string")])];
  const nextB = v([id]);

  const summary = (mode: CompatibilityMode, next: unknown, history: unknown[]) => {
    const result = checkMode(mode, next, history);
    return {
      compatible: result.compatible,
      checked: result.checks.map((c) => `${c.previousIndex}:${c.direction}`),
      failing: result.failures.map((c) => `${c.previousIndex}:${c.direction}`),
      breaking: result.breakingVersions,
    };
  };

  it("NONE never checks", () => {
    expect(summary("NONE", "string", ["int", "boolean"])).toEqual({ compatible: true, checked: [], failing: [], breaking: [] });
  });

  it("BACKWARD checks only the latest version, new schema as reader", () => {
    expect(summary("BACKWARD", nextA, historyA)).toEqual({ compatible: true, checked: ["2:backward"], failing: [], breaking: [] });
  });

  it("BACKWARD_TRANSITIVE lists every older version it breaks", () => {
    expect(summary("BACKWARD_TRANSITIVE", nextA, historyA)).toEqual({
      compatible: false,
      checked: ["0:backward", "1:backward", "2:backward"],
      failing: ["0:backward", "1:backward"],
      breaking: [0, 1],
    });
    const failure = checkMode("BACKWARD_TRANSITIVE", nextA, historyA).failures[0];
    expect(failure?.findings).toMatchObject([{ kind: "reader-field-missing-default", path: ["email"] }]);
  });

  it("FORWARD checks the latest version as reader of the new schema", () => {
    expect(summary("FORWARD", nextA, historyA)).toEqual({ compatible: true, checked: ["2:forward"], failing: [], breaking: [] });
    expect(summary("FORWARD", nextB, historyB)).toEqual({ compatible: false, checked: ["2:forward"], failing: ["2:forward"], breaking: [2] });
    expect(summary("BACKWARD", nextB, historyB).compatible).toBe(true);
  });

  it("FORWARD_TRANSITIVE lists every older reader that breaks", () => {
    expect(summary("FORWARD_TRANSITIVE", nextA, historyA).compatible).toBe(true);
    expect(summary("FORWARD_TRANSITIVE", nextB, historyB)).toEqual({
      compatible: false,
      checked: ["0:forward", "1:forward", "2:forward"],
      failing: ["0:forward", "2:forward"],
      breaking: [0, 2],
    });
  });

  it("FULL checks both directions against the latest version only", () => {
    expect(summary("FULL", nextA, historyA)).toEqual({ compatible: true, checked: ["2:backward", "2:forward"], failing: [], breaking: [] });
    expect(summary("FULL", nextB, historyB)).toEqual({
      compatible: false,
      checked: ["2:backward", "2:forward"],
      failing: ["2:forward"],
      breaking: [2],
    });
  });

  it("FULL_TRANSITIVE checks both directions against every version", () => {
    expect(summary("FULL_TRANSITIVE", nextA, historyA)).toEqual({
      compatible: false,
      checked: ["0:backward", "0:forward", "1:backward", "1:forward", "2:backward", "2:forward"],
      failing: ["0:backward", "1:backward"],
      breaking: [0, 1],
    });
    expect(summary("FULL_TRANSITIVE", nextB, historyB).breaking).toEqual([0, 2]);
  });

  it("the two directions differ for T vs [null, T]", () => {
    const old = record("E", [field("x", "string")]);
    const next = record("E", [field("x", ["null", "string"], { default: null })]);
    expect(checkMode("BACKWARD", next, [old]).compatible).toBe(true);
    const forward = checkMode("FORWARD", next, [old]);
    expect(forward.failures).toMatchObject([
      { previousIndex: 0, direction: "forward", findings: [{ kind: "union-branch-unreadable", path: ["x", "null"] }] },
    ]);
  });

  it("an empty history is compatible in every mode", () => {
    for (const mode of COMPATIBILITY_MODES) expect(checkMode(mode, "string", []).compatible).toBe(true);
  });

  it("validates mode names", () => {
    expect(COMPATIBILITY_MODES).toEqual(["NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE"]);
    expect(isCompatibilityMode("FULL_TRANSITIVE")).toBe(true);
    expect(isCompatibilityMode("full")).toBe(false);
    expect(isCompatibilityMode(undefined)).toBe(false);
    expect(() => checkMode("SIDEWAYS" as CompatibilityMode, "string", [])).toThrow(RangeError);
  });
});
