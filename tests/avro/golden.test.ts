import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import avro from "avsc";
import { beforeAll, describe, expect, it } from "vitest";
import { avroSchemaError, CLOUD_EVENT_DOC, formatSchema, toAvroSchema } from "../../lib/avro/index.js";
import { loadCatalog, type Catalog } from "../../lib/catalog/index.js";
import { resetCaches } from "../../lib/testing.js";
import { isStrictAvroNamespace } from "../../lib/naming/index.js";
import { resolveSettings } from "../../lib/settings.js";
import { snapshotFileName } from "../../lib/snapshots/index.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const SRC = path.join(ROOT, "examples", "src");
const SCHEMAS = path.join(ROOT, "examples", "schemas");
const settings = resolveSettings({});

let catalog: Catalog;
const goldenFiles = fs.readdirSync(SCHEMAS).filter((name) => name.endsWith(".avsc")).sort();

beforeAll(() => {
  resetCaches("sources", "models");
  catalog = loadCatalog([SRC], () => settings);
});

describe("the example catalog against its hand-written snapshots", () => {
  it("reads every example file", () => {
    expect(catalog.unreadable).toEqual([]);
    // Every signal has a literal event type, and no event type is declared twice.
    const types = catalog.signals.map((s) => s.eventType);
    expect(types.every((t) => typeof t === "string")).toBe(true);
    expect(new Set(types).size).toBe(types.length);
  });

  it.each(goldenFiles)("%s is the generated schema, byte for byte", (name) => {
    const signal = catalog.signals.find((s) => s.eventType !== null && snapshotFileName(s.eventType) === name);
    expect(signal, `no signal in examples/src produces ${name}`).toBeDefined();
    const { schema, problems } = toAvroSchema(signal!, settings);
    expect(problems).toEqual([]);
    expect(formatSchema(schema!)).toBe(fs.readFileSync(path.join(SCHEMAS, name), "utf8"));
  });

  it("has a snapshot for every signal that can be serialized, and none for the others", () => {
    const serializable = catalog.signals.filter((s) => toAvroSchema(s, settings).schema !== null);
    const missing = serializable.map((s) => snapshotFileName(s.eventType!)).filter((name) => !goldenFiles.includes(name));
    expect(missing).toEqual([]);
    expect(serializable.length).toBe(goldenFiles.length);
    // The signals that cannot be serialized are only the planted mistakes of the demo.
    const unserializable = catalog.signals.filter((s) => !serializable.includes(s));
    for (const signal of unserializable) {
      expect(path.relative(SRC, signal.file).split(path.sep)[0]).toBe("planted_mistakes");
      expect(goldenFiles).not.toContain(snapshotFileName(signal.eventType!));
    }
  });

  it.each(goldenFiles)("%s is valid Avro in the openedx-events shape", (name) => {
    const text = fs.readFileSync(path.join(SCHEMAS, name), "utf8");
    const json = JSON.parse(text) as { name: string; type: string; doc: string; namespace: string; fields: unknown[] };
    expect(avroSchemaError(json)).toBeNull();
    // avsc, a strict parser, refuses a namespace with `-` (as openedx-events writes it); it reads every other one.
    if (isStrictAvroNamespace(json.namespace)) expect(() => avro.Type.forSchema(json as avro.Schema, { wrapUnions: true })).not.toThrow();
    expect(Object.keys(json)).toEqual(["name", "type", "doc", "fields", "namespace"]);
    expect([json.name, json.type, json.doc]).toEqual(["CloudEvent", "record", CLOUD_EVENT_DOC]);
    expect(snapshotFileName(json.namespace)).toBe(name);
    expect(text).toBe(JSON.stringify(json, null, 2));
  });

  it("covers at least 15 events in at least 3 subdomains", () => {
    // Counted without the demo's planted mistakes, and only events with a snapshot.
    const types = catalog.signals
      .filter((s) => !s.file.includes(`${path.sep}planted_mistakes${path.sep}`))
      .map((s) => s.eventType!)
      .filter((t) => goldenFiles.includes(snapshotFileName(t)));
    expect(types.length).toBeGreaterThanOrEqual(15);
    const subdomains = new Set(types.map((t) => t.split(".")[2]));
    expect(subdomains.size).toBeGreaterThanOrEqual(3);
    const directories = new Set(
      catalog.signals.map((s) => path.relative(SRC, path.dirname(s.file))).filter((dir) => dir !== "planted_mistakes"),
    );
    expect(directories.size).toBeGreaterThanOrEqual(3);
    expect(directories.has("")).toBe(false);
  });

  it("exercises both signal forms and both spellings of the event type key", () => {
    expect(new Set(catalog.signals.map((s) => s.form))).toEqual(new Set(["data", "type"]));
    const texts = catalog.files.map((f) => fs.readFileSync(f.file, "utf8")).join("\n");
    expect(texts).toMatch(/\beventType:/);
    expect(texts).toMatch(/\bevent_type:/);
    expect(texts).toMatch(/=\s*OpenEdxPublicSignal\(/);
    expect(texts).toMatch(/=\s*new OpenEdxPublicSignal[<(]/);
  });
});
