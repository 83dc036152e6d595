// npm run bench (part 2): ESLint with configs.recommended against the parse-only floor (same
// parser, no rules), one process each, on synthetic catalogs with snapshots for every event.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeCatalog } from "./catalog.js";
import { formatSchema, toAvroSchema } from "../dist/lib/avro/index.js";
import { analyzeFilePath } from "../dist/lib/model/index.js";
import { writeSnapshot } from "../dist/lib/snapshots/index.js";
import { resolveSettings } from "../dist/lib/settings.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const SIZES = (process.env.BENCH_SIZES ?? "100,1000,10000").split(",").map(Number);
// The stress shape (records chained eight deep, 11 KB snapshots) at these sizes too.
const DEEP_SIZES = (process.env.BENCH_DEEP_SIZES ?? "10000").split(",").filter(Boolean).map(Number);
const settings = resolveSettings({});

// Each variant runs this many times, alternating, and the median counts: this machine is shared.
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
// Another build of the plugin measured in the same alternation (BENCH_BASELINE=<dir>/dist/index.js),
// so that a before/after comparison sees the same load on the machine.
const BASELINE = process.env.BENCH_BASELINE ?? null;

/** Reads every file of the catalog, so that both variants start with the files in the OS cache. */
function warm(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) warm(file);
    else fs.readFileSync(file);
  }
}

function run(dir, variant, entry) {
  warm(dir);
  const args = [path.join(here, "lint-run.js"), dir, variant, ...(entry ? [entry] : [])];
  const out = execFileSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split("\n").pop());
}

function median(results) {
  const sorted = [...results].sort((a, b) => a.wall - b.wall);
  return { ...sorted[Math.floor(sorted.length / 2)], maxRssMb: Math.max(...results.map((r) => r.maxRssMb)) };
}

const rows = [];
const runs = [...SIZES.map((signals) => ({ signals, shape: "realistic" })), ...DEEP_SIZES.map((signals) => ({ signals, shape: "deep" }))];
for (const { signals, shape } of runs) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `openedx-events-eslint-bench-${signals}-`));
  try {
    const files = Math.max(10, Math.round(signals / 10));
    const catalog = writeCatalog(dir, { signals, files, shape });
    for (const file of catalog.signalFiles) {
      for (const signal of analyzeFilePath(file, settings).signals) {
        const { schema } = toAvroSchema(signal, settings);
        writeSnapshot(path.join(dir, "schemas"), signal.eventType, formatSchema(schema));
      }
    }
    const floors = [];
    const noops = [];
    const fulls = [];
    const baselines = [];
    for (let i = 0; i < RUNS; i++) {
      floors.push(run(dir, "parse-only"));
      noops.push(run(dir, "noop-rule"));
      fulls.push(run(dir, "rules"));
      if (BASELINE) baselines.push(run(dir, "rules", BASELINE));
    }
    const floor = median(floors);
    const noop = median(noops);
    const full = median(fulls);
    const baseline = BASELINE ? median(baselines) : null;
    rows.push({ signals, shape, files: catalog.files.length, floor, noop, full, baseline });
    if (full.problems > 0) console.error(`note: ${full.problems} problems reported at ${signals} signals, e.g.\n  ${full.firstMessages.join("\n  ")}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Cold runs: each is a fresh process, and the plugin keeps no state on disk between runs.
// Two floors: parse-only (no rules, the headline ratio) and one no-op rule, which is what
// ESLint itself charges any plugin for running a rule at all (traversal with rules active).
console.log(`\nESLint cold, configs.recommended vs parse-only and vs one no-op rule, median of ${RUNS} runs each (node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"})`);
console.log(
  `| catalog | signals | files | parse-only (ms) | one no-op rule (ms) | recommended (ms) | ratio | ratio to no-op rule | µs/signal over floor | peak RSS parse-only (MB) | peak RSS recommended (MB) | memory ratio |${BASELINE ? " baseline (ms) | baseline ratio | baseline peak RSS (MB) |" : ""}`,
);
console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|${BASELINE ? "---:|---:|---:|" : ""}`);
for (const { signals, shape, files, floor, noop, full, baseline } of rows) {
  const ratio = full.wall / floor.wall;
  const overNoop = full.wall / noop.wall;
  const over = ((full.wall - floor.wall) * 1000) / signals;
  const memory = full.maxRssMb / floor.maxRssMb;
  const before = baseline
    ? ` ${baseline.wall.toFixed(0)} | ${(baseline.wall / floor.wall).toFixed(2)} | ${baseline.maxRssMb.toFixed(0)} |`
    : "";
  console.log(
    `| ${shape} | ${signals} | ${files} | ${floor.wall.toFixed(0)} | ${noop.wall.toFixed(0)} | ${full.wall.toFixed(0)} | ${ratio.toFixed(2)} | ${overNoop.toFixed(2)} | ${over.toFixed(0)} | ${floor.maxRssMb.toFixed(0)} | ${full.maxRssMb.toFixed(0)} | ${memory.toFixed(2)} |${before}`,
  );
}
console.log("Targets: ratio (to parse-only) ≤ 1.10 (realistic), ≤ 1.25 (deep); memory ratio ≤ 1.3 at 10,000 signals.");
