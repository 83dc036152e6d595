/**
 * The split between schema-snapshot and no-removed-fields, as docs/rules/no-removed-fields.md
 * tabulates it: for each kind of top-level change and each mode, which rule reports it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatSchema, toAvroSchema } from "../../lib/avro/index.js";
import { checkSignalEvolution } from "../../lib/evolution/index.js";
import { analyzeFilePath } from "../../lib/model/index.js";
import { resolveSettings } from "../../lib/settings.js";
import { writeSnapshot } from "../../lib/snapshots/index.js";
import { getSourceFile } from "../../lib/source/index.js";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "openedx-events-split-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let counter = 0;

const EVENT = "org.openedx.test.split.v1";
const source = (members: string) =>
  `type Int = number;\ntype Double = number;\n/** Split. */\nexport const SPLIT = new OpenEdxPublicSignal<{ ${members} }>({ event_type: "${EVENT}" });\n`;

type Who = "schema-snapshot" | "no-removed-fields";
const S: Who[] = ["schema-snapshot"];
const N: Who[] = ["no-removed-fields"];
const BOTH: Who[] = ["schema-snapshot", "no-removed-fields"];
const NOBODY: Who[] = [];

/** change, previous members, current members, and who reports it under FORWARD*, BACKWARD*, FULL*, NONE. */
const TABLE: [string, string, string, [Who[], Who[], Who[], Who[]]][] = [
  ["key removed", "a: string; keep: Int", "keep: Int", [S, N, S, N]],
  ["key renamed", "a: string; keep: Int", "z: string; keep: Int", [S, BOTH, S, N]],
  ["key retyped incompatibly", "a: string", "a: Double", [S, S, S, N]],
  ["key retyped to a promotion", "a: Int", "a: Double", [S, N, S, N]],
  ["key became nullable", "a: string", "a: string | null", [S, N, S, N]],
  ["key no longer nullable", "a: string | null", "a: string", [N, S, S, N]],
  ["nullable key added", "keep: Int", "keep: Int; a: string | null", [N, N, N, N]],
  ["required key added", "keep: Int", "keep: Int; a: string", [NOBODY, S, S, NOBODY]],
];

function reporters(previous: string, current: string, compatibility: string): Who[] {
  const dir = path.join(tmp, `case-${++counter}`);
  fs.mkdirSync(dir);
  const settings = resolveSettings({ schemaDir: "schemas", compatibility });
  const before = path.join(dir, "before.ts");
  fs.writeFileSync(before, source(previous));
  const old = toAvroSchema(analyzeFilePath(before, settings).signals[0]!, settings);
  expect(old.problems).toEqual([]);
  expect(writeSnapshot(path.join(dir, "schemas"), EVENT, formatSchema(old.schema!)).status).toBe("written");
  const after = path.join(dir, "after.ts");
  fs.writeFileSync(after, source(current));
  const signal = analyzeFilePath(after, settings).signals[0]!;
  const file = getSourceFile(after);
  const result = checkSignalEvolution(signal, toAvroSchema(signal, settings), { text: file.text, program: file.ast }, { settings, cwd: dir });
  const who: Who[] = [];
  if (result.snapshot.length > 0) who.push("schema-snapshot");
  if (result.topLevel.length > 0) who.push("no-removed-fields");
  return who;
}

describe("which rule reports a top-level change", () => {
  for (const [change, previous, current, expected] of TABLE) {
    const [forward, backward, full, none] = expected;
    it.each([
      ["FORWARD", forward],
      ["FORWARD_TRANSITIVE", forward],
      ["BACKWARD", backward],
      ["BACKWARD_TRANSITIVE", backward],
      ["FULL", full],
      ["FULL_TRANSITIVE", full],
      ["NONE", none],
    ] as const)(`${change} under %s`, (mode, who) => {
      expect(reporters(previous, current, mode)).toEqual(who);
    });
  }
});
