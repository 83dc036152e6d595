/**
 * Security properties, through the rules (ESLint's real API, every rule of the registry) and the
 * CLI:
 * - snapshot paths never escape the schema directory, whatever event type the source declares;
 * - a snapshot that is a link to outside the schema directory is refused, not read;
 * - `generate` never overwrites a snapshot without --force, and never writes through a link;
 * - oversized and absurdly nested snapshots are rejected with a message, not parsed;
 * - nothing in the user's files is ever evaluated or imported as code.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint, type Linter } from "eslint";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../lib/cli/main.js";
import { readSnapshot } from "../../lib/snapshots/index.js";
import { resetCaches } from "../../lib/testing.js";
import { rules } from "../../rules/index.js";
import { CONTENT_OPS, isWithin, monitorFs, type FsMonitor } from "./fs-monitor.js";
import { fakeIo, lintConfig, lintText, messageDefects, newLinter, removeTempDirs, tempDir } from "./support.js";

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const TOOLING = `export const OpenEdxPublicSignal = ((init: unknown) => init) as unknown as { new (init: unknown): unknown; (init: unknown): unknown };\n`;
const DATA = `export class UserData {\n  readonly id!: string;\n  readonly name!: string;\n}\n`;

interface Project {
  /** The temporary root: the project lives in `root/project`, "outside" is everything else. */
  readonly root: string;
  readonly cwd: string;
  readonly src: string;
  readonly schemas: string;
  readonly outside: string;
}

function makeProject(files: Record<string, string> = {}): Project {
  const root = tempDir("security");
  const cwd = path.join(root, "project");
  const project = { root, cwd, src: path.join(cwd, "src"), schemas: path.join(cwd, "schemas"), outside: path.join(root, "outside") };
  for (const dir of [project.src, project.schemas, project.outside]) fs.mkdirSync(dir, { recursive: true });
  const all = { "tooling.ts": TOOLING, "data.ts": DATA, ...files };
  for (const [rel, text] of Object.entries(all)) {
    const file = path.join(project.src, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return project;
}

function signalSource(eventTypes: readonly string[]): string {
  const lines = ['import { OpenEdxPublicSignal } from "./tooling";', 'import { UserData } from "./data";', ""];
  eventTypes.forEach((literal, i) => {
    lines.push(`/**\n * Signal ${i}.\n */`);
    lines.push(`export const SIGNAL_${i} = new OpenEdxPublicSignal({`);
    lines.push(`  event_type: ${literal},`);
    lines.push(`  data: { user: UserData },`);
    lines.push(`});`);
    lines.push("");
  });
  return lines.join("\n");
}

/** The snapshot `generate` writes for `{ user: UserData }` (checked against the generator below). */
function snapshotText(eventType: string, fields = [{ name: "id", type: "string" }, { name: "name", type: "string" }]): string {
  return (
    JSON.stringify(
      {
        name: "CloudEvent",
        type: "record",
        doc: "Avro Event Format for CloudEvents created with openedx_events/schema",
        fields: [{ name: "user", type: { name: "UserData", type: "record", fields } }],
        namespace: eventType,
      },
      null,
      2,
    )
  );
}

function snapshotPath(project: Project, eventType: string, version?: number): string {
  return path.join(project.schemas, `${eventType.replaceAll(".", "+")}_schema${version ? `.v${version}` : ""}.avsc`);
}

function settingsOf(project: Project, extra: Record<string, unknown> = {}) {
  return { schemaDir: project.schemas, sourceDirs: [project.src], ...extra };
}

/** Lints every .ts file under src with every rule; asserts no exception and well-formed diagnostics. */
function lintProject(project: Project, extra: Record<string, unknown> = {}): Map<string, Linter.LintMessage[]> {
  const linter = newLinter(project.cwd);
  const config = lintConfig(settingsOf(project, extra));
  const results = new Map<string, Linter.LintMessage[]>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile() && /\.[cm]?tsx?$/.test(entry.name)) {
        const text = fs.readFileSync(file, "utf8");
        const messages = lintText(linter, text, file, config);
        for (const message of messages) {
          if (message.ruleId !== null) expect(messageDefects(text, file, message)).toEqual([]);
        }
        results.set(path.relative(project.src, file), messages);
      }
    }
  };
  walk(project.src);
  return results;
}

