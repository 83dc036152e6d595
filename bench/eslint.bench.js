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

/** Reads every file of the catalog, so that both variants start with the files in the OS cache. */
function warm(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) warm(file);
    else fs.readFileSync(file);
  }
}

function run(dir, variant) {
  warm(dir);
  const out = execFileSync(process.execPath, [path.join(here, "lint-run.js"), dir, variant], { encoding: "utf8", maxBuffer: 1 << 26 });
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
    const fulls = [];
    for (let i = 0; i < RUNS; i++) {
      floors.push(run(dir, "parse-only"));
      fulls.push(run(dir, "rules"));
    }
    const floor = median(floors);
    const full = median(fulls);
    rows.push({ signals, shape, files: catalog.files.length, floor, full });
    if (full.problems > 0) console.error(`note: ${full.problems} problems reported at ${signals} signals, e.g.\n  ${full.firstMessages.join("\n  ")}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`\nESLint, configs.recommended vs parse-only, median of ${RUNS} runs each (node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"})`);
console.log("| catalog | signals | files | parse-only (ms) | recommended (ms) | ratio | µs/signal over floor | peak RSS (MB) |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
for (const { signals, shape, files, floor, full } of rows) {
  const ratio = full.wall / floor.wall;
  const over = ((full.wall - floor.wall) * 1000) / signals;
  console.log(
    `| ${shape} | ${signals} | ${files} | ${floor.wall.toFixed(0)} | ${full.wall.toFixed(0)} | ${ratio.toFixed(2)} | ${over.toFixed(0)} | ${full.maxRssMb.toFixed(0)} |`,
  );
}
