import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../index.js";
import { runCli } from "../../lib/cli/main.js";
import { PYTHON, caseDir, copyToTemp, evolutionCases, memoryIO } from "../evolution/helpers.js";

async function check(cwd: string, argv: string[]) {
  const out = memoryIO(cwd);
  const code = await runCli(["check", ...argv], out.io);
  return { code, stdout: out.stdout(), stderr: out.stderr() };
}

const EVOLUTION_RULES = ["openedx-events/schema-snapshot", "openedx-events/no-removed-fields", "openedx-events/frozen-data-classes"];
const SNAPSHOT = "previous/schemas/org+openedx+test+enrollment+created+v1_schema.avsc";

describe("check on snapshots written by the Python library", () => {
  const dir = copyToTemp(PYTHON);

  it("reads them as is (text output)", async () => {
    const { code, stdout, stderr } = await check(dir, ["--src", "src", "--schema-dir", "schemas"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        "ok        org.openedx.learning.course.enrollment.created.v1",
        "ok        org.openedx.learning.certificate.created.v1",
        "ok        org.openedx.learning.xblock.skill.verified.v1",
        "ok        org.openedx.content_authoring.xblock.published.v1",
        "ok        org.openedx.enterprise.subsidy.redemption-reversed.v1",
        "5 events checked, 0 problems",
        "",
      ].join("\n"),
    );
  });

  it.each(["NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE"])(
    "finds nothing under %s",
    async (mode) => {
      const { code, stdout } = await check(dir, ["--src", "src", "--schema-dir", "schemas", "--mode", mode, "--quiet"]);
      expect(code).toBe(0);
      expect(stdout).toBe("5 events checked, 0 problems\n");
    },
  );
});

describe("check runs the checks of the rules", () => {
  const removed = copyToTemp(caseDir("class-field-removed"));
  const args = ["--src", "current", "--schema-dir", "previous/schemas"];
  const FROZEN =
    `\`UserData.is_active\` (boolean) was removed, but \`UserData\` is pinned by the snapshot \`${SNAPSHOT}\` of \`org.openedx.test.enrollment.created.v1\`. ` +
    "A data class never changes once in use (ADR 6), even where Avro would tolerate it. Restore `is_active`; dropping data takes a new data class in a new event type (`.v2`).";
  const INCOMPATIBLE =
    "`enrollment.user.is_active` (boolean) was removed from `UserData` (current/data.ts:9): event `org.openedx.test.enrollment.created.v1` is no longer FORWARD_TRANSITIVE " +
    `compatible with the snapshot \`${SNAPSHOT}\`. Under FORWARD_TRANSITIVE producers upgrade first, so consumers still on the old schema cannot read events that lack ` +
    "`enrollment.user.is_active`. Fix: restore `enrollment.user.is_active` (boolean), or publish the change as a new event type `org.openedx.test.enrollment.created.v2`.";

  it("text: problems by file, then the summary; exit 1", async () => {
    const { code, stdout } = await check(removed, args);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        "",
        "current/data.ts",
        `  9:14  ${FROZEN}  openedx-events/frozen-data-classes`,
        "",
        "current/signals.ts",
        `  8:17  ${INCOMPATIBLE}  openedx-events/schema-snapshot`,
        "",
        "1 event checked, 2 problems",
        "",
      ].join("\n"),
    );
  });

  it("github: one annotation per problem, with the exact range", async () => {
    const { code, stdout } = await check(removed, [...args, "--format", "github"]);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        `::error file=current/data.ts,line=9,col=14,endLine=9,endColumn=22,title=openedx-events/frozen-data-classes::${FROZEN}`,
        `::error file=current/signals.ts,line=8,col=17,endLine=8,endColumn=31,title=openedx-events/schema-snapshot::${INCOMPATIBLE}`,
        "1 event checked, 2 problems",
        "",
      ].join("\n"),
    );
  });

  it("json", async () => {
    const { code, stdout } = await check(removed, [...args, "--format", "json"]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      eventsChecked: 1,
      problemCount: 2,
      problems: [
        {
          rule: "openedx-events/frozen-data-classes",
          messageId: "fieldRemoved",
          eventType: null,
          file: "current/data.ts",
          line: 9,
          column: 14,
          endLine: 9,
          endColumn: 22,
          message: FROZEN,
        },
        {
          rule: "openedx-events/schema-snapshot",
          messageId: "incompatible",
          eventType: "org.openedx.test.enrollment.created.v1",
          file: "current/signals.ts",
          line: 8,
          column: 17,
          endLine: 8,
          endColumn: 31,
          message: INCOMPATIBLE,
        },
      ],
      unreadable: [],
      summary: "1 event checked, 2 problems",
    });
  });

  it("--mode overrides the setting; BACKWARD allows the removal, the class is still frozen", async () => {
    const { code, stdout } = await check(removed, [...args, "--mode", "backward", "--format", "json"]);
    expect(code).toBe(1);
    expect((JSON.parse(stdout) as { problems: { rule: string }[] }).problems.map((p) => p.rule)).toEqual(["openedx-events/frozen-data-classes"]);
  });

  it("escapes GitHub annotation properties and data", async () => {
    const dir = copyToTemp(caseDir("class-field-removed"));
    fs.renameSync(path.join(dir, "current"), path.join(dir, "cur,rent:x"));
    const { stdout } = await check(dir, ["--src", "cur,rent:x", "--schema-dir", "previous/schemas", "--format", "github"]);
    expect(stdout.split("\n")[0]).toMatch(/^::error file=cur%2Crent%3Ax\/data\.ts,line=9,/);
  });

  /** What ESLint reports with the three evolution rules, in check's JSON shape. */
  async function eslintProblems(dir: string, compatibility: string) {
    const eslint = new ESLint({
      cwd: dir,
      overrideConfigFile: true,
      overrideConfig: [
        {
          ...plugin.configs.recommended,
          files: ["**/*.ts"],
          rules: Object.fromEntries(EVOLUTION_RULES.map((rule) => [rule, "error"])),
          settings: { "openedx-events": { sourceDirs: ["current"], schemaDir: "previous/schemas", compatibility } },
        },
      ],
    });
    const results = await eslint.lintFiles(["current"]);
    return results
      .flatMap((result) =>
        result.messages
          .filter((m) => m.ruleId !== null && EVOLUTION_RULES.includes(m.ruleId))
          .map((m) => ({
            rule: m.ruleId,
            file: path.relative(dir, result.filePath),
            line: m.line,
            column: m.column,
            endLine: m.endLine,
            endColumn: m.endColumn,
            message: m.message,
          })),
      )
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.message < b.message ? -1 : 1)));
  }

  const combos = evolutionCases().flatMap((name) => ["FORWARD_TRANSITIVE", "BACKWARD", "FULL_TRANSITIVE", "NONE"].map((mode) => [name, mode] as const));
  it.each(combos)("%s under %s: the same findings as ESLint, at the same places", async (name, mode) => {
    const dir = copyToTemp(caseDir(name));
    const { stdout } = await check(dir, ["--src", "current", "--schema-dir", "previous/schemas", "--mode", mode, "--format", "json"]);
    const json = JSON.parse(stdout) as { problems: { rule: string; file: string; line: number; column: number; endLine: number; endColumn: number; message: string }[] };
    const fromCheck = json.problems
      .filter((p) => EVOLUTION_RULES.includes(p.rule))
      .map(({ rule, file, line, column, endLine, endColumn, message }) => ({ rule, file, line, column, endLine, endColumn, message }))
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.message < b.message ? -1 : 1)));
    expect(fromCheck).toEqual(await eslintProblems(dir, mode));
  });
});

