/**
 * oxc-parser's native binding may not load (a platform without one, Node.js before 20.19, an
 * install that skipped optional dependencies): the plugin then parses every file with
 * typescript-estree, and nothing else changes. The built binary runs `check` on the examples twice,
 * once with `require("oxc-parser")` failing as a missing binding makes it fail, and must print the
 * same report.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const BIN = path.join(ROOT, "dist", "bin", "openedx-events-avro.js");
const EXAMPLES = path.join(ROOT, "examples");

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "parser-fallback-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Preloaded with --require: oxc-parser fails to load, as its loader fails when no binding fits. */
const NO_BINDING = path.join(scratch, "no-oxc-binding.cjs");
fs.writeFileSync(
  NO_BINDING,
  `const Module = require("node:module");
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === "oxc-parser") {
    process.stderr.write("oxc-parser refused\\n");
    throw new Error("Cannot find native binding.");
  }
  return resolve.call(this, request, ...rest);
};
`,
);

function check(preload: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [...preload, BIN, "check", "--format", "json"], {
    cwd: EXAMPLES,
    encoding: "utf8",
    env: { PATH: process.env.PATH, NO_COLOR: "1" },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("without oxc-parser's native binding", () => {
  it("check reports exactly what it reports with it, through typescript-estree", () => {
    const withOxc = check([]);
    const without = check(["--require", NO_BINDING]);
    // The plugin did try to load oxc-parser, and went on without it.
    expect(without.stderr).toBe("oxc-parser refused\n");
    expect(without.status).toBe(withOxc.status);
    expect(without.stdout).toBe(withOxc.stdout);
    // The report means something: the examples' planted mistakes were found.
    expect(withOxc.status).toBe(1);
    expect((JSON.parse(withOxc.stdout) as { problemCount: number }).problemCount).toBeGreaterThan(0);
  });
});
