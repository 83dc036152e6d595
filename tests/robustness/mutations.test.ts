/**
 * Property-based robustness: the example catalog (examples/src + its golden snapshots) is copied,
 * broken in 1–3 random ways (source edits, import cycles, corrupted or missing snapshots, links),
 * then every file is linted with every rule of the registry and the CLI is run on it.
 *
 * Properties: no rule throws; every diagnostic has a message and a location inside the file;
 * every fix and suggestion edits inside the file and leaves text that parses; the CLI never
 * throws, exits 0, 1 or 2, and never writes through a link to outside the schema directory.
 *
 * One work directory is reused by every run, with the files rewritten and their mtimes moved
 * strictly forward each time: the plugin's caches (parse cache by path+mtime, snapshot cache,
 * directory listings, project index) must follow, or stale spans show up as bad locations.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPATIBILITY_MODES } from "../../lib/compat/index.js";
import { runCli } from "../../lib/cli/main.js";
import { fakeIo, lintConfig, lintText, listFiles, messageDefects, newLinter, probeRunCount, removeTempDirs, tempDir } from "./support.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const EXAMPLES = path.join(ROOT, "examples");
const SEED = Number(process.env.ROBUSTNESS_SEED ?? 20_240_606);
const LINT_RUNS = Number(process.env.ROBUSTNESS_RUNS ?? 100);
const CLI_RUNS = Number(process.env.ROBUSTNESS_CLI_RUNS ?? 40);

// ---------------------------------------------------------------------------------------------
// Mutations, as plain data (so that fast-check can print and shrink them)
// ---------------------------------------------------------------------------------------------

type Mutation =
  | { kind: "delete-line"; file: number; at: number }
  | { kind: "delete-token"; file: number; at: number }
  | { kind: "truncate"; file: number; at: number }
  | { kind: "insert-char"; file: number; at: number; choice: number }
  | { kind: "swap-type"; file: number; at: number; choice: number }
  | { kind: "make-optional"; file: number; at: number }
  | { kind: "rename-import"; file: number; at: number; choice: number }
  | { kind: "import-path"; file: number; at: number; choice: number }
  | { kind: "computed-or-spread"; file: number; at: number; choice: number }
  | { kind: "event-type"; file: number; at: number; choice: number }
  | { kind: "signal-call"; file: number; at: number; choice: number }
  | { kind: "self-reference"; file: number; at: number; choice: number }
  | { kind: "cycle"; choice: number }
  | { kind: "new-file"; choice: number }
  | { kind: "corrupt-snapshot"; file: number; at: number; choice: number; bytes: number[] }
  | { kind: "delete-snapshot"; file: number }
  | { kind: "snapshot-link"; file: number; choice: number }
  | { kind: "history"; file: number; choice: number };

const index = fc.nat({ max: 10_000 });
const at = fc.nat({ max: 1_000_000 });
const choice = fc.nat({ max: 1_000 });

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete-line" as const), file: index, at }),
  fc.record({ kind: fc.constant("delete-token" as const), file: index, at }),
  fc.record({ kind: fc.constant("truncate" as const), file: index, at }),
  fc.record({ kind: fc.constant("insert-char" as const), file: index, at, choice }),
  { arbitrary: fc.record({ kind: fc.constant("swap-type" as const), file: index, at, choice }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant("make-optional" as const), file: index, at }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("rename-import" as const), file: index, at, choice }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("import-path" as const), file: index, at, choice }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("computed-or-spread" as const), file: index, at, choice }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("event-type" as const), file: index, at, choice }), weight: 2 },
  fc.record({ kind: fc.constant("signal-call" as const), file: index, at, choice }),
  { arbitrary: fc.record({ kind: fc.constant("self-reference" as const), file: index, at, choice }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant("cycle" as const), choice }), weight: 2 },
  fc.record({ kind: fc.constant("new-file" as const), choice }),
  {
    arbitrary: fc.record({
      kind: fc.constant("corrupt-snapshot" as const),
      file: index,
      at,
      choice,
      bytes: fc.array(fc.nat({ max: 255 }), { maxLength: 64 }),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constant("delete-snapshot" as const), file: index }), weight: 2 },
  fc.record({ kind: fc.constant("snapshot-link" as const), file: index, choice }),
  { arbitrary: fc.record({ kind: fc.constant("history" as const), file: index, choice }), weight: 2 },
);

const settingsArb = fc.record({
  compatibility: fc.constantFrom(...COMPATIBILITY_MODES),
  allowMaps: fc.boolean(),
  numberType: fc.constantFrom("double" as const, "long" as const),
  knownUnserializable: fc.nat({ max: 1_000 }),
  /**
   * saved: the editor buffer is what is on disk. unsaved: the buffer has the mutations, the disk
   * the pristine catalog (typing). stale: the disk has them, the buffer is pristine (a checkout
   * under an open editor). The rules mix the buffer (ESLint's AST) with files on disk.
   */
  buffers: fc.constantFrom("saved" as const, "saved" as const, "unsaved" as const, "stale" as const),
});

// ---------------------------------------------------------------------------------------------
// The work directory
// ---------------------------------------------------------------------------------------------

interface Workspace {
  readonly root: string;
  readonly src: string;
  readonly schemas: string;
  readonly outside: string;
  /** A file outside the schema directory that links point at: must never change. */
  readonly bait: string;
}

