/**
 * One check per rule, shared by the editor and the CLI: for every rule, the same project run
 * through real ESLint (the user's eslint.config.mjs, with the built plugin) and through
 * `openedx-events-avro check --format json` (the built CLI, reading that same config) gives the
 * same findings, word for word and at the same places. dist/ is built by `npm test`.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ESLint } from "eslint";
import { afterAll, describe, expect, it } from "vitest";
import { CHECKS } from "../../lib/checks/index.js";
import type { CheckProblem } from "../../lib/cli/check.js";
import { rules } from "../../rules/index.js";
import { fixture } from "../helpers.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PLUGIN = pathToFileURL(path.join(ROOT, "dist", "index.js")).href;
const CLI = path.join(ROOT, "dist", "bin", "openedx-events-avro.js");
const PARITY = fixture("parity");

interface CaseConfig {
  /** The shared config the case starts from (its rules included), or none. */
  readonly config?: "recommended" | "strict";
  readonly rules: Record<string, unknown>;
  readonly settings: Record<string, unknown>;
  /** Config objects after the case's own, as source text (`{ files: […], rules: {…} }`). */
  readonly after?: readonly string[];
}

/** A finding as `check --format json` shows it, less the event type (ESLint has none). */
type Shown = Omit<CheckProblem, "eventType">;

/** The message ids each case's fixture is built to produce (so that parity is not reached by finding nothing). */
const EXPECTED: Record<string, readonly string[]> = {
  "frozen-data-classes": ["fieldRenamed", "fieldReordered", "fieldRetyped"],
  "known-unserializable-signals": ["missingWarning", "staleEntry", "unknownEntry"],
  "no-removed-fields": ["addedNullable", "removedKey", "renamedKey", "retypedKey"],
  "require-signal-jsdoc": ["emptyDescription", "missingJsDoc", "missingTag"],
  "schema-snapshot": ["badSnapshot", "incompatible", "missingSnapshot"],
  "supported-field-types": ["dictType", "optionalField", "unknownClass", "unreadableDefinition", "unresolvedType", "unsupportedType"],
  "valid-event-type": ["constantCase", "duplicate", "invalidCharacter", "missingEventType", "missingVersion", "notLiteral", "notLowerCase", "tooFewSegments", "unknownSubdomain", "wrongPrefix"],
};

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the case in a temporary directory, with an eslint.config.mjs as a user would write it. */
function project(name: string, override?: Partial<CaseConfig>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `parity-${name}-`));
  temps.push(dir);
  fs.cpSync(path.join(PARITY, name), dir, { recursive: true });
  const config = { ...(JSON.parse(fs.readFileSync(path.join(dir, "config.json"), "utf8")) as CaseConfig), ...override };
  const base = config.config ?? "recommended";
  const rulesText = config.config ? `{ ...plugin.configs.${base}.rules, ...${JSON.stringify(config.rules)} }` : JSON.stringify(config.rules);
  fs.writeFileSync(
    path.join(dir, "eslint.config.mjs"),
    [
      `import plugin from ${JSON.stringify(PLUGIN)};`,
      "",
      "export default [",
      `  { ...plugin.configs.${base}, rules: ${rulesText}, settings: { "openedx-events": ${JSON.stringify(config.settings)} } },`,
      ...(config.after ?? []).map((object) => `  ${object},`),
      "];",
      "",
    ].join("\n"),
  );
  return dir;
}

function sorted(items: Shown[]): Shown[] {
  const key = (s: Shown) => [s.file, String(s.line).padStart(6), String(s.column).padStart(6), s.rule, s.message].join("\0");
  return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** What `eslint src` reports with the project's config: the plugin's messages only (a file ESLint cannot parse is its own error). */
async function eslintFindings(dir: string): Promise<Shown[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: path.join(dir, "eslint.config.mjs") });
  const results = await eslint.lintFiles(["src"]);
  return sorted(
    results.flatMap((result) =>
      result.messages
        .filter((m) => m.ruleId?.startsWith("openedx-events/"))
        .map((m) => ({
          rule: m.ruleId!,
          ...(m.severity === 1 && { severity: "warning" as const }),
          messageId: m.messageId!,
          file: path.relative(dir, result.filePath).split(path.sep).join("/"),
          line: m.line,
          column: m.column,
          endLine: m.endLine!,
          endColumn: m.endColumn!,
          message: m.message,
        })),
    ),
  );
}

