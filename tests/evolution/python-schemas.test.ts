/**
 * tests/fixtures/python-schemas holds snapshots in the exact format openedx-events writes
 * (`json.dump(schema, f, indent=2)`: two-space indentation, no trailing newline, ASCII only),
 * and TypeScript sources of the same events. A schema directory written by the Python library
 * must be usable as is.
 */
import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../index.js";
import { formatSchema, toAvroSchema } from "../../lib/avro/index.js";
import { analyzeFilePath } from "../../lib/model/index.js";
import { resolveSettings } from "../../lib/settings.js";
import { clearSnapshotCache, listSnapshots, readSnapshot, snapshotFileName } from "../../lib/snapshots/index.js";
import { runCli } from "../../lib/cli/main.js";
import { MODES, PYTHON, copyToTemp, memoryIO } from "./helpers.js";

const SCHEMAS = path.join(PYTHON, "schemas");

describe("snapshots written by the Python library", () => {
  const files = fs.readdirSync(SCHEMAS).sort();

  it("are in Python's format: indent=2, no trailing newline, ASCII", () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const text = fs.readFileSync(path.join(SCHEMAS, file), "utf8");
      expect(text.endsWith("}"), file).toBe(true);
      expect(text, file).toBe(JSON.stringify(JSON.parse(text), null, 2));
      expect(/^[\x00-\x7f]*$/.test(text), file).toBe(true);
    }
  });

  it("are read as is, with the event types of their names", () => {
    clearSnapshotCache();
    const eventTypes = listSnapshots(SCHEMAS);
    expect(eventTypes.map(snapshotFileName).sort()).toEqual(files);
    for (const eventType of eventTypes) expect(readSnapshot(SCHEMAS, eventType).status).toBe("ok");
  });

  it("hold the schema the TypeScript sources generate (the text differs only by generate's trailing newline)", () => {
    const settings = resolveSettings({});
    const signals = analyzeFilePath(path.join(PYTHON, "src", "signals.ts"), settings).signals;
    expect(signals.map((s) => snapshotFileName(s.eventType!)).sort()).toEqual(files);
    for (const signal of signals) {
      const { schema, problems } = toAvroSchema(signal, settings);
      expect(problems).toEqual([]);
      const python = fs.readFileSync(path.join(SCHEMAS, snapshotFileName(signal.eventType!)), "utf8");
      expect(formatSchema(schema!)).toBe(`${python}\n`);
    }
  });

  it.each(MODES.map((mode) => [mode]))("give no finding to any evolution rule under %s", async (mode) => {
    const eslint = new ESLint({
      cwd: PYTHON,
      overrideConfigFile: true,
      overrideConfig: [
        {
          ...plugin.configs.recommended,
          files: ["**/*.ts"],
          rules: {
            "openedx-events/schema-snapshot": "error",
            "openedx-events/no-removed-fields": "error",
            "openedx-events/frozen-data-classes": "error",
          },
          settings: { "openedx-events": { sourceDirs: ["src"], schemaDir: "schemas", compatibility: mode } },
        },
      ],
    });
    const results = await eslint.lintFiles(["src"]);
    expect(results.flatMap((r) => r.messages.filter((m) => m.ruleId !== "openedx-events/require-signal-jsdoc"))).toEqual([]);
  });

  it("are left as they are by `generate`: the same schema, not a different one", async () => {
    const dir = copyToTemp(PYTHON);
    const before = fs.readdirSync(path.join(dir, "schemas")).map((file) => fs.readFileSync(path.join(dir, "schemas", file), "utf8"));
    const out = memoryIO(dir);
    const code = await runCli(["generate", "--all", "--src", "src", "--schema-dir", "schemas", "--quiet"], out.io);
    expect(out.stdout()).toBe("4 events: 0 written, 4 unchanged, 0 skipped, 0 problems\n");
    expect(code).toBe(0);
    const after = fs.readdirSync(path.join(dir, "schemas")).map((file) => fs.readFileSync(path.join(dir, "schemas", file), "utf8"));
    expect(after).toEqual(before);
  });

  it("a non-ASCII character escaped the Python way (ensure_ascii) reads as the character", () => {
    const dir = copyToTemp(SCHEMAS);
    const file = path.join(dir, files[0]!);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(DOC, "Caf\\u00e9 \\u2014 " + DOC));
    clearSnapshotCache();
    const result = readSnapshot(dir, listSnapshots(dir)[0]!);
    expect(result.status).toBe("ok");
    expect(result.status === "ok" && result.schema.doc).toBe(`Café — ${DOC}`);
  });
});

const DOC = "Avro Event Format for CloudEvents created with openedx_events/schema";