describe("check reports snapshots it cannot use and types it cannot serialize", () => {
  const dir = copyToTemp(caseDir("bad-snapshots"));
  // Settings come from the user's ESLint config; flags go on top.
  fs.writeFileSync(
    path.join(dir, "eslint.config.mjs"),
    `export default [{ files: ["**/*.ts"], settings: { "openedx-events": { schemaDir: "schemas", knownUnserializableSignals: ["org.openedx.test.bad.skipped.v1"] } } }];\n`,
  );

  it("one problem per signal, known-unserializable ones skipped", async () => {
    const { code, stdout } = await check(dir, ["--format", "json"]);
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as { eventsChecked: number; problems: { rule: string; messageId: string; file: string; line: number; eventType: string }[] };
    expect(json.eventsChecked).toBe(8);
    expect(json.problems.map((p) => [p.file, p.line, p.rule, p.messageId, p.eventType])).toEqual([
      ["data.ts", 9, "openedx-events/supported-field-types", "dictType", "org.openedx.test.bad.unsupported.v1"],
      ["signals.ts", 6, "openedx-events/schema-snapshot", "missingSnapshot", "org.openedx.test.bad.missing.v1"],
      ["signals.ts", 12, "openedx-events/schema-snapshot", "badSnapshot", "org.openedx.test.bad.not_json.v1"],
      ["signals.ts", 18, "openedx-events/schema-snapshot", "badSnapshot", "org.openedx.test.bad.not_avro.v1"],
      ["signals.ts", 24, "openedx-events/schema-snapshot", "badSnapshot", "org.openedx.test.bad.wrong_shape.v1"],
      ["signals.ts", 30, "openedx-events/schema-snapshot", "badSnapshot", "org.openedx.test.bad.wrong_event.v1"],
      ["signals.ts", 36, "openedx-events/schema-snapshot", "badSnapshot", "org.openedx.test.bad.directory.v1"],
      ["signals.ts", 42, "openedx-events/schema-snapshot", "badHistory", "org.openedx.test.bad.history.v1"],
      // What ESLint reports too: the listed signal can in fact be serialized, and the signal file
      // shows on its `data` entry why its event cannot.
      ["signals.ts", 50, "openedx-events/known-unserializable-signals", "staleEntry", "org.openedx.test.bad.skipped.v1"],
      ["signals.ts", 58, "openedx-events/supported-field-types", "dictType", "org.openedx.test.bad.unsupported.v1"],
    ]);
  });

  it("text: the skipped event says why, the missing snapshot says which command writes it", async () => {
    const { stdout } = await check(dir, []);
    expect(stdout).toContain("skipped   org.openedx.test.bad.skipped.v1  listed in knownUnserializableSignals\n");
    expect(stdout).toContain(
      "  6:15  Event `org.openedx.test.bad.missing.v1` has no schema snapshot: `schemas/org+openedx+test+bad+missing+v1_schema.avsc` does not exist. " +
        "Write it with `npx openedx-events-avro generate org.openedx.test.bad.missing.v1` and commit it; from then on every change to this event is checked against it.  openedx-events/schema-snapshot\n",
    );
    expect(stdout).toContain(
      "  9:19  Event `org.openedx.test.bad.unsupported.v1`, field `tagged.tags`: `Record<string, string>` is a dict, and the event bus cannot carry dicts (openedx-events serializes no Avro maps).",
    );
    expect(stdout.endsWith("8 events checked, 10 problems\n")).toBe(true);
  });

  it("--quiet prints the problems and the summary only", async () => {
    const { stdout } = await check(dir, ["--quiet"]);
    expect(stdout).not.toMatch(/^skipped /m);
    expect(stdout).not.toMatch(/^ok /m);
    expect(stdout.endsWith("8 events checked, 10 problems\n")).toBe(true);
  });
});

