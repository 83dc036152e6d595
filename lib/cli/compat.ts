import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  checkCompatibility,
  checkMode,
  isCompatibilityMode,
  COMPATIBILITY_MODES,
  MAX_FINDINGS,
  type CompatibilityFinding,
  type CompatibilityMode,
} from "../compat/index.js";
import { avroSchemaError } from "../avro/index.js";
import { formatFindingPath, placeOfFinding } from "../evolution/index.js";
import { SCHEMA_FILE_LIMITS_TEXT as LIMITS_TEXT, depthProblem, sizeProblem } from "../snapshots/index.js";
import { jsonErrorOffset, lineColumn } from "../snapshots/json.js";
import { EXIT, UsageError, relative } from "./context.js";
import { Reporter, plural, type CliIO } from "./output.js";

export const COMPAT_HELP = `Usage: openedx-events-avro compat --reader OLD.avsc --writer NEW.avsc [--format text|json]
       openedx-events-avro compat --mode MODE --new NEW.avsc --previous V1.avsc [V2.avsc ...] [--format text|json]

The first form says whether a consumer reading with OLD.avsc can decode data a producer
wrote with NEW.avsc (Avro schema resolution), with every reason and where it is.

The second form checks NEW.avsc against a history under a Schema Registry compatibility
mode (${COMPATIBILITY_MODES.join(", ")}). The previous versions are
given oldest first, so the last one is the latest: FORWARD and BACKWARD check it alone,
the _TRANSITIVE modes check every one.
  BACKWARD   the new schema reads data written with the previous one (consumers upgrade first)
  FORWARD    the previous schema reads data written with the new one (producers upgrade first)
  FULL       both

Any Avro schema files can be compared, not only event snapshots. A file over the limits
of schema files, ${LIMITS_TEXT}, is unreadable input.
At most ${MAX_FINDINGS.toLocaleString("en-US")} reasons are listed: a longer list is cut, and says how many there are.

Options:
  --reader FILE       the schema the consumer reads with
  --writer FILE       the schema the producer wrote with
  --mode MODE         a compatibility mode (case-insensitive)
  --new FILE          the new version
  --previous FILE...  the previous versions, oldest first (repeatable; several files may follow one flag)
  --format FORMAT     text (default) or json
  -h, --help          show this help

Exit codes: 0 compatible, 1 incompatible, 2 bad usage or unreadable input. Output cut
short by its reader (| head) is not an error: the exit code is the verdict's.
`;

interface LoadedSchema {
  readonly file: string;
  readonly shown: string;
  readonly schema: unknown;
}

class UnreadableInput extends Error {}

