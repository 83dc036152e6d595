// npm run bench: model- and schema-building cost on a synthetic catalog (2,000 signals, 200 files).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { writeCatalog } from "./catalog.js";
import { analyzeFilePath, analyzeProgram } from "../dist/lib/model/index.js";
import { toAvroSchema } from "../dist/lib/avro/index.js";
import { parseSource } from "../dist/lib/source/index.js";
import { resolveSettings } from "../dist/lib/settings.js";
import { counters, resetCaches } from "../dist/lib/testing.js";

const SIGNALS = Number(process.env.BENCH_SIGNALS ?? 2000);
const FILES = Number(process.env.BENCH_FILES ?? 200);

const root = fs.mkdtempSync(path.join(os.tmpdir(), "openedx-events-bench-"));
try {
  const catalog = writeCatalog(root, { signals: SIGNALS, files: FILES });
  const settings = resolveSettings({});
  resetCaches("sources", "models");

  const t0 = performance.now();
  const models = catalog.signalFiles.map((file) => analyzeFilePath(file, settings));
  const t1 = performance.now();
  const signals = models.flatMap((model) => model.signals);
  let problems = 0;
  for (const signal of signals) problems += toAvroSchema(signal, settings).problems.length;
  const t2 = performance.now();
  const parses = counters().parses;

  // A second pass: nothing changed on disk, so nothing is parsed or rebuilt.
  const t3 = performance.now();
  for (const file of catalog.signalFiles) analyzeFilePath(file, settings);
  const t4 = performance.now();

  // A file with neither signals nor data classes: no cross-file work at all.
  const plain = "import { helper } from \"./helpers\";\nexport const answer = helper(42);\n";
  const plainFile = parseSource(path.join(root, "plain.ts"), plain, null);
  const parsesBefore = counters().parses;
  const t5 = performance.now();
  const plainModel = analyzeProgram(plainFile.path, plain, plainFile.ast, settings);
  const t6 = performance.now();
  const plainParses = counters().parses - parsesBefore;

  const perSignal = (ms) => `${((ms * 1000) / signals.length).toFixed(1)} µs/signal`;
  const rows = [
    ["signals", String(signals.length)],
    ["files", String(catalog.files.length)],
    ["files with signals", String(catalog.signalFiles.length)],
    ["model building", `${(t1 - t0).toFixed(1)} ms (${perSignal(t1 - t0)})`],
    ["schema building + avsc validation", `${(t2 - t1).toFixed(1)} ms (${perSignal(t2 - t1)})`],
    ["warm re-check (nothing changed)", `${(t4 - t3).toFixed(1)} ms (${perSignal(t4 - t3)})`],
    ["file parses", `${parses} (files: ${catalog.files.length})`],
    ["schema problems", String(problems)],
    ["file without signals", `${(t6 - t5).toFixed(3)} ms, ${plainParses} other files parsed, ${plainModel.signals.length} signals`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`Synthetic catalog in ${root}`);
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  if (parses !== catalog.files.length) {
    console.error(`FAIL: ${parses} parses for ${catalog.files.length} files: each file must be parsed exactly once`);
    process.exitCode = 1;
  }
  if (plainParses !== 0) {
    console.error("FAIL: a file without signals made the plugin parse other files");
    process.exitCode = 1;
  }
  if (problems !== 0) {
    console.error("FAIL: the synthetic catalog should have no schema problems");
    process.exitCode = 1;
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
