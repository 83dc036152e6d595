// One measured ESLint run in its own process: node bench/lint-run.js <catalogDir> <rules|parse-only>
// Prints one JSON line: wall time, peak memory, problems found.
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ESLint } from "eslint";
import * as tsParser from "@typescript-eslint/parser";
import plugin from "../dist/index.js";

const [catalogDir, variant] = process.argv.slice(2);
const recommended = plugin.configs.recommended;
const settings = {
  "openedx-events": { schemaDir: path.join(catalogDir, "schemas"), sourceDirs: [catalogDir] },
};
const config =
  variant === "rules"
    ? [{ ...recommended, settings }]
    : // The parse-only floor: the same parser and files, no rules.
      [{ files: recommended.files, languageOptions: { parser: tsParser }, settings }];

const start = performance.now();
const eslint = new ESLint({ cwd: catalogDir, overrideConfigFile: true, overrideConfig: config, cache: false });
const results = await eslint.lintFiles(["."]);
const wall = performance.now() - start;
const problems = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
const firstMessages = results.flatMap((r) => r.messages.map((m) => `${path.relative(catalogDir, r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`)).slice(0, 5);
console.log(JSON.stringify({ wall, maxRssMb: process.resourceUsage().maxRSS / 1024, files: results.length, problems, firstMessages }));
