import fs from "node:fs";
import path from "node:path";
import { Linter } from "eslint";
import * as tsParser from "@typescript-eslint/parser";
import { it } from "vitest";
import plugin from "../../index.js";

const cases = JSON.parse(fs.readFileSync("/tmp/dump/cases.json", "utf8")) as { rule: string; file: string; code?: string; settings?: object; options?: object; dir?: string }[];

it("dump", () => {
  const out: string[] = [];
  for (const c of cases) {
    const file = path.resolve(c.file);
    const code = c.code ?? fs.readFileSync(file, "utf8");
    const dir = c.dir ? path.resolve(c.dir) : path.dirname(file);
    const linter = new Linter();
    const messages = linter.verify(code, [{ files: ["**/*.ts"], plugins: { "openedx-events": plugin as never }, languageOptions: { parser: tsParser as never },
      settings: { "openedx-events": { sourceDirs: [dir], schemaDir: path.join(dir, "schemas"), ...(c.settings ?? {}) } },
      rules: { [`openedx-events/${c.rule}`]: c.options ? ["error", c.options] : "error" } }], file);
    out.push(`=== ${c.rule} ${c.file}`);
    for (const m of messages) {
      out.push(`${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.messageId} ${m.message}`);
      for (const s of m.suggestions ?? []) {
        const fixed = code.slice(0, s.fix.range[0]) + s.fix.text + code.slice(s.fix.range[1]);
        out.push(`  SUGGEST ${s.messageId}: ${s.desc}\n----\n${fixed}\n----`);
      }
    }
  }
  fs.writeFileSync("/tmp/dump/out.txt", out.join("\n"));
});