/** Every regular file, link and directory under `dir` with its content (or link target). */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const file = path.join(current, entry.name);
      const rel = path.relative(dir, file);
      if (entry.isSymbolicLink()) out[rel] = `-> ${fs.readlinkSync(file)}`;
      else if (entry.isDirectory()) {
        out[`${rel}/`] = "dir";
        visit(file);
      } else if (entry.isFIFO()) out[rel] = "fifo";
      else if (entry.isFile()) {
        const stat = fs.statSync(file);
        out[rel] = stat.size > 100_000 ? `${stat.size} bytes` : fs.readFileSync(file, "utf8");
      }
    }
  };
  visit(dir);
  return out;
}

async function cli(project: Project, argv: string[]): Promise<{ code: number; out: string }> {
  const io = fakeIo(project.cwd);
  const code = await runCli(argv, io);
  expect([0, 1, 2]).toContain(code);
  return { code, out: io.out() };
}

const snapshotRuleIds = (): string[] =>
  Object.entries(rules)
    .filter(([, rule]) => (rule.meta.docs as { requiresSnapshots?: boolean } | undefined)?.requiresSnapshots === true)
    .map(([id]) => `openedx-events/${id}`);

function mkfifo(file: string): boolean {
  try {
    execFileSync("mkfifo", [file]);
    return true;
  } catch {
    return false;
  }
}

let monitor: FsMonitor | null = null;
beforeEach(() => resetCaches("snapshots"));
afterEach(() => {
  monitor?.restore();
  monitor = null;
  vi.restoreAllMocks();
});
afterAll(removeTempDirs);

describe("the fs monitor itself", () => {
  it("sees the lib's reads (positive control)", () => {
    const project = makeProject();
    fs.writeFileSync(snapshotPath(project, "org.openedx.learning.x.v1"), snapshotText("org.openedx.learning.x.v1"));
    monitor = monitorFs();
    const result = readSnapshot(project.schemas, "org.openedx.learning.x.v1");
    monitor.restore();
    expect(result.status).toBe("ok");
    expect(monitor.accesses.some((a) => CONTENT_OPS.has(a.op) && a.path === snapshotPath(project, "org.openedx.learning.x.v1"))).toBe(true);
  });

  it("refuses what it is told to, and the lib reports it as unreadable (negative control)", () => {
    const project = makeProject();
    const file = snapshotPath(project, "org.openedx.learning.x.v1");
    fs.writeFileSync(file, snapshotText("org.openedx.learning.x.v1"));
    monitor = monitorFs((op, target) => CONTENT_OPS.has(op) && target === file);
    const result = readSnapshot(project.schemas, "org.openedx.learning.x.v1");
    monitor.restore();
    expect(monitor.blocked.length).toBeGreaterThan(0);
    expect(result).toMatchObject({ status: "problem", kind: "unreadable" });
  });
});

// -----------------------------------------------------------------------------------------------
// 1. Hostile event types
// -----------------------------------------------------------------------------------------------

/** Event types as they are written in the source (string literal text). */
const HOSTILE_LITERALS = [
  '"../../x"',
  '"../../outside/bait.v1"',
  '"a/b"',
  '"org.openedx/../../../outside/bait.v1"',
  '"..\\\\x"',
  '"..\\\\..\\\\outside\\\\bait.v1"',
  '"/etc/passwd"',
  '"/tmp/x.v1"',
  '"org.openedx.learning\\u0000.v1"',
  '"\\u0000"',
  '".."',
  '"."',
  '""',
  '"~/.ssh/id_rsa"',
  '"C:\\\\Windows\\\\win.ini"',
  '"org+openedx+learning+x+v1"',
  '"org.openedx.learning.x.v1_schema.avsc"',
  '"%2e%2e%2f%2e%2e%2fx"',
  `"${"a.".repeat(200)}v1"`,
];

