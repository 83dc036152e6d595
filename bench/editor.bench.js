// npm run bench (part 3): the editor's case. A 300-signal file is linted warm, then re-linted
// after a one-line edit, as ESLint's language server does on each keystroke. Target: < 50 ms.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { ESLint } from "eslint";
import plugin from "../dist/index.js";
import { writeCatalog } from "./catalog.js";
import { formatSchema, toAvroSchema } from "../dist/lib/avro/index.js";
import { analyzeFilePath } from "../dist/lib/model/index.js";
import { writeSnapshot } from "../dist/lib/snapshots/index.js";
import { resolveSettings } from "../dist/lib/settings.js";

const SIGNALS = 300;
const EDITS = Number(process.env.BENCH_EDITS ?? 30);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "openedx-events-editor-bench-"));
try {
  // One signals file with 300 signals (files = 1 data + 1 types + 1 signals).
  const catalog = writeCatalog(dir, { signals: SIGNALS, files: 3 });
  const settings = resolveSettings({});
  for (const signal of analyzeFilePath(catalog.signalFiles[0], settings).signals) {
    writeSnapshot(path.join(dir, "schemas"), signal.eventType, formatSchema(toAvroSchema(signal, settings).schema));
  }
  const file = catalog.signalFiles[0];
  const original = fs.readFileSync(file, "utf8");
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [{ ...plugin.configs.recommended, settings: { "openedx-events": { sourceDirs: ["."] } } }],
  });
  const lint = async (text) => (await eslint.lintText(text, { filePath: file }))[0];
  // The floor: the same parser, no rules.
  const floorEslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [{ files: plugin.configs.recommended.files, languageOptions: plugin.configs.recommended.languageOptions }],
  });

  // The first line of the first signal's doc comment gets a word more on each edit. The edit must
  // change the text: a buffer equal to the file on disk is served from the model cache.
  const DOC_LINE = /^ \* Thing 0 of part \d+ happened\.$/m;
  if (!DOC_LINE.test(original)) throw new Error("the catalog's signal file has no line to edit");
  const editLine = (text, i) => text.replace(DOC_LINE, (line) => `${line.slice(0, -1)}, edit ${i}.`);

  const cold0 = performance.now();
  const first = await lint(original);
  const cold = performance.now() - cold0;
  await lint(original);

  const floorLint = async (text) => (await floorEslint.lintText(text, { filePath: file }))[0];
  await floorLint(original);
  // Another build of the plugin (BENCH_BASELINE=<dir>/dist/index.js), measured in the same alternation.
  let baselineLint = null;
  if (process.env.BENCH_BASELINE) {
    const { default: baseline } = await import(pathToFileURL(path.resolve(process.env.BENCH_BASELINE)).href);
    const baselineEslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [{ ...baseline.configs.recommended, settings: { "openedx-events": { sourceDirs: ["."] } } }],
    });
    baselineLint = async (text) => (await baselineEslint.lintText(text, { filePath: file }))[0];
    await baselineLint(original);
    await baselineLint(original);
  }
  const baselineShares = [];

  // Each edit is linted with the plugin and with the floor, one after the other, so that both see
  // the same load on this shared machine; the plugin's share is the difference within each pair.
  const times = [];
  const floorTimes = [];
  const shares = [];
  for (let i = 0; i < EDITS; i++) {
    // A one-line edit: the doc comment of one signal changes, as when typing.
    const edited = editLine(original, i);
    const t0 = performance.now();
    await lint(edited);
    const t1 = performance.now();
    await floorLint(edited);
    const t2 = performance.now();
    times.push(t1 - t0);
    floorTimes.push(t2 - t1);
    shares.push(t1 - t0 - (t2 - t1));
    if (baselineLint) {
      const t3 = performance.now();
      await baselineLint(edited);
      baselineShares.push(performance.now() - t3 - (t2 - t1));
    }
  }
  const at = (list, q) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(list.length * q))];
  console.log(`\nEditor re-lint of a ${SIGNALS}-signal file after a one-line edit (ESLint.lintText, configs.recommended, ${EDITS} edits)`);
  console.log(`cold first lint        ${cold.toFixed(1)} ms (${first.messages.length} problems)`);
  console.log(`warm re-lint           median ${at(times, 0.5).toFixed(1)} ms, p90 ${at(times, 0.9).toFixed(1)} ms`);
  console.log(`parse-only floor       median ${at(floorTimes, 0.5).toFixed(1)} ms, p90 ${at(floorTimes, 0.9).toFixed(1)} ms (same parser, no rules)`);
  console.log(`plugin share           median ${at(shares, 0.5).toFixed(1)} ms, p90 ${at(shares, 0.9).toFixed(1)} ms over the floor (per edit, paired)`);
  if (baselineLint) console.log(`baseline share         median ${at(baselineShares, 0.5).toFixed(1)} ms, p90 ${at(baselineShares, 0.9).toFixed(1)} ms`);
  console.log(`target                 share ≤ 5 ms (median and p90): ${at(shares, 0.5) <= 5 && at(shares, 0.9) <= 5 ? "met" : "NOT MET"}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
