/**
 * Grammar-based fuzzing of event definitions and their evolution.
 *
 * A random program (data classes, interfaces, type aliases with random field types, modifiers and
 * inheritance, and signals in every accepted form) is generated as a small structure, its
 * snapshots are written the way `generate` writes them (optionally with an older version kept as
 * history), then the program is edited structurally (a field removed, renamed, retyped, made
 * nullable, reordered; a class renamed; a data key changed…) and every rule lints the result.
 *
 * Properties:
 * - no rule throws, every diagnostic is well located, every fix/suggestion parses;
 * - no false alarm: a program linted against the snapshots of itself gets no finding from the
 *   snapshot rules (other than "no snapshot" for events that could not have one).
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatSchema, toAvroSchema } from "../../lib/avro/index.js";
import { loadCatalog } from "../../lib/catalog/index.js";
import { COMPATIBILITY_MODES, type CompatibilityMode } from "../../lib/compat/index.js";
import { resolveSettings } from "../../lib/settings.js";
import { writeSnapshot } from "../../lib/snapshots/index.js";
import { rules } from "../../rules/index.js";
import { lintConfig, lintText, messageDefects, newLinter, removeTempDirs, tempDir } from "./support.js";

const SEED = Number(process.env.ROBUSTNESS_SEED ?? 7_070_707);
const RUNS = Number(process.env.ROBUSTNESS_EVOLUTION_RUNS ?? 300);
const IDENTITY_RUNS = Number(process.env.ROBUSTNESS_IDENTITY_RUNS ?? 150);

// -----------------------------------------------------------------------------------------------
// The program model
// -----------------------------------------------------------------------------------------------

interface Field {
  readonly name: string;
  readonly mods: string;
  readonly opt: "!" | "?" | "";
  readonly type: string;
  readonly init: string;
}

interface Decl {
  readonly kind: "class" | "interface" | "type";
  readonly name: string;
  readonly ext: string | null;
  readonly fields: readonly Field[];
}

interface Signal {
  readonly constant: string;
  readonly eventType: string;
  readonly form: "new" | "call" | "type" | "eventType";
  readonly entries: readonly { readonly key: string; readonly value: string }[];
}

interface Program {
  readonly decls: readonly Decl[];
  readonly aliases: readonly string[];
  readonly signals: readonly Signal[];
}

const DECLS = 4;
const recName = (i: number) => `Rec${i % DECLS}`;

const PLAIN_FIELD_NAMES = ["id", "name", "user", "course", "course_key", "created", "items", "tags", "value", "a", "b"];
const WEIRD_FIELD_NAMES = ['"quoted-key"', "'x y'", "[computed]", "#priv", "2", "constructor", "__proto__", "ünï", "$dollar", "_"];

const LEAF_TYPES = [
  "string", "boolean", "number", "bigint", "Int", "Long", "Float", "Double", "Date", "CourseKey", "UsageKey", "UUID", "Uint8Array", "Buffer",
  "Rec0", "Rec1", "Rec2", "Rec3", "Alias0", "Alias1",
];
const ODD_LEAF_TYPES = [
  "any", "unknown", "never", "void", "undefined", "null", "object", "{}", "Missing", "Set<string>", "ns.Qualified", "import('./data').Rec0",
  "typeof value", "keyof Rec0", "Rec0['id']", "`t-${string}`", "'literal'", "42", "true", "this", "Function", "Symbol", "symbol", "Rec0<string>",
  "Array", "ReadonlyArray", "Map", "Record",
];

const leaf = fc.oneof({ arbitrary: fc.constantFrom(...LEAF_TYPES), weight: 5 }, { arbitrary: fc.constantFrom(...ODD_LEAF_TYPES), weight: 1 });

const typeArb: fc.Arbitrary<string> = fc.letrec<{ type: string }>((tie) => ({
  type: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { arbitrary: leaf, weight: 12 },
    { arbitrary: tie("type").map((t) => `${t}[]`), weight: 2 },
    tie("type").map((t) => `readonly ${t}[]`),
    tie("type").map((t) => `Array<${t}>`),
    tie("type").map((t) => `ReadonlyArray<${t}>`),
    { arbitrary: tie("type").map((t) => `${t} | null`), weight: 3 },
    tie("type").map((t) => `null | ${t}`),
    tie("type").map((t) => `${t} | undefined`),
    fc.tuple(tie("type"), tie("type")).map(([a, b]) => `${a} | ${b}`),
    fc.tuple(tie("type"), tie("type")).map(([a, b]) => `${a} & ${b}`),
    fc.tuple(tie("type"), tie("type")).map(([a, b]) => `[${a}, ${b}?, ...${a}[]]`),
    fc.tuple(tie("type"), tie("type")).map(([a, b]) => `(x: ${a}) => ${b}`),
    tie("type").map((t) => `new () => ${t}`),
    tie("type").map((t) => `Map<string, ${t}>`),
    tie("type").map((t) => `Record<string, ${t}>`),
    tie("type").map((t) => `{ [key: string]: ${t} }`),
    fc.tuple(tie("type"), tie("type")).map(([a, b]) => `{ k: ${a}; j?: ${b} }`),
    tie("type").map((t) => `(${t})`),
    tie("type").map((t) => `(${t})[]`),
    fc.tuple(tie("type"), tie("type")).map(([a, b]) => `${a} extends ${b} ? ${a} : ${b}`),
    tie("type").map((t) => `Promise<${t}>`),
    tie("type").map((t) => `Partial<${t}>`),
    tie("type").map((t) => `{ readonly [K in keyof ${t}]: ${t}[K] }`),
  ),
})).type;

const fieldArb: fc.Arbitrary<Field> = fc.record({
  name: fc.oneof({ arbitrary: fc.constantFrom(...PLAIN_FIELD_NAMES), weight: 8 }, { arbitrary: fc.constantFrom(...WEIRD_FIELD_NAMES), weight: 1 }),
  mods: fc.oneof(
    { arbitrary: fc.constant("readonly"), weight: 8 },
    { arbitrary: fc.constantFrom("", "declare readonly", "public readonly", "private", "protected", "static", "override readonly", "accessor", "declare"), weight: 2 },
  ),
  opt: fc.oneof({ arbitrary: fc.constant("!" as const), weight: 6 }, { arbitrary: fc.constantFrom("?" as const, "" as const), weight: 1 }),
  type: typeArb,
  init: fc.oneof({ arbitrary: fc.constant(""), weight: 6 }, { arbitrary: fc.constantFrom(" = null", ' = ""', " = 0", " = []", " = false"), weight: 1 }),
});

/**
 * Serializable types only, and records only "below" the declaring one (Rec i may hold Rec j for
 * j > i): programs whose signals have schemas, so that snapshots exist and compatibility runs.
 */
