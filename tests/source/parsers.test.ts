/**
 * The files the plugin reads for their data classes and signals go through oxc-parser; the file
 * ESLint lints comes from typescript-estree (through @typescript-eslint/parser). The two must give
 * the same model: signals, data classes, field types, problems, spans (line and column) and docs,
 * over every fixture and the examples.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TSESTree } from "@typescript-eslint/typescript-estree";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { analyzeFilePath, topLevelDataClassNodes, TypeMapper } from "../../lib/model/index.js";
import { resolveSettings } from "../../lib/settings.js";
import {
  NameResolver,
  getSourceFile,
  parseTypeScript,
  sourceParser,
  spanOf,
  type SourceParserName,
} from "../../lib/source/index.js";
import { useSourceParser } from "../../lib/source/parsers.js";
import { resetCaches } from "../../lib/testing.js";

const root = path.resolve(import.meta.dirname, "../..");
const settings = resolveSettings({});

function typeScriptFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...typeScriptFiles(file));
    else if (/\.[cm]?tsx?$/.test(entry.name)) found.push(file);
  }
  return found.sort();
}

const files = [...typeScriptFiles(path.join(root, "tests/fixtures")), ...typeScriptFiles(path.join(root, "examples/src"))];

/**
 * A plain copy of a model, for deep comparison: a data class met again (a cycle, or a class shared
 * by two fields) becomes a reference by name and file, and parsed files become their paths.
 */
function plain(value: unknown, seen = new Map<object, string>()): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => plain(item, seen));
  const record = value as Record<string, unknown>;
  // A span: its line and column come from a getter.
  if (typeof record.file === "string" && Array.isArray(record.range) && "loc" in record) {
    return { file: record.file, range: record.range, loc: plain(record.loc, seen) };
  }
  if (typeof record.name === "string" && typeof record.file === "string" && Array.isArray(record.fields)) {
    const ref = seen.get(value);
    if (ref) return { ref };
    seen.set(value, `${record.name}@${record.file}`);
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    if (record[key] === undefined) continue;
    copy[key] = key === "dependencies" ? (record[key] as { path: string }[]).map((dep) => dep.path) : plain(record[key], seen);
  }
  return copy;
}

/** Everything the plugin models from `paths`, with a fresh process's caches and the given parser. */
function modelsWith(parser: SourceParserName, paths: readonly string[]): Record<string, unknown> {
  useSourceParser(parser);
  expect(sourceParser()).toBe(parser);
  resetCaches("sources", "models");
  const models: Record<string, unknown> = {};
  for (const file of paths) {
    const model = analyzeFilePath(file, settings);
    const source = getSourceFile(file);
    const mapper = new TypeMapper(new NameResolver(source), settings);
    const dataClasses = source.ast ? topLevelDataClassNodes(source.ast).map((node) => mapper.dataClass(source, node)) : [];
    models[path.relative(root, file)] = plain({ problem: source.problem, model, dataClasses });
  }
  return models;
}

/** The outcome of parsing `text` with typescript-estree, the reference, and with oxc (the fast parser). */
function parsedByBoth(file: string, text: string): { reference: ReturnType<typeof parseTypeScript>; fast: ReturnType<typeof parseTypeScript> } {
  useSourceParser("typescript-estree");
  const reference = parseTypeScript(file, text);
  useSourceParser("oxc");
  return { reference, fast: parseTypeScript(file, text) };
}

afterAll(() => {
  useSourceParser(null);
  resetCaches("sources", "models");
});

describe("the fast parser", () => {
  it("is oxc-parser on this platform, unless OPENEDX_EVENTS_PARSER asks for typescript-estree", () => {
    useSourceParser(null);
    expect(sourceParser()).toBe("oxc");
    process.env.OPENEDX_EVENTS_PARSER = "typescript-estree";
    try {
      useSourceParser(null);
      expect(sourceParser()).toBe("typescript-estree");
      expect(parseTypeScript("/project/a.ts", "export class A {}\n").ast?.loc).toBeDefined();
    } finally {
      delete process.env.OPENEDX_EVENTS_PARSER;
      useSourceParser(null);
    }
    expect(sourceParser()).toBe("oxc");
  });

  it("gives the model typescript-estree gives, over every fixture and the examples", () => {
    expect(files.length).toBeGreaterThan(100);
    const reference = modelsWith("typescript-estree", files);
    const fast = modelsWith("oxc", files);
    expect(Object.keys(fast)).toEqual(Object.keys(reference));
    for (const file of Object.keys(reference)) expect(fast[file], file).toEqual(reference[file]);
    // The comparison means something: signals, data classes, problems and docs were modelled.
    const all = JSON.stringify(reference);
    for (const needle of ['"signals":[{', '"dataClasses":[{', '"problems":[{', '"doc":{', '"loc":{']) expect(all).toContain(needle);
  });

  it("builds typescript-estree's node shapes, with offsets instead of line/column objects", () => {
    let fastParses = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      const { reference, fast } = parsedByBoth(file, text);
      if (!reference.ast) {
        // A syntax error reads as typescript-estree words it, whichever parser is in use.
        expect(fast, file).toEqual(reference);
        continue;
      }
      expect(fast.ast, file).not.toBeNull();
      if (fast.ast!.loc === undefined) fastParses++;
      expect(withoutPositions(fast.ast), file).toEqual(withoutPositions(reference.ast));
    }
    // Nearly every file was parsed by oxc itself, not by the typescript-estree fallback.
    expect(fastParses).toBeGreaterThan(files.length * 0.9);
  });
});

