/**
 * No crash and no false alarm on code none of us wrote: every rule of the registry (strict config,
 * plus every rule whatever its config level, plus the lib probe) over real-world TypeScript from
 * node_modules. There is no signal anywhere in there, so the expected output is nothing at all.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PROBE_ID,
  messageDefects,
  lintConfig,
  lintText,
  newLinter,
  probeRunCount,
  registryRuleIds,
  removeTempDirs,
  tempDir,
} from "./support.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const NODE_MODULES = path.join(ROOT, "node_modules");

/** Every `step`-th element, plus the ones `keep` insists on: a deterministic sample. */
function sample(files: readonly string[], max: number, keep: (file: string) => boolean = () => false): string[] {
  const sorted = [...files].sort();
  if (sorted.length <= max) return sorted;
  const step = sorted.length / max;
  const picked = new Set<string>();
  for (let i = 0; i < max; i++) picked.add(sorted[Math.floor(i * step)]!);
  for (const file of sorted) if (keep(file)) picked.add(file);
  return [...picked].sort();
}

function walk(dir: string, accept: (file: string) => boolean, out: string[] = [], depth = 0): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (depth < 12) walk(child, accept, out, depth + 1);
    } else if (entry.isFile() && accept(child)) {
      out.push(child);
    }
  }
  return out;
}

const isDeclaration = (file: string): boolean => /\.d\.[cm]?ts$/.test(file);

function typescriptLibs(): string[] {
  const dir = path.join(NODE_MODULES, "typescript", "lib");
  const libs = fs.readdirSync(dir).filter((name) => /^lib\..*\.d\.ts$/.test(name)).map((name) => path.join(dir, name));
  return sample(libs, 60, (file) => /lib\.(dom|es5)\.d\.ts$/.test(file));
}

/**
 * Every .d.ts of @typescript-eslint/*\/dist (at most 400). Should a release ship fewer than 300,
 * declarations of other installed packages (@types/node, eslint, vitest…) top the sample up.
 */
function typescriptEslintDeclarations(): string[] {
  const scope = path.join(NODE_MODULES, "@typescript-eslint");
  const files: string[] = [];
  for (const pkg of fs.readdirSync(scope)) walk(path.join(scope, pkg, "dist"), (file) => file.endsWith(".d.ts"), files);
  const picked = sample(files, 400);
  if (picked.length >= 320) return picked;
  const others = walk(NODE_MODULES, (file) => file.endsWith(".d.ts") && !file.startsWith(scope + path.sep) && !file.includes(`${path.sep}typescript${path.sep}lib${path.sep}`));
  return [...picked, ...sample(others, 320 - picked.length)].sort();
}

/** `.ts` sources (not declarations) that installed packages ship. */
function packageSources(): string[] {
  const files = walk(NODE_MODULES, (file) => /\.(ts|mts|cts|tsx)$/.test(file) && !isDeclaration(file));
  return sample(files, 250);
}

interface Failure {
  readonly file: string;
  readonly problem: string;
}