const cleanTypeArb = (i: number): fc.Arbitrary<string> => {
  const records = Array.from({ length: DECLS - 1 - i }, (_, k) => recName(i + 1 + k));
  const leaves = fc.oneof(
    { arbitrary: fc.constantFrom("string", "boolean", "Int", "Long", "Float", "Double", "Date", "CourseKey", "UsageKey", "UUID", "Uint8Array", "bigint", "number"), weight: 3 },
    ...(records.length > 0 ? [{ arbitrary: fc.constantFrom(...records), weight: 2 }] : []),
  );
  return fc
    .tuple(leaves, fc.constantFrom("", "", "", "[]", "array", "readonly", "null", "null-first", "array-null", "null-array"))
    .map(([t, wrap]) =>
      wrap === "[]" ? `${t}[]` : wrap === "array" ? `Array<${t}>` : wrap === "readonly" ? `readonly ${t}[]` : wrap === "null" ? `${t} | null` : wrap === "null-first" ? `null | ${t}` : wrap === "array-null" ? `Array<${t} | null>` : wrap === "null-array" ? `${t}[] | null` : t,
    );
};

const cleanFieldsArb = (i: number): fc.Arbitrary<readonly Field[]> =>
  fc.uniqueArray(
    fc.record({
      name: fc.constantFrom(...PLAIN_FIELD_NAMES),
      mods: fc.constantFrom("readonly", "readonly", "declare readonly", "public readonly", ""),
      opt: fc.constant("!" as const),
      type: cleanTypeArb(i),
      init: fc.constant(""),
    }),
    { selector: (field) => field.name, minLength: 1, maxLength: 4 },
  );

