// npm run bench (part 3): the editor's case. A 300-signal file is linted warm, then re-linted
// after a one-line edit, as ESLint's language server does on each keystroke. Target: < 50 ms.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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

  const cold0 = performance.now();
  const first = await lint(original);
  const cold = performance.now() - cold0;
  await lint(original);

  const times = [];
  for (let i = 0; i < EDITS; i++) {
    // A one-line edit: the doc comment of one signal changes, as when typing.
    const edited = original.replace("/** Synthetic event. */", `/** Synthetic event, edit ${i}. */`);
    const t0 = performance.now();
    await lint(edited);
    times.push(performance.now() - t0);
  }
  const floorTimes = [];
  await floorEslint.lintText(original, { filePath: file });
  for (let i = 0; i < EDITS; i++) {
    const edited = original.replace("/** Synthetic event. */", `/** Synthetic event, edit ${i}. */`);
    const t0 = performance.now();
    await floorEslint.lintText(edited, { filePath: file });
    floorTimes.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  floorTimes.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const p90 = times[Math.floor(times.length * 0.9)];
  const floor = floorTimes[Math.floor(floorTimes.length / 2)];
  console.log(`\nEditor re-lint of a ${SIGNALS}-signal file after a one-line edit (ESLint.lintText, configs.recommended)`);
  console.log(`cold first lint      ${cold.toFixed(1)} ms (${first.messages.length} problems)`);
  console.log(`warm re-lint median  ${median.toFixed(1)} ms`);
  console.log(`warm re-lint p90     ${p90.toFixed(1)} ms`);
  console.log(`parse-only floor     ${floor.toFixed(1)} ms (same parser, no rules): the plugin adds ${(median - floor).toFixed(1)} ms`);
  console.log(`target               < 50 ms: ${median < 50 ? "met" : "NOT MET"}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