/** Pristine copies of examples/src and examples/schemas, by relative path. */
const pristine = new Map<string, Buffer>();
let sourceFiles: string[] = [];
let snapshotFiles: string[] = [];
let eventTypes: string[] = [];
const BAIT_TEXT = '{"name": "CloudEvent", "type": "record", "fields": [], "namespace": "outside.bait.v1"}\n';
let clock = Math.floor(Date.now() / 1000) + 60;

function loadPristine(): void {
  for (const dir of ["src", "schemas"]) {
    for (const rel of listFiles(path.join(EXAMPLES, dir))) pristine.set(`${dir}/${rel}`, fs.readFileSync(path.join(EXAMPLES, dir, rel)));
  }
  sourceFiles = [...pristine.keys()].filter((rel) => rel.startsWith("src/") && /\.ts$/.test(rel));
  snapshotFiles = [...pristine.keys()].filter((rel) => rel.startsWith("schemas/") && rel.endsWith("_schema.avsc"));
  eventTypes = snapshotFiles.map((rel) => path.basename(rel, "_schema.avsc").replaceAll("+", "."));
}

/** Back to the pristine catalog (fresh inodes), nothing else left over. */
function reset(ws: Workspace): void {
  for (const dir of [ws.src, ws.schemas, path.join(ws.root, "generated")]) fs.rmSync(dir, { recursive: true, force: true });
  for (const [rel, bytes] of pristine) {
    const file = path.join(ws.root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
  }
}

/** Moves every mtime under the catalog strictly forward, so that mtime-keyed caches must notice. */
function touchAll(ws: Workspace): void {
  clock += 5;
  const time = new Date(clock * 1000);
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const child = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) fs.lutimesSync(child, time, time);
      else if (entry.isDirectory()) visit(child);
      else if (entry.isFile()) fs.utimesSync(child, time, time);
    }
    fs.utimesSync(dir, time, time);
  };
  visit(ws.src);
  visit(ws.schemas);
}

// ---------------------------------------------------------------------------------------------
// Applying mutations
// ---------------------------------------------------------------------------------------------

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!;

function readText(file: string): string | null {
  try {
    return fs.lstatSync(file).isFile() ? fs.readFileSync(file, "utf8") : null;
  } catch {
    return null;
  }
}

