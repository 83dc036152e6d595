import { createRequire } from "node:module";
import type { ESLint, Linter } from "eslint";

const require = createRequire(import.meta.url);
const { name, version } = require("./package.json") as { name: string; version: string };

/** The plugin object: `import openedxEvents from "eslint-plugin-openedx-events"`. */
const plugin = {
  meta: { name, version },
  rules: {} as NonNullable<ESLint.Plugin["rules"]>,
  configs: {} as Record<string, Linter.Config>,
};

export default plugin;