describe("the fast parser on what the fixtures lack", () => {
  const cases: Record<string, string> = {
    "bom.ts": "\ufeff/** doc */\nexport class A { readonly x!: number }\n",
    "declarations.d.ts": "export declare class A { readonly x: number; }\nexport interface B { y: string }\ndeclare namespace N { const z: number }\n",
    "view.tsx": 'export class A { readonly x!: number }\nexport const el = <div className="a">{1}</div>;\n',
    "module.mts": "export enum E { A = 1, B }\nexport type T = { a: string; b?: number };\n",
    "classes.ts":
      "export abstract class A<T> implements B, C { declare readonly x: T; @dec() y = `a${1}b`; static { } #p = 1; accessor q = 2; }\nexport default interface I extends J<K> { [k: string]: number }\n",
    "broken.ts": "export class A { readonly x!: number \n",
  };

  it("builds typescript-estree's AST, or its syntax error", () => {
    for (const [name, text] of Object.entries(cases)) {
      const file = `/project/${name}`;
      const { reference, fast } = parsedByBoth(file, text);
      if (name === "broken.ts") {
        expect(reference.ast).toBeNull();
        expect(fast, name).toEqual(reference);
      } else {
        expect(fast.ast?.loc, `${name} is parsed by oxc itself`).toBeUndefined();
        expect(withoutPositions(fast.ast), name).toEqual(withoutPositions(reference.ast));
      }
    }
  });
});

describe("what oxc parses but TypeScript does not", () => {
  const cases: Record<string, string> = {
    // TypeScript's parser rejects legacy octal in modules; oxc reports them only as semantic errors.
    "octal.ts": "export class A { readonly x!: number }\nexport const mode = 0644;\n",
    "octal-escape.ts": 'export class A { readonly x!: number }\nexport const text = "\\01";\n',
    // A JSDoc type outside a comment: oxc drops the `?` and would read an array of strings.
    "jsdoc-type.ts": "export class A { readonly tags!: Array<?string> }\n",
    // A semantic error that TypeScript's parser lets through (its checker reports it): the same AST.
    "redeclared.ts": "export class A { readonly x!: number }\nexport class A { readonly y!: string }\n",
  };

  it("is left to typescript-estree, so that it reads as typescript-estree reads it", () => {
    for (const [name, text] of Object.entries(cases)) {
      const { reference, fast } = parsedByBoth(`/project/${name}`, text);
      expect(fast, name).toEqual(reference);
    }
  });
});

/**
 * The AST without what only one parser has: `loc` (typescript-estree), `start`/`end` (oxc), and
 * properties absent on one side and null or false on the other (oxc's `computed: false` on enum
 * members), which read the same.
 */
function withoutPositions(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(withoutPositions);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === "loc" || key === "start" || key === "end" || key === "parent" || item === undefined || item === null || item === false) continue;
    copy[key] = withoutPositions(item);
  }
  return copy;
}

describe("spans from offsets", () => {
  it("have typescript-estree's line and column for every node and comment of every fixture", () => {
    useSourceParser("typescript-estree");
    let checked = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      const { ast } = parseTypeScript(file, text);
      if (!ast) continue;
      const source = { path: file, text };
      const visit = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(visit);
        if (typeof node !== "object" || node === null) return;
        const record = node as Record<string, unknown>;
        if (typeof record.type === "string" && Array.isArray(record.range) && record.loc) {
          expect(spanOf(source, record as unknown as TSESTree.Node).loc).toEqual(record.loc);
          checked++;
        }
        for (const [key, child] of Object.entries(record)) if (key !== "parent" && key !== "loc" && key !== "range") visit(child);
      };
      visit(ast);
    }
    expect(checked).toBeGreaterThan(10_000);
  });

  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("count lines as TypeScript does: \\r\\n, \\r, \\n, U+2028 and U+2029, columns in UTF-16 units", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parsers-lines-"));
    dirs.push(dir);
    const data = [
      "/** Ünïcödé 🎉 doc */\r\nexport class UserData {\r\n",
      "  readonly id!: number; /* 🎉 */ readonly name!: string;\r",
      "  readonly tags!: Set<string>;\u2028  readonly when!: Map<number, string>;\u2029",
      "  readonly maybe?: string;\n}\n",
    ].join("");
    fs.writeFileSync(path.join(dir, "data.ts"), data);
    fs.writeFileSync(
      path.join(dir, "signals.ts"),
      'import { UserData } from "./data";\r\n/**\r\n * 🎉 A\u2028signal.\r\n */\r\nexport const A = new OpenEdxPublicSignal({\r  event_type: "org.openedx.test.lines.a.v1",\r\n  data: { user: UserData, other: Symbol },\r\n});\r\n',
    );
    const signals = [path.join(dir, "signals.ts")];
    const reference = modelsWith("typescript-estree", signals);
    const fast = modelsWith("oxc", signals);
    expect(fast).toEqual(reference);
    expect(JSON.stringify(reference)).toContain('"kind":"unsupported"');
  });
});
