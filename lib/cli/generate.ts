import { parseArgs } from "node:util";
import { formatSchema, problemSpan, toAvroSchema } from "../avro/index.js";
import { indexSignals } from "../project/index.js";
import { schemaDirectory } from "../settings.js";
import { SCHEMA_FILE_LIMITS_TEXT as LIMITS_TEXT, validateEventType, writeSnapshot } from "../snapshots/index.js";
import { EXIT, UsageError, loadProject, projectSettings, relative, where } from "./context.js";
import { PROJECT_OPTIONS, REPORT_OPTIONS, projectOptions } from "./flags.js";
import { plural, type CliIO, Reporter } from "./output.js";

export const GENERATE_HELP = `Usage: openedx-events-avro generate [EVENT_TYPE ...] [--all] [options]

Writes the Avro schema snapshot of each named event (or of every event with --all) to
<schema-dir>/<event_type with "." replaced by "+">_schema.avsc, exactly as the Python
openedx-events library's "manage.py generate_avro_schemas" does.

Options:
  --all               generate every serializable event found under --src
  --src DIR           where to look for signal definitions (repeatable; default: the
                      "sourceDirs" setting, else .)
  --schema-dir DIR    where snapshots live (default: the "schemaDir" setting, else "schemas")
  --allow-maps        allow dict-like fields (Avro maps) for this run
  --force             replace an existing snapshot that differs (snapshots are history: prefer a new .vN event)
  --keep-history      move a differing snapshot to <name>_schema.vN.avsc before writing the new one
  --quiet             print problems and the summary only
  -h, --help          show this help

Settings (schemaDir, customTypes, signalConstructors, allowMaps, numberType,
knownUnserializableSignals) are read from settings["openedx-events"] of your
eslint.config.* the way ESLint finds it; flags override them.

A snapshot over the limits of schema files, ${LIMITS_TEXT},
is never written: check and the rules refuse such files.

Exit codes: 0 done, 1 problems found (unsupported types, refused overwrites, unknown
event types, schemas over those limits), 2 bad usage or unreadable input. Output cut
short by its reader (| head) is not an error: the exit code is the command's.
`;

export async function generateCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      all: { type: "boolean", default: false },
      ...PROJECT_OPTIONS,
      force: { type: "boolean", default: false },
      "keep-history": { type: "boolean", default: false },
      ...REPORT_OPTIONS,
    },
  });
  if (values.help) {
    io.stdout.write(GENERATE_HELP);
    return EXIT.ok;
  }
  // Event types become file names: reject anything that is not a plain dotted name first.
  for (const eventType of positionals) {
    const reason = validateEventType(eventType);
    if (reason) throw new UsageError(`${JSON.stringify(eventType)} is not a valid event type: ${reason}`);
  }
  if (positionals.length === 0 && !values.all) {
    throw new UsageError("name the event types to generate, or pass --all to generate every event");
  }
  const reporter = new Reporter(io, values.quiet);
  const flags = projectOptions(values);
  const settings = await projectSettings(io, flags);
  // Without --src, the project's own `sourceDirs` setting says where the events are.
  const options = { ...flags, src: values.src ?? settings.sourceDirs };
  const schemaDir = schemaDirectory(settings, io.cwd);
  const { catalog, unreadable } = loadProject(io, reporter, options, settings);

  const byType = indexSignals(catalog.signals).byEventType;
  const wanted = values.all ? [...byType.keys()] : [...new Set(positionals)];
  let problems = 0;
  if (values.all) {
    // A signal whose event type cannot be read has no snapshot name: say so rather than skip it in silence.
    for (const signal of catalog.signals) {
      if (signal.eventType !== null) continue;
      problems++;
      reporter.problem(
        "invalid",
        `${signal.constant ?? signal.constructorName} at ${where(io, signal.span)} has no literal event type:`,
        signal.problems.map((p) => `${where(io, p.span)}  ${p.message}`),
      );
    }
  }
  const counts = { written: 0, unchanged: 0, skipped: 0 };
  for (const eventType of wanted) {
    const signals = byType.get(eventType);
    if (!signals) {
      reporter.problem("unknown", eventType, [`no signal under ${options.src.join(", ")} declares this event type`]);
      problems++;
      continue;
    }
    if (signals.length > 1) {
      reporter.problem("duplicate", eventType, signals.map((s) => `declared at ${where(io, s.span)}`));
      problems++;
      continue;
    }
    const signal = signals[0]!;
    if (settings.knownUnserializableSignals.includes(eventType)) {
      reporter.status("skipped", "yellow", eventType, "listed in knownUnserializableSignals");
      counts.skipped++;
      continue;
    }
    const { schema, problems: schemaProblems } = toAvroSchema(signal, settings);
    if (!schema) {
      reporter.problem(
        "invalid",
        `${eventType} cannot be serialized:`,
        schemaProblems.map((p) => `${where(io, problemSpan(p))}  ${p.path ? `${p.path}` : "the signal"}${p.typeText ? ` (\`${p.typeText}\`)` : ""}: ${p.reason}`),
      );
      problems++;
      continue;
    }
    const result = writeSnapshot(schemaDir, eventType, formatSchema(schema), {
      force: values.force,
      keepHistory: values["keep-history"],
    });
    switch (result.status) {
      case "written":
        counts.written++;
        reporter.status("wrote", "green", relative(io, result.file), result.previous ? `previous kept as ${relative(io, result.previous)}` : eventType);
        break;
      case "unchanged":
        counts.unchanged++;
        reporter.status("unchanged", "gray", relative(io, result.file));
        break;
      case "exists":
        problems++;
        reporter.problem("refused", relative(io, result.file), [result.message]);
        break;
      case "over-limit":
        problems++;
        reporter.problem("refused", eventType, [result.message]);
        break;
      default:
        problems++;
        reporter.problem("error", eventType, [result.message]);
        break;
    }
  }
  reporter.summary(
    `${plural(wanted.length, "event")}: ${counts.written} written, ${counts.unchanged} unchanged, ${counts.skipped} skipped, ${plural(problems, "problem")}`,
    problems === 0 && !unreadable,
  );
  if (unreadable) return EXIT.usage;
  return problems > 0 ? EXIT.problems : EXIT.ok;
}