const declArb = (i: number, clean: boolean): fc.Arbitrary<Decl> =>
  clean
    ? fc.record({
        kind: fc.oneof({ arbitrary: fc.constant("class" as const), weight: 4 }, { arbitrary: fc.constantFrom("interface" as const, "type" as const), weight: 1 }),
        name: fc.constant(recName(i)),
        ext: i < DECLS - 1 ? fc.option(fc.integer({ min: i + 1, max: DECLS - 1 }).map(recName), { freq: 4 }) : fc.constant(null),
        fields: cleanFieldsArb(i),
      })
    : fc.record({
        kind: fc.oneof({ arbitrary: fc.constant("class" as const), weight: 4 }, { arbitrary: fc.constantFrom("interface" as const, "type" as const), weight: 1 }),
        name: fc.constant(recName(i)),
        ext: fc.oneof(
          { arbitrary: fc.constant(null), weight: 6 },
          { arbitrary: fc.nat({ max: DECLS - 1 }).map(recName), weight: 2 },
          { arbitrary: fc.constantFrom("Missing", "mixin(Rec0)", "Rec1<string>", "ns.Base"), weight: 1 },
        ),
        fields: fc.array(fieldArb, { minLength: 0, maxLength: 5 }),
      });

const EVENT_TYPES = [
  "org.openedx.learning.gen.alpha.v1",
  "org.openedx.learning.gen.beta.v1",
  "org.openedx.learning.gen.gamma.v1",
  "org.openedx.content_authoring.gen.delta.v2",
];

const valueArb = fc.oneof(
  { arbitrary: fc.nat({ max: DECLS - 1 }).map(recName), weight: 6 },
  { arbitrary: fc.constantFrom("CourseKey", "Date", "UsageKey", "Missing", "Alias0", "Rec0 as never", "String", "Int"), weight: 2 },
);
const cleanValueArb = fc.oneof({ arbitrary: fc.nat({ max: DECLS - 1 }).map(recName), weight: 6 }, { arbitrary: fc.constantFrom("CourseKey", "Date", "UsageKey"), weight: 1 });

const signalArb = (i: number, clean: boolean): fc.Arbitrary<Signal> =>
  fc.record({
    constant: fc.constant(`SIGNAL_${i}`),
    eventType: clean
      ? fc.constant(EVENT_TYPES[i % EVENT_TYPES.length]!)
      : fc.oneof({ arbitrary: fc.constantFrom(...EVENT_TYPES), weight: 8 }, { arbitrary: fc.constantFrom("org.openedx.learning.Bad-Name", "x"), weight: 1 }),
    form: fc.constantFrom("new" as const, "call" as const, "type" as const, "eventType" as const),
    entries: clean
      ? fc.uniqueArray(fc.record({ key: fc.constantFrom(...PLAIN_FIELD_NAMES, "enrollment", "payload"), value: cleanValueArb }), { selector: (e) => e.key, minLength: 1, maxLength: 3 })
      : fc.array(fc.record({ key: fc.constantFrom(...PLAIN_FIELD_NAMES, "enrollment", "payload"), value: valueArb }), { minLength: 1, maxLength: 3 }),
  });

const programArbOf = (clean: boolean): fc.Arbitrary<Program> =>
  fc.record({
    decls: fc.tuple(...Array.from({ length: DECLS }, (_, i) => declArb(i, clean))),
    aliases: clean ? fc.tuple(cleanTypeArb(0), cleanTypeArb(0)) : fc.tuple(typeArb, typeArb),
    signals: fc.integer({ min: 1, max: 4 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => signalArb(i, clean)))),
  });

/** Half clean (serializable, so snapshots and compatibility are exercised), half wild. */
const programArb: fc.Arbitrary<Program> = fc.oneof(programArbOf(true), programArbOf(false));
const cleanProgramArb = programArbOf(true);

