import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

interface Block {
  readonly lang: string;
  readonly title: string | null;
  readonly body: string;
}

/** The fenced blocks of docs/guide.md, in order. */
function guideBlocks(): Block[] {
  const text = fs.readFileSync(path.join(root, "docs", "guide.md"), "utf8");
  const blocks: Block[] = [];
  const fence = /```(\w+)(?: title="([^"]+)")?\n([\s\S]*?)```/g;
  for (let match = fence.exec(text); match; match = fence.exec(text)) {
    blocks.push({ lang: match[1]!, title: match[2] ?? null, body: match[3]! });
  }
  return blocks;
}

const normalize = (line: string) => line.trim().replace(/\s+/g, " ");

describe("docs/guide.md, followed word for word in a new directory", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "openedx-events-guide-"));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it("works", () => {
    // The package is not installed from the registry here but from this checkout, packed.
    // dist/ is built by `npm test` before the tests run; --ignore-scripts keeps `prepack` from
    // rebuilding (and so deleting) it while other test files use it.
    const packed = JSON.parse(
      execFileSync(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", work], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }),
    ) as { filename: string }[];
    const tarball = path.join(work, packed[0]!.filename);

    const blocks = guideBlocks();
    expect(blocks.filter((b) => b.lang === "sh").length).toBeGreaterThanOrEqual(6);
    let cwd = work;
    let project = work;
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      if (block.title) {
        const file = path.join(cwd, block.title);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, block.body);
        continue;
      }
      if (block.lang !== "sh") continue;
      let output = "";
      let lastStatus = 0;
      let lastCommand = "";
      for (const raw of block.body.split("\n")) {
        const command = raw.trim();
        if (!command || command.startsWith("#")) continue;
        const cd = /^cd (\S+)$/.exec(command);
        if (cd) {
          cwd = path.resolve(cwd, cd[1]!);
          project = cwd;
          continue;
        }
        const line = command.startsWith("npm install") ? command.replace("eslint-plugin-openedx-events", tarball) + " --no-audit --no-fund --prefer-offline" : command;
        const run = spawnSync("sh", ["-c", line], { cwd, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" } });
        output += run.stdout;
        lastStatus = run.status ?? -1;
        lastCommand = command;
        if (!/^npx (eslint|openedx-events-avro)/.test(command)) {
          expect(run.status, `${command}\n${run.stdout}\n${run.stderr}`).toBe(0);
        }
      }
      const next = blocks[i + 1];
      if (next?.lang === "text") {
        const actual = output.split("\n").map((line) => normalize(line.split(project).join("/path/to/my-service")));
        for (const expected of next.body.split("\n").map(normalize).filter(Boolean)) {
          expect(actual, `after \`${lastCommand}\`, expected the line:\n${expected}\n\ngot:\n${output}`).toContain(expected);
        }
        expect(lastStatus, output).toBe(/✖ \d+ problem/.test(next.body) ? 1 : 0);
      } else if (lastCommand.startsWith("npx ")) {
        // A check the guide shows without output is clean.
        expect(lastStatus, `${lastCommand}\n${output}`).toBe(0);
        expect(output.trim(), lastCommand).toBe("");
      }
    }
    expect(fs.readdirSync(path.join(project, "schemas")).sort()).toEqual([
      "org+openedx+learning+course+enrollment+created+v1_schema.avsc",
      "org+openedx+learning+course+enrollment+created+v2_schema.avsc",
    ]);
  }, 300_000);
});
