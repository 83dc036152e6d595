import fs from "node:fs";
import { readSnapshot, snapshotFreshness } from "../dist/lib/snapshots/index.js";
const dir = process.argv[2] + "/schemas";
const types = fs.readdirSync(dir).map((f) => f.replace(/_schema\.avsc$/, "").replaceAll("+", "."));
for (const e of types) readSnapshot(dir, e);
snapshotFreshness.ttlMs = 0;
let t = performance.now();
for (let i = 0; i < 5; i++) for (const e of types) readSnapshot(dir, e);
console.log("revalidate µs", ((performance.now() - t) * 1000 / types.length / 5).toFixed(1));
