import fs from "node:fs";
import path from "node:path";
import { it } from "vitest";
import { runCli } from "../../lib/cli/main.js";
import { caseDir, copyToTemp, memoryIO, PYTHON } from "./helpers.js";

it("dump cli", async () => {
  let out = "";
  const run = async (cwd: string, argv: string[]) => {
    const m = memoryIO(cwd);
    const code = await runCli(argv, m.io);
    out += `\n$ ${argv.join(" ")}  → ${code}\n${m.stdout()}${m.stderr() ? "STDERR: " + m.stderr() : ""}`;
  };
  const py = copyToTemp(PYTHON);
  await run(py, ["check", "--src", "src", "--schema-dir", "schemas"]);
  const cfr = copyToTemp(caseDir("class-field-removed"));
  await run(cfr, ["check", "--src", "current", "--schema-dir", "previous/schemas", "--mode", "forward"]);
  await run(cfr, ["check", "--src", "current", "--schema-dir", "previous/schemas", "--format", "github"]);
  await run(cfr, ["check", "--src", "current", "--schema-dir", "previous/schemas", "--format", "json", "--quiet"]);
  const bad = copyToTemp(caseDir("bad-snapshots"));
  await run(bad, ["check", "--src", ".", "--schema-dir", "schemas", "--quiet"]);
  const hist = copyToTemp(caseDir("history"));
  const s = "previous/schemas/org+openedx+test+enrollment+created+v1_schema";
  await run(hist, ["compat", "--reader", `${s}.v1.avsc`, "--writer", `${s}.avsc`]);
  await run(hist, ["compat", "--mode", "forward_transitive", "--new", `${s}.avsc`, "--previous", `${s}.v1.avsc`, `${s}.v2.avsc`]);
  await run(hist, ["compat", "--mode", "FULL", "--new", `${s}.avsc`, "--previous", `${s}.v1.avsc`, "--previous", `${s}.v2.avsc`]);
  await run(hist, ["compat", "--mode", "FULL", "--new", `${s}.avsc`, "--previous", `${s}.v1.avsc`, "--format", "json"]);
  await run(hist, ["compat", "--reader", "nope.avsc", "--writer", `${s}.avsc`]);
  await run(hist, ["compat", "--reader", "current/data.ts", "--writer", `${s}.avsc`]);
  await run(hist, ["compat"]);
  await run(hist, ["check", "--format", "xml"]);
  await run(hist, ["--help"]);
  fs.writeFileSync("/tmp/gen/cli.txt", out);
  void path;
});
