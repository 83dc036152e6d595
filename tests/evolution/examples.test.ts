import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../index.js";
import { COMPATIBILITY_MODES } from "../../lib/compat/index.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The catalog proper (examples/src/planted_mistakes holds deliberate mistakes for the demo). */
const CATALOG = ["learning", "content_authoring", "course_discussions", "enterprise"].map((dir) => `examples/src/${dir}`);

function eslintFor(compatibility: string): ESLint {
  return new ESLint({
    cwd: ROOT,
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
        settings: {
          "openedx-events": { sourceDirs: CATALOG, schemaDir: "examples/schemas", compatibility },
        },
      },
    ],
  });
}

describe("the example catalog against its golden snapshots", () => {
  it.each(COMPATIBILITY_MODES.map((mode) => [mode]))("has no evolution findings under %s", async (mode) => {
    const results = await eslintFor(mode).lintFiles(CATALOG);
    const messages = results.flatMap((result) =>
      result.messages
        .filter((m) => ["openedx-events/schema-snapshot", "openedx-events/no-removed-fields", "openedx-events/frozen-data-classes", null].includes(m.ruleId))
        .map((m) => `${path.relative(ROOT, result.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`),
    );
    expect(messages).toEqual([]);
  });
});

describe("the example catalog without snapshots", () => {
  it("reports each missing snapshot once, on the event type", async () => {
    const eslint = new ESLint({
      cwd: ROOT,
      overrideConfigFile: true,
      overrideConfig: [
        {
          ...plugin.configs.recommended,
          files: ["**/*.ts"],
          rules: { "openedx-events/schema-snapshot": "error" },
          settings: { "openedx-events": { sourceDirs: CATALOG, schemaDir: "examples/no-such-dir" } },
        },
      ],
    });
    const results = await eslint.lintFiles(CATALOG);
    const missing = results.flatMap((r) => r.messages.filter((m) => m.ruleId === "openedx-events/schema-snapshot"));
    expect(missing).toHaveLength(37);
    expect(missing[0]!.message).toMatch(/^Event `org\.openedx\.[a-z_.]+\.v1` has no schema snapshot: `examples\/no-such-dir\/org\+openedx\+.*_schema\.avsc` does not exist\. Write it with `npx openedx-events-avro generate org\.openedx\.[a-z_.]+\.v1 --schema-dir examples\/no-such-dir` and commit it; from then on every change to this event is checked against it\.$/);
  });
});
