/**
 * Findings as lib/checks gives them, without ESLint: a code (message id), the data the message
 * names, a span and edits; and the model's causes they are chosen by.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHECKS, createCheckContext, formatMessage, noRemovedFields, schemaSnapshot, supportedFieldTypes, type Edit } from "../../lib/checks/index.js";
import { resolveSettings } from "../../lib/settings.js";
import { getSourceFile, realPathOf } from "../../lib/source/index.js";
import { fixture, tempProject } from "../helpers.js";

const SRC = realPathOf(fixture("parity", "supported-field-types", "src"));
const settings = resolveSettings({ sourceDirs: [SRC], schemaDir: path.join(SRC, "..", "schemas") });

function contextOf(file: string) {
  const filename = path.join(SRC, file);
  const source = getSourceFile(filename);
  return createCheckContext({ filename, text: source.text, program: source.ast!, origin: "disk" }, settings, SRC);
}

function apply(text: string, edit: Edit): string {
  return text.slice(0, edit.range[0]) + edit.text + text.slice(edit.range[1]);
}

describe("supported-field-types findings", () => {
  const context = contextOf("data.ts");
  const findings = supportedFieldTypes.run(context, supportedFieldTypes.defaultOptions);
  const byPath = (field: string) => findings.find((finding) => finding.data["path"] === `profile.${field}`)!;

  it("say which kind of problem each is by message id, chosen from the model's cause, not its words", () => {
    expect(Object.fromEntries(findings.map((f) => [f.data["path"] ?? f.data["where"], f.messageId]))).toMatchObject({
      "profile.extra": "dictType",
      "profile.nickname": "optionalField",
      "profile.tags": "optionalField",
      "profile.choice": "unsupportedType",
      "profile.price": "unknownClass",
      "profile.helper": "unknownClass",
      "profile.missing": "unresolvedType",
      "profile.payload": "unsupportedType",
      "profile.parent": "unsupportedType",
    });
    // A file that cannot be parsed, and re-exports in a loop, are not missing imports.
    expect(findings.filter((f) => f.messageId === "unreadableDefinition").map((f) => f.data["where"])).toEqual([", field `profile.broken`", ", field `profile.looped`"]);
  });

  it("carry the data their message names", () => {
    expect(byPath("price").data).toMatchObject({ reason: "`Money` comes from the package 'some-money-package', which the plugin does not read", name: "Money" });
    expect(byPath("helper").data).toMatchObject({ reason: "the class `Helper` declares no fields, so it is neither a data class nor a custom type", name: "Helper" });
    expect(byPath("missing").data).toMatchObject({ reason: "cannot find module './nowhere' from data.ts" });
    expect(byPath("extra").eventType).toBe("org.openedx.learning.profile.updated.v1");
    expect(byPath("extra").events).toEqual(["org.openedx.learning.profile.updated.v1"]);
  });

  it("are worded by the check's messages, as ESLint words them (in a data file, no advice to list the event: no signal is here)", () => {
    const missing = byPath("missing");
    expect(formatMessage(CHECKS["supported-field-types"]!.messages[missing.messageId]!, missing.data)).toBe(
      "Event `org.openedx.learning.profile.updated.v1`, field `profile.missing`: `Missing` cannot be resolved (cannot find module './nowhere' from data.ts), so its Avro type is unknown. Import it with a relative path from the file that declares it; if it is a custom type, list it in settings[\"openedx-events\"].customTypes.",
    );
  });

  it("place an optional field from its `?` to the end of its type, and suggest one edit", () => {
    const nickname = byPath("nickname");
    expect(context.text.slice(nickname.span.range[0], nickname.span.range[1])).toBe("?: string");
    expect(nickname.span.loc.start).toEqual({ line: 22, column: 20 });
    const [suggestion] = nickname.suggestions;
    expect(suggestion!.data).toEqual({ fixed: "nickname: string | null = null" });
    expect(apply(context.text, suggestion!.edit).split("\n")[21]).toBe("  readonly nickname : string | null = null;");
    const tags = byPath("tags").suggestions[0]!;
    expect(apply(context.text, tags.edit).split("\n")[22]).toBe("  readonly tags: string[] | null = null;");
  });
});

describe("the model's causes", () => {
  it("tell a missing import, an unreadable file and a re-export loop apart", () => {
    const context = contextOf("signals.ts");
    const [signal] = context.model.signals;
    const causes = Object.fromEntries(context.schemaOf(signal!).problems.map((p) => [p.path, p.type?.cause.id ?? null]));
    expect(causes).toMatchObject({
      "profile.missing": "unresolved",
      "profile.broken": "unreadable-module",
      "profile.looped": "export-cycle",
      "profile.price": "external-package",
      "profile.color": "enum",
    });
  });
});

describe("schema-snapshot and no-removed-fields", () => {
  const EVENT = "org.openedx.learning.thing.changed.v1";
  const snapshot = (b: unknown) =>
    JSON.stringify({
      name: "CloudEvent",
      type: "record",
      doc: "Avro Event Format for CloudEvents created with openedx_events/schema",
      fields: [{ name: "a", type: "string" }, { name: "b", ...(b as object) }],
      namespace: EVENT,
    });

  it("judge one reading of the snapshots per file: a snapshot rewritten between the two changes neither", () => {
    const { dir, files } = tempProject("one-reading", {
      "signals.ts": `/** x */\nexport const THING_CHANGED = new OpenEdxPublicSignal<{ a: string }>({ event_type: "${EVENT}" });\n`,
      "org+openedx+learning+thing+changed+v1_schema.avsc": snapshot({ type: "string" }),
    });
    const projectSettings = resolveSettings({ sourceDirs: [dir], schemaDir: dir });
    const contextOfSignals = () => {
      const source = getSourceFile(files["signals.ts"]);
      return createCheckContext({ filename: files["signals.ts"], text: source.text, program: source.ast!, origin: "disk" }, projectSettings, dir);
    };
    const context = contextOfSignals();
    // `b` (a string, no default) was removed: FORWARD_TRANSITIVE refuses it, so schema-snapshot reports it and no-removed-fields leaves it.
    expect(schemaSnapshot.run(context, {}).map((f) => f.messageId)).toEqual(["incompatible"]);
    // Rewritten with a default, the removal is no longer the mode's to report, but no-removed-fields' (as a new context sees).
    fs.writeFileSync(files["org+openedx+learning+thing+changed+v1_schema.avsc"], snapshot({ type: ["null", "string"], default: null }));
    expect(noRemovedFields.run(contextOfSignals(), {}).map((f) => f.messageId)).toEqual(["removedKey"]);
    // The file being checked keeps the reading its schema-snapshot findings came from: `b` is reported once.
    expect(noRemovedFields.run(context, {})).toEqual([]);
  });
});