/** Reads one schema file the way snapshots are read: size cap, depth cap, JSON and Avro errors with their position. */
function loadSchema(io: CliIO, file: string): LoadedSchema {
  const absolute = path.resolve(io.cwd, file);
  const shown = relative(io, absolute);
  let stats: fs.Stats;
  try {
    stats = fs.statSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UnreadableInput(`${shown}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : String(error)}`);
  }
  if (!stats.isFile()) throw new UnreadableInput(`${shown}: not a regular file`);
  const tooLarge = sizeProblem(stats.size);
  if (tooLarge !== null) throw new UnreadableInput(`${shown} ${tooLarge.reason}`);
  let text: string;
  try {
    text = fs.readFileSync(absolute, "utf8");
  } catch (error) {
    throw new UnreadableInput(`${shown}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const tooDeep = depthProblem(body);
  if (tooDeep !== null) {
    const at = lineColumn(body, tooDeep.offset);
    throw new UnreadableInput(`${shown} ${tooDeep.reason} (line ${at.line}, column ${at.column})`);
  }
  let schema: unknown;
  try {
    schema = JSON.parse(body);
  } catch {
    const offset = jsonErrorOffset(body);
    const at = offset === null ? null : lineColumn(body, offset);
    throw new UnreadableInput(`${shown}: not valid JSON${at ? ` (line ${at.line}, column ${at.column})` : ""}`);
  }
  // Our validation, not avsc's alone: an event-bus namespace such as `redemption-reversed` is valid here.
  const invalid = avroSchemaError(schema);
  if (invalid !== null) throw new UnreadableInput(`${shown}: JSON but not an Avro schema: ${invalid}`);
  return { file: absolute, shown, schema };
}

interface ShownFinding {
  readonly kind: string;
  readonly path: readonly string[];
  readonly at: string;
  readonly readerType: string;
  readonly writerType: string;
  readonly message: string;
}

function showFindings(findings: readonly CompatibilityFinding[], reader: unknown, writer: unknown): ShownFinding[] {
  return findings.map((finding) => ({
    kind: finding.kind,
    path: finding.path,
    at: formatFindingPath(placeOfFinding(finding.path, reader, writer)),
    readerType: finding.readerType,
    writerType: finding.writerType,
    message: finding.message,
  }));
}

/**
 * "3 reasons", or, when the checker kept only the first of them, "first 1,000 of 4,321 reasons
 * shown" (the count saturates at Number.MAX_SAFE_INTEGER: "more than" then).
 */
function reasonsText(shown: number, total: number): string {
  if (total <= shown) return plural(total, "reason");
  const more = total >= Number.MAX_SAFE_INTEGER ? "more than " : "";
  return `first ${shown.toLocaleString("en-US")} of ${more}${total.toLocaleString("en-US")} reasons shown`;
}

function printFindings(reporter: Reporter, findings: readonly ShownFinding[], indent: string): void {
  for (const finding of findings) {
    reporter.line(`${indent}${reporter.paint("bold", finding.at)}  ${finding.message} ${reporter.paint("gray", `[${finding.kind}: reader ${finding.readerType}, writer ${finding.writerType}]`)}`);
  }
}

type Tokens = NonNullable<ReturnType<typeof parseArgs>["tokens"]>;

/** `--previous a b --previous c`: every file after a --previous flag, in order. */
function previousFiles(tokens: Tokens): string[] {
  const files: string[] = [];
  let collecting = false;
  for (const token of tokens) {
    if (token.kind === "option") {
      collecting = token.name === "previous";
      if (collecting && token.value !== undefined) files.push(token.value);
    } else if (token.kind === "positional") {
      if (!collecting) throw new UsageError(`unexpected argument ${JSON.stringify(token.value)}`);
      files.push(token.value);
    } else {
      collecting = false;
    }
  }
  return files;
}

export async function compatCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals, tokens } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    tokens: true,
    options: {
      reader: { type: "string" },
      writer: { type: "string" },
      mode: { type: "string" },
      new: { type: "string" },
      previous: { type: "string", multiple: true },
      format: { type: "string", default: "text" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout.write(COMPAT_HELP);
    return EXIT.ok;
  }
  const format = values.format;
  if (format !== "text" && format !== "json") throw new UsageError(`--format must be text or json, got ${JSON.stringify(format)}`);
  const pairForm = values.reader !== undefined || values.writer !== undefined;
  const modeForm = values.mode !== undefined || values.new !== undefined || values.previous !== undefined;
  if (pairForm && modeForm) throw new UsageError("use either --reader/--writer or --mode/--new/--previous, not both");
  if (!pairForm && !modeForm) throw new UsageError("give --reader and --writer, or --mode, --new and --previous");
  const reporter = new Reporter(io, false);
  try {
    if (pairForm) {
      if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
      if (values.reader === undefined || values.writer === undefined) throw new UsageError("--reader and --writer go together");
      return pair(io, reporter, format, loadSchema(io, values.reader), loadSchema(io, values.writer));
    }
    const mode = values.mode?.toUpperCase();
    if (mode === undefined || !isCompatibilityMode(mode)) {
      throw new UsageError(`--mode must be one of ${COMPATIBILITY_MODES.join(", ")}${values.mode === undefined ? "" : `, got ${JSON.stringify(values.mode)}`}`);
    }
    if (values.new === undefined) throw new UsageError("--mode needs --new NEW.avsc");
    const previous = previousFiles(tokens);
    if (previous.length === 0) throw new UsageError("--mode needs --previous with at least one file");
    const next = loadSchema(io, values.new);
    return history(io, reporter, format, mode, next, previous.map((file) => loadSchema(io, file)));
  } catch (error) {
    if (!(error instanceof UnreadableInput)) throw error;
    if (format === "json") io.stdout.write(`${JSON.stringify({ error: error.message }, null, 2)}\n`);
    else reporter.error(`unreadable input: ${error.message}`);
    return EXIT.usage;
  }
}

/** invalid-schema findings mean an input compat could not use: that is unreadable input, not a verdict. */
function invalidInput(findings: readonly CompatibilityFinding[]): string | null {
  const invalid = findings.filter((f) => f.kind === "invalid-schema");
  return invalid.length > 0 ? invalid.map((f) => f.message).join(" ") : null;
}

function pair(io: CliIO, reporter: Reporter, format: string, reader: LoadedSchema, writer: LoadedSchema): number {
  const result = checkCompatibility(reader.schema, writer.schema);
  const invalid = invalidInput(result.findings);
  if (invalid !== null) throw new UnreadableInput(invalid);
  const findings = showFindings(result.findings, reader.schema, writer.schema);
  if (format === "json") {
    const counts = { findingCount: result.findingCount, truncated: result.findingCount > findings.length };
    io.stdout.write(`${JSON.stringify({ compatible: result.compatible, reader: reader.shown, writer: writer.shown, ...counts, findings }, null, 2)}\n`);
  } else if (result.compatible) {
    reporter.summary(`compatible: a reader using ${reader.shown} can decode data written with ${writer.shown}`, true);
  } else {
    reporter.summary(
      `incompatible: a reader using ${reader.shown} cannot decode data written with ${writer.shown} (${reasonsText(findings.length, result.findingCount)})`,
      false,
    );
    printFindings(reporter, findings, "  ");
  }
  return result.compatible ? EXIT.ok : EXIT.problems;
}

function history(
  io: CliIO,
  reporter: Reporter,
  format: string,
  mode: CompatibilityMode,
  next: LoadedSchema,
  previous: readonly LoadedSchema[],
): number {
  const result = checkMode(mode, next.schema, previous.map((p) => p.schema));
  for (const check of result.checks) {
    const invalid = invalidInput(check.findings);
    if (invalid !== null) throw new UnreadableInput(invalid);
  }
  const checks = result.checks.map((check) => {
    const old = previous[check.previousIndex]!;
    const [reader, writer] = check.direction === "forward" ? [old, next] : [next, old];
    return {
      previous: old.shown,
      direction: check.direction,
      reader: reader.shown,
      writer: writer.shown,
      compatible: check.compatible,
      findingCount: check.findingCount,
      truncated: check.findingCount > check.findings.length,
      findings: showFindings(check.findings, reader.schema, writer.schema),
    };
  });
  if (format === "json") {
    io.stdout.write(
      `${JSON.stringify({ mode, compatible: result.compatible, new: next.shown, previous: previous.map((p) => p.shown), checks }, null, 2)}\n`,
    );
    return result.compatible ? EXIT.ok : EXIT.problems;
  }
  const checked = new Set(result.checks.map((check) => check.previousIndex));
  const broken = result.breakingVersions.length;
  reporter.summary(
    result.compatible
      ? `${mode}: compatible: ${next.shown} against ${plural(checked.size, "previous version")}`
      : `${mode}: incompatible: ${next.shown} breaks ${broken} of ${plural(checked.size, "previous version")}`,
    result.compatible,
  );
  previous.forEach((old, index) => {
    if (!checked.has(index)) {
      reporter.line(`  ${old.shown}  ${reporter.paint("gray", `not checked: ${mode} compares with the latest version only`)}`);
    }
  });
  for (const check of checks) {
    const what =
      check.direction === "forward"
        ? `forward: a reader using ${check.previous} reads data written with ${next.shown}`
        : `backward: a reader using ${next.shown} reads data written with ${check.previous}`;
    const cut = check.truncated ? ` (${reasonsText(check.findings.length, check.findingCount)})` : "";
    reporter.line(`  ${check.previous}  ${what}: ${check.compatible ? reporter.paint("green", "compatible") : reporter.paint("red", "incompatible")}${cut}`);
    printFindings(reporter, check.findings, "    ");
  }
  return result.compatible ? EXIT.ok : EXIT.problems;
}
