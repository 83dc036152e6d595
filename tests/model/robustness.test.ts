import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { formatSchema, toAvroSchema } from "../../lib/avro/index.js";
import { analyzeFilePath, type FileModel } from "../../lib/model/index.js";
import { resolveSettings } from "../../lib/settings.js";
import { resetCaches } from "../../lib/testing.js";
import { FIXTURES } from "../helpers.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const SOURCE = /\.(ts|tsx|mts|cts)$/;

function sourcesUnder(dir: string): string[] {
  const found: string[] = [];
  const visit = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules") visit(full);
      else if (entry.isFile() && SOURCE.test(entry.name)) found.push(full);
    }
  };
  if (fs.existsSync(dir)) visit(dir);
  return found;
}

const SETTINGS = [
  resolveSettings({}),
  resolveSettings({ allowMaps: true, numberType: "long" }),
  resolveSettings({ customTypes: { Node: "string", Helper: "long" }, signalConstructors: ["OpenEdxPublicSignal", "Renamed"] }),
];

/** Runs the model and the schema over a file and checks the invariants every result must keep. */
function exercise(file: string): number {
  let signals = 0;
  for (const settings of SETTINGS) {
    let model: FileModel;
    expect(() => (model = analyzeFilePath(file, settings)), file).not.toThrow();
    for (const signal of model!.signals) {
      signals++;
      const where = `${file} ${signal.constant ?? signal.eventType ?? "?"}`;
      const result = toAvroSchema(signal, settings);
      // A schema, or at least one reason why not: never neither, never both.
      expect(result.schema === null, where).toBe(result.problems.length > 0);
      if (result.schema) expect(() => JSON.parse(formatSchema(result.schema!)), where).not.toThrow();
      for (const problem of result.problems) {
        expect(problem.reason.length, where).toBeGreaterThan(0);
        expect(path.isAbsolute(problem.span.file), where).toBe(true);
        expect(problem.span.loc.start.line, where).toBeGreaterThan(0);
        expect(problem.span.range[1], where).toBeGreaterThanOrEqual(problem.span.range[0]);
      }
    }
  }
  return signals;
}

const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) fs.rmSync(dir, { recursive: true, force: true });
});

describe("nothing throws", () => {
  const files = [...sourcesUnder(FIXTURES), ...sourcesUnder(path.join(ROOT, "examples", "src"))];

  it("finds the fixture files", () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files).toContain(path.join(FIXTURES, "model", "problems", "torture.ts"));
  });

  it("models every fixture and example file and builds every schema under several settings", () => {
    resetCaches("sources", "models");
    let signals = 0;
    for (const file of files) signals += exercise(file);
    expect(signals).toBeGreaterThan(100);
  });

  it("survives every single-line deletion in the problem, type and inheritance fixtures", () => {
    for (const name of ["problems", "types", "inheritance"]) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `model-fuzz-${name}-`));
      temp.push(dir);
      fs.cpSync(path.join(FIXTURES, "model", name), dir, { recursive: true });
      const entries = sourcesUnder(dir);
      const signalFiles = entries.filter((file) => fs.readFileSync(file, "utf8").includes("OpenEdxPublicSignal"));
      let tick = 0;
      for (const file of entries) {
        const original = fs.readFileSync(file, "utf8");
        const lines = original.split("\n");
        for (let i = 0; i < lines.length; i++) {
          fs.writeFileSync(file, [...lines.slice(0, i), ...lines.slice(i + 1)].join("\n"));
          const time = new Date(Date.now() + ++tick * 1000);
          fs.utimesSync(file, time, time);
          for (const signalFile of signalFiles) {
            expect(() => analyzeFilePath(signalFile, SETTINGS[0]!), `${file} without line ${i + 1}`).not.toThrow();
            for (const signal of analyzeFilePath(signalFile, SETTINGS[0]!).signals) {
              const result = toAvroSchema(signal, SETTINGS[0]!);
              expect(result.schema === null, `${file} without line ${i + 1}`).toBe(result.problems.length > 0);
            }
          }
        }
        fs.writeFileSync(file, original);
        const time = new Date(Date.now() + ++tick * 1000);
        fs.utimesSync(file, time, time);
      }
    }
  });
});
