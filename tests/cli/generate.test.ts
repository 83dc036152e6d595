import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../lib/cli/main.js";
import { GENERATE_HELP } from "../../lib/cli/generate.js";
import type { CliIO } from "../../lib/cli/output.js";
import { resetCaches } from "../../lib/testing.js";
import { FIXTURES } from "../helpers.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const PROJECT = path.join(FIXTURES, "cli", "project");
const DOC = "Avro Event Format for CloudEvents created with openedx_events/schema";

const PLACED = "org.openedx.shop.order.placed.v1";
const CANCELLED = "org.openedx.shop.order.cancelled.v1";
const AUDITED = "org.openedx.shop.order.audited.v1";
const PLACED_FILE = "org+openedx+shop+order+placed+v1_schema.avsc";
const CANCELLED_FILE = "org+openedx+shop+order+cancelled+v1_schema.avsc";

const ORDER = {
  name: "OrderData",
  type: "record",
  fields: [
    { name: "order_id", type: "long" },
    { name: "total", type: "string" },
    { name: "note", type: ["null", "string"], default: null },
  ],
};

/** The snapshot text openedx-events writes, built by hand. */
function snapshot(eventType: string, fields: unknown[]): string {
  return JSON.stringify({ name: "CloudEvent", type: "record", doc: DOC, fields, namespace: eventType }, null, 2);
}

const PLACED_TEXT = snapshot(PLACED, [{ name: "order", type: ORDER }]);
const CANCELLED_TEXT = snapshot(CANCELLED, [
  { name: "order", type: ORDER },
  { name: "reason", type: "string" },
]);

const temp: string[] = [];

/** A copy of the fixture project at `<outer>/a/b/project`, so that `../..` stays inside `outer`. */
function project(options: { config?: boolean } = {}): { outer: string; dir: string; schemas: string } {
  const outer = fs.mkdtempSync(path.join(os.tmpdir(), "cli-generate-"));
  temp.push(outer);
  const dir = path.join(outer, "a", "b", "project");
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(PROJECT, dir, { recursive: true });
  if (options.config === false) fs.rmSync(path.join(dir, "eslint.config.js"));
  return { outer, dir, schemas: path.join(dir, "event-schemas") };
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(cwd: string, ...argv: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    cwd,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** Every file under `dir` with its content, to prove that nothing was written. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      const rel = path.relative(dir, full);
      if (entry.isDirectory()) visit(full);
      else if (entry.isSymbolicLink()) files[rel] = `-> ${fs.readlinkSync(full)}`;
      else files[rel] = fs.readFileSync(full, "utf8");
    }
  };
  visit(dir);
  return files;
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

beforeEach(() => {
  resetCaches("sources", "models", "snapshots");
});