// -----------------------------------------------------------------------------------------------
// Structural edits (the "evolution")
// -----------------------------------------------------------------------------------------------

type Edit =
  | { kind: "remove-field" | "toggle-null" | "toggle-optional" | "swap-fields"; decl: number; field: number }
  | { kind: "add-field"; decl: number; field: Field }
  | { kind: "retype-field"; decl: number; field: number; type: string }
  | { kind: "rename-field"; decl: number; field: number; name: string }
  | { kind: "rename-decl"; decl: number }
  | { kind: "change-kind"; decl: number; to: Decl["kind"] }
  | { kind: "change-ext"; decl: number; ext: string | null }
  | { kind: "remove-entry" | "rename-entry"; signal: number; entry: number }
  | { kind: "add-entry"; signal: number; key: string; value: string }
  | { kind: "change-event-type"; signal: number; eventType: string }
  | { kind: "change-form"; signal: number; form: Signal["form"] };

const n = fc.nat({ max: 100 });
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constantFrom("remove-field" as const, "toggle-null" as const, "toggle-optional" as const, "swap-fields" as const), decl: n, field: n }),
  fc.record({ kind: fc.constant("add-field" as const), decl: n, field: fc.oneof(fieldArb, cleanFieldsArb(0).map((fields) => fields[0]!)) }),
  fc.record({ kind: fc.constant("retype-field" as const), decl: n, field: n, type: fc.oneof(typeArb, cleanTypeArb(0), cleanTypeArb(2)) }),
  fc.record({ kind: fc.constant("rename-field" as const), decl: n, field: n, name: fc.constantFrom(...PLAIN_FIELD_NAMES, "renamed") }),
  fc.record({ kind: fc.constant("rename-decl" as const), decl: n }),
  fc.record({ kind: fc.constant("change-kind" as const), decl: n, to: fc.constantFrom("class" as const, "interface" as const, "type" as const) }),
  fc.record({ kind: fc.constant("change-ext" as const), decl: n, ext: fc.option(fc.nat({ max: DECLS - 1 }).map(recName)) }),
  fc.record({ kind: fc.constantFrom("remove-entry" as const, "rename-entry" as const), signal: n, entry: n }),
  fc.record({ kind: fc.constant("add-entry" as const), signal: n, key: fc.constantFrom(...PLAIN_FIELD_NAMES, "extra"), value: valueArb }),
  fc.record({ kind: fc.constant("change-event-type" as const), signal: n, eventType: fc.constantFrom(...EVENT_TYPES) }),
  fc.record({ kind: fc.constant("change-form" as const), signal: n, form: fc.constantFrom("new" as const, "call" as const, "type" as const, "eventType" as const) }),
);

function edit(program: Program, e: Edit): Program {
  const decls = [...program.decls];
  const signals = [...program.signals];
  if ("decl" in e) {
    const i = e.decl % decls.length;
    const decl = decls[i]!;
    const fields = [...decl.fields];
    const j = "field" in e && typeof e.field === "number" && fields.length > 0 ? e.field % fields.length : -1;
    switch (e.kind) {
      case "remove-field":
        if (j >= 0) fields.splice(j, 1);
        break;
      case "toggle-null":
        if (j >= 0) fields[j] = { ...fields[j]!, type: fields[j]!.type.endsWith(" | null") ? fields[j]!.type.slice(0, -7) : `${fields[j]!.type} | null` };
        break;
      case "toggle-optional":
        if (j >= 0) fields[j] = { ...fields[j]!, opt: fields[j]!.opt === "?" ? "!" : "?" };
        break;
      case "swap-fields":
        if (j >= 0 && fields.length > 1) {
          const k = (j + 1) % fields.length;
          [fields[j], fields[k]] = [fields[k]!, fields[j]!];
        }
        break;
      case "add-field":
        fields.push(e.field);
        break;
      case "retype-field":
        if (j >= 0) fields[j] = { ...fields[j]!, type: e.type };
        break;
      case "rename-field":
        if (j >= 0) fields[j] = { ...fields[j]!, name: e.name };
        break;
      case "rename-decl":
        decls[i] = { ...decl, name: `${decl.name}Renamed` };
        return { ...program, decls };
      case "change-kind":
        decls[i] = { ...decl, kind: e.to };
        return { ...program, decls };
      case "change-ext":
        decls[i] = { ...decl, ext: e.ext };
        return { ...program, decls };
    }
    decls[i] = { ...decl, fields };
    return { ...program, decls };
  }
  const i = e.signal % signals.length;
  const signal = signals[i]!;
  const entries = [...signal.entries];
  switch (e.kind) {
    case "remove-entry":
      if (entries.length > 0) entries.splice(e.entry % entries.length, 1);
      break;
    case "rename-entry":
      if (entries.length > 0) entries[e.entry % entries.length] = { ...entries[e.entry % entries.length]!, key: "renamed_key" };
      break;
    case "add-entry":
      entries.push({ key: e.key, value: e.value });
      break;
    case "change-event-type":
      signals[i] = { ...signal, eventType: e.eventType };
      return { ...program, signals };
    case "change-form":
      signals[i] = { ...signal, form: e.form };
      return { ...program, signals };
  }
  signals[i] = { ...signal, entries };
  return { ...program, signals };
}

