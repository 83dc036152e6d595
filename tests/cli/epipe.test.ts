/**
 * The built binary behind a reader that stops early (`openedx-events-avro check | head -1`):
 * every command stops writing in silence and exits with the code of its work. The reader is
 * simulated by closing our end of the pipe: after the first line for outputs larger than a pipe
 * holds (so that the binary blocks on a full pipe, then gets EPIPE), before anything is written
 * for the small ones.
 */
import { spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../lib/cli/main.js";
import { processIO } from "../../lib/cli/output.js";
import { memoryIO } from "../evolution/helpers.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = path.join(ROOT, "dist", "bin", "openedx-events-avro.js");
/** Twice what a Linux pipe holds (64 KiB). */
const LARGE = 128 * 1024;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The first line the reader got, when it read one. */
  first: string;
  /** Everything on the other stream. */
  other: string;
}

/**
 * Runs the binary and closes its `stream` (stdout by default) after the first line
 * (`"first-line"`) or before the binary writes anything (`"at-once"`).
 */
function closingEarly(argv: readonly string[], cwd: string, when: "first-line" | "at-once", stream: "stdout" | "stderr" = "stdout"): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { cwd, stdio: ["ignore", "pipe", "pipe"], env: { NO_COLOR: "1" } });
    const closed = child[stream];
    const other = stream === "stdout" ? child.stderr : child.stdout;
    let first = "";
    let rest = "";
    if (when === "at-once") {
      closed.destroy();
    } else {
      closed.setEncoding("utf8");
      closed.on("data", (chunk: string) => {
        first += chunk;
        if (first.includes("\n")) closed.destroy();
      });
    }
    other.setEncoding("utf8");
    other.on("data", (chunk: string) => (rest += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, first: first.split("\n")[0] ?? "", other: rest }));
  });
}

/** The whole output of a run, in process, to know how large it is. */
async function fullOutput(argv: readonly string[], cwd: string): Promise<{ code: number; stdout: string }> {
  const out = memoryIO(cwd);
  const code = await runCli(argv, out.io);
  return { code, stdout: out.stdout() };
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "cli-epipe-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Long event types make large outputs of few signals. */
const LONG = "a_catalog_large_enough_to_fill_a_pipe.with_rather_long_event_types.so_that_each_line_of_output_is_long.and_few_signals_do";

/** `count` signals with long event types, in `<dir>/src`. */
function catalog(dir: string, count: number): string {
  fs.mkdirSync(path.join(dir, "src"), { recursive: true });
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const eventType = `org.openedx.test.${LONG}.number_${i}.v1`;
    lines.push(`export const SIGNAL_${i} = new OpenEdxPublicSignal({ event_type: "${eventType}", data: { value: String } });`);
  }
  fs.writeFileSync(path.join(dir, "src", "signals.ts"), `${lines.join("\n")}\n`);
  return dir;
}

const clean = catalog(path.join(work, "clean"), 1000);
const broken = catalog(path.join(work, "broken"), 1000);
const fresh = catalog(path.join(work, "fresh"), 1000);

/** A reader record of many fields without defaults, a writer without them: one reason per field. */
const compatDir = path.join(work, "compat");
fs.mkdirSync(compatDir);
const fields = Array.from({ length: 4321 }, (_, i) => ({ name: `field_number_${i}_of_the_reader`, type: "string" }));
fs.writeFileSync(path.join(compatDir, "reader.avsc"), JSON.stringify({ type: "record", name: "R", fields }));
fs.writeFileSync(path.join(compatDir, "writer.avsc"), JSON.stringify({ type: "record", name: "R", fields: [] }));

beforeAll(async () => {
  expect(fs.existsSync(BIN), "run `npm run build` first").toBe(true);
  const generated = await fullOutput(["generate", "--all", "--src", "src", "--quiet"], clean);
  expect(generated.code).toBe(0);
});