describe("hostile event types never become paths outside schemaDir", () => {
  function plantBaits(project: Project): string[] {
    // Where a naive join of schemaDir and the event type would land, with and without "." → "+".
    const baits = [
      path.join(project.root, "x_schema.avsc"),
      path.join(project.root, "x"),
      path.join(project.outside, "bait.v1_schema.avsc"),
      path.join(project.outside, "bait+v1_schema.avsc"),
      path.join(project.cwd, "x_schema.avsc"),
      path.join(project.schemas, "..", "..", "x_schema.avsc"),
    ];
    for (const bait of baits) {
      fs.mkdirSync(path.dirname(bait), { recursive: true });
      fs.writeFileSync(bait, snapshotText("bait.bait"));
    }
    return baits;
  }

  it("through the rules: no file outside the project is touched, and every hostile event type is explained", () => {
    const project = makeProject({ "signals.ts": signalSource(HOSTILE_LITERALS) });
    const baits = plantBaits(project);
    monitor = monitorFs((op, file) => CONTENT_OPS.has(op) && !isWithin(project.cwd, file) && isWithin(project.root, file));
    const results = lintProject(project);
    monitor.restore();

    // Nothing under the temporary root but the project itself was even looked at.
    const strays = monitor.accesses.filter((a) => isWithin(project.root, a.path) && !isWithin(project.cwd, a.path) && a.path !== project.root);
    expect(strays).toEqual([]);
    expect(monitor.blocked).toEqual([]);
    // Nor any system path a hostile event type names.
    const system = monitor.accesses.filter((a) => /^\/(etc|tmp\/x|root|home)\b|~|win\.ini|%2e/i.test(a.path) && !isWithin(project.root, a.path));
    expect(system).toEqual([]);
    // Inside the project, the schema lookups stay inside schemaDir.
    const inProject = monitor.accesses.filter((a) => isWithin(project.cwd, a.path) && !isWithin(project.src, a.path) && !isWithin(project.schemas, a.path) && a.path !== project.cwd);
    expect(inProject).toEqual([]);
    for (const bait of baits) expect(fs.readFileSync(bait, "utf8")).toBe(snapshotText("bait.bait"));

    // Every hostile signal gets a diagnostic on its event_type line, from some rule, that talks about the event type.
    const messages = results.get("signals.ts")!;
    const text = fs.readFileSync(path.join(project.src, "signals.ts"), "utf8").split("\n");
    const unexplained: string[] = [];
    text.forEach((line, i) => {
      if (!line.trimStart().startsWith("event_type:")) return;
      const here = messages.filter((m) => m.line === i + 1 && m.ruleId?.startsWith("openedx-events/"));
      if (!here.some((m) => /event.?type/i.test(m.message))) unexplained.push(`${i + 1}: ${line.trim()}`);
    });
    if (Object.keys(rules).includes("valid-event-type")) expect(unexplained).toEqual([]);
    // No snapshot rule pretends to have read a snapshot for them (no bait content surfaced).
    expect(messages.filter((m) => m.message.includes("bait.bait"))).toEqual([]);
  });

  it("through `generate --all`: nothing is written outside schemaDir, the invalid types are reported", async () => {
    const project = makeProject({ "signals.ts": signalSource(HOSTILE_LITERALS) });
    plantBaits(project);
    const before = tree(project.root);
    monitor = monitorFs((op, file) => !isWithin(project.cwd, file) && isWithin(project.root, file) && (CONTENT_OPS.has(op) || /write|rename|link|copy|unlink|rm|mkdir|truncate|chmod|utimes|append/i.test(op)));
    const { code, out } = await cli(project, ["generate", "--all", "--src", "src", "--schema-dir", "schemas"]);
    monitor.restore();
    expect(monitor.blocked).toEqual([]);
    expect(code).not.toBe(0);
    const after = tree(project.root);
    // Only schemas/ may change, and it holds only well-named snapshots.
    const changed = Object.keys({ ...before, ...after }).filter((key) => before[key] !== after[key]);
    expect(changed.filter((key) => !key.startsWith(`project${path.sep}schemas`))).toEqual([]);
    for (const name of fs.readdirSync(project.schemas)) expect(name).toMatch(/^[A-Za-z0-9_+-]+_schema\.avsc$/);
    expect(out).toMatch(/event type/i);
  });

  it.each(["../../x", "a/b", "..\\x", "/etc/passwd", "org.openedx\u0000.v1", "..", "../../outside/bait.v1"])(
    "through `generate %j` (positional): a usage error, nothing written",
    async (eventType) => {
      const project = makeProject({ "signals.ts": signalSource([JSON.stringify(eventType)]) });
      const before = tree(project.root);
      const { code, out } = await cli(project, ["generate", eventType, "--src", "src", "--schema-dir", "schemas", "--force"]);
      expect(code).toBe(2);
      expect(out).toMatch(/not a valid event type/);
      expect(tree(project.root)).toEqual(before);
    },
  );
});

