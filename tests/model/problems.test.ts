import { beforeEach, describe, expect, it } from "vitest";
import { toAvroSchema } from "../../lib/avro/index.js";
import { type SignalDeclaration } from "../../lib/model/index.js";
import { resolveSettings } from "../../lib/settings.js";
import { getSourceFile } from "../../lib/source/index.js";
import { resetCaches } from "../../lib/testing.js";
import { fixture, modelOf, schemaOf, signalOf } from "../helpers.js";
import { cloudEvent, dataClassOf, expectSpanAt, field, record } from "./support.js";

const dir = (...parts: string[]) => fixture("model", "problems", ...parts);
const signals = dir("signals.ts");
const shapes = dir("shapes.ts");
const clash = dir("clash.ts");
const data = dir("data.ts");
const settings = resolveSettings({});

beforeEach(() => {
  resetCaches("sources", "models");
});

function bySignalConstant(file: string, constant: string): SignalDeclaration {
  const signal = modelOf(file).signals.find((s) => s.constant === constant);
  if (!signal) throw new Error(`no ${constant} in ${file}`);
  return signal;
}

function problemAt(eventType: string, file: string, path: string) {
  const problem = schemaOf(file, eventType).problems.find((p) => p.path === path);
  if (!problem) throw new Error(`no problem at ${path}`);
  return problem;
}

describe("names that cannot be resolved", () => {
  const EVENT = "org.openedx.test.problems.v1";

  it.each([
    ["nowhere", "Nowhere", /^`Nowhere` cannot be resolved: cannot find module '\.\/does-not-exist' from signals\.ts$/],
    ["undeclared", "NotDeclaredAnywhere", /^`NotDeclaredAnywhere` cannot be resolved: 'NotDeclaredAnywhere' is neither declared nor imported in signals\.ts$/],
    ["missing", "Missing", /^`Missing` cannot be resolved: import cycle: 'Missing' is re-exported in a loop through cycle-a\.ts$/],
  ])("%s: code `unresolved`, the name as typeText, the span on the value, and the reason", (path, name, reason) => {
    const problem = problemAt(EVENT, signals, path);
    expect(problem.code).toBe("unresolved");
    expect(problem.typeText).toBe(name);
    expect(problem.reason).toMatch(reason);
    expectSpanAt(problem.span, signals, name, `${path}: `);
    expect(problem.entry?.name).toBe(path);
    expect(problem.field).toBeNull();
  });

  it("names the file and the line of a syntax error in an imported file", () => {
    const problem = problemAt(EVENT, signals, "broken");
    expect(problem.code).toBe("unresolved");
    expect(problem.typeText).toBe("Broken");
    expect(problem.reason).toBe("`Broken` cannot be resolved: broken.ts cannot be read: Type expected. (line 3, column 16)");
    expectSpanAt(problem.span, signals, "Broken", "broken: ");
    // The source layer keeps the syntax error as a value, with a 1-based position.
    const broken = getSourceFile(dir("broken.ts"));
    expect(broken.ast).toBeNull();
    expect(broken.problem).toEqual({ kind: "syntax-error", message: "Type expected.", line: 3, column: 16 });
  });

  it("stops an `export *` cycle with a cycle reason", () => {
    const problem = problemAt(EVENT, signals, "missing");
    expect(problem.reason).toContain("import cycle");
  });

  it("says which module does not export a name", () => {
    const problem = problemAt("org.openedx.test.shapes.notexported.v1", shapes, "there");
    expect(problem.code).toBe("unresolved");
    expect(problem.typeText).toBe("NotThere");
    expect(problem.reason).toBe("`NotThere` cannot be resolved: data.ts does not export 'NotThere'");
    expectSpanAt(problem.span, shapes, "NotThere", "there: NotThere");
  });

  it("reports a class from an external package as `unknown-class` naming the package", () => {
    const problem = problemAt(EVENT, signals, "external");
    expect(problem.code).toBe("unknown-class");
    expect(problem.typeText).toBe("Whatever");
    expect(problem.reason).toContain("'some-package'");
    expect(problem.reason).toContain("customTypes");
    expectSpanAt(problem.span, signals, "Whatever", "external: ");
  });

  it("lists every problem of the signal, signal-level ones first, and produces no schema", () => {
    const { schema, problems } = schemaOf(signals, EVENT);
    expect(schema).toBeNull();
    expect(problems.map((p) => [p.code, p.modelCode ?? null, p.path])).toEqual([
      ["model", "computed-key", ""],
      ["model", "spread", ""],
      ["unresolved", null, "broken"],
      ["unresolved", null, "missing"],
      ["unresolved", null, "nowhere"],
      ["unknown-class", null, "external"],
      ["unresolved", null, "undeclared"],
      ["recursive", null, "node.next"],
      ["recursive", null, "outer.inner.outer"],
      ["model", "computed-key", "computed"],
      ["model", "invalid-name", "computed"],
      ["other", null, "computed.untyped"],
      ["other", null, "call"],
    ]);
  });
});

