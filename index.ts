import { createRequire } from "node:module";
import type { ESLint, Linter } from "eslint";
import * as tsParser from "@typescript-eslint/parser";
import { rules } from "./rules/index.js";
import type { OpenedxRuleDocs } from "./rules/utils/create-rule.js";

const require = createRequire(import.meta.url);
/** package.json sits beside index.ts in the sources and one level up from dist/index.js. */
function readPackageJson(): { name: string; version: string } {
  try {
    return require("./package.json") as { name: string; version: string };
  } catch {
    return require("../package.json") as { name: string; version: string };
  }
}
const { name, version } = readPackageJson();

/** The files the configs apply to: TypeScript sources. */
const TYPESCRIPT_FILES = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];

function ruleLevels(include: (docs: OpenedxRuleDocs) => boolean): Linter.RulesRecord {
  const levels: Linter.RulesRecord = {};
  for (const [id, rule] of Object.entries(rules)) {
    const docs = (rule.meta.docs ?? {}) as OpenedxRuleDocs;
    if (include(docs)) levels[`openedx-events/${id}`] = "error";
  }
  return levels;
}

const plugin = {
  meta: { name, version },
  rules: rules as unknown as NonNullable<ESLint.Plugin["rules"]>,
  configs: {} as { recommended: Linter.Config; strict: Linter.Config },
};

function config(configName: string, include: (docs: OpenedxRuleDocs) => boolean): Linter.Config {
  return {
    name: `openedx-events/${configName}`,
    files: TYPESCRIPT_FILES,
    plugins: { "openedx-events": plugin as unknown as ESLint.Plugin },
    languageOptions: { parser: tsParser as unknown as Linter.Parser },
    rules: ruleLevels(include),
  };
}

plugin.configs.recommended = config("recommended", (docs) => docs.recommended === true);
plugin.configs.strict = config("strict", (docs) => docs.recommended === true || docs.strict === true);

export default plugin;