describe("a reader that stops after the first line", () => {
  it("check, clean: exit 0, nothing on stderr", async () => {
    const full = await fullOutput(["check", "--src", "src"], clean);
    expect(full.code).toBe(0);
    expect(full.stdout.length).toBeGreaterThan(LARGE);
    const run = await closingEarly(["check", "--src", "src"], clean, "first-line");
    expect(run).toEqual({
      code: 0,
      signal: null,
      first: `ok        org.openedx.test.${LONG}.number_0.v1`,
      other: "",
    });
  });

  it("check, with problems: exit 1, nothing on stderr", async () => {
    const full = await fullOutput(["check", "--src", "src"], broken);
    expect(full.code).toBe(1);
    expect(full.stdout.length).toBeGreaterThan(LARGE);
    const run = await closingEarly(["check", "--src", "src"], broken, "first-line");
    expect(run).toEqual({ code: 1, signal: null, first: "", other: "" });
  });

  it.each(["json", "github"])("check --format %s, with problems: exit 1, nothing on stderr", async (format) => {
    const full = await fullOutput(["check", "--src", "src", "--format", format], broken);
    expect(full.stdout.length).toBeGreaterThan(LARGE);
    const run = await closingEarly(["check", "--src", "src", "--format", format], broken, "first-line");
    expect(run).toMatchObject({ code: 1, signal: null, other: "" });
  });

  it("generate: exit 0, nothing on stderr, and every snapshot written all the same", async () => {
    const full = await fullOutput(["generate", "--all", "--src", "src", "--schema-dir", "elsewhere"], fresh);
    expect(full.stdout.length).toBeGreaterThan(LARGE);
    const run = await closingEarly(["generate", "--all", "--src", "src"], fresh, "first-line");
    expect(run).toMatchObject({ code: 0, signal: null, other: "" });
    expect(run.first).toMatch(/^wrote {5}schemas\/org\+openedx\+test\+a_catalog/);
    expect(fs.readdirSync(path.join(fresh, "schemas"))).toHaveLength(1000);
  });

  it("compat, incompatible: exit 1, nothing on stderr", async () => {
    const argv = ["compat", "--reader", "reader.avsc", "--writer", "writer.avsc"];
    const full = await fullOutput(argv, compatDir);
    expect(full.code).toBe(1);
    expect(full.stdout.length).toBeGreaterThan(LARGE);
    const run = await closingEarly(argv, compatDir, "first-line");
    expect(run).toEqual({
      code: 1,
      signal: null,
      first: "incompatible: a reader using reader.avsc cannot decode data written with writer.avsc (first 1,000 of 4,321 reasons shown)",
      other: "",
    });
  });

  it("compat --format json: exit 1, nothing on stderr", async () => {
    const run = await closingEarly(["compat", "--reader", "reader.avsc", "--writer", "writer.avsc", "--format", "json"], compatDir, "first-line");
    expect(run).toEqual({ code: 1, signal: null, first: "{", other: "" });
  });
});

describe("a reader gone before anything is written", () => {
  it.each([
    [["--help"], 0],
    [["help", "check"], 0],
    [["generate", "--help"], 0],
    [["compat", "--help"], 0],
    [["--version"], 0],
    // No command: the main help, and the exit code of bad usage.
    [[], 2],
    [["check", "--src", "src"], 0],
    [["compat", "--reader", "reader.avsc", "--writer", "writer.avsc"], 1],
  ])("%j exits %i, nothing on stderr", async (argv, code) => {
    const cwd = argv[0] === "compat" ? compatDir : clean;
    const run = await closingEarly(argv, cwd, "at-once");
    expect(run).toEqual({ code, signal: null, first: "", other: "" });
  });

  it("a closed stderr: bad usage still exits 2", async () => {
    const run = await closingEarly(["check", "--format", "xml"], clean, "at-once", "stderr");
    expect(run).toEqual({ code: 2, signal: null, first: "", other: "" });
  });

  it("a closed stderr: an unknown command still exits 2", async () => {
    const run = await closingEarly(["chekc"], clean, "at-once", "stderr");
    expect(run).toEqual({ code: 2, signal: null, first: "", other: "" });
  });
});

describe("processIO", () => {
  /** A stand-in for process.stdout / stderr that records what reaches it. */
  function fakeStream(isTTY: boolean) {
    const stream = Object.assign(new EventEmitter(), {
      isTTY,
      destroyed: false,
      written: "",
      write(text: string) {
        stream.written += text;
        return true;
      },
    });
    return stream;
  }
  function fakeProcess() {
    const stdout = fakeStream(true);
    const stderr = fakeStream(false);
    const io = processIO({ cwd: () => "/somewhere", env: { A: "1" }, stdout, stderr } as unknown as Parameters<typeof processIO>[0]);
    return { io, stdout, stderr };
  }
  const error = (code: string) => Object.assign(new Error(`write ${code}`), { code });

  it("passes writes through, with the streams' isTTY", () => {
    const { io, stdout, stderr } = fakeProcess();
    expect(io.stdout.write("a")).toBe(true);
    io.stderr.write("b");
    expect([stdout.written, stderr.written, io.stdout.isTTY, io.stderr.isTTY, io.cwd, io.env]).toEqual(["a", "b", true, false, "/somewhere", { A: "1" }]);
  });

  it("after EPIPE, drops what is written, in silence", () => {
    const { io, stdout, stderr } = fakeProcess();
    io.stdout.write("before\n");
    stdout.emit("error", error("EPIPE"));
    expect(io.stdout.write("after\n")).toBe(false);
    expect([stdout.written, stderr.written]).toEqual(["before\n", ""]);
  });

  it("another write error is said once on stderr, and what follows is dropped", () => {
    const { io, stdout, stderr } = fakeProcess();
    stdout.emit("error", error("ENOSPC"));
    stdout.emit("error", error("ENOSPC"));
    io.stdout.write("lost\n");
    expect([stdout.written, stderr.written]).toEqual(["", "error: the output could not be written: write ENOSPC\n"]);
  });

  it("a failing stderr is dropped in silence too", () => {
    const { io, stderr } = fakeProcess();
    stderr.emit("error", error("EIO"));
    io.stderr.write("lost\n");
    expect(stderr.written).toBe("");
  });
});

describe("the built binary", () => {
  it("prints the version of package.json", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string };
    const child = spawn(process.execPath, [BIN, "--version"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
  });
});
