import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { it } from "vitest";
import plugin from "../../index.js";

const ROOT = "/work/main";
const EVO = path.join(ROOT, "tests/fixtures/evolution");
const cases = (process.env.CASES ?? "").split(",").filter(Boolean);
const modes = (process.env.MODES ?? "FORWARD_TRANSITIVE").split(",");

it("dump", async () => {
  let out = "";
  for (const name of cases) {
    for (const mode of modes) {
      const dir = fs.existsSync(path.join(EVO, name, "current")) ? path.join(EVO, name, "current") : path.join(EVO, name);
      const schemaDir = fs.existsSync(path.join(EVO, name, "previous")) ? path.join(EVO, name, "previous/schemas") : path.join(EVO, name, "schemas");
      const eslint = new ESLint({
        cwd: ROOT,
        overrideConfigFile: true,
        overrideConfig: [{ ...plugin.configs.recommended, files: ["**/*.ts"],
          rules: { "openedx-events/schema-snapshot": "error", "openedx-events/no-removed-fields": "error", "openedx-events/frozen-data-classes": "error" },
          settings: { "openedx-events": { sourceDirs: [dir], schemaDir, compatibility: mode, knownUnserializableSignals: ["org.openedx.test.bad.skipped.v1"] } } }],
      });
      const results = await eslint.lintFiles([dir]);
      out += `\n=== ${name} ${mode}\n`;
      for (const r of results) for (const m of r.messages) {
        if (!m.ruleId || !/schema-snapshot|no-removed|frozen/.test(m.ruleId)) continue;
        out += `${path.basename(r.filePath)}:${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId.replace("openedx-events/", "")} [${m.messageId}] ${m.message}\n`;
        for (const s of m.suggestions ?? []) out += `    suggest: ${s.desc} ${JSON.stringify(s.fix)}\n`;
      }
    }
  }
  fs.writeFileSync("/tmp/gen/dump.txt", out);
});
