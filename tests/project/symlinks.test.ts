/**
 * One file, one identity: with `src -> real` and the default `sourceDirs` (`.`), the project walk
 * finds `real/signals.ts` while ESLint lints `src/signals.ts`. Both are the same file, so it is not
 * a duplicate of itself, and a data class edited through the link is the class the project's
 * signals reach.
 */
import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../index.js";
import { runCli } from "../../lib/cli/main.js";
import { discoverSources } from "../../lib/catalog/index.js";
import { copyToTemp, memoryIO } from "../evolution/helpers.js";
import { fixture } from "../helpers.js";

function project(): string {
  const dir = copyToTemp(fixture("project", "symlinked"), "symlinked-");
  fs.symlinkSync("real", path.join(dir, "src"), "dir");
  return dir;
}

function eslintIn(dir: string): ESLint {
  return new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [plugin.configs.recommended, { settings: { "openedx-events": { schemaDir: "schemas" } } }],
  });
}

const messagesOf = (results: ESLint.LintResult[]) =>
  results.flatMap((result) => result.messages.map((m) => `${path.basename(path.dirname(result.filePath))}/${path.basename(result.filePath)}:${m.line} ${m.ruleId}: ${m.message}`));

describe("a source directory reached through a symbolic link", () => {
  it("is discovered once, by real path", () => {
    const dir = project();
    const real = fs.realpathSync(dir);
    const files = discoverSources([dir, path.join(dir, "src")]).files;
    expect(files.map((file) => path.relative(real, file)).sort()).toEqual(["real/data.ts", "real/signals.ts", "real/tooling.ts"]);
  });

  it("does not make a signal a duplicate of itself, linted through the link or not", async () => {
    const dir = project();
    const out = memoryIO(dir);
    expect(await runCli(["generate", "--all", "--src", ".", "--schema-dir", "schemas", "--quiet"], out.io)).toBe(0);
    const eslint = eslintIn(dir);
    expect(messagesOf(await eslint.lintFiles(["src/signals.ts"]))).toEqual([]);
    expect(messagesOf(await eslint.lintFiles(["src", "real"]))).toEqual([]);
  });

  it("sees an edit to a data class made through the link as a change to the class in use", async () => {
    const dir = project();
    expect(await runCli(["generate", "--all", "--src", ".", "--schema-dir", "schemas", "--quiet"], memoryIO(dir).io)).toBe(0);
    const edited = fs.readFileSync(path.join(dir, "real", "data.ts"), "utf8").replace("readonly username!: string;", "readonly username!: string | null;");
    const results = await eslintIn(dir).lintText(edited, { filePath: path.join(dir, "src", "data.ts") });
    expect(results[0]!.messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual(["5 openedx-events/frozen-data-classes"]);
  });

  it("is checked once by the CLI, whichever way --src names it", async () => {
    const dir = project();
    expect(await runCli(["generate", "--all", "--src", ".", "--schema-dir", "schemas", "--quiet"], memoryIO(dir).io)).toBe(0);
    for (const src of [["."], ["src"], ["src", "real"]]) {
      const out = memoryIO(dir);
      const code = await runCli(["check", ...src.flatMap((s) => ["--src", s]), "--schema-dir", "schemas"], out.io);
      expect(out.stdout(), src.join(" ")).toBe("ok        org.openedx.learning.user.changed.v1\n1 event checked, 0 problems\n");
      expect(code).toBe(0);
    }
  });
});