afterEach(() => {
  for (const dir of temp.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("generate", () => {
  it("--all writes every serializable event with the settings of eslint.config.js, and lists the files", async () => {
    const { dir, schemas } = project();
    const result = await run(dir, "generate", "--all");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(fs.readdirSync(schemas).sort()).toEqual([CANCELLED_FILE, PLACED_FILE]);
    // customTypes: Money is "string"; a nullable field has "default": null.
    expect(fs.readFileSync(path.join(schemas, PLACED_FILE), "utf8")).toBe(PLACED_TEXT);
    expect(fs.readFileSync(path.join(schemas, CANCELLED_FILE), "utf8")).toBe(CANCELLED_TEXT);
    expect(result.stdout).toBe(
      [
        `wrote     event-schemas/${PLACED_FILE}  ${PLACED}`,
        `wrote     event-schemas/${CANCELLED_FILE}  ${CANCELLED}`,
        `skipped   ${AUDITED}  listed in knownUnserializableSignals`,
        "3 events: 2 written, 0 unchanged, 1 skipped, 0 problems",
        "",
      ].join("\n"),
    );
  });

  it("writes one named event", async () => {
    const { dir, schemas } = project();
    const result = await run(dir, "generate", CANCELLED);
    expect(result.code).toBe(0);
    expect(fs.readdirSync(schemas)).toEqual([CANCELLED_FILE]);
    expect(fs.readFileSync(path.join(schemas, CANCELLED_FILE), "utf8")).toBe(CANCELLED_TEXT);
    expect(result.stdout).toContain(`wrote     event-schemas/${CANCELLED_FILE}`);
    expect(result.stdout).toContain("1 event: 1 written, 0 unchanged, 0 skipped, 0 problems");
  });

  it("skips a named known-unserializable event with a message", async () => {
    const { dir, schemas } = project();
    const result = await run(dir, "generate", AUDITED);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`skipped   ${AUDITED}  listed in knownUnserializableSignals`);
    expect(fs.existsSync(schemas)).toBe(false);
  });

  it("exits 1 for an unknown event type and writes nothing", async () => {
    const { dir, schemas } = project();
    const result = await run(dir, "generate", "org.openedx.shop.order.lost.v1");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("unknown   org.openedx.shop.order.lost.v1");
    expect(result.stdout).toContain("no signal under . declares this event type");
    expect(fs.existsSync(schemas)).toBe(false);
  });

  it.each(["../../x", "a/b", "a..b", "../../x.v1", "x", ".hidden.v1", "a\\b.v1", "a\0b.v1"])(
    "refuses the event type %j with exit 2 and writes nothing anywhere",
    async (eventType) => {
      const { outer, dir } = project();
      const before = tree(outer);
      const parent = fs.readdirSync(path.dirname(outer)).sort();
      const result = await run(dir, "generate", eventType);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("is not a valid event type");
      expect(result.stdout).toBe("");
      expect(tree(outer)).toEqual(before);
      // Nothing appeared beside the temporary directory either.
      expect(fs.readdirSync(path.dirname(outer)).filter((name) => name.endsWith("_schema.avsc"))).toEqual(
        parent.filter((name) => name.endsWith("_schema.avsc")),
      );
    },
  );

  it("refuses an event type from the source that is not a safe file name", async () => {
    const { outer, dir } = project();
    write(
      path.join(dir, "src", "hostile.ts"),
      `export const HOSTILE = new OpenEdxPublicSignal({ event_type: "../../escape.v1", data: { note: String } });\n`,
    );
    const before = tree(outer);
    const result = await run(dir, "generate", "--all");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("../../escape.v1");
    const after = tree(outer);
    const added = Object.keys(after).filter((file) => !(file in before));
    expect(added.sort()).toEqual([`a/b/project/event-schemas/${CANCELLED_FILE}`, `a/b/project/event-schemas/${PLACED_FILE}`]);
  });

  it("refuses to write through a symlink at the target file, and leaves its target alone", async () => {
    const { outer, dir, schemas } = project();
    const outside = path.join(outer, "outside.txt");
    fs.writeFileSync(outside, "precious\n");
    const time = new Date(Date.now() - 60_000);
    fs.utimesSync(outside, time, time);
    const mtime = fs.statSync(outside).mtimeMs;
    fs.mkdirSync(schemas);
    fs.symlinkSync(outside, path.join(schemas, PLACED_FILE));
    const result = await run(dir, "generate", PLACED);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("symbolic link");
    expect(fs.readFileSync(outside, "utf8")).toBe("precious\n");
    expect(fs.statSync(outside).mtimeMs).toBe(mtime);
    expect(fs.lstatSync(path.join(schemas, PLACED_FILE)).isSymbolicLink()).toBe(true);
    expect(fs.readdirSync(schemas)).toEqual([PLACED_FILE]);
  });

  it("refuses to replace a differing snapshot (exit 1) and leaves it unchanged", async () => {
    const { dir, schemas } = project();
    const old = snapshot(PLACED, [{ name: "order", type: { name: "OrderData", type: "record", fields: [{ name: "order_id", type: "long" }] } }]);
    write(path.join(schemas, PLACED_FILE), old);
    const result = await run(dir, "generate", PLACED);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`refused   event-schemas/${PLACED_FILE}`);
    expect(result.stdout).toContain("--force");
    expect(result.stdout).toContain("--keep-history");
    expect(fs.readFileSync(path.join(schemas, PLACED_FILE), "utf8")).toBe(old);
    expect(fs.readdirSync(schemas)).toEqual([PLACED_FILE]);
  });

  it("--force replaces a differing snapshot", async () => {
    const { dir, schemas } = project();
    write(path.join(schemas, PLACED_FILE), snapshot(PLACED, []));
    const result = await run(dir, "generate", PLACED, "--force");
    expect(result.code).toBe(0);
    expect(fs.readFileSync(path.join(schemas, PLACED_FILE), "utf8")).toBe(PLACED_TEXT);
    expect(fs.readdirSync(schemas)).toEqual([PLACED_FILE]);
  });

  it("--keep-history moves a differing snapshot to _schema.v1.avsc and writes the new one", async () => {
    const { dir, schemas } = project();
    const old = snapshot(PLACED, []);
    write(path.join(schemas, PLACED_FILE), old);
    const result = await run(dir, "generate", PLACED, "--keep-history");
    expect(result.code).toBe(0);
    const history = "org+openedx+shop+order+placed+v1_schema.v1.avsc";
    expect(fs.readdirSync(schemas).sort()).toEqual([PLACED_FILE, history]);
    expect(fs.readFileSync(path.join(schemas, history), "utf8")).toBe(old);
    expect(fs.readFileSync(path.join(schemas, PLACED_FILE), "utf8")).toBe(PLACED_TEXT);
    expect(result.stdout).toContain(`previous kept as event-schemas/${history}`);
  });

  it("reports an identical snapshot as unchanged, exit 0, without touching it", async () => {
    const { dir, schemas } = project();
    write(path.join(schemas, PLACED_FILE), PLACED_TEXT);
    const time = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(schemas, PLACED_FILE), time, time);
    const mtime = fs.statSync(path.join(schemas, PLACED_FILE)).mtimeMs;
    const result = await run(dir, "generate", PLACED);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`unchanged event-schemas/${PLACED_FILE}`);
    expect(result.stdout).toContain("1 event: 0 written, 1 unchanged, 0 skipped, 0 problems");
    expect(fs.statSync(path.join(schemas, PLACED_FILE)).mtimeMs).toBe(mtime);
  });

  it("exits 1 for a signal with an unsupported field, naming file:line:column and the field path, and writes nothing for it", async () => {
    const { dir, schemas } = project();
    write(
      path.join(dir, "src", "shop", "bad.ts"),
      [
        "export class Payload {",
        "  readonly id!: string;",
        "  readonly extra!: Map<string, string>;",
        "}",
        'export const BAD = new OpenEdxPublicSignal({ event_type: "org.openedx.shop.order.bad.v1", data: { payload: Payload } });',
        "",
      ].join("\n"),
    );
    const result = await run(dir, "generate", "org.openedx.shop.order.bad.v1");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("invalid   org.openedx.shop.order.bad.v1 cannot be serialized:");
    expect(result.stdout).toContain("src/shop/bad.ts:3:20  payload.extra (`Map<string, string>`): dict-like types are not supported");
    expect(fs.existsSync(schemas)).toBe(false);

    // With --all the others are still written, and the exit code still says "problems".
    const all = await run(dir, "generate", "--all");
    expect(all.code).toBe(1);
    expect(fs.readdirSync(schemas).sort()).toEqual([CANCELLED_FILE, PLACED_FILE]);

    // --allow-maps lifts exactly that problem.
    const maps = await run(dir, "generate", "org.openedx.shop.order.bad.v1", "--allow-maps");
    expect(maps.code).toBe(0);
    const written = JSON.parse(fs.readFileSync(path.join(schemas, "org+openedx+shop+order+bad+v1_schema.avsc"), "utf8"));
    expect(written.fields[0].type.fields[1]).toEqual({ name: "extra", type: { type: "map", values: "string" } });
  });

  it("reports a signal with no literal event type under --all", async () => {
    const { dir } = project();
    write(
      path.join(dir, "src", "dynamic.ts"),
      'const name = "x";\nexport const DYNAMIC = new OpenEdxPublicSignal({ event_type: `org.openedx.${name}.v1`, data: { note: String } });\n',
    );
    const result = await run(dir, "generate", "--all");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("invalid   DYNAMIC at src/dynamic.ts:2:24 has no literal event type:");
    expect(result.stdout).toContain("src/dynamic.ts:2:62  event_type must be a string literal");
    expect(result.stdout).toContain("3 events: 2 written, 0 unchanged, 1 skipped, 1 problem");
  });

  it("exits 2 with a clear error for a source file with a syntax error that declares a signal", async () => {
    const { dir } = project();
    write(
      path.join(dir, "src", "shop", "broken.ts"),
      'export const BROKEN = new OpenEdxPublicSignal({\n  event_type: "org.openedx.shop.order.broken.v1",\n  data: { order: = },\n});\n',
    );
    const result = await run(dir, "generate", "--all");
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("unreadable src/shop/broken.ts\n          Expression expected. at line 3, column 18\n");
    // The readable events are still generated.
    expect(result.stdout).toContain(`wrote     event-schemas/${PLACED_FILE}`);
  });

  it("exits 2 for a dangling symlink named like a source file", async () => {
    const { dir } = project();
    fs.symlinkSync("missing.ts", path.join(dir, "src", "bad.ts"));
    const result = await run(dir, "generate", "--all");
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("unreadable src/bad.ts\n          broken symbolic link: no such file or directory\n");
  });

  it("reads a symlinked source file like any other", async () => {
    const { dir, schemas } = project();
    const elsewhere = path.join(dir, "linked-signals.txt");
    fs.writeFileSync(elsewhere, 'export const LINKED = new OpenEdxPublicSignal({ event_type: "org.openedx.shop.linked.v1", data: { note: String } });\n');
    fs.symlinkSync(elsewhere, path.join(dir, "src", "linked.ts"));
    const result = await run(dir, "generate", "org.openedx.shop.linked.v1");
    expect(result.code).toBe(0);
    expect(fs.readdirSync(schemas)).toEqual(["org+openedx+shop+linked+v1_schema.avsc"]);
  });

  it("exits 2 for a --src that does not exist", async () => {
    const { dir } = project();
    const result = await run(dir, "generate", "--all", "--src", "nope");
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("unreadable nope\n          no such file or directory\n");
  });

  it("--schema-dir overrides the schemaDir setting", async () => {
    const { dir, schemas } = project();
    const result = await run(dir, "generate", PLACED, "--schema-dir", "elsewhere/avro");
    expect(result.code).toBe(0);
    expect(fs.existsSync(schemas)).toBe(false);
    expect(fs.readFileSync(path.join(dir, "elsewhere", "avro", PLACED_FILE), "utf8")).toBe(PLACED_TEXT);
    expect(result.stdout).toContain(`wrote     elsewhere/avro/${PLACED_FILE}`);
  });

  it("uses the defaults without an ESLint config: schemas/, no custom Money, nothing skipped", async () => {
    const { dir } = project({ config: false });
    const result = await run(dir, "generate", CANCELLED);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("order.total (`Money`): the class `Money` declares no fields");
    const audited = await run(dir, "generate", AUDITED);
    expect(audited.code).toBe(1);
    expect(audited.stdout).toContain("audit.details");
    expect(fs.existsSync(path.join(dir, "schemas"))).toBe(false);
  });

  it("exits 2 naming the key when eslint.config.js has an invalid setting", async () => {
    const { dir, schemas } = project();
    const config = path.join(dir, "eslint.config.js");
    fs.writeFileSync(config, fs.readFileSync(config, "utf8").replace("schemaDir:", "schemaDri:"));
    const result = await run(dir, "generate", "--all");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: Invalid setting settings["openedx-events"].schemaDri: unknown setting. Did you mean "schemaDir"?');
    expect(result.stdout).toBe("");
    expect(fs.existsSync(schemas)).toBe(false);
  });

  it("exits 2 naming the key for a wrong value type in eslint.config.js", async () => {
    const { dir } = project();
    const config = path.join(dir, "eslint.config.js");
    fs.writeFileSync(config, fs.readFileSync(config, "utf8").replace('Money: "string"', 'Money: "text"'));
    const result = await run(dir, "generate", "--all");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('settings["openedx-events"].customTypes.Money: expected one of');
  });

  it("exits 2 when eslint.config.js cannot be loaded", async () => {
    const { dir } = project();
    fs.writeFileSync(path.join(dir, "eslint.config.js"), "export default [{ files: [\"**/*.ts\"] }\n");
    const result = await run(dir, "generate", "--all");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("cannot load eslint.config.js");
  });

  it("--quiet prints problems and the summary only", async () => {
    const { dir } = project();
    const result = await run(dir, "generate", "--all", "--quiet");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("3 events: 2 written, 0 unchanged, 1 skipped, 0 problems\n");
  });

  it("colours output only when asked", async () => {
    const { dir } = project();
    let stdout = "";
    const code = await runCli(["generate", PLACED], {
      cwd: dir,
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: () => true },
      env: { FORCE_COLOR: "1" },
    });
    expect(code).toBe(0);
    expect(stdout).toContain("\u001b[32mwrote     \u001b[0m");
  });
});

