import fs from "node:fs";
import path from "node:path";
import { Linter } from "eslint";
import * as tsParser from "@typescript-eslint/parser";
import plugin from "../../index.js";
import { FIXTURES } from "../helpers.js";

/** A file under tests/fixtures/rules/. */
export function ruleFixture(...parts: string[]): string {
  return path.join(FIXTURES, "rules", ...parts);
}

/** Single-file cases lint a virtual file in an otherwise empty project directory. */
export const INLINE_DIR = ruleFixture("inline");
export const INLINE_FILE = path.join(INLINE_DIR, "inline.ts");

export function read(file: string): string {
  return fs.readFileSync(file, "utf8");
}

/** `settings` for a case whose project is `dir`. */
export function settingsFor(dir: string, extra: Record<string, unknown> = {}) {
  return { "openedx-events": { sourceDirs: [dir], schemaDir: path.join(dir, "schemas"), ...extra } };
}

/** The fully rendered messages of one rule on a file (RuleTester checks messageId and data only). */
export function renderedMessages(
  rule: string,
  file: string,
  code: string,
  settings: Record<string, unknown>,
  options?: Record<string, unknown>,
): Linter.LintMessage[] {
  const linter = new Linter();
  return linter.verify(
    code,
    [
      {
        files: ["**/*.ts"],
        plugins: { "openedx-events": plugin as never },
        languageOptions: { parser: tsParser as never },
        settings,
        rules: { [`openedx-events/${rule}`]: options ? ["error", options] : "error" },
      },
    ],
    file,
  );
}

declare const tester: import("@typescript-eslint/rule-tester").RuleTester;
/** The rule type RuleTester expects (it may bring its own copy of @typescript-eslint/utils). */
export type TesterRule<M extends string, O extends readonly unknown[]> = Parameters<typeof tester.run<M, O>>[1];

/** Our rule, typed for RuleTester, message ids and options kept. */
export function testable<M extends string, O extends readonly unknown[]>(rule: {
  readonly defaultOptions?: O;
  readonly meta: { readonly messages: Record<M, string> };
}): TesterRule<M, O> {
  return rule as unknown as TesterRule<M, O>;
}
