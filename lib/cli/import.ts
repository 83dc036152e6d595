import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { describeError } from "../catalog/index.js";
import {
  CustomTypeError,
  LAYOUTS,
  importCatalog,
  parseCustomTypeFile,
  parseCustomTypeFlag,
  verifyReproduction,
  writeSources,
  type CustomTypeEntry,
  type Layout,
} from "../import/index.js";
import { EXIT, UsageError, relative } from "./context.js";
import { REPORT_OPTIONS } from "./flags.js";
import { plural, Reporter, type CliIO } from "./output.js";

const MAX_MAPPING_BYTES = 1024 * 1024;

export const IMPORT_HELP = `Usage: openedx-events-avro import --schema-dir DIR --out SRC [options]

Reads the Avro snapshots of DIR (<event_type>_schema.avsc, as the Python openedx-events
library writes them) and writes the TypeScript event definitions that produce them: one
data.ts and one signals.ts per subdomain, plus tooling.ts, types.ts and keys.ts. Before
writing, it checks that "generate --all" over these sources gives every snapshot back
byte for byte (a trailing newline aside), and says which would differ, and why.

Options:
  --schema-dir DIR         the snapshots to import (history files …_schema.vN.avsc are left alone)
  --out SRC                where to write the sources
  --layout LAYOUT          by-subdomain (default): SRC/<subdomain>/{data,signals}.ts;
                           flat: SRC/{data,signals}.ts
  --custom-type PATH=TYPE  the custom type a string field stands for (repeatable), by field
                           path from the signal or from a record:
                           enrollment.course.course_key=CourseKey, CourseData.start=Date
  --custom-types FILE      the same, from a JSON file: {"enrollment.course.course_key": "CourseKey"}
  --force                  replace existing source files that differ
  --quiet                  print problems and the summary only
  -h, --help               show this help

A schema does not say which string was a CourseKey or a Date: without --custom-type every
string field is \`string\`, which produces the same schema.

Exit codes: 0 done, 1 problems found (snapshots with no TypeScript form, snapshots that
generate would not give back byte for byte, existing files refused: then nothing is
written), 2 bad usage or unreadable input (nothing is written).
`;

export async function importCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      "schema-dir": { type: "string" },
      out: { type: "string" },
      layout: { type: "string", default: "by-subdomain" },
      "custom-type": { type: "string", multiple: true },
      "custom-types": { type: "string" },
      force: { type: "boolean", default: false },
      ...REPORT_OPTIONS,
    },
  });
  if (values.help) {
    io.stdout.write(IMPORT_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  if (values["schema-dir"] === undefined) throw new UsageError("--schema-dir DIR is required: the directory of snapshots to import");
  if (values.out === undefined) throw new UsageError("--out SRC is required: the directory to write the TypeScript sources to");
  const layout = values.layout as Layout;
  if (!LAYOUTS.includes(layout)) throw new UsageError(`--layout must be ${LAYOUTS.join(" or ")}, got ${JSON.stringify(values.layout)}`);
  const schemaDir = path.resolve(io.cwd, values["schema-dir"]);
  const outDir = path.resolve(io.cwd, values.out);
  const customTypes = readCustomTypes(io, values["custom-type"] ?? [], values["custom-types"]);

  const reporter = new Reporter(io, values.quiet);
  let result;
  try {
    result = importCatalog(schemaDir, { layout, customTypes });
  } catch (error) {
    if (error instanceof CustomTypeError) throw new UsageError(error.message);
    reporter.problem("unreadable", relative(io, schemaDir), [error instanceof Error ? error.message : String(error)]);
    return EXIT.usage;
  }
  for (const entry of result.reading.ignored) reporter.status("ignored", "gray", relative(io, entry.file), entry.reason);
  if (result.reading.unreadable.length > 0) {
    for (const entry of result.reading.unreadable) reporter.problem("unreadable", relative(io, entry.file), [entry.reason]);
    reporter.summary(`nothing imported: ${plural(result.reading.unreadable.length, "snapshot")} cannot be read`, false);
    return EXIT.usage;
  }
  if (result.reading.snapshots.length === 0) {
    reporter.problem("empty", relative(io, schemaDir), ["no <event_type>_schema.avsc snapshot to import"]);
    return EXIT.usage;
  }
  let problems = 0;
  for (const [file, entries] of groupBy(result.problems, (problem) => problem.file)) {
    problems++;
    reporter.problem("refused", `${relative(io, file)} has no TypeScript form:`, entries.map((entry) => `${entry.path ? `\`${entry.path}\`` : "the schema"}: ${entry.reason}`));
  }
  for (const warning of result.warnings) reporter.status("warning", "yellow", warning);

  const reproductions = result.events.length > 0 ? verifyReproduction(result.files, result.events, result.settings) : [];
  const differing = reproductions.filter((entry) => entry.difference !== null);
  for (const entry of differing) {
    problems++;
    reporter.problem("differs", `generate would not give ${relative(io, entry.file)} back byte for byte:`, [entry.difference!]);
  }

  const counts = { written: 0, unchanged: 0, replaced: 0 };
  if (result.files.length > 0) {
    const { results, wrote } = writeSources(outDir, result.files, values.force);
    for (const entry of results) {
      if (entry.status === "refused" || entry.status === "error") {
        problems++;
        reporter.problem(entry.status, relative(io, entry.file), [entry.reason]);
        continue;
      }
      counts[entry.status]++;
      reporter.status(entry.status === "unchanged" ? "unchanged" : "wrote", entry.status === "unchanged" ? "gray" : "green", relative(io, entry.file));
    }
    if (!wrote) reporter.line(`nothing written to ${relative(io, outDir)}`);
  }
  if (Object.keys(result.settingsToAdd).length > 0) {
    reporter.line(`generate and check need these settings in settings["openedx-events"] (or as flags): ${JSON.stringify(result.settingsToAdd)}`);
  }
  const total = result.reading.snapshots.length;
  reporter.summary(
    `${plural(result.events.length, "event")} of ${total} imported, ${plural(result.files.length, "file")} (${counts.written + counts.replaced} written, ${counts.unchanged} unchanged); ` +
      `${reproductions.length - differing.length} of ${total} snapshots reproduced byte for byte; ${plural(problems, "problem")}`,
    problems === 0,
  );
  return problems > 0 ? EXIT.problems : EXIT.ok;
}

function readCustomTypes(io: CliIO, flags: readonly string[], file: string | undefined): CustomTypeEntry[] {
  try {
    const entries = flags.map(parseCustomTypeFlag);
    if (file !== undefined) {
      const absolute = path.resolve(io.cwd, file);
      let text: string;
      try {
        // A mapping file is small: anything else (a device, a directory, a huge file) is refused before reading.
        const stats = fs.statSync(absolute);
        if (!stats.isFile()) throw new UsageError(`--custom-types ${file} is not a regular file`);
        if (stats.size > MAX_MAPPING_BYTES) throw new UsageError(`--custom-types ${file} is larger than ${MAX_MAPPING_BYTES} bytes`);
        text = fs.readFileSync(absolute, "utf8");
      } catch (error) {
        if (error instanceof UsageError) throw error;
        throw new UsageError(`--custom-types ${file} cannot be read: ${describeError(error)}`);
      }
      entries.push(...parseCustomTypeFile(text, file));
    }
    return entries;
  } catch (error) {
    if (error instanceof CustomTypeError) throw new UsageError(error.message);
    throw error;
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