describe("recursive data", () => {
  it("reports a data class that contains itself directly", () => {
    const problem = problemAt("org.openedx.test.problems.v1", signals, "node.next");
    expect(problem.code).toBe("recursive");
    expect(problem.typeText).toBe("Node");
    expect(problem.reason).toContain("`Node` contains itself");
    expectSpanAt(problem.span, data, "Node", "readonly next!: ");
    expect(problem.dataClass?.name).toBe("Node");
    expect(problem.field?.name).toBe("next");
  });

  it("reports a data class that contains itself through another class", () => {
    const problem = problemAt("org.openedx.test.problems.v1", signals, "outer.inner.outer");
    expect(problem.code).toBe("recursive");
    expect(problem.typeText).toBe("Outer");
    expect(problem.dataClass?.name).toBe("Inner");
    expectSpanAt(problem.span, data, "Outer", "readonly outer!: ");
  });

  it("reports a data class that contains itself through an array", () => {
    const { schema, problems } = schemaOf(shapes, "org.openedx.test.shapes.tree.v1");
    expect(schema).toBeNull();
    expect(problems.map((p) => [p.code, p.path, p.typeText])).toEqual([["recursive", "tree.children[]", "Tree"]]);
    expectSpanAt(problems[0]!.span, data, "Tree", "readonly children!: ");
  });

  it("reports a type alias cycle (`type A = B; type B = A`) at the field that uses it", () => {
    const { schema, problems } = schemaOf(shapes, "org.openedx.test.shapes.aliasloop.v1");
    expect(schema).toBeNull();
    expect(problems.map((p) => [p.code, p.path])).toEqual([["recursive", "alias_loop.loop"]]);
    expect(problems[0]!.reason).toMatch(/type alias `Loop[AB]` refers to itself/);
    expectSpanAt(problems[0]!.span, data, "LoopA", "  loop: LoopA;");
  });

  it("reports an interface that extends itself and a base that is an expression", () => {
    const { schema, problems } = schemaOf(shapes, "org.openedx.test.shapes.weird.v1");
    expect(schema).toBeNull();
    expect(problems.map((p) => [p.code, p.path, p.reason])).toEqual([
      ["model", "weird", "the base `Object as never` is an expression the plugin cannot follow"],
      ["model", "self_base", "`SelfBase` extends itself"],
    ]);
    const weird = dataClassOf(field(signalOf(shapes, "org.openedx.test.shapes.weird.v1"), "weird").type);
    expect(weird.problems.map((p) => p.code)).toEqual(["unresolved-base"]);
    expectSpanAt(weird.problems[0]!.span, data, "Object as never");
  });
});

