import path from "node:path";
import { ESLint } from "eslint";
import plugin from "../dist/index.js";
const [catalogDir] = process.argv.slice(2);
const settings = { "openedx-events": { schemaDir: path.join(catalogDir, "schemas"), sourceDirs: [catalogDir] } };
const eslint = new ESLint({ cwd: catalogDir, overrideConfigFile: true, overrideConfig: [{ ...plugin.configs.recommended, settings }], cache: false });
const results = await eslint.lintFiles(["."]);
global.gc();
console.log("heapUsed MB", (process.memoryUsage().heapUsed / 1e6).toFixed(0), results.length);