// -----------------------------------------------------------------------------------------------
// 2. Links out of the schema directory
// -----------------------------------------------------------------------------------------------

describe("a snapshot that links outside schemaDir is refused, never read", () => {
  const EVENT = "org.openedx.learning.linked.v1";

  function linkedProject(kind: "fifo" | "huge" | "valid" | "history-valid" | "dangling" | "loop"): { project: Project; target: string; link: string } {
    const project = makeProject({ "signals.ts": signalSource([JSON.stringify(EVENT)]) });
    const target = path.join(project.outside, `target-${kind}`);
    let link = snapshotPath(project, EVENT);
    switch (kind) {
      case "fifo":
        if (!mkfifo(target)) throw new Error("mkfifo is not available");
        break;
      case "huge": {
        const fd = fs.openSync(target, "w");
        fs.ftruncateSync(fd, 64 * 1024 * 1024); // sparse: 64 MB that cost nothing to create
        fs.closeSync(fd);
        break;
      }
      case "valid":
        // The most tempting target: exactly the snapshot the signal expects.
        fs.writeFileSync(target, snapshotText(EVENT));
        break;
      case "history-valid":
        fs.writeFileSync(target, snapshotText(EVENT));
        fs.writeFileSync(link, snapshotText(EVENT));
        link = snapshotPath(project, EVENT, 1);
        break;
      case "dangling":
        break;
      case "loop":
        fs.symlinkSync(link, target); // target → link → target
        break;
    }
    fs.symlinkSync(target, link);
    return { project, target, link };
  }

  it.each(["fifo", "huge", "valid", "dangling", "loop"] as const)("outside target: %s", (kind) => {
    if (kind === "fifo" && process.platform === "win32") return;
    const { project, target, link } = linkedProject(kind);
    // A regression that opened the link would block forever on the FIFO: refuse such opens instead.
    monitor = monitorFs((op, file) => CONTENT_OPS.has(op) && (file === target || file === link));
    const direct = readSnapshot(project.schemas, EVENT);
    const results = lintProject(project, { compatibility: "FULL_TRANSITIVE" });
    monitor.restore();
    expect(monitor.blocked).toEqual([]);
    expect(direct.status).toBe("problem");
    expect(direct.status === "problem" && direct.kind).toBe("unsafe-path");
    expect(direct.status === "problem" && direct.message).toMatch(/symbolic link/);

    const ids = snapshotRuleIds();
    if (ids.length > 0) {
      const messages = results.get("signals.ts")!.filter((m) => ids.includes(m.ruleId ?? ""));
      const explained = messages.filter((m) => m.message.includes(path.basename(link)) && /symbolic link/.test(m.message));
      expect(explained.length, JSON.stringify(messages, null, 2)).toBeGreaterThan(0);
    }
  });

  it("a history version that links outside is refused too", () => {
    const { project, target, link } = linkedProject("history-valid");
    monitor = monitorFs((op, file) => CONTENT_OPS.has(op) && (file === target || file === link));
    const direct = readSnapshot(project.schemas, EVENT);
    const results = lintProject(project, { compatibility: "FULL_TRANSITIVE" });
    monitor.restore();
    expect(monitor.blocked).toEqual([]);
    expect(direct.status).toBe("ok");
    const history = direct.status === "ok" ? direct.history : [];
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ status: "problem", kind: "unsafe-path" });
    const ids = snapshotRuleIds();
    if (ids.length > 0) {
      const messages = results.get("signals.ts")!.filter((m) => ids.includes(m.ruleId ?? ""));
      expect(messages.some((m) => m.message.includes(path.basename(link)) && /symbolic link/.test(m.message)), JSON.stringify(messages, null, 2)).toBe(true);
    }
  });

  it("control: links that stay inside schemaDir, and a schemaDir that is itself a link, are fine", () => {
    const project = makeProject({ "signals.ts": signalSource([JSON.stringify(EVENT)]) });
    const real = path.join(project.schemas, "real.json");
    fs.writeFileSync(real, snapshotText(EVENT));
    fs.symlinkSync("real.json", snapshotPath(project, EVENT));
    expect(readSnapshot(project.schemas, EVENT).status).toBe("ok");
    const linkedDir = path.join(project.cwd, "linked-schemas");
    fs.symlinkSync(project.schemas, linkedDir);
    expect(readSnapshot(linkedDir, EVENT).status).toBe("ok");
    const results = lintProject(project, { schemaDir: linkedDir });
    expect(results.get("signals.ts")!.filter((m) => /symbolic link/.test(m.message))).toEqual([]);
  });

  it("`generate --force` never writes through a link, a hard link's other name is untouched", async () => {
    const project = makeProject({ "signals.ts": signalSource([JSON.stringify(EVENT), '"org.openedx.learning.hard.v1"']) });
    const soft = path.join(project.outside, "soft-target.avsc");
    const hard = path.join(project.outside, "hard-target.avsc");
    fs.writeFileSync(soft, "outside: must not change\n");
    fs.writeFileSync(hard, "outside: must not change either\n");
    fs.symlinkSync(soft, snapshotPath(project, EVENT));
    fs.linkSync(hard, snapshotPath(project, "org.openedx.learning.hard.v1"));
    for (const flags of [[], ["--force"], ["--keep-history"], ["--force", "--keep-history"]]) {
      const { code } = await cli(project, ["generate", "--all", "--src", "src", "--schema-dir", "schemas", ...flags]);
      expect(code).not.toBe(2);
      expect(fs.readFileSync(soft, "utf8")).toBe("outside: must not change\n");
      expect(fs.readFileSync(hard, "utf8")).toBe("outside: must not change either\n");
      expect(fs.lstatSync(snapshotPath(project, EVENT)).isSymbolicLink()).toBe(true);
    }
    // The hard link was replaced by a new file (rename), not written into.
    expect(fs.readFileSync(snapshotPath(project, "org.openedx.learning.hard.v1"), "utf8")).toBe(snapshotText("org.openedx.learning.hard.v1"));
  });
});

