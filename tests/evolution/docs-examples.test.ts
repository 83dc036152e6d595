/**
 * The snapshot rules' pages cannot be checked by tests/docs.test.ts, which lints examples
 * without snapshots. Their pages show the snapshot the examples are linted against
 * (`<!-- snapshot: <file name> -->` before a json block): every ❌ example must produce an error
 * of the rule against it and every ✅ example none.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as tsParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../../index.js";

const DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../docs/rules");
const RULES = ["schema-snapshot", "no-removed-fields", "frozen-data-classes"];

interface Example {
  readonly code: string;
  readonly settings: Record<string, unknown>;
}

function section(markdown: string, heading: string): string {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line) => line.trim() === heading);
  if (start < 0) return "";
  const end = lines.findIndex((line, i) => i > start && /^## /.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end).join("\n");
}

function examples(markdown: string, heading: string): Example[] {
  const body = section(markdown, heading);
  const found: Example[] = [];
  const pattern = /```ts\n([\s\S]*?)```/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(body))) {
    const before = body.slice(0, match.index);
    const preamble = before.slice(Math.max(0, before.lastIndexOf("```") + 3));
    const settings = /<!--\s*settings:\s*(\{[\s\S]*?\})\s*-->/.exec(preamble);
    found.push({ code: match[1]!, settings: settings ? (JSON.parse(settings[1]!) as Record<string, unknown>) : {} });
  }
  return found;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "openedx-events-snapshot-docs-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let counter = 0;

function lint(id: string, snapshot: { name: string; text: string }, example: Example): Linter.LintMessage[] {
  const dir = path.join(tmp, `example-${++counter}`);
  fs.mkdirSync(path.join(dir, "schemas"), { recursive: true });
  fs.writeFileSync(path.join(dir, "schemas", snapshot.name), snapshot.text);
  const file = path.join(dir, "example.ts");
  fs.writeFileSync(file, example.code);
  return new Linter({ cwd: dir }).verify(
    example.code,
    [
      {
        files: ["**/*.ts"],
        plugins: { "openedx-events": plugin as never },
        languageOptions: { parser: tsParser as never },
        settings: { "openedx-events": { schemaDir: path.join(dir, "schemas"), sourceDirs: [dir], ...example.settings } },
        rules: { [`openedx-events/${id}`]: "error" },
      },
    ],
    file,
  );
}

describe.each(RULES)("docs/rules/%s.md", (id) => {
  const markdown = fs.readFileSync(path.join(DOCS, `${id}.md`), "utf8");
  const match = /<!--\s*snapshot:\s*(\S+)\s*-->\s*```json\n([\s\S]*?)```/.exec(markdown);
  const snapshot = { name: match?.[1] ?? "", text: match?.[2] ?? "" };

  it("shows the snapshot its examples are linted against", () => {
    expect(snapshot.name).toMatch(/_schema\.avsc$/);
    expect(() => JSON.parse(snapshot.text) as unknown).not.toThrow();
  });

  const incorrect = examples(markdown, "## ❌ Incorrect");
  const correct = examples(markdown, "## ✅ Correct");
  it("has examples", () => {
    expect(incorrect.length).toBeGreaterThan(0);
    expect(correct.length).toBeGreaterThan(0);
  });
  it.each(incorrect.map((example, i) => [i + 1, example] as const))("❌ example %i produces an error of the rule", (_i, example) => {
    const messages = lint(id, snapshot, example);
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    expect(messages.filter((m) => m.ruleId === `openedx-events/${id}`).length).toBeGreaterThan(0);
  });
  it.each(correct.map((example, i) => [i + 1, example] as const))("✅ example %i produces none", (_i, example) => {
    expect(lint(id, snapshot, example)).toEqual([]);
  });
});
