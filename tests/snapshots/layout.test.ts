/**
 * A snapshot identical to the schema generated now is recognised on its bytes, and its text is not
 * kept when it has the layout openedx-events writes (it can be written again): the result must be
 * the one the text path gives, byte for byte.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { formatSchema, type CloudEventSchema } from "../../lib/avro/index.js";
import { readSnapshot, snapshotFileName, type KnownSchema, type SnapshotSchema } from "../../lib/snapshots/index.js";
import { resetCaches } from "../../lib/testing.js";
import { spacedJsonLayout } from "../../lib/snapshots/json.js";
import { parseSnapshotText, recogniseSnapshotBytes } from "../../lib/snapshots/parse.js";

const EVENT = "org.openedx.test.layout.created.v1";
const SCHEMA = {
  name: "CloudEvent",
  type: "record",
  doc: "Avro Event Format for CloudEvents created with openedx_events/schema",
  fields: [
    { name: "user", type: { name: "UserData", type: "record", fields: [{ name: "id", type: "long" }, { name: "tags", type: { type: "array", items: "string" } }] } },
    { name: "empty", type: { name: "Empty", type: "record", fields: [] } },
    { name: "quote", type: "string", doc: 'a "quoted" \\ value: [with] {brackets}, and: colons' },
  ],
  namespace: EVENT,
} as unknown as SnapshotSchema;
const known: KnownSchema = { schema: SCHEMA, json: JSON.stringify(SCHEMA) };
const canonical = formatSchema(SCHEMA as unknown as CloudEventSchema);
const bytes = (text: string) => new TextEncoder().encode(text);

/** Whether `text` is JSON whose value is written `compact`: what a snapshot read by parsing gives. */
function parsesTo(text: string, compact: string): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === compact;
  } catch {
    return false;
  }
}