// -----------------------------------------------------------------------------------------------
// Rendering
// -----------------------------------------------------------------------------------------------

const PRELUDE = `export type Int = number;\nexport type Long = number;\nexport type Float = number;\nexport type Double = number;\nexport class CourseKey { #v = ""; }\nexport class UsageKey { #v = ""; }\nexport class UUID { #v = ""; }\n`;

function renderDecl(decl: Decl): string {
  const lines: string[] = [];
  const doc = `/** The ${decl.name} data class. */`;
  if (decl.kind === "class") {
    lines.push(doc, `export class ${decl.name}${decl.ext ? ` extends ${decl.ext}` : ""} {`);
    for (const f of decl.fields) lines.push(`  ${f.mods ? `${f.mods} ` : ""}${f.name}${f.opt}: ${f.type}${f.init};`);
    lines.push("}");
  } else {
    const members = decl.fields.map((f) => `  ${f.mods.includes("readonly") ? "readonly " : ""}${f.name.startsWith("#") ? f.name.slice(1) : f.name}${f.opt === "?" ? "?" : ""}: ${f.type};`);
    if (decl.kind === "interface") {
      const ext = decl.ext && /^[A-Za-z_][\w.]*(<[^>]*>)?$/.test(decl.ext) ? ` extends ${decl.ext}` : "";
      lines.push(doc, `export interface ${decl.name}${ext} {`, ...members, "}");
    } else {
      lines.push(doc, `export type ${decl.name} = ${decl.ext && /^[A-Za-z_][\w.]*$/.test(decl.ext) ? `${decl.ext} & ` : ""}{`, ...members, "};");
    }
  }
  return lines.join("\n");
}

function renderData(program: Program): string {
  return [
    'import { Int, Long, Float, Double, CourseKey, UsageKey, UUID } from "./prelude";',
    'import * as ns from "./prelude";',
    "declare const value: unknown;",
    "declare function mixin<T>(base: T): T;",
    `export type Alias0 = ${program.aliases[0]};`,
    `export type Alias1 = ${program.aliases[1]};`,
    ...program.decls.map(renderDecl),
    "",
  ].join("\n");
}

function renderSignals(program: Program): string {
  const names = [...new Set(program.decls.map((d) => d.name))];
  const lines = [
    'import { OpenEdxPublicSignal } from "./tooling";',
    `import { ${[...names, "Alias0"].join(", ")} } from "./data";`,
    'import { Int, CourseKey, UsageKey } from "./prelude";',
    "",
  ];
  for (const signal of program.signals) {
    lines.push(`/**\n * ${signal.constant}.\n */`);
    const key = signal.form === "eventType" ? "eventType" : "event_type";
    if (signal.form === "type") {
      const members = signal.entries.map((e) => `${e.key}: ${e.value.replace(/ as never$/, "")}`).join("; ");
      lines.push(`export const ${signal.constant} = new OpenEdxPublicSignal<{ ${members} }>({ ${key}: "${signal.eventType}" });`);
    } else {
      lines.push(`export const ${signal.constant} = ${signal.form === "call" ? "" : "new "}OpenEdxPublicSignal({`);
      lines.push(`  ${key}: "${signal.eventType}",`);
      lines.push("  data: {");
      for (const entry of signal.entries) lines.push(`    ${entry.key}: ${entry.value},`);
      lines.push("  },", "});");
    }
    lines.push("");
  }
  return lines.join("\n");
}