describe("check exit codes", () => {
  const dir = copyToTemp(PYTHON);

  it("2 for a source directory that cannot be read", async () => {
    const { code, stdout } = await check(dir, ["--src", "src", "--src", "missing", "--schema-dir", "schemas", "--format", "json"]);
    expect(code).toBe(2);
    const json = JSON.parse(stdout) as { unreadable: unknown; summary: string };
    expect(json.unreadable).toEqual([{ file: "missing", reason: "no such file or directory" }]);
    expect(json.summary).toBe("5 events checked, 0 problems, 1 unreadable input");
  });

  it("2 for bad usage", async () => {
    for (const argv of [["--format", "xml"], ["--mode", "SIDEWAYS"], ["stray"]]) {
      const { code, stderr } = await check(dir, argv);
      expect(code, argv.join(" ")).toBe(2);
      expect(stderr).toMatch(/^error: /);
    }
  });

  it("--help", async () => {
    const { code, stdout } = await check(dir, ["--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: openedx-events-avro check /);
  });
});

describe("check names the rule the editor would show", () => {
  it("a problem with the event type itself is valid-event-type's, a field's is supported-field-types'", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-rule-"));
    try {
      fs.writeFileSync(
        path.join(dir, "signals.ts"),
        [
          "const name = \"org.openedx.test.dynamic.v1\";",
          "/** Its event type is not a literal. */",
          "export const DYNAMIC = new OpenEdxPublicSignal({ event_type: name, data: { id: String } });",
          "/** Its event type cannot be a namespace (nor a file name). */",
          "export const BAD = new OpenEdxPublicSignal({ event_type: \"org.openedx.test.nine lives.v1\", data: { id: String } });",
          "/** A dict. */",
          "export const DICT = new OpenEdxPublicSignal({ event_type: \"org.openedx.test.dict.v1\", data: { extra: Object } });",
          "",
        ].join("\n"),
      );
      const { stdout } = await check(dir, ["--src", ".", "--schema-dir", "schemas", "--format", "json"]);
      const json = JSON.parse(stdout) as { problems: { rule: string; messageId: string; line: number }[] };
      expect(json.problems.filter((p) => p.rule !== "openedx-events/schema-snapshot").map((p) => [p.line, p.rule, p.messageId])).toEqual([
        [3, "openedx-events/valid-event-type", "notLiteral"],
        [5, "openedx-events/valid-event-type", "invalidCharacter"],
        [5, "openedx-events/valid-event-type", "tooFewSegments"],
        [7, "openedx-events/valid-event-type", "tooFewSegments"],
        [7, "openedx-events/supported-field-types", "unsupportedType"],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
