import path from "node:path";
import { ESLint } from "eslint";
const [catalogDir, dist] = process.argv.slice(2);
const { default: plugin } = await import(dist + "/index.js");
const config = [{ ...plugin.configs.recommended, settings: { "openedx-events": { schemaDir: path.join(catalogDir, "schemas"), sourceDirs: [catalogDir] } } }];
const eslint = new ESLint({ cwd: catalogDir, overrideConfigFile: true, overrideConfig: config, cache: false });
await eslint.lintFiles(["."]);
const mb = () => { globalThis.gc(); return (process.memoryUsage().heapUsed / 1048576).toFixed(0); };
console.log("after run", mb(), "maxrss", (process.resourceUsage().maxRSS / 1024).toFixed(0));
const steps = [
  ["snapshots", async () => (await import(dist + "/lib/snapshots/read.js")).clearSnapshotCache()],
  ["project index", async () => (await import(dist + "/lib/project/index-builder.js")).clearProjectIndex()],
  ["file models", async () => (await import(dist + "/lib/model/analyze.js")).clearModelCache()],
  ["parse cache", async () => (await import(dist + "/lib/source/parse-cache.js")).clearSourceCache()],
  ["compat", async () => (await import(dist + "/lib/compat/check.js")).clearCompatibilityCache()],
];
for (const [name, clear] of steps) { await clear(); console.log("cleared", name, mb()); }
if (process.env.SNAP) (await import("node:v8")).writeHeapSnapshot(process.env.SNAP);