const TOOLING = "export const OpenEdxPublicSignal = ((init: unknown) => init) as unknown as { new <T = unknown>(init: unknown): T; <T = unknown>(init: unknown): T };\n";

function writeProgram(dir: string, program: Program): void {
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  fs.writeFileSync(path.join(dir, "src", "tooling.ts"), TOOLING);
  fs.writeFileSync(path.join(dir, "src", "prelude.ts"), PRELUDE);
  fs.writeFileSync(path.join(dir, "src", "data.ts"), renderData(program));
  fs.writeFileSync(path.join(dir, "src", "signals.ts"), renderSignals(program));
}

/** What `generate --all [--keep-history]` writes, through the same lib calls. Returns the event types written. */
function generate(dir: string, keepHistory: boolean): string[] {
  const settings = resolveSettings({ schemaDir: path.join(dir, "schemas") });
  const catalog = loadCatalog([path.join(dir, "src")], () => settings);
  const byType = new Map<string, number>();
  for (const signal of catalog.signals) if (signal.eventType) byType.set(signal.eventType, (byType.get(signal.eventType) ?? 0) + 1);
  const written: string[] = [];
  for (const signal of catalog.signals) {
    if (!signal.eventType || byType.get(signal.eventType) !== 1) continue;
    const { schema } = toAvroSchema(signal, settings);
    if (!schema) continue;
    const result = writeSnapshot(path.join(dir, "schemas"), signal.eventType, formatSchema(schema), { keepHistory, force: !keepHistory });
    if (result.status === "written" || result.status === "unchanged") written.push(signal.eventType);
  }
  return written;
}

/** Moves every mtime under `dir` forward: the snapshot and source caches must see the rewrite. */
let clock = Math.floor(Date.now() / 1000) + 3600;
function touch(dir: string): void {
  clock += 5;
  const time = new Date(clock * 1000);
  const visit = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const child = path.join(current, entry.name);
      if (entry.isDirectory()) visit(child);
      else fs.utimesSync(child, time, time);
    }
    fs.utimesSync(current, time, time);
  };
  visit(dir);
}

