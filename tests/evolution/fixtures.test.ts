import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatSchema, toAvroSchema } from "../../lib/avro/index.js";
import { analyzeFilePath } from "../../lib/model/index.js";
import { resolveSettings } from "../../lib/settings.js";
import { snapshotFileName } from "../../lib/snapshots/index.js";
import { caseDir, evolutionCases, read } from "./helpers.js";

const settings = resolveSettings({});
/** `UPDATE_EVOLUTION_FIXTURES=1 npx vitest run tests/evolution/fixtures.test.ts` rewrites the snapshots. */
const update = process.env.UPDATE_EVOLUTION_FIXTURES === "1";

function signalsOf(dir: string) {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".ts"))
    .flatMap((name) => analyzeFilePath(path.join(dir, name), settings).signals);
}

describe("evolution fixtures", () => {
  it("has the cases the rule tests use", () => {
    expect(evolutionCases().length).toBeGreaterThanOrEqual(16);
  });

  it.each(evolutionCases().map((name) => [name]))("%s: previous/schemas is what previous/ generates", (name) => {
    const signals = signalsOf(caseDir(name, "previous"));
    expect(signals.length).toBeGreaterThan(0);
    for (const signal of signals) {
      const { schema, problems } = toAvroSchema(signal, settings);
      expect(problems).toEqual([]);
      const file = caseDir(name, "previous", "schemas", snapshotFileName(signal.eventType!));
      if (update) fs.writeFileSync(file, formatSchema(schema!));
      expect(read(file)).toBe(formatSchema(schema!));
    }
  });

  it.each(evolutionCases().map((name) => [name]))("%s: current/ is serializable (the case is about evolution only)", (name) => {
    for (const signal of signalsOf(caseDir(name, "current"))) {
      expect(toAvroSchema(signal, settings).problems).toEqual([]);
    }
  });
});
