/**
 * tests/fixtures/python-schemas holds snapshots in the exact format openedx-events writes
 * (`json.dump(schema, f, indent=2)`: two-space indentation, no trailing newline, ASCII only),
 * and TypeScript sources of the same events. A schema directory written by the Python library
 * must be usable as is.
 */
import fs from "node:fs";
import path from "node:path";
import avro from "avsc";
import { ESLint, type Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../index.js";
import { avroSchemaError, formatSchema, toAvroSchema } from "../../lib/avro/index.js";
import { analyzeFilePath } from "../../lib/model/index.js";
import { resolveSettings } from "../../lib/settings.js";
import { listSnapshots, readSnapshot, snapshotFileName } from "../../lib/snapshots/index.js";
import { runCli } from "../../lib/cli/main.js";
import { resetCaches } from "../../lib/testing.js";
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
    resetCaches("snapshots");
    const eventTypes = listSnapshots(SCHEMAS);
    expect(eventTypes.map(snapshotFileName).sort()).toEqual(files);
    for (const eventType of eventTypes) expect(readSnapshot(SCHEMAS, eventType).status).toBe("ok");
  });

  it("hold, byte for byte, the text `generate` writes for the TypeScript sources", () => {
    const settings = resolveSettings({});
    const signals = analyzeFilePath(path.join(PYTHON, "src", "signals.ts"), settings).signals;
    expect(signals.map((s) => snapshotFileName(s.eventType!)).sort()).toEqual(files);
    for (const signal of signals) {
      const { schema, problems } = toAvroSchema(signal, settings);
      expect(problems).toEqual([]);
      const python = fs.readFileSync(path.join(SCHEMAS, snapshotFileName(signal.eventType!)), "utf8");
      expect(formatSchema(schema!)).toBe(python);
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
    expect(out.stdout()).toBe("5 events: 0 written, 5 unchanged, 0 skipped, 0 problems\n");
    expect(code).toBe(0);
    const after = fs.readdirSync(path.join(dir, "schemas")).map((file) => fs.readFileSync(path.join(dir, "schemas", file), "utf8"));
    expect(after).toEqual(before);
  });

  it("are written by `generate --all` into an empty directory exactly as the Python library wrote them", async () => {
    const dir = copyToTemp(PYTHON);
    fs.rmSync(path.join(dir, "schemas"), { recursive: true });
    const out = memoryIO(dir);
    const code = await runCli(["generate", "--all", "--src", "src", "--schema-dir", "schemas", "--quiet"], out.io);
    expect(out.stdout()).toBe("5 events: 5 written, 0 unchanged, 0 skipped, 0 problems\n");
    expect(code).toBe(0);
    expect(fs.readdirSync(path.join(dir, "schemas")).sort()).toEqual(files);
    for (const file of files) {
      expect(fs.readFileSync(path.join(dir, "schemas", file)), file).toEqual(fs.readFileSync(path.join(SCHEMAS, file)));
    }
  });

  it("a snapshot that only adds a trailing newline is the same snapshot to `generate`", async () => {
    const dir = copyToTemp(PYTHON);
    const file = path.join(dir, "schemas", files[0]!);
    fs.appendFileSync(file, "\n");
    const out = memoryIO(dir);
    expect(await runCli(["generate", "--all", "--src", "src", "--schema-dir", "schemas", "--quiet"], out.io)).toBe(0);
    expect(out.stdout()).toBe("5 events: 0 written, 5 unchanged, 0 skipped, 0 problems\n");
    expect(fs.readFileSync(file, "utf8").endsWith("}\n")).toBe(true);
  });

  it("a non-ASCII character escaped the Python way (ensure_ascii) reads as the character", () => {
    const dir = copyToTemp(SCHEMAS);
    const file = path.join(dir, files[0]!);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(DOC, "Caf\\u00e9 \\u2014 " + DOC));
    resetCaches("snapshots");
    const result = readSnapshot(dir, listSnapshots(dir)[0]!);
    expect(result.status).toBe("ok");
    expect(result.status === "ok" && result.schema.doc).toBe(`Café — ${DOC}`);
  });
});

const DOC = "Avro Event Format for CloudEvents created with openedx_events/schema";

describe("an event type with `-`, as openedx-events publishes org.openedx.enterprise.subsidy.redemption-reversed.v1", () => {
  const EVENT = "org.openedx.enterprise.subsidy.redemption-reversed.v1";
  const FILE = path.join(SCHEMAS, "org+openedx+enterprise+subsidy+redemption-reversed+v1_schema.avsc");

  const lint = async (rules: Linter.RulesRecord = {}) => {
    const eslint = new ESLint({
      cwd: PYTHON,
      overrideConfigFile: true,
      overrideConfig: [
        plugin.configs.recommended,
        { rules, settings: { "openedx-events": { sourceDirs: ["src"], schemaDir: "schemas" } } },
      ],
    });
    return (await eslint.lintFiles(["src"])).flatMap((result) =>
      result.messages.map((m) => ({ file: path.basename(result.filePath), ruleId: m.ruleId, line: m.line, message: m.message })),
    );
  };

  it("is refused by avsc, a strict parser, and accepted by our own validation, which decides", () => {
    const schema = JSON.parse(fs.readFileSync(FILE, "utf8")) as Record<string, unknown>;
    expect(() => avro.Type.forSchema(schema as avro.Schema)).toThrow(/invalid name/);
    expect(avroSchemaError(schema)).toBeNull();
    // avsc reads the same schema once the namespace is one it accepts: only the namespace differs.
    expect(() => avro.Type.forSchema({ ...schema, namespace: "org.openedx.enterprise.subsidy.redemption_reversed.v1" } as avro.Schema)).not.toThrow();
    resetCaches("snapshots");
    expect(readSnapshot(SCHEMAS, EVENT).status).toBe("ok");
  });

  it("gets no report from configs.recommended", async () => {
    expect(await lint()).toEqual([]);
  });

  it("is reported, and only it, by valid-event-type's opt-in strictAvroNamespace", async () => {
    expect(await lint({ "openedx-events/valid-event-type": ["error", { strictAvroNamespace: true }] })).toEqual([
      {
        file: "signals.ts",
        ruleId: "openedx-events/valid-event-type",
        line: 41,
        message:
          "Event type `org.openedx.enterprise.subsidy.redemption-reversed.v1`: the segment `redemption-reversed` is not an Avro name (it holds `-`). The event type is the `namespace` of the event's Avro schema: openedx-events writes and reads it, but strict Avro parsers (avsc, the Java library, Confluent's Schema Registry) reject such a namespace, so a consumer that uses one cannot read the event. Use `org.openedx.enterprise.subsidy.redemption_reversed.v1`.",
      },
    ]);
  });

  it("is compatible with itself under every mode (`compat` judges it, though avsc refuses it)", async () => {
    const out = memoryIO(SCHEMAS);
    expect(await runCli(["compat", "--reader", FILE, "--writer", FILE], out.io)).toBe(0);
  });
});