describe("the shape of a signal", () => {
  it("reports a computed key and a spread in `data`, and a value that names nothing", () => {
    const signal = signalOf(signals, "org.openedx.test.problems.v1");
    expect(signal.problems.map((p) => p.code)).toEqual(["computed-key", "spread"]);
    expectSpanAt(signal.problems[0]!.span, signals, "name", "[name]: Node");
    expectSpanAt(signal.problems[1]!.span, signals, "...extra");
    // The rest of `data` is still read, in order, without the computed and spread entries.
    expect(signal.fields.map((f) => f.name)).toEqual(["broken", "missing", "nowhere", "external", "undeclared", "node", "outer", "computed", "call"]);
    const call = problemAt("org.openedx.test.problems.v1", signals, "call");
    expect([call.code, call.typeText]).toEqual(["other", "makeType()"]);
    expectSpanAt(call.span, signals, "makeType()");
    // In the schema result, signal-level problems keep the model's message.
    const { problems } = schemaOf(signals, "org.openedx.test.problems.v1");
    expect(problems.slice(0, 2).map((p) => p.reason)).toEqual(signal.problems.map((p) => p.message));
  });

  it("reports a template literal with an expression as event_type, and `data` that is not an object literal", () => {
    const signal = bySignalConstant(signals, "NOT_LITERAL");
    expect(signal.eventType).toBeNull();
    expect(signal.problems.map((p) => p.code)).toEqual(["event-type-not-literal", "data-not-object"]);
    expectSpanAt(signal.problems[0]!.span, signals, "`org.openedx.${name}.v1`");
    expectSpanAt(signal.problems[1]!.span, signals, "extra", "data: extra");
    expect(toAvroSchema(signal, settings).schema).toBeNull();
  });

  it("reports an event_type read from a constant", () => {
    const signal = bySignalConstant(shapes, "FROM_CONSTANT");
    expect(signal.eventType).toBeNull();
    expect(signal.problems.map((p) => p.code)).toEqual(["event-type-not-literal"]);
    expectSpanAt(signal.eventTypeSpan!, shapes, "EVENT_NAME", "event_type: EVENT_NAME");
  });

  it("reports a signal without arguments, and one with a string argument", () => {
    const noArgs = bySignalConstant(signals, "NO_ARGS");
    expect(noArgs.problems.map((p) => p.code)).toEqual(["bad-signal"]);
    expectSpanAt(noArgs.problems[0]!.span, signals, "new OpenEdxPublicSignal()");
    expect(noArgs.fields).toEqual([]);
    const { schema, problems } = toAvroSchema(noArgs, settings);
    expect(schema).toBeNull();
    expect(problems.map((p) => [p.code, p.path])).toEqual([["model", ""]]);

    const stringArgument = bySignalConstant(shapes, "STRING_ARGUMENT");
    expect(stringArgument.problems.map((p) => p.code)).toEqual(["bad-signal"]);
    expectSpanAt(stringArgument.problems[0]!.span, shapes, '"org.openedx.test.shapes.string.v1"');
  });

  it("reports a missing event_type, a missing payload and a payload type that is not an object type", () => {
    expect(bySignalConstant(shapes, "NO_EVENT_TYPE").problems.map((p) => p.code)).toEqual(["missing-event-type"]);
    const noData = bySignalConstant(shapes, "NO_DATA");
    expect(noData.eventType).toBe("org.openedx.test.shapes.nodata.v1");
    expect(noData.problems.map((p) => p.code)).toEqual(["data-not-object"]);
    expect(toAvroSchema(noData, settings).schema).toBeNull();
    const union = bySignalConstant(shapes, "UNION_PAYLOAD");
    expect(union.problems.map((p) => p.code)).toEqual(["data-not-object"]);
    expectSpanAt(union.problems[0]!.span, shapes, "Tree | null");
  });

  it("reports a field declared twice in `data`", () => {
    const signal = bySignalConstant(shapes, "DUPLICATE");
    expect(signal.problems.map((p) => p.code)).toEqual(["duplicate-field"]);
    expectSpanAt(signal.problems[0]!.span, shapes, "node", "node: Tree", "DUPLICATE");
    expect(signal.fields.map((f) => f.name)).toEqual(["node"]);
  });
});

