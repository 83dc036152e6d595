import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { CHECK_HELP } from "../../lib/cli/check.js";
import { resetCaches } from "../../lib/testing.js";
import { FIXTURES } from "../helpers.js";
import { runCapture } from "../import/helpers.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const PROJECT = path.join(FIXTURES, "roundtrip", "project");

const run = runCapture;

beforeEach(() => {
  resetCaches("sources", "models", "snapshots");
});

const PLANTED =
  "  11:15  Event `org.openedx.shop.order.placed.v1`: data written with the current schema cannot be read with stored version v1 (schemas/org+openedx+shop+order+placed+v1_schema.v1.avsc): " +
  "avsc cannot resolve the two schemas: no matching field for default-less org.openedx.shop.order.placed.v1.OrderData.currency. " +
  'The static check agrees: `order.currency`: Reader field "currency" has no default and the writer\'s record OrderData has no field "currency".';

describe("check --round-trip", () => {
  it("over the examples (their planted mistakes aside): every event, every stored version, no disagreement", async () => {
    // A copy without the planted mistakes and outside the repository's ESLint config, whose
    // knownUnserializableSignals names a planted signal (a stale entry without it).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "round-trip-examples-"));
    fs.cpSync(path.join(ROOT, "examples", "src"), path.join(dir, "src"), { recursive: true, filter: (from) => !from.includes("planted_mistakes") });
    fs.cpSync(path.join(ROOT, "examples", "schemas"), path.join(dir, "schemas"), { recursive: true });
    try {
      const result = await run(dir, "check", "--src", "src", "--schema-dir", "schemas", "--round-trip", "--quiet");
      expect(result).toEqual({ code: 0, stdout: "37 events checked, 0 problems\n", stderr: "" });
      const verbose = await run(dir, "check", "--src", "src", "--schema-dir", "schemas", "--round-trip", "--samples", "40");
      expect(verbose.stdout).toContain("round-trip 37 events, 40 samples each, 37 stored versions as reader: 0 disagreements\n");
      expect(verbose.code).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("over the Python-format fixture, whose event type with `-` avsc alone refuses", async () => {
    const dir = path.join(FIXTURES, "python-schemas");
    const result = await run(dir, "check", "--src", "src", "--schema-dir", "schemas", "--round-trip");
    expect(result.stdout).toContain("ok        org.openedx.enterprise.subsidy.redemption-reversed.v1\n");
    expect(result.stdout).toContain("round-trip 5 events, 5 samples each, 5 stored versions as reader: 0 disagreements\n");
    expect(result.code).toBe(0);
  });

  it("a planted forward-incompatible stored version: the dynamic failure and the static finding together, next to schema-snapshot's", async () => {
    const result = await run(PROJECT, "check", "--src", "src", "--schema-dir", "schemas", "--round-trip");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `${PLANTED} Consumers still reading with that version would fail (FORWARD_TRANSITIVE): restore the field, or publish a new event type.  round-trip\n`,
    );
    expect(result.stdout).toMatch(/ {2}13:12 {2}`order\.currency` \(string\) was removed from `OrderData` .* openedx-events\/schema-snapshot\n/);
    expect(result.stdout).toContain("round-trip 3 events, 5 samples each, 5 stored versions as reader: 0 disagreements\n");
    expect(result.stdout).toContain("3 events checked, 2 problems\n");
  });

  it("a mode that does not ask old consumers to read new data: a note, not a problem", async () => {
    for (const mode of ["BACKWARD", "FORWARD"]) {
      const result = await run(PROJECT, "check", "--src", "src", "--schema-dir", "schemas", "--round-trip", "--mode", mode);
      expect(result.stdout).toContain(`note      ${PLANTED.slice("  11:15  ".length)}  allowed by ${mode}\n`);
      expect(result.stdout).toContain("3 events checked, 0 problems\n");
      expect(result.code).toBe(0);
    }
  });

  it("--format json carries the round-trip problem like any other", async () => {
    const result = await run(PROJECT, "check", "--src", "src", "--schema-dir", "schemas", "--round-trip", "--format", "json");
    const report = JSON.parse(result.stdout) as { problems: Record<string, unknown>[] };
    expect(report.problems.find((problem) => problem.rule === "round-trip")).toEqual({
      rule: "round-trip",
      messageId: "incompatible",
      eventType: "org.openedx.shop.order.placed.v1",
      file: "src/signals.ts",
      line: 11,
      column: 15,
      endLine: 11,
      endColumn: 49,
      message: expect.stringContaining("The static check agrees: `order.currency`"),
    });
  });

  it("is deterministic: the same output on every run", async () => {
    const first = await run(PROJECT, "check", "--src", "src", "--schema-dir", "schemas", "--round-trip", "--samples", "25", "--format", "json");
    resetCaches("snapshots");
    const second = await run(PROJECT, "check", "--src", "src", "--schema-dir", "schemas", "--round-trip", "--samples", "25", "--format", "json");
    expect(second.stdout).toBe(first.stdout);
  });

  it("--samples: a whole number from 1, and only with --round-trip", async () => {
    for (const [argv, message] of [
      [["--round-trip", "--samples", "0"], '--samples must be a whole number from 1 to 10000, got "0"'],
      [["--round-trip", "--samples", "2.5"], '--samples must be a whole number from 1 to 10000, got "2.5"'],
      [["--round-trip", "--samples", "many"], '--samples must be a whole number from 1 to 10000, got "many"'],
      [["--samples", "3"], "--samples applies to --round-trip; add --round-trip"],
    ] as const) {
      const result = await run(PROJECT, "check", "--src", "src", ...argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`error: ${message}\nRun "openedx-events-avro check --help" for usage.\n`);
    }
    expect(CHECK_HELP).toContain("  --round-trip        also encode sample data with avsc");
  });
});
