/**
 * The demo lints examples/ with `configs.recommended`: it must report exactly the mistakes planted
 * in examples/src/planted_mistakes/ and nothing else (the rest of the catalog is clean).
 */
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../index.js";
import { ROOT, demoConfig } from "../scripts/demo.js";

describe("npm run demo", () => {
  it("reports the planted mistakes and nothing else", async () => {
    const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: demoConfig(plugin as never) });
    const results = await eslint.lintFiles(["examples/"]);
    const found = results.flatMap((result) =>
      result.messages.map((m) => [m.ruleId, path.relative(ROOT, result.filePath), m.line, m.column] as const),
    );
    expect(found).toEqual([
      // ProfileChangeData.changed_fields: Record<string, string>
      ["openedx-events/supported-field-types", "examples/src/planted_mistakes/data.ts", 13, 29],
      // ProfileChangeData.previous_email?: string
      ["openedx-events/supported-field-types", "examples/src/planted_mistakes/data.ts", 15, 26],
      // The same two, on USER_PROFILE_CHANGED's `profile_change` entry, naming data.ts.
      ["openedx-events/supported-field-types", "examples/src/planted_mistakes/signals.ts", 17, 21],
      ["openedx-events/supported-field-types", "examples/src/planted_mistakes/signals.ts", 17, 21],
      // COURSE_RUN_ARCHIVED: no version suffix.
      ["openedx-events/valid-event-type", "examples/src/planted_mistakes/signals.ts", 43, 15],
    ]);
    const messages = results.flatMap((result) => result.messages.map((m) => m.message));
    expect(messages[2]).toContain("(in ./data.ts:13:29)");
    expect(messages[2]).toContain("knownUnserializableSignals");
    expect(messages[3]).not.toContain("knownUnserializableSignals");
  });

  it("uses the recommended config and the catalog's settings", () => {
    const [recommended, settings] = demoConfig(plugin as never);
    expect(recommended).toBe(plugin.configs.recommended);
    expect(settings!.settings).toEqual({
      "openedx-events": {
        schemaDir: "examples/schemas",
        sourceDirs: ["examples/src"],
        knownUnserializableSignals: ["org.openedx.learning.grade.export.requested.v1"],
      },
    });
  });
});