/** Replaces the `n`-th (mod count) match of `pattern` in `text` by `replace(match)`; unchanged when none. */
function replaceNth(text: string, pattern: RegExp, n: number, replace: (match: RegExpExecArray) => string): string {
  const matches = [...text.matchAll(new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`))];
  if (matches.length === 0) return text;
  const match = matches[n % matches.length]! as RegExpExecArray;
  return text.slice(0, match.index) + replace(match) + text.slice(match.index + match[0].length);
}

const TYPE_SWAPS: readonly ((t: string) => string)[] = [
  () => "Record<string, string>",
  () => "any",
  (t) => `${t} | undefined`,
  (t) => `${t}[]`,
  (t) => `Map<string, ${t}>`,
  (t) => `Map<number, ${t}>`,
  (t) => `[${t}, ${t}]`,
  (t) => `() => ${t}`,
  () => "unknown",
  (t) => `${t} | string`,
  () => "Array",
  () => "object",
  () => "{}",
  () => '"literal"',
  (t) => `Set<${t}>`,
  (t) => `${t} | null | undefined`,
  (t) => `Promise<${t}>`,
  (t) => `typeof ${t}`,
  (t) => `${t}<string>`,
  (t) => `keyof ${t}`,
  (t) => `${t} & ${t}`,
  (t) => `{ [key: number]: ${t} }`,
  (t) => `{ [key: string]: ${t} }`,
  () => "bigint",
  () => "never",
  () => "void",
  (t) => `ReadonlyArray<${t}>`,
  (t) => `readonly ${t}[]`,
  (t) => `Array<Array<${t} | null>>`,
  (t) => `null | ${t} | null`,
  () => "null",
  () => "undefined",
  () => "Int",
  () => "Date",
  () => "UserData",
  () => "NotDeclaredAnywhere",
  () => "ns.Qualified.Name",
  () => "import('./data').UserData",
  (t) => `(${t})`,
  (t) => `(${t})[]`,
  (t) => `${t}[][][][][][][][]`,
  () => "`template-${string}`",
  () => "string extends number ? Int : Long",
  (t) => `{ nested: ${t}; other?: string }`,
  () => "Uint8Array | Buffer",
  () => "Float32Array",
];

/** Field annotations: `name!: Type;`, `name: Type = …`, `name?: Type;`. */
const FIELD_ANNOTATION = /(\b[A-Za-z_$][\w$]*)([!?]?):[ \t]*([^;=\n,{}()]+?)([ \t]*[;=])/g;

const IMPORT_PATHS = [
  "./nope",
  ".",
  "..",
  "./",
  "../learning",
  "./index",
  "./signals",
  "./data",
  "../index",
  "/absolute/not/there",
  "node:fs",
  "./data.js.ts",
  "../../../../../../etc/passwd",
  "./data/",
  "\\u0000",
  "./da\\u0000ta",
  "../tooling.mjs",
  "./keys.cjs",
  "../keys.jsx",
  "../types.d.ts",
  "",
];

const SPREADS = [
  "...rest, ",
  "[computedKey]: UserData, ",
  '["literal-key"]: UserData, ',
  "[`tpl`]: UserData, ",
  "2: UserData, ",
  '"quoted key": UserData, ',
  "duplicate: UserData, duplicate: UserData, ",
  "method() { return 1; }, ",
  "get getter() { return UserData; }, ",
  "shorthand, ",
  "nested: { inner: UserData }, ",
  "arr: [UserData], ",
  "str: 'x', ",
  "fn: () => UserData, ",
  "cast: UserData as never, ",
  "__proto__: UserData, ",
  "constructor: UserData, ",
];

const CLASS_MEMBERS = [
  "[Symbol.iterator]!: Int;",
  '["computed"]!: string;',
  "static shared: any;",
  "#hidden!: any;",
  "[key: string]: any;",
  "accessor auto!: string;",
  "get computed(): string { return ''; }",
  "method(): void {}",
  "declare readonly redeclared: unknown;",
  "readonly 'quoted-name'!: string;",
  "readonly 123!: string;",
  "readonly ünïcödé!: string;",
  "readonly __proto__!: string;",
  "readonly constructor!: string;",
  "readonly dup!: string;\n  readonly dup!: Int;",
  "readonly noType;",
  "readonly fn!: (x: Int) => void;",
];

const EVENT_TYPES = [
  "",
  "a",
  "org.openedx.learning.course.enrollment.created.v1",
  "org.openedx.learning student.v1",
  "ORG.OPENEDX.LEARNING.X.V1",
  "../../x",
  "a/b",
  "..\\\\x",
  "/etc/passwd",
  "org.openedx.\\u0000.v1",
  "org..openedx.v1",
  ".org.openedx.v1",
  "org.openedx.learning.x.v1.",
  "org+openedx+learning+x+v1",
  "org.openedx.learning.thing.v0",
  "org.openedx.learning.thing.v01",
  "org.openedx.learning.😀.v1",
  "x".repeat(300),
  `${"a.".repeat(150)}v1`,
  "org.openedx.learning.course.enrollment.created.v1_schema",
  "__proto__.constructor",
  "org.openedx.learning.constructor.v1",
];

const EVENT_TYPE_EXPRESSIONS = ["`org.openedx.${x}.v1`", "EVENT_TYPE", '"a" + "b"', "42", "null", "undefined", '`org.openedx.learning.tpl.v1`', '("org.openedx.learning.paren.v1")', '"org.openedx.learning.cast.v1" as const'];

const SIGNAL_CALLS = [
  "OpenEdxPublicSignal.call(null, ",
  "new OpenEdxPublicSignal<{}>(",
  "new OpenEdxPublicSignal<{ x: Int }>(",
  "new OpenEdxPublicSignal<UserData>(",
  "new OpenEdxPublicSignal<NotThere>(",
  "new OpenEdxPublicSignal<string>(",
  "new OpenEdxPublicSignal(...args, ",
  "new OpenEdxPublicSignal(undefined, ",
  "new ns.OpenEdxPublicSignal(",
  "new OpenEdxPublicSignal(OpenEdxPublicSignal(",
  "new (OpenEdxPublicSignal)(",
  "new OpenEdxPublicSignal<{ a: Int }, { b: Int }>(",
];

const INSERTED_CHARS = ["{", "}", "<", ">", '"', "'", "`", "/*", "*/", "//", "\u2028", "\r", "\t", "😀", "\uFEFF", "\u0000", "\\", "(", ")", ";", "?", "!", "@", "#", "\r\n", "\u00a0"];

function applySource(ws: Workspace, m: Exclude<Mutation, { kind: "cycle" | "new-file" | "corrupt-snapshot" | "delete-snapshot" | "snapshot-link" | "history" }>): void {
  const rel = pick(sourceFiles, m.file);
  const file = path.join(ws.root, rel);
  const text = readText(file);
  if (text === null) return;
  let next = text;
  switch (m.kind) {
    case "delete-line": {
      const lines = text.split("\n");
      lines.splice(m.at % lines.length, 1);
      next = lines.join("\n");
      break;
    }
    case "delete-token":
      next = replaceNth(text, /[A-Za-z_$][\w$]*|\d+|"(?:[^"\\\n]|\\.)*"|\S/g, m.at, () => "");
      break;
    case "truncate":
      next = text.slice(0, m.at % (text.length + 1));
      break;
    case "insert-char": {
      const offset = m.at % (text.length + 1);
      next = text.slice(0, offset) + pick(INSERTED_CHARS, m.choice) + text.slice(offset);
      break;
    }
    case "swap-type":
      next = replaceNth(text, FIELD_ANNOTATION, m.at, (match) => `${match[1]}${match[2]}: ${pick(TYPE_SWAPS, m.choice)(match[3]!.trim())}${match[4]}`);
      break;
    case "make-optional":
      next = replaceNth(text, FIELD_ANNOTATION, m.at, (match) => `${match[1]}?: ${match[3]}${match[4]}`);
      break;
    case "rename-import":
      next = replaceNth(text, /(import(?:\s+type)?\s*\{[^}]*?)\b([A-Za-z_$][\w$]*)(\s*[,}])/g, m.at, (match) =>
        m.choice % 3 === 0 ? `${match[1]}${match[2]}Renamed${match[3]}` : m.choice % 3 === 1 ? `${match[1]}${match[2]} as Aliased${match[3]}` : `${match[1]}default as ${match[2]}${match[3]}`,
      );
      break;
    case "import-path":
      next = replaceNth(text, /(from\s+)"[^"]*"/g, m.at, (match) => `${match[1]}"${pick(IMPORT_PATHS, m.choice)}"`);
      break;
    case "computed-or-spread":
      next =
        m.choice % 2 === 0
          ? replaceNth(text, /data: \{/g, m.at, () => `data: { ${pick(SPREADS, m.choice >> 1)}`)
          : replaceNth(text, /(export (?:class|interface) [A-Za-z_$][\w$]*[^{]*\{)/g, m.at, (match) => `${match[1]}\n  ${pick(CLASS_MEMBERS, m.choice >> 1)}`);
      break;
    case "event-type":
      next = replaceNth(text, /(event_type|eventType):\s*("[^"\n]*"|`[^`\n]*`)/g, m.at, (match) =>
        m.choice % 3 === 2
          ? `${match[1]}: ${pick(EVENT_TYPE_EXPRESSIONS, m.choice)}`
          : `${match[1]}: ${JSON.stringify(pick(EVENT_TYPES, m.choice)).replaceAll("\\\\u0000", "\\u0000")}`,
      );
      break;
    case "signal-call":
      next = replaceNth(text, /(?:new )?OpenEdxPublicSignal\(/g, m.at, () => pick(SIGNAL_CALLS, m.choice));
      break;
    case "self-reference":
      // A data class that contains itself, directly, through an array, a nullable or a parent.
      next = replaceNth(text, /export class ([A-Za-z_$][\w$]*)([^{]*)\{/g, m.at, (match) => {
        const name = match[1]!;
        const member = pick(
          [`readonly self_ref!: ${name};`, `readonly selves!: ${name}[];`, `readonly maybe_self: ${name} | null = null;`, `readonly deep!: Array<Array<${name}>>;`],
          m.choice,
        );
        return m.choice % 5 === 4 ? `export class ${name} extends ${name} {` : `export class ${name}${match[2]}{\n  ${member}`;
      });
      break;
  }
  if (next !== text) fs.writeFileSync(file, next);
}

function append(ws: Workspace, rel: string, text: string): void {
  const file = path.join(ws.root, rel);
  if (fs.existsSync(file)) fs.appendFileSync(file, text);
}

const SIGNAL_IMPORT = 'import { OpenEdxPublicSignal as __S } from "../tooling";\n';

function applyCycle(ws: Workspace, n: number): void {
  const subdomains = [...new Set(sourceFiles.map((rel) => rel.split("/")[1]).filter((d) => d && !d.endsWith(".ts")))] as string[];
  const a = pick(subdomains, n);
  const b = pick(subdomains, n + 1);
  switch (n % 8) {
    case 0: // export * loops between data and signals
      append(ws, `src/${a}/data.ts`, '\nexport * from "./signals";\nexport * from "./data";\n');
      append(ws, `src/${a}/signals.ts`, '\nexport * from "./data";\n');
      break;
    case 1: // directory index loops
      append(ws, "src/index.ts", '\nexport * from "./index";\nexport * from ".";\n');
      append(ws, `src/${a}/index.ts`, `\nexport * from "../${b}";\nexport * from "../index";\n`);
      append(ws, `src/${b}/index.ts`, `\nexport * from "../${a}";\n`);
      break;
    case 2: // named re-export loop, resolved from a signal
      append(ws, `src/${a}/data.ts`, `\nexport { LoopName } from "../${b}/data";\n`);
      append(ws, `src/${b}/data.ts`, `\nexport { LoopName } from "../${a}/data";\n`);
      append(ws, `src/${a}/signals.ts`, `\nimport { LoopName } from "./data";\nexport const LOOP_SIGNAL = new OpenEdxPublicSignal({ event_type: "org.openedx.learning.loop.name.v1", data: { loop: LoopName } });\n`);
      break;
    case 3: // inheritance cycle
      append(
        ws,
        `src/${a}/signals.ts`,
        `\n${SIGNAL_IMPORT}class CycA extends CycB { readonly a!: string; }\nclass CycB extends CycA { readonly b!: string; }\nexport const CYC = __S({ event_type: "org.openedx.learning.cyc.v1", data: { cyc: CycA } });\n`,
      );
      break;
    case 4: // type alias cycle and self-extending interface, type-level signals
      append(
        ws,
        `src/${a}/signals.ts`,
        `\n${SIGNAL_IMPORT}type LoopA = LoopB;\ntype LoopB = LoopA;\ninterface SelfI extends SelfI { a: string }\nexport const LOOPS = new __S<{ a: LoopA; s: SelfI; l: LoopB[] }>({ event_type: "org.openedx.learning.loops.v1" });\n`,
      );
      break;
    case 5: // mutually recursive records across two files
      append(ws, `src/${a}/data.ts`, `\nimport { RecB } from "../${b}/data";\nexport class RecA { readonly b!: RecB; }\n`);
      append(ws, `src/${b}/data.ts`, `\nimport { RecA } from "../${a}/data";\nexport class RecB { readonly a!: RecA | null; }\n`);
      append(ws, `src/${a}/signals.ts`, `\nimport { RecA } from "./data";\nexport const REC = new OpenEdxPublicSignal({ event_type: "org.openedx.learning.rec.v1", data: { rec: RecA } });\n`);
      break;
    case 6: // a namespace import used as a qualified type, pointing back at itself
      append(ws, `src/${a}/data.ts`, `\nimport * as self from "./data";\nexport class Qualified { readonly q!: self.Qualified; readonly u!: self.NotThere; }\nexport type Q2 = self.self.self.Qualified;\n`);
      append(ws, `src/${a}/signals.ts`, `\nimport * as d from "./data";\nexport const QUAL = new OpenEdxPublicSignal<{ q: d.Qualified; r: d.Q2 }>({ event_type: "org.openedx.learning.qual.v1" });\n`);
      break;
    default: // a file that imports itself under every spelling
      append(ws, `src/${a}/data.ts`, `\nexport * from "./data.ts";\nexport * from "./data.js";\nexport * from "../${a}/data";\nexport * as again from "./data";\n`);
      break;
  }
}

const NEW_FILES: readonly [string, string][] = [
  ["src/extra.tsx", 'import { OpenEdxPublicSignal } from "./tooling";\nconst el = <div>{"x"}</div>;\nexport class TsxData { readonly a!: string; }\nexport const TSX = new OpenEdxPublicSignal({ event_type: "org.openedx.learning.tsx.v1", data: { d: TsxData } });\n'],
  ["src/empty.ts", ""],
  ["src/only-comment.ts", "/** OpenEdxPublicSignal */\n"],
  ["src/garbage.ts", "\u0000\u0001\u0002OpenEdxPublicSignal\uFFFD\uD800}}}{{{"],
  ["src/decl.d.ts", 'export declare const D: OpenEdxPublicSignal;\nnew OpenEdxPublicSignal({ event_type: "org.openedx.learning.decl.v1", data: {} });\n'],
  ["src/weird name [1].ts", 'import { OpenEdxPublicSignal } from "./tooling";\nexport const W = new OpenEdxPublicSignal({ event_type: "org.openedx.learning.weird.v1", data: {} });\n'],
  ["src/module.mts", 'import { OpenEdxPublicSignal } from "./tooling.js";\nimport { UserData } from "./learning/data.js";\nexport const M = OpenEdxPublicSignal({ eventType: "org.openedx.learning.mts.v1", data: { u: UserData } });\n'],
  ["src/common.cts", 'import { OpenEdxPublicSignal } from "./tooling";\nexport = new OpenEdxPublicSignal({ event_type: "org.openedx.learning.cts.v1", data: {} });\n'],
  ["src/many.ts", `import { OpenEdxPublicSignal } from "./tooling";\n${Array.from({ length: 200 }, (_, i) => `export const S${i} = new OpenEdxPublicSignal({ event_type: "org.openedx.learning.many.s${i % 50}.v1", data: {} });`).join("\n")}\n`],
  ["src/deep.ts", `import { OpenEdxPublicSignal } from "./tooling";\n${Array.from({ length: 60 }, (_, i) => `export class D${i} { readonly next!: D${i + 1} | null; }`).join("\n")}\nexport class D60 { readonly end!: string; }\nexport const DEEP = new OpenEdxPublicSignal({ event_type: "org.openedx.learning.deep.v1", data: { d: D0 } });\n`],
  ["src/crlf.ts", 'import { OpenEdxPublicSignal } from "./tooling";\r\n/**\r\n * Doc.\r\n */\r\nexport class CrData {\r\n  readonly a!: string | undefined;\r\n  readonly m!: Record<string, string>;\r\n}\r\nexport const CR = new OpenEdxPublicSignal({\r\n  event_type: "org.openedx.learning.crlf.v1",\r\n  data: { c: CrData },\r\n});\r\n'],
  ["src/unicode.ts", 'import { OpenEdxPublicSignal } from "./tooling";\n/** 😀😀😀 */ export class Ünï { readonly 😀?: string; readonly naïve?: Record<string, 😀>; }\nexport const UNI = new OpenEdxPublicSignal({ event_type: "org.openedx.learning.ünï.v1", data: { ü: Ünï } });\n'],
  ["src/nested/deeper/signals.ts", 'import { OpenEdxPublicSignal } from "../../tooling";\nimport { UserData } from "../../learning";\nexport namespace NS { export const X = new OpenEdxPublicSignal({ event_type: "org.openedx.learning.ns.v1", data: { u: UserData } }); }\nclass Holder { static S = new OpenEdxPublicSignal({ event_type: "org.openedx.learning.static.v1", data: { u: UserData } }); }\n'],
];

function applyNewFile(ws: Workspace, n: number): void {
  const [rel, text] = pick(NEW_FILES, n);
  const file = path.join(ws.root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function deepNesting(open: string, depth: number): string {
  return open.repeat(depth);
}

function applySnapshot(ws: Workspace, m: Extract<Mutation, { kind: "corrupt-snapshot" | "delete-snapshot" | "snapshot-link" | "history" }>): void {
  const rel = pick(snapshotFiles, m.file);
  const file = path.join(ws.root, rel);
  const eventType = path.basename(rel, "_schema.avsc").replaceAll("+", ".");
  const text = readText(file);
  const json = (): Record<string, unknown> | null => {
    try {
      return text === null ? null : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      return null;
    }
  };
  const replace = (next: string | Buffer): void => {
    fs.rmSync(file, { recursive: true, force: true });
    fs.writeFileSync(file, next);
  };
  switch (m.kind) {
    case "delete-snapshot":
      fs.rmSync(file, { recursive: true, force: true });
      return;
    case "snapshot-link": {
      fs.rmSync(file, { recursive: true, force: true });
      const targets = [ws.bait, path.relative(path.dirname(file), ws.bait), "/dev/null", "/proc/self/environ", "does-not-exist", path.basename(file), pick(snapshotFiles.map((r) => path.basename(r)), m.choice + 1), "..", "/"];
      fs.symlinkSync(pick(targets, m.choice), file);
      return;
    }
    case "history": {
      const variant = m.choice % 6;
      const history = (n: number) => file.replace(/_schema\.avsc$/, `_schema.v${n}.avsc`);
      if (variant === 0 && text !== null) fs.writeFileSync(history(1), text);
      else if (variant === 1) fs.writeFileSync(history(1), "{ not json");
      else if (variant === 2) {
        const old = json();
        if (old && Array.isArray(old["fields"])) fs.writeFileSync(history(2), JSON.stringify({ ...old, fields: [...old["fields"], { name: "gone", type: "string" }] }, null, 2));
        fs.writeFileSync(history(10), text ?? "");
      } else if (variant === 3) fs.symlinkSync(ws.bait, history(1));
      else if (variant === 4) fs.mkdirSync(history(3));
      else fs.writeFileSync(history(1), JSON.stringify({ name: "CloudEvent", type: "record", fields: [{ name: "x", type: "int" }], namespace: eventType }));
      return;
    }
    case "corrupt-snapshot":
      break;
  }
  const base = json();
  const variants: (() => string | Buffer | null)[] = [
    () => (text === null ? null : text.slice(0, m.at % (text.length + 1))),
    () => Buffer.from(m.bytes),
    () => deepNesting("[", 100_000),
    () => deepNesting('{"a":', 50_000),
    () => `${deepNesting("[", 63)}${"]".repeat(63)}`,
    () => `${deepNesting('{"type":"array","items":', 60)}"string"${"}".repeat(60)}`,
    () => '{"foo": 1}',
    () => "[]",
    () => "42",
    () => "null",
    () => '"string"',
    () => '{"type": "record"}',
    () => '{"type": "record", "name": "X", "fields": []}',
    () => '{"name": "CloudEvent", "type": "record", "fields": {}}',
    () => (base ? JSON.stringify({ ...base, namespace: "org.openedx.other.thing.v1" }, null, 2) : null),
    () => (base ? JSON.stringify({ ...base, namespace: 42 }) : null),
    () => (base ? `\uFEFF${JSON.stringify(base, null, 2)}` : null),
    () => (text === null ? null : text.replaceAll("\n", "\r\n")),
    () => (base ? JSON.stringify({ ...base, fields: (base["fields"] as unknown[]).slice(1) }, null, 2) : null),
    () => (base ? JSON.stringify({ ...base, fields: [...(base["fields"] as unknown[]), { name: "added", type: "string" }] }, null, 2) : null),
    () => (base ? JSON.stringify({ ...base, fields: [...(base["fields"] as unknown[]), { name: "added", type: ["null", "string"], default: null }] }, null, 2) : null),
    () => (base ? JSON.stringify({ ...base, fields: (base["fields"] as { name: string }[]).map((f, i) => (i === 0 ? { ...f, type: "int" } : f)) }, null, 2) : null),
    () => (base ? JSON.stringify({ ...base, fields: (base["fields"] as { name: string }[]).map((f, i) => (i === 0 ? { ...f, name: "renamed", aliases: [f.name] } : f)) }, null, 2) : null),
    () => (base ? JSON.stringify({ ...base, fields: (base["fields"] as { name: string }[]).map((f) => ({ ...f, type: ["null", "long", { type: "map", values: "string" }], default: null })) }, null, 2) : null),
    () => (text === null ? null : text.replace(/"type": "string"/, '"type": {"type": "enum", "name": "E", "symbols": ["A"]}')),
    () => (text === null ? null : text.replace(/"type": "long"/, '"type": {"type": "fixed", "name": "F", "size": 8}')),
    () => (text === null ? null : text.replace(/"name": "[A-Za-z]+Data"/, '"name": "Renamed.Data"')),
    () => (text === null ? null : text.replace(/"type": "record"/g, '"type": "error"')),
    () => '{"__proto__": {"polluted": true}, "name": "CloudEvent", "type": "record", "fields": [], "constructor": 1}',
    () => '{"name": "CloudEvent", "name": "Other", "type": "record", "fields": []}',
    () => `{"name": "CloudEvent", "type": "record", "fields": [{"name": "n", "type": "long", "default": ${"9".repeat(400)}}], "namespace": "${eventType}"}`,
    () => `{"name": "CloudEvent", "type": "record", "fields": [{"name": "😀", "type": "string"}], "namespace": "${eventType}"}`,
    () => `{"name": "CloudEvent", "type": "record", "fields": [{"name": "self", "type": ["null", "CloudEvent"], "default": null}], "namespace": "${eventType}"}`,
    () => `{"name": "CloudEvent", "type": "record", "fields": [{"name": "u", "type": "Undefined.Name"}], "namespace": "${eventType}"}`,
    () => `${text ?? ""}\n${text ?? ""}`,
    () => `${" ".repeat(5 * 1024 * 1024)}{}`,
    () => "",
    () => "\uFEFF",
    () => "\u0000".repeat(100),
  ];
  if (m.choice % 40 === 39) {
    fs.rmSync(file, { recursive: true, force: true });
    fs.mkdirSync(file); // a directory where the snapshot should be
    return;
  }
  const next = pick(variants, m.choice)();
  if (next !== null) replace(next);
}

function applyMutation(ws: Workspace, m: Mutation): void {
  switch (m.kind) {
    case "cycle":
      return applyCycle(ws, m.choice);
    case "new-file":
      return applyNewFile(ws, m.choice);
    case "corrupt-snapshot":
    case "delete-snapshot":
    case "snapshot-link":
    case "history":
      return applySnapshot(ws, m);
    default:
      return applySource(ws, m);
  }
}

/** The catalog's content, to tell whether mutations changed anything. */
function snapshotOfCatalog(ws: Workspace): string {
  const parts: string[] = [];
  for (const dir of [ws.src, ws.schemas]) {
    for (const rel of listFiles(dir)) {
      const file = path.join(dir, rel);
      const stat = fs.lstatSync(file);
      parts.push(`${rel}:${stat.isSymbolicLink() ? `->${fs.readlinkSync(file)}` : stat.isFile() ? fs.readFileSync(file, "latin1") : "dir"}`);
    }
  }
  return parts.join("\0");
}

/** What the mutation did, short enough for a failure message. */
function show(mutations: readonly Mutation[]): string {
  return mutations
    .map((m) => {
      const file = "file" in m ? (m.kind.includes("snapshot") || m.kind === "history" ? pick(snapshotFiles, m.file) : pick(sourceFiles, m.file)) : "";
      const { bytes: _bytes, ...rest } = m as Mutation & { bytes?: unknown };
      return `${JSON.stringify(rest)} ${file}`;
    })
    .join("\n  ");
}

// ---------------------------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------------------------

describe("mutated catalogs", () => {
  let ws: Workspace;

  beforeAll(() => {
    loadPristine();
    const root = tempDir("mutations");
    ws = { root, src: path.join(root, "src"), schemas: path.join(root, "schemas"), outside: path.join(root, "outside"), bait: path.join(root, "outside", "bait_schema.avsc") };
    fs.mkdirSync(ws.outside, { recursive: true });
    fs.writeFileSync(ws.bait, BAIT_TEXT);
  });
  afterAll(removeTempDirs);

  it("the harness sees the catalog", () => {
    expect(sourceFiles.length).toBeGreaterThanOrEqual(10);
    expect(snapshotFiles.length).toBeGreaterThanOrEqual(30);
  });

  it(`every rule, every file, ${LINT_RUNS} runs: no exception, every diagnostic well located, every fix parses`, () => {
    const linter = newLinter(ws.root);
    let run = 0;
    let linted = 0;
    let unchanged = 0;
    const byRule = new Map<string, number>();
    const probeBefore = probeRunCount();
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), settingsArb, (mutations, settings) => {
        run++;
        reset(ws);
        const before = snapshotOfCatalog(ws);
        for (const m of mutations) applyMutation(ws, m);
        if (snapshotOfCatalog(ws) === before) unchanged++;
        touchAll(ws);
        const config = lintConfig({
          schemaDir: ws.schemas,
          sourceDirs: [ws.src],
          compatibility: settings.compatibility,
          allowMaps: settings.allowMaps,
          numberType: settings.numberType,
          knownUnserializableSignals: eventTypes.filter((_, i) => (settings.knownUnserializable >> i % 10) & 1),
        });
        const failures: string[] = [];
        const mutated = new Map(listFiles(ws.src).filter((rel) => /\.[cm]?tsx?$/.test(rel)).map((rel) => [rel, fs.readFileSync(path.join(ws.src, rel), "utf8")]));
        const original = (rel: string): string | undefined => pristine.get(`src/${rel}`)?.toString("utf8");
        if (settings.buffers === "unsaved") {
          // Put the pristine sources back on disk (schemas stay mutated); new files exist only in the buffer.
          for (const rel of mutated.keys()) {
            const text = original(rel);
            if (text === undefined) fs.rmSync(path.join(ws.src, rel), { force: true });
            else fs.writeFileSync(path.join(ws.src, rel), text);
          }
          touchAll(ws);
        }
        const buffers = new Map(mutated);
        if (settings.buffers === "stale") for (const rel of mutated.keys()) buffers.set(rel, original(rel) ?? mutated.get(rel)!);
        for (const [rel, text] of buffers) {
          const file = path.join(ws.src, rel);
          let messages;
          try {
            messages = lintText(linter, text, file, config);
          } catch (error) {
            failures.push(`src/${rel}: threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
            continue;
          }
          linted++;
          for (const message of messages) {
            if (message.ruleId === null) continue; // a parse error: no rule ran
            byRule.set(message.ruleId, (byRule.get(message.ruleId) ?? 0) + 1);
            for (const defect of messageDefects(text, file, message)) failures.push(`src/${rel}: ${defect}`);
          }
        }
        if (failures.length > 0) {
          throw new Error(`run ${run}, mutations:\n  ${show(mutations)}\nsettings: ${JSON.stringify(settings)}\n${failures.slice(0, 5).join("\n")}`);
        }
        if (fs.readFileSync(ws.bait, "utf8") !== BAIT_TEXT) throw new Error(`run ${run}: the file outside the schema directory changed`);
      }),
      { seed: SEED, numRuns: LINT_RUNS, endOnFailure: true },
    );
    if (process.env.ROBUSTNESS_VERBOSE) console.log({ runs: run, unchanged, linted, reports: Object.fromEntries(byRule) });
    // Most runs must really change the catalog, or the property proves little.
    expect(unchanged).toBeLessThan(LINT_RUNS / 4);
    expect(linted).toBeGreaterThan(LINT_RUNS * 10);
    expect(probeRunCount() - probeBefore).toBeGreaterThan(LINT_RUNS * 5);
  });

  it(`the CLI on mutated catalogs, ${CLI_RUNS} runs: never throws, exits 0, 1 or 2, writes nothing through links`, async () => {
    const help = fakeIo(ws.root);
    await runCli(["--help"], help);
    const commands = [...help.out().matchAll(/^ {2}([a-z][\w-]*) {2,}/gm)].map((match) => match[1]!);
    expect(commands).toContain("generate");
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 3 }), fc.constantFrom([], ["--force"], ["--keep-history"], ["--quiet"]), fc.constantFrom(...COMPATIBILITY_MODES), async (mutations, flags, mode) => {
        run++;
        reset(ws);
        for (const m of mutations) applyMutation(ws, m);
        touchAll(ws);
        const invocations: string[][] = [
          ["generate", "--all", "--src", "src", "--schema-dir", "generated"],
          ["generate", "--all", "--src", "src", "--schema-dir", "schemas", ...flags],
          ["generate", ...eventTypes.slice(0, 3), "--src", "src", "--schema-dir", "schemas"],
        ];
        for (const command of commands.filter((name) => name !== "generate")) {
          invocations.push([command, "--src", "src", "--schema-dir", "schemas", "--mode", mode]);
          invocations.push([command, "--src", "src", "--schema-dir", "schemas"]);
        }
        for (const argv of invocations) {
          const io = fakeIo(ws.root);
          let code: number;
          try {
            code = await runCli(argv, io);
          } catch (error) {
            throw new Error(`run ${run}: runCli(${JSON.stringify(argv)}) threw: ${error instanceof Error ? error.stack : String(error)}\nmutations:\n  ${show(mutations)}`);
          }
          if (![0, 1, 2].includes(code)) throw new Error(`run ${run}: runCli(${JSON.stringify(argv)}) exited ${code}\n${io.out()}`);
          if (/\n\s+at .*\(.*:\d+:\d+\)/.test(io.out())) throw new Error(`run ${run}: runCli(${JSON.stringify(argv)}) printed a stack trace\n${io.out()}`);
        }
        if (fs.readFileSync(ws.bait, "utf8") !== BAIT_TEXT) throw new Error(`run ${run}: the CLI changed a file outside the schema directory\nmutations:\n  ${show(mutations)}`);
      }),
      { seed: SEED + 1, numRuns: CLI_RUNS, endOnFailure: true },
    );
  });

  it("hostile settings (any value under any key): every rule still never throws, at most one clear message", () => {
    reset(ws);
    touchAll(ws);
    const file = path.join(ws.src, "learning", "signals.ts");
    const text = fs.readFileSync(file, "utf8");
    const linter = newLinter(ws.root);
    const keys = ["schemaDir", "customTypes", "signalConstructors", "allowMaps", "numberType", "knownUnserializableSignals", "compatibility", "sourceDirs", "__proto__", "constructor", "toString", "schemadir", "unknown"];
    // Paths stay inside the work directory: "/" as sourceDirs would walk the whole disk.
    const value = fc.oneof(
      fc.constantFrom<unknown>(null, undefined, true, 0, -1, Number.NaN, "", " ", "\u0000", "schemas", "src", "./src/../schemas", "FULL", "full_transitive", "long", "double", "string", "null", [], [""], ["src"], ["schemas", 1], {}, { Foo: "string" }, { "bad name": "string" }, { Foo: "null" }, { __proto__: { polluted: 1 } }, ["OpenEdxPublicSignal", ""], ["NotASignal"], Object.create(null)),
      fc.jsonValue({ maxDepth: 2 }).filter((v) => typeof v !== "string" || !/^\/|\.\./.test(v)),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 4 }), fc.boolean(), (raw, asArray) => {
        const settings = asArray ? [raw] : raw;
        let messages;
        try {
          messages = linter.verify(text, [...lintConfig({ schemaDir: ws.schemas, sourceDirs: [ws.src] }).slice(0, 2), { settings: { "openedx-events": settings } }], { filename: file });
        } catch (error) {
          throw new Error(`settings ${JSON.stringify(settings)}: ${error instanceof Error ? error.stack : String(error)}`);
        }
        const invalid = messages.filter((m) => m.messageId === "invalidSettings");
        if (invalid.length > 1) throw new Error(`settings ${JSON.stringify(settings)}: ${invalid.length} invalidSettings reports, expected at most one per file`);
        for (const message of messages) {
          if (message.ruleId === null) continue;
          const defects = messageDefects(text, file, message);
          if (defects.length > 0) throw new Error(`settings ${JSON.stringify(settings)}: ${defects.join("\n")}`);
        }
      }),
      { seed: SEED + 3, numRuns: 120 },
    );
  });

  // No "/", "..", absolute paths in the pool: `--src /` would walk the whole disk, `--schema-dir ..` write outside the work directory.
  it("the CLI with random argv never throws and exits 0, 1 or 2", async () => {
    reset(ws);
    touchAll(ws);
    const word = fc.constantFrom(
      "generate", "check", "compat", "help", "--help", "-h", "--version", "--all", "--src", "src", "--schema-dir", "schemas", "generated",
      "--force", "--keep-history", "--quiet", "--allow-maps", "--mode", "full", "NONE", "bogus", "--", "-", "--src=", "--schema-dir=",
      "org.openedx.learning.badge.awarded.v1", "../../x", "a/b", "org..x", "\u0000", "--unknown", "-x", "",
    );
    await fc.assert(
      fc.asyncProperty(fc.array(word, { maxLength: 6 }), async (argv) => {
        const io = fakeIo(ws.root);
        const code = await runCli(argv, io);
        if (![0, 1, 2].includes(code)) throw new Error(`runCli(${JSON.stringify(argv)}) exited ${code}`);
      }),
      { seed: SEED + 2, numRuns: 40 },
    );
  });
});