// -----------------------------------------------------------------------------------------------
// 3. Never overwrite without --force
// -----------------------------------------------------------------------------------------------

describe("`generate` never overwrites without --force", () => {
  const EVENT = "org.openedx.learning.kept.v1";
  const OLD = snapshotText(EVENT, [{ name: "id", type: "string" }]);

  it("the generator writes what these tests expect (control)", async () => {
    const project = makeProject({ "signals.ts": signalSource([JSON.stringify(EVENT)]) });
    const { code, out } = await cli(project, ["generate", "--all", "--src", "src", "--schema-dir", "schemas"]);
    expect(code, out).toBe(0);
    expect(fs.readFileSync(snapshotPath(project, EVENT), "utf8")).toBe(snapshotText(EVENT));
  });

  it.each([
    ["--all", ["generate", "--all"]],
    ["by name", ["generate", EVENT]],
    ["--all --quiet", ["generate", "--all", "--quiet"]],
    ["--all --allow-maps", ["generate", "--all", "--allow-maps"]],
  ])("a differing snapshot is kept (%s), exit 1, and --force replaces it", async (_label, argv) => {
    const project = makeProject({ "signals.ts": signalSource([JSON.stringify(EVENT)]) });
    const file = snapshotPath(project, EVENT);
    fs.writeFileSync(file, OLD);
    const mtime = fs.statSync(file).mtimeMs;
    const refused = await cli(project, [...argv, "--src", "src", "--schema-dir", "schemas"]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/--force/);
    expect(fs.readFileSync(file, "utf8")).toBe(OLD);
    expect(fs.statSync(file).mtimeMs).toBe(mtime);
    expect(fs.readdirSync(project.schemas)).toEqual([path.basename(file)]);

    const forced = await cli(project, [...argv, "--src", "src", "--schema-dir", "schemas", "--force"]);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(file, "utf8")).toBe(snapshotText(EVENT));
  });

  it("--keep-history moves the old one to .v1 instead of losing it", async () => {
    const project = makeProject({ "signals.ts": signalSource([JSON.stringify(EVENT)]) });
    fs.writeFileSync(snapshotPath(project, EVENT), OLD);
    const { code } = await cli(project, ["generate", "--all", "--src", "src", "--schema-dir", "schemas", "--keep-history"]);
    expect(code).toBe(0);
    expect(fs.readFileSync(snapshotPath(project, EVENT, 1), "utf8")).toBe(OLD);
    expect(fs.readFileSync(snapshotPath(project, EVENT), "utf8")).toBe(snapshotText(EVENT));
  });

  it("an identical snapshot is left alone (not even rewritten)", async () => {
    const project = makeProject({ "signals.ts": signalSource([JSON.stringify(EVENT)]) });
    const file = snapshotPath(project, EVENT);
    fs.writeFileSync(file, snapshotText(EVENT));
    const past = new Date(Date.now() - 3_600_000);
    fs.utimesSync(file, past, past);
    const before = fs.statSync(file);
    const { code } = await cli(project, ["generate", "--all", "--src", "src", "--schema-dir", "schemas"]);
    expect(code).toBe(0);
    const after = fs.statSync(file);
    expect([after.mtimeMs, after.ino]).toEqual([before.mtimeMs, before.ino]);
  });

  it.each(["directory", "fifo", "unreadable"] as const)("an existing %s in place of the snapshot: an error, not a crash, nothing replaced", async (kind) => {
    const project = makeProject({ "signals.ts": signalSource([JSON.stringify(EVENT)]) });
    const file = snapshotPath(project, EVENT);
    if (kind === "directory") fs.mkdirSync(file);
    if (kind === "fifo" && !mkfifo(file)) return;
    if (kind === "unreadable") {
      fs.writeFileSync(file, OLD);
      fs.chmodSync(file, 0o000);
      if (process.getuid?.() === 0) return fs.chmodSync(file, 0o644); // root reads anything
    }
    for (const flags of [[], ["--force"]]) {
      const { code } = await cli(project, ["generate", "--all", "--src", "src", "--schema-dir", "schemas", ...flags]);
      if (kind !== "unreadable") expect(code).toBe(1);
      if (kind === "directory") expect(fs.statSync(file).isDirectory()).toBe(true);
      if (kind === "fifo") expect(fs.lstatSync(file).isFIFO() || !flags.length).toBe(true);
    }
    if (kind === "unreadable") fs.chmodSync(file, 0o644);
  });
});