/** What `openedx-events-avro check --format json` reports in the same project. */
function checkFindings(dir: string): Shown[] {
  // No flags: the settings (sourceDirs, schemaDir, …) and the rules come from the project's config, as for ESLint.
  const run = spawnSync(process.execPath, [CLI, "check", "--format", "json"], { cwd: dir, encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect([0, 1]).toContain(run.status);
  const json = JSON.parse(run.stdout) as { problems: CheckProblem[] };
  return sorted(
    json.problems.map(({ rule, severity, messageId, file, line, column, endLine, endColumn, message }) => ({
      rule,
      ...(severity && { severity }),
      messageId,
      file,
      line,
      column,
      endLine,
      endColumn,
      message,
    })),
  );
}

describe("every rule has a parity case", () => {
  it("one check per rule id, one fixture per rule id", () => {
    expect(Object.keys(CHECKS).sort()).toEqual(Object.keys(rules).sort());
    const cases = fs.readdirSync(PARITY).filter((name) => fs.statSync(path.join(PARITY, name)).isDirectory()).sort();
    expect(cases).toEqual(Object.keys(rules).sort());
    expect(Object.keys(EXPECTED).sort()).toEqual(cases);
  });
});

describe("ESLint and `check --format json` give the same findings", () => {
  it.each(Object.keys(EXPECTED))("%s", async (name) => {
    const dir = project(name);
    const fromEslint = await eslintFindings(dir);
    const own = fromEslint.filter((f) => f.rule === `openedx-events/${name}`);
    expect([...new Set(own.map((f) => f.messageId))].sort()).toEqual(EXPECTED[name]);
    expect(checkFindings(dir)).toEqual(fromEslint);
  }, 60_000);
});

describe("check runs the rules the config turns on, with their options", () => {
  it("require-signal-jsdoc only where the config turns it on (strict), with its requiredTags", async () => {
    const dir = project("require-signal-jsdoc", { config: "recommended", rules: {} });
    const fromEslint = await eslintFindings(dir);
    expect(fromEslint.filter((f) => f.rule === "openedx-events/require-signal-jsdoc")).toEqual([]);
    expect(checkFindings(dir)).toEqual(fromEslint);
  }, 60_000);

  it("a rule turned off is not run; a config naming no rule of the plugin runs configs.recommended", async () => {
    const off = project("valid-event-type", { config: "recommended", rules: { "openedx-events/valid-event-type": "off" } });
    const fromEslint = await eslintFindings(off);
    expect(fromEslint.filter((f) => f.rule === "openedx-events/valid-event-type")).toEqual([]);
    expect(fromEslint.length).toBeGreaterThan(0);
    expect(checkFindings(off)).toEqual(fromEslint);

    const none = project("valid-event-type", { rules: {} });
    expect(await eslintFindings(none)).toEqual([]);
    const recommended = checkFindings(none).map((f) => f.rule);
    expect(new Set(recommended)).toEqual(new Set(["openedx-events/valid-event-type", "openedx-events/schema-snapshot"]));
  }, 60_000);
});

describe("check asks the config about each file, as ESLint does", () => {
  const VALID_EVENT_TYPE = "openedx-events/valid-event-type";

  it("a rule turned off for one file, and given other options for another", async () => {
    const dir = project("valid-event-type", {
      after: [
        `{ files: ["src/other.ts"], rules: { "${VALID_EVENT_TYPE}": "off" } }`,
        `{ files: ["src/signals.ts"], rules: { "${VALID_EVENT_TYPE}": ["error", { requireConstantCase: false }] } }`,
      ],
    });
    const fromEslint = await eslintFindings(dir);
    const ids = (file: string) => fromEslint.filter((f) => f.file === file && f.rule === VALID_EVENT_TYPE).map((f) => f.messageId);
    expect(ids("src/other.ts")).toEqual([]);
    expect(ids("src/signals.ts")).not.toContain("constantCase");
    expect(ids("src/signals.ts")).toContain("duplicate");
    expect(checkFindings(dir)).toEqual(fromEslint);
  }, 60_000);

  it("a file the config ignores is not checked", async () => {
    const dir = project("valid-event-type", { after: ['{ ignores: ["src/other.ts"] }'] });
    const fromEslint = await eslintFindings(dir);
    expect(fromEslint.filter((f) => f.file === "src/other.ts")).toEqual([]);
    expect(fromEslint.length).toBeGreaterThan(0);
    expect(checkFindings(dir)).toEqual(fromEslint);
  }, 60_000);

  it("a rule set to warn gives warnings: GitHub warning annotations, and no failure when all problems are warnings", async () => {
    const dir = project("valid-event-type", {
      rules: { [VALID_EVENT_TYPE]: ["warn", { subdomains: ["learning", "content_authoring"] }] },
      settings: { sourceDirs: ["src"], schemaDir: "schemas", compatibility: "NONE" },
    });
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: path.join(dir, "eslint.config.mjs") });
    const severities = (await eslint.lintFiles(["src"])).flatMap((result) => result.messages.map((m) => `${m.ruleId} ${m.severity}`));
    expect(new Set(severities)).toEqual(new Set([`${VALID_EVENT_TYPE} 1`]));
    const json = spawnSync(process.execPath, [CLI, "check", "--format", "json"], { cwd: dir, encoding: "utf8" });
    expect(json.status).toBe(0);
    const problems = (JSON.parse(json.stdout) as { problems: CheckProblem[] }).problems;
    expect(problems.length).toBe(severities.length);
    expect(new Set(problems.map((p) => `${p.rule} ${p.severity}`))).toEqual(new Set([`${VALID_EVENT_TYPE} warning`]));
    const github = spawnSync(process.execPath, [CLI, "check", "--format", "github"], { cwd: dir, encoding: "utf8" });
    expect(github.status).toBe(0);
    const lines = github.stdout.trimEnd().split("\n");
    expect(lines.slice(0, -1).every((line) => line.startsWith("::warning file=src/"))).toBe(true);
    expect(lines.at(-1)).toBe(`9 events checked, ${problems.length} problems (0 errors, ${problems.length} warnings)`);
  }, 60_000);

  it("options a rule refuses, given to one file, stop check with ESLint's whole reason, as they stop ESLint", async () => {
    const dir = project("valid-event-type", { after: [`{ files: ["src/other.ts"], rules: { "${VALID_EVENT_TYPE}": ["error", { bogus: 1 }] } }`] });
    await expect(eslintFindings(dir)).rejects.toThrow(/Unexpected property "bogus"/);
    const run = spawnSync(process.execPath, [CLI, "check"], { cwd: dir, encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error: cannot load eslint\.config\.mjs for src\/other\.ts: Key "rules": Key "openedx-events\/valid-event-type": Value \{/);
    expect(run.stderr).toContain('should NOT have additional properties. Unexpected property "bogus".');
  }, 60_000);

  it("sources reached through a linked directory are shown where ESLint shows them", async () => {
    const dir = project("supported-field-types");
    fs.renameSync(path.join(dir, "src"), path.join(dir, "linked-src"));
    fs.symlinkSync("linked-src", path.join(dir, "src"));
    const fromEslint = await eslintFindings(dir);
    expect(fromEslint.length).toBeGreaterThan(0);
    expect(new Set(fromEslint.map((f) => f.file.split("/")[0]))).toEqual(new Set(["src"]));
    expect(checkFindings(dir)).toEqual(fromEslint);
  }, 60_000);
});