describe("computed keys in data classes", () => {
  it("reports computed keys in a class, and a field without a type annotation", () => {
    const computed = dataClassOf(field(signalOf(signals, "org.openedx.test.problems.v1"), "computed").type);
    expect(computed.problems.map((p) => p.code)).toEqual(["computed-key", "invalid-name"]);
    expectSpanAt(computed.problems[0]!.span, data, "key", "readonly [key]");
    expect(computed.fields.map((f) => f.name)).toEqual(["quoted-name", "untyped"]);
    const untyped = problemAt("org.openedx.test.problems.v1", signals, "computed.untyped");
    expect([untyped.code, untyped.typeText]).toEqual(["other", "untyped"]);
    expectSpanAt(untyped.span, data, "untyped");
  });

  it("reports computed keys and index signatures in an interface", () => {
    const { schema, problems } = schemaOf(shapes, "org.openedx.test.shapes.keyed.v1");
    expect(schema).toBeNull();
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ["model", "keyed"],
      ["model", "keyed"],
    ]);
    const keyed = dataClassOf(field(signalOf(shapes, "org.openedx.test.shapes.keyed.v1"), "keyed").type);
    expect(keyed.problems.map((p) => p.code)).toEqual(["computed-key", "computed-key"]);
    expectSpanAt(keyed.problems[0]!.span, data, "sym", "[sym]: string");
    expectSpanAt(keyed.problems[1]!.span, data, "[key: string]: string;");
    expect(keyed.fields.map((f) => f.name)).toEqual(["ok"]);
  });

  it("reports a computed key in a type-level payload", () => {
    const signal = bySignalConstant(shapes, "COMPUTED_PAYLOAD");
    expect(signal.form).toBe("type");
    expect(signal.problems.map((p) => p.code)).toEqual(["computed-key"]);
    expectSpanAt(signal.problems[0]!.span, shapes, "payloadKey", "[payloadKey]: string");
    expect(signal.fields.map((f) => f.name)).toEqual(["fine"]);
  });
});

describe("field names Avro rejects", () => {
  it("reports invalid names in `data` keys (string and numeric) and in class members", () => {
    const signal = bySignalConstant(shapes, "BAD_NAMES");
    expect(signal.problems.map((p) => [p.code, p.message.split("`")[1]])).toEqual([
      ["invalid-name", "bad-name"],
      ["invalid-name", "2"],
    ]);
    expectSpanAt(signal.problems[0]!.span, shapes, '"bad-name"');
    expectSpanAt(signal.problems[1]!.span, shapes, "2", "2: Node");
    const names = dataClassOf(field(signal, "names").type);
    expect(names.problems.map((p) => [p.code, p.message.split("`")[1]])).toEqual([
      ["invalid-name", "kebab-case"],
      ["invalid-name", "1"],
      ["invalid-name", "$dollar"],
    ]);
    expectSpanAt(names.problems[0]!.span, data, '"kebab-case"');
    expectSpanAt(names.problems[2]!.span, data, "$dollar");
    // The names are still fields of the model, so rules can point at them.
    expect(names.fields.map((f) => f.name)).toEqual(["kebab-case", "1", "$dollar", "good_name"]);
    const { schema, problems } = toAvroSchema(signal, settings);
    expect(schema).toBeNull();
    expect(problems.filter((p) => p.code === "model").map((p) => [p.path, p.modelCode])).toEqual([
      ["", "invalid-name"],
      ["", "invalid-name"],
      ["names", "invalid-name"],
      ["names", "invalid-name"],
      ["names", "invalid-name"],
    ]);
    expect(problems.some((p) => p.code === "invalid-avro")).toBe(false);
  });
});

describe("two data classes with one name", () => {
  it("reports `name-clash` at the second class reached by one signal", () => {
    const { schema, problems } = schemaOf(clash, "org.openedx.test.clash.v1");
    expect(schema).toBeNull();
    expect(problems.map((p) => [p.code, p.path, p.typeText])).toEqual([["name-clash", "second", "UserData"]]);
    expectSpanAt(problems[0]!.span, dir("clash-b.ts"), "UserData");
    expect(problems[0]!.dataClass?.file).toBe(dir("clash-b.ts"));
    expect(problems[0]!.entry?.name).toBe("second");
  });

  it("reports the clash one record down", () => {
    const { problems } = schemaOf(clash, "org.openedx.test.clash.nested.v1");
    expect(problems.map((p) => [p.code, p.path])).toEqual([["name-clash", "holder.second"]]);
  });

  it("does not report the same class reached twice", () => {
    const { schema, problems } = schemaOf(clash, "org.openedx.test.clash.none.v1");
    expect(problems).toEqual([]);
    expect(JSON.stringify(schema)).toBe(
      cloudEvent("org.openedx.test.clash.none.v1", [
        { name: "first", type: record("UserData", [{ name: "id", type: "double" }]) },
        { name: "again", type: "UserData" },
      ]),
    );
  });
});