describe("spacedJsonLayout", () => {
  it("calls the layout openedx-events writes canonical, and every other spacing of the same JSON spaced", () => {
    expect(spacedJsonLayout(bytes(canonical), known.json, 64)).toBe("canonical");
    for (const text of [
      known.json,
      JSON.stringify(SCHEMA, null, 4),
      canonical + "\n",
      "\ufeff" + canonical,
      canonical.replace(/\n/g, "\r\n"),
      canonical.replace(/\n/g, " "),
      canonical.replace(/\n {2}/, "\n\t "),
      canonical.replace('"name": "CloudEvent"', '"name" : "CloudEvent"'),
      canonical.replace('"fields": []', '"fields": [ ]'),
    ]) {
      expect(spacedJsonLayout(bytes(text), known.json, 64), JSON.stringify(text.slice(0, 40))).toBe("spaced");
    }
  });

  it("recognises nothing else: other JSON, a changed string, a trailing token, too deep, or a non-ASCII schema", () => {
    expect(spacedJsonLayout(bytes(canonical.replace('"long"', '"int"')), known.json, 64)).toBeNull();
    expect(spacedJsonLayout(bytes(canonical.replace("colons", "colon")), known.json, 64)).toBeNull();
    expect(spacedJsonLayout(bytes(canonical + "]"), known.json, 64)).toBeNull();
    expect(spacedJsonLayout(bytes(canonical.slice(0, -1)), known.json, 64)).toBeNull();
    expect(spacedJsonLayout(bytes(canonical), known.json, 3)).toBeNull();
  });

  it("compares characters beyond ASCII as their UTF-8 bytes: never canonical, since openedx-events writes them escaped", () => {
    for (const compact of ['{"a":"é"}', '{"a":"日本"}', '{"a":"🎉 x"}', '{"a":"\u007f"}']) {
      const value = JSON.parse(compact) as unknown;
      const encoded = bytes(compact);
      expect(spacedJsonLayout(encoded, compact, 64), compact).toBe("spaced");
      expect(spacedJsonLayout(bytes(JSON.stringify(value, null, 2)), compact, 64), compact).toBe("spaced");
      // The same value written as openedx-events writes it, escaped: other bytes, read by parsing.
      expect(spacedJsonLayout(bytes(formatSchema(value as CloudEventSchema)), compact, 64), compact).toBeNull();
      // Another character instead, and the bytes cut right after the first byte of the character.
      expect(spacedJsonLayout(bytes(compact.replace(/[^\x00-\x7e]/u, "ü")), compact, 64), compact).toBeNull();
      expect(spacedJsonLayout(encoded.subarray(0, encoded.findIndex((b) => b > 0x7e) + 1), compact, 64), compact).toBeNull();
    }
    // A lone surrogate, which no UTF-8 file holds.
    expect(spacedJsonLayout(bytes('{"a":"\ufffd"}'), '{"a":"\ud800"}', 64)).toBeNull();
  });

  it("recognises exactly the texts JSON.parse reads as the same JSON, on any JSON and spacing: canonical exactly for JSON.stringify(value, null, 2)", () => {
    const ascii = fc.string({ unit: fc.constantFrom("a", "b", " ", ":", ",", "{", "}", "[", "]", '"', "\\", "\n", "\u0001") });
    const value = fc
      .oneof(fc.jsonValue({ maxDepth: 4, stringUnit: "grapheme-ascii" }), fc.jsonValue({ maxDepth: 4, stringUnit: "grapheme" }))
      .map((v) => v as unknown);
    const spaces = fc.array(fc.constantFrom("", " ", "  ", "\n", "\r\n", "\t", "\n  ", "\n    "), { minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(fc.oneof(value, ascii), spaces, fc.boolean(), (v, gaps, pretty) => {
        const compact = JSON.stringify(v);
        let text = pretty ? JSON.stringify(v, null, 2) : compact;
        if (!pretty) {
          // Insert white space between tokens (outside strings) to make another layout.
          let out = "";
          let inString = false;
          for (let i = 0, g = 0; i < compact.length; i++) {
            const c = compact[i]!;
            if (!inString) out += gaps[g++ % gaps.length];
            out += c;
            if (inString && c === "\\") out += compact[++i];
            else if (c === '"') inString = !inString;
          }
          text = out;
        }
        const layout = spacedJsonLayout(bytes(text), compact, 64);
        expect(layout !== null).toBe(parsesTo(text, compact));
        // openedx-events escapes what is not printable ASCII: such a text is never its layout.
        expect(layout === "canonical").toBe(text === JSON.stringify(v, null, 2) && !/[\u007f-\uffff]/.test(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe("a snapshot recognised on its bytes", () => {
  it("reads as the text path reads it, text included, without keeping the text", () => {
    const recognised = recogniseSnapshotBytes(bytes(canonical), EVENT, 64, known)!;
    expect(recognised).toEqual(parseSnapshotText(canonical, EVENT, { maxDepth: 64 }));
    expect(Object.getOwnPropertyDescriptor(recognised, "text")?.get).toBeTypeOf("function");
    expect(recognised.text).toBe(canonical);
    const spaced = recogniseSnapshotBytes(bytes(known.json), EVENT, 64, known)!;
    expect(spaced.text).toBe(known.json);
    // Another event's file name: the text path explains the namespace.
    expect(recogniseSnapshotBytes(bytes(canonical), "org.openedx.test.other.v1", 64, known)).toBeNull();
  });

  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    resetCaches("snapshots");
  });

  it("reads white space inside a literal (`nu ll`) as the text it is, not JSON, with or without the generated schema", () => {
    const nullable = {
      ...SCHEMA,
      fields: [...SCHEMA.fields, { name: "maybe", type: ["null", "string"], default: null }],
    } as unknown as SnapshotSchema;
    const knownNullable: KnownSchema = { schema: nullable, json: JSON.stringify(nullable) };
    const written = formatSchema(nullable as unknown as CloudEventSchema);
    expect(written).toContain('"default": null');
    const broken = written.replace('"default": null', '"default": nu ll');
    expect(() => JSON.parse(broken) as unknown).toThrow();
    expect(spacedJsonLayout(bytes(broken), knownNullable.json, 64)).toBeNull();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "snapshot-layout-"));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, snapshotFileName(EVENT)), broken);
    for (const options of [{ known: knownNullable }, {}]) {
      resetCaches("snapshots");
      expect(readSnapshot(dir, EVENT, options)).toMatchObject({ status: "problem", kind: "not-json" });
    }
  });

  it("gives readSnapshot the same result with or without the generated schema, history included", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "snapshot-layout-"));
    dirs.push(dir);
    const file = snapshotFileName(EVENT);
    fs.writeFileSync(path.join(dir, file), canonical);
    fs.writeFileSync(path.join(dir, file.replace(/\.avsc$/, ".v1.avsc")), known.json + "\n");
    resetCaches("snapshots");
    const withKnown = readSnapshot(dir, EVENT, { known });
    resetCaches("snapshots");
    const withoutKnown = readSnapshot(dir, EVENT);
    expect(withKnown).toEqual(withoutKnown);
    expect(withKnown.status === "ok" && withKnown.text).toBe(canonical);
    expect(withKnown.status === "ok" && withKnown.history[0]!.status === "ok" && withKnown.history[0]!.text).toBe(known.json + "\n");
  });
});
