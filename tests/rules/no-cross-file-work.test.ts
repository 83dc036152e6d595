/**
 * A file with no signals and no data classes costs its own parse and nothing else: every rule of
 * the plugin together reads no other file and never scans the project.
 */
import path from "node:path";
import { Linter } from "eslint";
import * as tsParser from "@typescript-eslint/parser";
import { beforeEach, describe, expect, it } from "vitest";
import plugin from "../../index.js";
import { counters, resetCaches } from "../../lib/testing.js";
import { rules } from "../../rules/index.js";
import { ruleFixture } from "./rule-helpers.js";

const PROJECT = ruleFixture("supported-field-types", "project");

function lintWithEveryRule(code: string, file: string): Linter.LintMessage[] {
  const linter = new Linter();
  return linter.verify(
    code,
    [
      {
        files: ["**/*.ts"],
        plugins: { "openedx-events": plugin as never },
        languageOptions: { parser: tsParser as never },
        settings: {
          "openedx-events": {
            sourceDirs: [PROJECT],
            schemaDir: path.join(PROJECT, "schemas"),
            knownUnserializableSignals: ["org.openedx.learning.user.changed.v1"],
          },
        },
        rules: Object.fromEntries(Object.keys(rules).map((id) => [`openedx-events/${id}`, "error"])),
      },
    ],
    file,
  );
}

describe("no cross-file work for files without events", () => {
  beforeEach(() => {
    resetCaches("sources", "models", "project");
  });

  it("a file with imports but no signals and no data classes", () => {
    const code = `import { EnrollmentData } from "./data";\nimport { helper } from "./helper";\n\nexport function label(x: EnrollmentData): string {\n  return helper(String(x));\n}\n`;
    const parses = counters().parses;
    const scans = counters().projectScans;
    expect(lintWithEveryRule(code, path.join(PROJECT, "util.ts"))).toEqual([]);
    expect(counters().parses - parses).toBe(0);
    expect(counters().projectScans - scans).toBe(0);
  });

  it("while a signal file does read its imports and scan the project (the counters work)", () => {
    const file = path.join(PROJECT, "signals.ts");
    const code = `import { EnrollmentData } from "./data";\n\n/** x */\nexport const ENROLLMENT_CREATED = new OpenEdxPublicSignal({\n  event_type: "org.openedx.learning.enrollment.created.v1",\n  data: { enrollment: EnrollmentData },\n});\n`;
    const parses = counters().parses;
    const scans = counters().projectScans;
    expect(lintWithEveryRule(code, file).length).toBeGreaterThan(0);
    expect(counters().parses - parses).toBeGreaterThan(0);
    expect(counters().projectScans - scans).toBeGreaterThan(0);
  });
});