function lintProgram(dir: string, compatibility: CompatibilityMode): { failures: string[]; messages: Map<string, ReturnType<typeof lintText>> } {
  const linter = newLinter(dir);
  const config = lintConfig({ schemaDir: path.join(dir, "schemas"), sourceDirs: [path.join(dir, "src")], compatibility });
  const failures: string[] = [];
  const messages = new Map<string, ReturnType<typeof lintText>>();
  for (const name of ["signals.ts", "data.ts", "prelude.ts"]) {
    const file = path.join(dir, "src", name);
    const text = fs.readFileSync(file, "utf8");
    try {
      const result = lintText(linter, text, file, config);
      messages.set(name, result);
      for (const message of result) {
        if (message.ruleId === null) continue;
        for (const defect of messageDefects(text, file, message)) failures.push(`${name}: ${defect}`);
      }
    } catch (error) {
      failures.push(`${name}: threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  return { failures, messages };
}

function describeRun(dir: string): string {
  return ["data.ts", "signals.ts"].map((name) => `--- ${name} ---\n${fs.readFileSync(path.join(dir, "src", name), "utf8")}`).join("\n");
}

// -----------------------------------------------------------------------------------------------
// The properties
// -----------------------------------------------------------------------------------------------

describe("generated programs and their evolution", () => {
  let root: string;
  let run = 0;
  beforeAll(() => {
    root = tempDir("evolution");
  });
  afterAll(removeTempDirs);

  const snapshotRules = (): string[] =>
    Object.entries(rules)
      .filter(([, rule]) => (rule.meta.docs as { requiresSnapshots?: boolean } | undefined)?.requiresSnapshots === true)
      .map(([id]) => `openedx-events/${id}`);

  it(`${RUNS} evolutions: no exception, every diagnostic well located, every fix parses`, () => {
    let reports = 0;
    let parsed = 0;
    const byMessage = new Map<string, number>();
    fc.assert(
      fc.property(
        programArb,
        fc.array(editArb, { minLength: 0, maxLength: 2 }),
        fc.array(editArb, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...COMPATIBILITY_MODES),
        (program, firstEdits, edits, mode) => {
          const dir = path.join(root, `run-${++run}`);
          // v1 (kept as history when there are first edits), then v2 as the current snapshot, then the edited source.
          writeProgram(dir, program);
          generate(dir, false);
          const v2 = firstEdits.reduce(edit, program);
          if (firstEdits.length > 0) {
            writeProgram(dir, v2);
            touch(dir);
            generate(dir, true);
          }
          writeProgram(dir, edits.reduce(edit, v2));
          touch(dir);
          const { failures, messages } = lintProgram(dir, mode);
          if (failures.length > 0) throw new Error(`${failures.slice(0, 3).join("\n")}\nmode ${mode}\n${describeRun(dir)}`);
          const signalsMessages = messages.get("signals.ts") ?? [];
          if (!signalsMessages.some((m) => m.fatal)) parsed++;
          for (const list of messages.values()) {
            for (const m of list) {
              if (m.ruleId === null) continue;
              reports++;
              const key = `${m.ruleId}/${m.messageId}`;
              byMessage.set(key, (byMessage.get(key) ?? 0) + 1);
            }
          }
          fs.rmSync(dir, { recursive: true, force: true });
        },
      ),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // The generator mostly produces parseable programs the rules have something to say about.
    if (process.env.ROBUSTNESS_VERBOSE) console.log(Object.fromEntries([...byMessage].sort()));
    expect(parsed).toBeGreaterThan(RUNS * 0.8);
    expect(reports).toBeGreaterThan(RUNS);
  });

  it(`${IDENTITY_RUNS} programs against their own snapshots: no finding from the snapshot rules`, () => {
    const ids = snapshotRules();
    let checked = 0;
    fc.assert(
      fc.property(cleanProgramArb, fc.boolean(), fc.constantFrom(...COMPATIBILITY_MODES), (program, withHistory, mode) => {
        const dir = path.join(root, `run-${++run}`);
        writeProgram(dir, program);
        const written = generate(dir, false);
        if (withHistory) {
          // The same schema stored again as an older version: still nothing to say.
          for (const eventType of written) {
            const current = path.join(dir, "schemas", `${eventType.replaceAll(".", "+")}_schema.avsc`);
            fs.copyFileSync(current, current.replace(/\.avsc$/, "").replace(/_schema$/, "_schema.v1.avsc"));
          }
        }
        touch(dir);
        const { failures, messages } = lintProgram(dir, mode);
        if (failures.length > 0) throw new Error(`${failures.slice(0, 3).join("\n")}\n${describeRun(dir)}`);
        const alarms = [...messages.entries()].flatMap(([name, list]) =>
          list.filter((m) => ids.includes(m.ruleId ?? "") && m.messageId !== "missingSnapshot").map((m) => `${name}:${m.line}:${m.column} ${m.ruleId} ${m.messageId}: ${m.message}`),
        );
        if (written.length > 0) checked++;
        if (alarms.length > 0) throw new Error(`false alarms (mode ${mode}, history ${withHistory}):\n${alarms.join("\n")}\n${describeRun(dir)}`);
        fs.rmSync(dir, { recursive: true, force: true });
      }),
      { seed: SEED + 1, numRuns: IDENTITY_RUNS, endOnFailure: true },
    );
    expect(checked).toBeGreaterThan(IDENTITY_RUNS * 0.7);
  });
});
