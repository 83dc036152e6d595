import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RuleTester } from "@typescript-eslint/rule-tester";
import { COMPATIBILITY_MODES } from "../../lib/settings.js";
import { fixture } from "../helpers.js";

export const EVOLUTION = fixture("evolution");
export const PYTHON = fixture("python-schemas");

/** The event type of most evolution cases. */
export const ENROLLMENT = "org.openedx.test.enrollment.created.v1";
export const ENROLLMENT_V2 = "org.openedx.test.enrollment.created.v2";
export const PROGRESS = "org.openedx.test.progress.recorded.v1";

/** The evolution cases: directories with `previous/` and `current/` sources. */
export function evolutionCases(): string[] {
  return fs
    .readdirSync(EVOLUTION, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(EVOLUTION, entry.name, "previous")))
    .map((entry) => entry.name)
    .sort();
}

export function caseDir(name: string, ...parts: string[]): string {
  return path.join(EVOLUTION, name, ...parts);
}

export function read(file: string): string {
  return fs.readFileSync(file, "utf8");
}

/**
 * A path as messages show it: relative to the working directory. RuleTester lints a file given
 * by absolute path with the filesystem root as its working directory, hence the default.
 */
export function shown(file: string, cwd = path.parse(file).root): string {
  return path.relative(cwd, file).split(path.sep).join("/");
}

/** The snapshot file of `eventType` in a case's previous/schemas, as messages show it. */
export function snapshotOf(name: string, eventType = ENROLLMENT, version?: number): string {
  const base = eventType.replaceAll(".", "+");
  return shown(caseDir(name, "previous", "schemas", `${base}_schema${version ? `.v${version}` : ""}.avsc`));
}

export type Side = "previous" | "current";

/** Settings for linting one side of a case against the previous snapshots. */
export function caseSettings(name: string, compatibility: string, side: Side = "current", extra: Record<string, unknown> = {}) {
  return {
    "openedx-events": {
      sourceDirs: [caseDir(name, side)],
      schemaDir: caseDir(name, "previous", "schemas"),
      compatibility,
      ...extra,
    },
  };
}

/** `{ filename, code }` of a file of a case, as it is on disk. */
export function caseFile(name: string, file = "signals.ts", side: Side = "current"): { filename: string; code: string } {
  const filename = caseDir(name, side, file);
  return { filename, code: read(filename) };
}

/** The code with its event type literal moved to the next version (what the bump suggestion does). */
export function bumped(code: string, from = ENROLLMENT): string {
  const next = from.replace(/\d+$/, (n) => String(Number(n) + 1));
  const replaced = code.replace(new RegExp(`(["'\`])${from.replaceAll(".", "\\.")}\\1`), (_, quote: string) => `${quote}${next}${quote}`);
  if (replaced === code) throw new Error(`no literal ${from} in the code`);
  return replaced;
}

export const MODES = COMPATIBILITY_MODES;

/**
 * Our rules typed for RuleTester: @typescript-eslint/rule-tester may bring its own copy of
 * @typescript-eslint/utils, whose RuleContext type is nominally different.
 */
export function testable<T>(rule: T): Parameters<RuleTester["run"]>[1] {
  return rule as unknown as Parameters<RuleTester["run"]>[1];
}

/**
 * The test cases, for RuleTester. Its types only let an error name a `messageId`, while its
 * runtime also checks an error's full `message`, which is how the exact texts are tested.
 */
export function cases(tests: { valid: readonly unknown[]; invalid: readonly unknown[] }): Parameters<RuleTester["run"]>[2] {
  return tests as unknown as Parameters<RuleTester["run"]>[2];
}

/** A CLI io that records what is written. */
export function memoryIO(cwd: string, env: Record<string, string | undefined> = {}) {
  let stdout = "";
  let stderr = "";
  return {
    io: {
      cwd,
      stdout: { write: (text: string) => ((stdout += text), true) },
      stderr: { write: (text: string) => ((stderr += text), true) },
      env,
    },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

/** A copy of `source` in a fresh temporary directory (no eslint.config above it), removed at exit. */
export function copyToTemp(source: string, prefix = "openedx-events-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.cpSync(source, dir, { recursive: true });
  temporary.push(dir);
  return dir;
}

const temporary: string[] = [];
process.on("exit", () => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});