// -----------------------------------------------------------------------------------------------
// 4. Oversized and absurdly nested snapshots
// -----------------------------------------------------------------------------------------------

describe("oversized or absurdly nested snapshots are rejected with a message, not parsed", () => {
  const EVENT = "org.openedx.learning.big.v1";

  const cases: [string, (file: string) => void, RegExp][] = [
    [
      "over 5 MB (valid JSON padded with spaces)",
      (file) => fs.writeFileSync(file, snapshotText(EVENT) + " ".repeat(5 * 1024 * 1024 + 1)),
      /byte|large|size|limit/i,
    ],
    [
      "a sparse 2 GB file",
      (file) => {
        const fd = fs.openSync(file, "w");
        fs.ftruncateSync(fd, 2 * 1024 * 1024 * 1024);
        fs.closeSync(fd);
      },
      /byte|large|size|limit/i,
    ],
    ["200,000 nested arrays", (file) => fs.writeFileSync(file, "[".repeat(200_000) + "]".repeat(200_000)), /deep|nest/i],
    ["100,000 nested objects, never closed", (file) => fs.writeFileSync(file, '{"a":'.repeat(100_000)), /deep|nest/i],
    [
      "a deep but valid Avro schema (arrays of arrays, 500 levels)",
      (file) =>
        fs.writeFileSync(
          file,
          JSON.stringify({
            name: "CloudEvent",
            type: "record",
            fields: [{ name: "x", type: JSON.parse('{"type":"array","items":'.repeat(500) + '"string"' + "}".repeat(500)) }],
            namespace: EVENT,
          }),
        ),
      /deep|nest/i,
    ],
  ];

  it.each(cases)("%s", (_label, write, reason) => {
    const project = makeProject({ "signals.ts": signalSource([JSON.stringify(EVENT)]) });
    const file = snapshotPath(project, EVENT);
    write(file);
    const parse = vi.spyOn(JSON, "parse");
    const reads = vi.spyOn(fs, "readSync");
    monitor = monitorFs();
    const started = Date.now();
    const direct = readSnapshot(project.schemas, EVENT);
    const results = lintProject(project, { compatibility: "FULL_TRANSITIVE" });
    const elapsed = Date.now() - started;
    monitor.restore();
    // Not parsed: JSON.parse never saw the file's text, and not one byte of an oversized file was read.
    const size = fs.statSync(file).size;
    expect(parse.mock.calls.filter(([text]) => typeof text === "string" && text.length >= Math.min(size, 1_000_000) && size > 100_000)).toEqual([]);
    if (size > 5 * 1024 * 1024) expect(reads.mock.calls).toEqual([]);
    reads.mockRestore();
    expect(elapsed).toBeLessThan(20_000);

    expect(direct.status).toBe("problem");
    expect(direct.status === "problem" && direct.message).toMatch(reason);
    const ids = snapshotRuleIds();
    if (ids.length > 0) {
      const messages = results.get("signals.ts")!.filter((m) => ids.includes(m.ruleId ?? ""));
      const explained = messages.filter((m) => m.message.includes(path.basename(file)) && reason.test(m.message));
      expect(explained.length, JSON.stringify(messages, null, 2)).toBeGreaterThan(0);
    }
  });
});

