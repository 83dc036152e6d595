// One measured ESLint run in its own process: node bench/lint-run.js <catalogDir> <rules|parse-only|noop-rule> [plugin entry]
// Prints one JSON line: wall time, peak memory, problems found. The plugin entry defaults to this
// checkout's dist/index.js; another build (an earlier commit's) can be measured beside it.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { ESLint } from "eslint";
import * as tsParser from "@typescript-eslint/parser";

const [catalogDir, variant, entry] = process.argv.slice(2);
const { default: plugin } = await import(entry ? pathToFileURL(path.resolve(entry)).href : "../dist/index.js");
const recommended = plugin.configs.recommended;
const settings = {
  "openedx-events": { schemaDir: path.join(catalogDir, "schemas"), sourceDirs: [catalogDir] },
};
// The floor with one rule that does nothing (create returns {}): what ESLint charges any plugin
// for having a rule at all, before the rule does anything.
const noopPlugin = { rules: { noop: { meta: { type: "problem", schema: [] }, create: () => ({}) } } };
const floor = { files: recommended.files, languageOptions: { parser: tsParser }, settings };
const configs = {
  rules: [{ ...recommended, settings }],
  // The parse-only floor: the same parser and files, no rules.
  "parse-only": [floor],
  "noop-rule": [{ ...floor, plugins: { bench: noopPlugin }, rules: { "bench/noop": "error" } }],
};
const config = configs[variant];
if (config === undefined) throw new Error(`unknown variant ${variant}: rules, parse-only or noop-rule`);

const start = performance.now();
const eslint = new ESLint({ cwd: catalogDir, overrideConfigFile: true, overrideConfig: config, cache: false });
const results = await eslint.lintFiles(["."]);
const wall = performance.now() - start;
const problems = results.reduce((n, r) => n + r.errorCount + r.warningCount, 0);
const firstMessages = results.flatMap((r) => r.messages.map((m) => `${path.relative(catalogDir, r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`)).slice(0, 5);
console.log(JSON.stringify({ wall, maxRssMb: process.resourceUsage().maxRSS / 1024, files: results.length, problems, firstMessages }));