describe("usage", () => {
  const FLAGS = ["--all", "--src", "--schema-dir", "--allow-maps", "--force", "--keep-history", "--quiet", "--help", "-h"];

  it("generate --help lists every flag and exits 0", async () => {
    for (const argv of [["generate", "--help"], ["generate", "-h"], ["help", "generate"]]) {
      const result = await run(os.tmpdir(), ...argv);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(GENERATE_HELP);
    }
    for (const flag of FLAGS) expect(GENERATE_HELP).toMatch(new RegExp(`(^|\\s|, )${flag}(\\s|,|$)`, "m"));
  });

  it("accepts every flag the help lists", async () => {
    const { dir } = project();
    const result = await run(dir, "generate", "--all", "--src", ".", "--schema-dir", "out", "--allow-maps", "--force", "--keep-history", "--quiet");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("prints the usage and exits 2 without arguments", async () => {
    const result = await run(os.tmpdir());
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^Usage: openedx-events-avro <command> \[options\]/);
    expect(result.stdout).toContain("generate");
  });

  it("--help and help exit 0 with the usage", async () => {
    for (const argv of [["--help"], ["-h"], ["help"]]) {
      const result = await run(os.tmpdir(), ...argv);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: openedx-events-avro <command>/);
    }
  });

  it("prints the version", async () => {
    const result = await run(os.tmpdir(), "--version");
    expect(result.code).toBe(0);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(result.stdout).toBe(`${pkg.version}\n`);
  });

  it.each(["constructor", "toString", "__proto__", "nope"])("`help %s` (not a command) prints the main help, without crashing", async (topic) => {
    const main = await run(os.tmpdir(), "help");
    const result = await run(os.tmpdir(), "help", topic);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(main.stdout);
    expect(result.stdout).toContain("Exit codes:");
  });

  it("exits 2 for an unknown command", async () => {
    const result = await run(os.tmpdir(), "generat");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: unknown command "generat"/);
    expect(result.stdout).toBe("");
  });

  it("exits 2 for an unknown flag, naming it", async () => {
    const { dir, schemas } = project();
    const result = await run(dir, "generate", "--all", "--frobnicate");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--frobnicate");
    expect(result.stderr).toContain('Run "openedx-events-avro generate --help" for usage.');
    expect(fs.existsSync(schemas)).toBe(false);
  });

  it("exits 2 for a flag without its value", async () => {
    const { dir } = project();
    const result = await run(dir, "generate", "--all", "--schema-dir");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--schema-dir");
  });

  it("exits 2 when neither an event type nor --all is given", async () => {
    const { dir } = project();
    const result = await run(dir, "generate");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("name the event types to generate, or pass --all");
  });
});

describe("the built binary", () => {
  it("runs generate --all in a project", () => {
    const bin = path.join(ROOT, "dist", "bin", "openedx-events-avro.js");
    expect(fs.existsSync(bin), "run `npm run build` first").toBe(true);
    const { dir, schemas } = project();
    const result = spawnSync(process.execPath, [bin, "generate", "--all"], {
      cwd: dir,
      encoding: "utf8",
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" },
      timeout: 60_000,
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("3 events: 2 written, 0 unchanged, 1 skipped, 0 problems");
    expect(fs.readFileSync(path.join(schemas, PLACED_FILE), "utf8")).toBe(PLACED_TEXT);
    expect(fs.readFileSync(path.join(schemas, CANCELLED_FILE), "utf8")).toBe(CANCELLED_TEXT);

    const bad = spawnSync(process.execPath, [bin, "generate", "a/b"], { cwd: dir, encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("is not a valid event type");
  });
});