// -----------------------------------------------------------------------------------------------
// 5. Nothing from user files is evaluated
// -----------------------------------------------------------------------------------------------

describe("nothing from the user's files is ever evaluated or imported as code", () => {
  const EVENT = "org.openedx.learning.evaluated.v1";

  /** A statement that, if run, leaves `marker` behind (CommonJS, ESM and TypeScript flavours). */
  const writes = (marker: string): string =>
    `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "evaluated");\n` +
    `import("node:fs").then((fs) => fs.writeFileSync(${JSON.stringify(marker)}, "evaluated"));\n`;
  const esmWrites = (marker: string): string =>
    `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "evaluated");\nexport default [];\n`;

  function plantedProject(): { project: Project; markers: string[] } {
    const root = tempDir("security-eval");
    const marker = (name: string): string => path.join(root, `MARKER-${name}`);
    const project = makeProject({
      "data.ts": `${writes(marker("data.ts"))}export class UserData {\n  static { require("node:fs").writeFileSync(${JSON.stringify(marker("static-block"))}, "x"); }\n  readonly id!: string;\n  readonly name!: string;\n}\n`,
      "signals.ts": `import "./side-effect";\nimport { evil } from "./evil.js";\nimport cfg from "./eslint.config.js";\n${signalSource([JSON.stringify(EVENT)])}\nexport const X = evil ?? cfg;\n`,
      "side-effect.ts": writes(marker("side-effect.ts")),
      "evil.js": `${writes(marker("evil.js"))}export const evil = 1;\n`,
      "evil.mjs": esmWrites(marker("evil.mjs")),
      "eslint.config.js": esmWrites(marker("src-eslint.config.js")),
      "eslint.config.mjs": esmWrites(marker("src-eslint.config.mjs")),
      "eslint.config.cjs": `require("node:fs").writeFileSync(${JSON.stringify(marker("src-eslint.config.cjs"))}, "x");\nmodule.exports = [];\n`,
      "eslint.config.ts": esmWrites(marker("src-eslint.config.ts")),
      "package.json": JSON.stringify({ name: "planted", type: "module", main: "evil.js", scripts: { prepare: `node -e "require('fs').writeFileSync('${marker("npm-script")}', 'x')"` } }),
      "tsconfig.json": JSON.stringify({ compilerOptions: { plugins: [{ name: "./evil.js" }] } }),
      "nested/signals.ts": `import { OpenEdxPublicSignal } from "../tooling";\nimport { Planted } from "./planted.js";\n/**\n * Doc.\n */\nexport const NESTED = new OpenEdxPublicSignal({ event_type: "org.openedx.learning.nested.v1", data: { p: Planted } });\n`,
      "nested/planted.js": `${writes(marker("nested-planted.js"))}export class Planted {}\n`,
      "nested/planted.ts": `${writes(marker("nested-planted.ts"))}export class Planted { readonly a!: string; }\n`,
    });
    // Snapshots that are code: a `.js` beside the snapshot, a snapshot whose content is JavaScript.
    const snapshot = snapshotPath(project, EVENT);
    fs.writeFileSync(`${snapshot}.js`, writes(marker("snapshot.avsc.js")));
    fs.writeFileSync(snapshot.replace(/\.avsc$/, ".js"), writes(marker("snapshot.js")));
    fs.writeFileSync(path.join(project.schemas, "index.js"), writes(marker("schemas-index.js")));
    fs.writeFileSync(path.join(project.schemas, "package.json"), JSON.stringify({ main: "index.js" }));
    fs.writeFileSync(snapshotPath(project, "org.openedx.learning.nested.v1"), `module.exports = (${writes(marker("snapshot-content")).trim()}) || {};\n`);
    const markers = [
      "data.ts",
      "static-block",
      "side-effect.ts",
      "evil.js",
      "evil.mjs",
      "src-eslint.config.js",
      "src-eslint.config.mjs",
      "src-eslint.config.cjs",
      "src-eslint.config.ts",
      "npm-script",
      "nested-planted.js",
      "nested-planted.ts",
      "snapshot.avsc.js",
      "snapshot.js",
      "schemas-index.js",
      "snapshot-content",
    ].map(marker);
    return { project, markers };
  }

  const evaluated = (markers: readonly string[]): string[] => markers.filter((m) => fs.existsSync(m)).map((m) => path.basename(m));

  /** Lets any stray dynamic import() settle before looking for markers. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  it("linting with the Linter API", async () => {
    const { project, markers } = plantedProject();
    lintProject(project, { compatibility: "FULL_TRANSITIVE" });
    await settle();
    expect(evaluated(markers)).toEqual([]);
  });

  it("linting with the ESLint class (overrideConfigFile: true), every file under src", async () => {
    const { project, markers } = plantedProject();
    const eslint = new ESLint({
      cwd: project.cwd,
      overrideConfigFile: true,
      overrideConfig: lintConfig(settingsOf(project)),
    });
    const results = await eslint.lintFiles(["src/**/*.ts"]);
    expect(results.length).toBeGreaterThanOrEqual(5);
    await settle();
    expect(evaluated(markers)).toEqual([]);
  });

  it("`generate --all` and every other CLI command", async () => {
    const { project, markers } = plantedProject();
    // The project's own config at the working directory is trusted (settings come from it):
    // make it harmless and explicit. The eslint.config.* planted inside src/ must not run.
    fs.writeFileSync(path.join(project.cwd, "eslint.config.js"), "export default [{}];\n");
    const help = fakeIo(project.cwd);
    await runCli(["--help"], help);
    const commands = [...help.out().matchAll(/^ {2}([a-z][\w-]*) {2,}/gm)].map((match) => match[1]!);
    await cli(project, ["generate", "--all", "--src", "src", "--schema-dir", "schemas"]);
    await cli(project, ["generate", "--all", "--src", "src/nested", "--schema-dir", "schemas", "--force"]);
    for (const command of commands.filter((name) => name !== "generate")) {
      await cli(project, [command, "--src", "src", "--schema-dir", "schemas"]);
    }
    await settle();
    expect(evaluated(markers)).toEqual([]);
  });
});

describe("sanity of the security fixtures", () => {
  it("the project root is not inside the repository (the monitor's 'outside' is really outside)", () => {
    const project = makeProject();
    expect(isWithin(PROJECT_ROOT, project.root)).toBe(false);
  });
});