describe("real-world TypeScript: no exception, no report", () => {
  let workDir: string;
  let emptySources: string;
  let emptySchemas: string;

  beforeAll(() => {
    workDir = tempDir("real-world");
    emptySources = tempDir("real-world-src");
    emptySchemas = tempDir("real-world-schemas");
  });
  afterAll(removeTempDirs);

  /**
   * Copies each file under the work directory (same relative layout, so relative imports
   * between them still resolve) and lints the copy: node_modules paths are ignored by ESLint.
   */
  function copyPath(source: string): string {
    // Nested node_modules directories are renamed: ESLint ignores anything under node_modules.
    const parts = path.relative(NODE_MODULES, source).split(path.sep).map((part) => (part === "node_modules" ? "_node_modules" : part));
    return path.join(workDir, ...parts);
  }

  function lintAll(files: readonly string[]): { failures: Failure[]; linted: number } {
    const linter = newLinter(workDir);
    const config = lintConfig({ schemaDir: emptySchemas, sourceDirs: [emptySources] });
    const failures: Failure[] = [];
    const before = probeRunCount();
    for (const source of files) {
      const copy = copyPath(source);
      fs.mkdirSync(path.dirname(copy), { recursive: true });
      fs.copyFileSync(source, copy);
    }
    for (const source of files) {
      const copy = copyPath(source);
      const label = path.relative(NODE_MODULES, source);
      const text = fs.readFileSync(copy, "utf8");
      try {
        for (const message of lintText(linter, text, copy, config)) {
          // ESLint's own notes on the file's `eslint-disable` comments (inline config is off so that they cannot hide reports).
          if (message.ruleId === null && !message.fatal && /noInlineConfig/.test(message.message)) continue;
          failures.push({
            file: label,
            problem: `${message.ruleId ?? (message.fatal ? "fatal" : "eslint")} ${message.line}:${message.column} ${message.message}`,
          });
        }
      } catch (error) {
        failures.push({ file: label, problem: `threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
      }
    }
    return { failures, linted: probeRunCount() - before };
  }

  it("the strict config and the registry agree (sanity)", () => {
    const config = lintConfig({ schemaDir: "s", sourceDirs: ["."] });
    const enabled = Object.assign({}, ...config.map((c) => c.rules ?? {})) as Record<string, unknown>;
    for (const id of registryRuleIds()) expect(enabled).toHaveProperty(`openedx-events/${id}`);
    expect(enabled).toHaveProperty(PROBE_ID);
  });

  it("TypeScript's own lib.*.d.ts (a sample of 60+, lib.dom and lib.es5 included)", () => {
    const files = typescriptLibs();
    expect(files.length).toBeGreaterThanOrEqual(30);
    expect(files.some((f) => f.endsWith("lib.dom.d.ts"))).toBe(true);
    expect(files.some((f) => f.endsWith("lib.es5.d.ts"))).toBe(true);
    const { failures, linted } = lintAll(files);
    expect(failures).toEqual([]);
    expect(linted).toBe(files.length);
  });

  it("every .d.ts of @typescript-eslint/*/dist (at most 400; topped up to 320 with other packages' .d.ts)", () => {
    const files = typescriptEslintDeclarations();
    expect(files.length).toBeGreaterThanOrEqual(300);
    const { failures, linted } = lintAll(files);
    expect(failures).toEqual([]);
    expect(linted).toBe(files.length);
  });

  it(".ts sources shipped by other installed packages (deterministic sample of at most 250)", () => {
    const files = packageSources();
    expect(files.length).toBeGreaterThan(0);
    const { failures, linted } = lintAll(files);
    expect(failures).toEqual([]);
    expect(linted).toBe(files.length);
  });

  it("with signalConstructors that real code calls (Map, Error, push, …): no exception, every report well located", () => {
    // Every `new Map(…)`, `x.push(…)`, `Promise.resolve(…)` becomes a "signal": the model meets
    // every call shape real code has, and the project index scans the whole copied tree.
    const files = [...packageSources(), ...typescriptLibs().filter((f) => /lib\.es(5|2015\.collection|2015\.promise)\.d\.ts$/.test(f))];
    for (const source of files) {
      fs.mkdirSync(path.dirname(copyPath(source)), { recursive: true });
      fs.copyFileSync(source, copyPath(source));
    }
    const linter = newLinter(workDir);
    const config = lintConfig({
      schemaDir: emptySchemas,
      sourceDirs: [workDir],
      signalConstructors: ["Map", "Set", "Error", "TypeError", "Promise", "RegExp", "Date", "Array", "Object", "push", "resolve", "create", "call", "get", "set", "then"],
      compatibility: "FULL_TRANSITIVE",
    });
    const failures: Failure[] = [];
    let reports = 0;
    const byRule = new Map<string, number>();
    for (const source of files) {
      const copy = copyPath(source);
      const label = path.relative(NODE_MODULES, source);
      const text = fs.readFileSync(copy, "utf8");
      try {
        for (const message of lintText(linter, text, copy, config)) {
          if (message.fatal) failures.push({ file: label, problem: `fatal ${message.line}:${message.column} ${message.message}` });
          if (message.ruleId === null) continue;
          reports++;
          byRule.set(message.ruleId, (byRule.get(message.ruleId) ?? 0) + 1);
          for (const defect of messageDefects(text, copy, message)) failures.push({ file: label, problem: defect });
        }
      } catch (error) {
        failures.push({ file: label, problem: `threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` });
      }
    }
    expect(failures).toEqual([]);
    // The point of this pass: the rules had plenty to say.
    expect(reports).toBeGreaterThan(50);
    if (process.env.ROBUSTNESS_VERBOSE) console.log(Object.fromEntries(byRule));
  });
});
