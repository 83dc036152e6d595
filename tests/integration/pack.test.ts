import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** The first ```js block after the README's "## Configure" heading: what a user copies. */
function readmeConfig(): string {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Configure"));
  const match = /```js\n([\s\S]*?)```/.exec(section);
  if (!match) throw new Error("README has no eslint.config.js example under ## Configure");
  return match[1]!;
}

const SIGNALS = `import { OpenEdxPublicSignal } from "@openedx/events";
import { CourseData, ProfileData } from "./data";

/**
 * Emitted when a course is published.
 */
export const COURSE_PUBLISHED = new OpenEdxPublicSignal({
  event_type: "org.openedx.content_authoring.course.published.v1",
  data: { course: CourseData },
});

/**
 * Emitted when a profile changes.
 */
export const PROFILE_CHANGED = new OpenEdxPublicSignal({
  event_type: "org.openedx.learning.profile.changed.v1",
  data: { profile: ProfileData },
});
`;

const DATA = `export type Int = number;

export class CourseData {
  readonly course_key!: string;
  readonly display_name!: string;
  readonly enrollment_count!: Int;
}

export class ProfileData {
  readonly username!: string;
  readonly extra!: Record<string, string>;
}
`;

describe("the packed plugin, installed in a fresh project", () => {
  let work: string;
  let tarball: string;
  let files: string[];

  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "openedx-events-pack-"));
    // dist/ is built by `npm test` before the tests run; --ignore-scripts keeps `prepack` from
    // rebuilding (and so deleting) it while other test files use it.
    const packed = JSON.parse(
      execFileSync(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", work], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }),
    ) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(work, packed[0]!.filename);
    files = packed[0]!.files.map((f) => f.path);
    const project = path.join(work, "project");
    fs.mkdirSync(path.join(project, "src"), { recursive: true });
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2));
    fs.writeFileSync(path.join(project, "eslint.config.js"), readmeConfig());
    fs.writeFileSync(path.join(project, "src", "signals.ts"), SIGNALS);
    fs.writeFileSync(path.join(project, "src", "data.ts"), DATA);
    execFileSync(
      npm,
      ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball, "eslint@^10", "@typescript-eslint/parser@^8", "typescript@~5.9"],
      { cwd: project, stdio: ["ignore", "pipe", "pipe"] },
    );
  }, 240_000);

  afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("ships only what a user needs", () => {
    expect(files).toContain("package.json");
    expect(files).toContain("README.md");
    expect(files).toContain("LICENSE");
    expect(files).toContain("dist/index.js");
    expect(files).toContain("dist/index.d.ts");
    expect(files).toContain("dist/bin/openedx-events-avro.js");
    expect(files.some((f) => f.startsWith("docs/rules/"))).toBe(true);
    const unexpected = files.filter(
      (f) => !/^(package\.json|README\.md|LICENSE|dist\/.*\.(js|d\.ts)|docs\/.*\.md)$/.test(f),
    );
    expect(unexpected).toEqual([]);
    expect(files.some((f) => f.startsWith("dist/tests/") || f.startsWith("tests/") || f.startsWith("examples/"))).toBe(false);
  });

  it("reports our diagnostics through `npx eslint .`, and generate writes the snapshots", () => {
    const project = path.join(work, "project");
    const lint = () => {
      const result = spawnSync("npx", ["eslint", "--format", "json", "."], { cwd: project, encoding: "utf8" });
      const report = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string; line: number; message: string }[] }[];
      return report.flatMap((r) => r.messages.map((m) => `${path.relative(project, r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`)).sort();
    };
    const rules = (lines: string[]) => lines.map((line) => line.slice(0, line.indexOf(": ")));
    const before = lint();
    expect(rules(before), before.join("\n")).toEqual([
      "src/data.ts:11 openedx-events/supported-field-types",
      "src/signals.ts:17 openedx-events/supported-field-types",
      "src/signals.ts:8 openedx-events/schema-snapshot",
    ]);

    const generate = spawnSync("npx", ["openedx-events-avro", "generate", "--all", "--src", "src"], { cwd: project, encoding: "utf8" });
    // PROFILE_CHANGED cannot be serialized: exit 1, the other snapshot is written.
    expect(generate.status).toBe(1);
    expect(generate.stdout).toContain("schemas/org+openedx+content_authoring+course+published+v1_schema.avsc");
    expect(generate.stdout).toContain("profile.extra");
    expect(fs.readdirSync(path.join(project, "schemas"))).toEqual(["org+openedx+content_authoring+course+published+v1_schema.avsc"]);

    const after = lint();
    expect(rules(after), after.join("\n")).toEqual([
      "src/data.ts:11 openedx-events/supported-field-types",
      "src/signals.ts:17 openedx-events/supported-field-types",
    ]);
  }, 120_000);
});
