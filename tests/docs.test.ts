/**
 * Every rule documents itself in docs/rules/<id>.md. Convention of a page:
 *
 * - `# openedx-events/<id>` as the title;
 * - a `## Options` section;
 * - `## ❌ Incorrect` and `## ✅ Correct` sections, each holding ```ts blocks of self-contained
 *   code (one file each: declare what it uses; `OpenEdxPublicSignal` is recognised by name);
 * - an HTML comment right before a block, `<!-- settings: {…} -->` and/or `<!-- options: {…} -->`,
 *   gives that block's `settings["openedx-events"]` and rule options (say so in the prose too).
 *
 * For rules that do not read snapshots, every ❌ block must produce at least one error of the
 * rule and every ✅ block none. Each block is written to a fresh directory on disk, which is the
 * whole project (`sourceDirs`), so that project-wide checks see exactly that block.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Linter } from "eslint";
import * as tsParser from "@typescript-eslint/parser";
import { afterAll, describe, expect, it } from "vitest";
import plugin from "../index.js";
import { rules } from "../rules/index.js";
import type { OpenedxRuleDocs } from "../rules/utils/create-rule.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DOCS = path.join(ROOT, "docs", "rules");

interface Example {
  readonly code: string;
  readonly settings: Record<string, unknown>;
  readonly options: Record<string, unknown> | null;
  readonly line: number;
}

function section(markdown: string, heading: string): string | null {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line) => line.trim() === heading);
  if (start < 0) return null;
  const end = lines.findIndex((line, i) => i > start && /^## /.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end).join("\n");
}

function examples(markdown: string, heading: string): Example[] {
  const body = section(markdown, heading);
  if (body === null) return [];
  const offset = markdown.split("\n").findIndex((line) => line.trim() === heading) + 2;
  const found: Example[] = [];
  const pattern = /```ts\n([\s\S]*?)```/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(body))) {
    const before = body.slice(0, match.index);
    // Directives: the HTML comments after the previous block.
    const previousBlockEnd = before.lastIndexOf("```");
    const preamble = before.slice(previousBlockEnd < 0 ? 0 : previousBlockEnd + 3);
    const settings = /<!--\s*settings:\s*(\{[\s\S]*?\})\s*-->/.exec(preamble);
    const options = /<!--\s*options:\s*(\{[\s\S]*?\})\s*-->/.exec(preamble);
    found.push({
      code: match[1]!,
      settings: settings ? (JSON.parse(settings[1]!) as Record<string, unknown>) : {},
      options: options ? (JSON.parse(options[1]!) as Record<string, unknown>) : null,
      line: offset + before.split("\n").length - 1,
    });
  }
  return found;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "openedx-events-docs-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let counter = 0;

function lint(id: string, example: Example): Linter.LintMessage[] {
  const dir = path.join(tmp, `example-${++counter}`);
  fs.mkdirSync(dir);
  const file = path.join(dir, "example.ts");
  fs.writeFileSync(file, example.code);
  const linter = new Linter({ cwd: dir });
  const level: Linter.RuleEntry = example.options ? ["error", example.options] : "error";
  return linter.verify(
    example.code,
    [
      {
        files: ["**/*.ts"],
        plugins: { "openedx-events": plugin as never },
        languageOptions: { parser: tsParser as never },
        settings: { "openedx-events": { schemaDir: path.join(dir, "schemas"), sourceDirs: [dir], ...example.settings } },
        rules: { [`openedx-events/${id}`]: level },
      },
    ],
    file,
  );
}

describe("rule documentation", () => {
  it("has a page for every rule and a rule for every page", () => {
    const pages = fs.readdirSync(DOCS).filter((file) => file.endsWith(".md")).map((file) => file.slice(0, -3)).sort();
    expect(pages).toEqual(Object.keys(rules).sort());
  });

  for (const [id, rule] of Object.entries(rules)) {
    describe(id, () => {
      const file = path.join(DOCS, `${id}.md`);
      const markdown = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
      const docs = (rule.meta.docs ?? {}) as OpenedxRuleDocs & { url?: string };

      it("is named after its page, and its url points there", () => {
        expect(fs.existsSync(file)).toBe(true);
        expect(markdown.split("\n")[0]).toBe(`# openedx-events/${id}`);
        expect(docs.url).toMatch(new RegExp(`/docs/rules/${id}\\.md$`));
        expect((rule as { name?: string }).name ?? id).toBe(id);
      });

      it("has an Options section, and incorrect and correct examples", () => {
        expect(section(markdown, "## Options")).not.toBeNull();
        expect(examples(markdown, "## ❌ Incorrect").length).toBeGreaterThan(0);
        expect(examples(markdown, "## ✅ Correct").length).toBeGreaterThan(0);
      });

      if (docs.requiresSnapshots) return;

      for (const example of examples(markdown, "## ❌ Incorrect")) {
        it(`❌ example at line ${example.line} produces errors`, () => {
          const messages = lint(id, example);
          expect(messages.filter((m) => m.fatal)).toEqual([]);
          expect(messages.filter((m) => m.ruleId === `openedx-events/${id}`).length).toBeGreaterThan(0);
        });
      }
      for (const example of examples(markdown, "## ✅ Correct")) {
        it(`✅ example at line ${example.line} produces none`, () => {
          expect(lint(id, example)).toEqual([]);
        });
      }
    });
  }
});
