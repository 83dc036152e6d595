import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DOCS = "https://github.com/openedx-events-ts/eslint-plugin-openedx-events/blob/main/docs/rules/";

interface Sarif {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; helpUri?: string; shortDescription?: { text: string } }[] } };
    results: {
      ruleId: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
    }[];
  }[];
}

describe("SARIF output for code scanning", () => {
  it("`npx eslint --format @microsoft/eslint-formatter-sarif` names our rules and their docs", () => {
    // The repository's eslint.config.js lints examples/ with the plugin (dist/ is built by `npm test`).
    const run = spawnSync("npx", ["eslint", "--format", "@microsoft/eslint-formatter-sarif", "examples"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(1); // the planted mistakes are errors
    const sarif = JSON.parse(run.stdout) as Sarif;
    expect(sarif.version).toBe("2.1.0");
    const [sarifRun] = sarif.runs;
    const rules = new Map(sarifRun!.tool.driver.rules.map((rule) => [rule.id, rule]));
    for (const id of ["supported-field-types", "valid-event-type"]) {
      const rule = rules.get(`openedx-events/${id}`);
      expect(rule, [...rules.keys()].join(", ")).toBeDefined();
      expect(rule!.helpUri).toBe(`${DOCS}${id}.md`);
      expect(rule!.shortDescription?.text.length).toBeGreaterThan(10);
    }
    const results = sarifRun!.results.map((result) => {
      const location = result.locations[0]!.physicalLocation;
      return `${location.artifactLocation.uri.replace(/^.*\/examples\//, "examples/")}:${location.region.startLine}:${location.region.startColumn} ${result.ruleId}`;
    });
    expect(results.sort()).toEqual([
      "examples/src/planted_mistakes/data.ts:13:29 openedx-events/supported-field-types",
      "examples/src/planted_mistakes/data.ts:15:26 openedx-events/supported-field-types",
      "examples/src/planted_mistakes/signals.ts:17:21 openedx-events/supported-field-types",
      "examples/src/planted_mistakes/signals.ts:17:21 openedx-events/supported-field-types",
      "examples/src/planted_mistakes/signals.ts:43:15 openedx-events/valid-event-type",
    ]);
    expect(sarifRun!.results.every((result) => result.message.text.startsWith("Event"))).toBe(true);
  }, 60_000);
});
