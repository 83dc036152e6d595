/**
 * In an editor, every keystroke models the edited file anew: its unchanged signals must get the
 * schema they had, without it being built again, and a signal whose schema would differ (another
 * data class, other settings) or carries problems (placed in this model's source) never gets
 * another model's result.
 */
import fs from "node:fs";
import { parse } from "@typescript-eslint/typescript-estree";
import { beforeEach, describe, expect, it } from "vitest";
import { toAvroSchema } from "../../lib/avro/index.js";
import { analyzeProgram, type SignalDeclaration } from "../../lib/model/index.js";
import { resolveSettings } from "../../lib/settings.js";
import { resetCaches } from "../../lib/testing.js";
import { tempProject } from "../helpers.js";

function project(): { signals: string; data: string } {
  const { files } = tempProject("schema-reuse", {
    "data.ts": "export class UserData {\n  readonly id!: number;\n  readonly tags!: Record<string, string>;\n}\nexport class Plain {\n  readonly ok!: boolean;\n}\n",
    "signals.ts": [
      'import { UserData, Plain } from "./data";',
      "/** A. */",
      'export const A = new OpenEdxPublicSignal({ event_type: "org.openedx.test.reuse.a.v1", data: { plain: Plain, when: Date } });',
      "/** B. */",
      'export const B = new OpenEdxPublicSignal({ event_type: "org.openedx.test.reuse.b.v1", data: { user: UserData } });',
      "/** C. */",
      'export const C = new OpenEdxPublicSignal({ event_type: "org.openedx.test.reuse.c.v1", data: { bad: Symbol } });',
      "",
    ].join("\n"),
  });
  return { signals: files["signals.ts"], data: files["data.ts"] };
}

/** What ESLint hands the rules on a re-lint: a new AST of the buffer, modelled anew. */
function lint(file: string, text: string, settings = resolveSettings({})): readonly SignalDeclaration[] {
  return analyzeProgram(file, text, parse(text, { loc: true, range: true, comment: true }), settings).signals;
}

beforeEach(() => {
  resetCaches("sources", "models");
});

describe("schemas across re-lints of an edited buffer", () => {
  it("an unchanged signal gets the schema it had, the same result; an edited doc changes nothing", () => {
    const { signals } = project();
    const text = fs.readFileSync(signals, "utf8");
    const settings = resolveSettings({});
    const [a1, b1] = lint(signals, text, settings);
    const [a2, b2] = lint(signals, text.replace("/** A. */", "/** A, edited. */"), settings);
    expect(a2).not.toBe(a1);
    expect(toAvroSchema(a2!, settings)).toBe(toAvroSchema(a1!, settings));
    // The same schema as built from scratch (other settings object, same values: nothing shared).
    expect(toAvroSchema(a2!, settings)).toEqual(toAvroSchema(a1!, resolveSettings({ allowMaps: false })));
    // Not with other settings: maps are allowed there, so B's schema differs.
    const allowMaps = resolveSettings({ allowMaps: true });
    expect(toAvroSchema(b1!, settings).json).toBeNull();
    expect(toAvroSchema(b2!, allowMaps).json).toContain('"type":"map"');
  });

  it("a signal whose schema carries problems keeps its own, placed in its own source", () => {
    const { signals } = project();
    const text = fs.readFileSync(signals, "utf8");
    const settings = resolveSettings({});
    const c1 = lint(signals, text, settings)[2]!;
    const shifted = "// a line above\n" + text;
    const c2 = lint(signals, shifted, settings)[2]!;
    const [r1, r2] = [toAvroSchema(c1, settings), toAvroSchema(c2, settings)];
    expect(r2).not.toBe(r1);
    expect(r1.problems.map((p) => p.span.loc.start.line)).toEqual([7]);
    expect(r2.problems.map((p) => p.span.loc.start.line)).toEqual([8]);
  });

  it("a data class changed on disk gives a new schema", () => {
    const { signals, data } = project();
    const text = fs.readFileSync(signals, "utf8");
    const settings = resolveSettings({});
    const a1 = lint(signals, text, settings)[0]!;
    expect(toAvroSchema(a1, settings).json).toContain('"name":"ok"');
    fs.writeFileSync(data, fs.readFileSync(data, "utf8").replace("readonly ok!: boolean;", "readonly ok!: boolean;\n  readonly more!: string;"));
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(data, later, later);
    const a2 = lint(signals, text, settings)[0]!;
    expect(toAvroSchema(a2, settings)).not.toBe(toAvroSchema(a1, settings));
    expect(toAvroSchema(a2, settings).json).toContain('"name":"more"');
  });
});
