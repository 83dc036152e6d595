import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("generated documentation", () => {
  it("the README rule table and the rule pages' headers are what eslint-doc-generator makes (run `npx eslint-doc-generator` to update)", () => {
    // Reads the built plugin (dist/), which `npm test` builds first.
    const run = spawnSync("npx", ["eslint-doc-generator", "--check"], { cwd: root, encoding: "utf8" });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  }, 60_000);
});
