import { parseArgs } from "node:util";
import { isEventTypeProblem, problemSpan, toAvroSchema } from "../avro/index.js";
import {
  FROZEN_DATA_CLASSES_MESSAGES,
  NO_REMOVED_FIELDS_MESSAGES,
  SCHEMA_SNAPSHOT_MESSAGES,
  checkFrozenDataClass,
  checkSignalEvolution,
  formatMessage,
  type EvolutionReport,
} from "../evolution/index.js";
import type { SignalDeclaration } from "../model/index.js";
import { indexSignals } from "../project/index.js";
import { getSourceFile, type SourceSpan } from "../source/index.js";
import { EXIT, UsageError, loadProject, projectSettings, relative, where } from "./context.js";
import { Reporter, plural, type CliIO } from "./output.js";
import { ROUND_TRIP_HELP, roundTripFlags, roundTripProblems } from "./round-trip.js";

export const CHECK_HELP = `Usage: openedx-events-avro check [--src DIR ...] [--schema-dir DIR] [--mode MODE] [--format text|json|github] [--round-trip [--samples N]] [--quiet]

Runs the checks of the ESLint rules on every event under --src, for CI without ESLint:
  - the event can be serialized (unsupported field types and other schema problems)
  - its snapshot exists and can be read (and, in the transitive modes, every stored
    <name>_schema.vN.avsc beside it)
  - it is compatible with the snapshot(s) under the compatibility mode  (schema-snapshot)
  - no top-level data key was removed, renamed or retyped, and new keys are required  (no-removed-fields)
  - every data class in a snapshot keeps exactly the snapshot's fields  (frozen-data-classes)

Options:
  --src DIR           where the signal definitions are (repeatable; default: the "sourceDirs" setting, else .)
  --schema-dir DIR    where snapshots live (default: the "schemaDir" setting, else "schemas")
  --mode MODE         compatibility mode: NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD,
                      FORWARD_TRANSITIVE (default), FULL, FULL_TRANSITIVE
  --allow-maps        allow dict-like fields (Avro maps) for this run
  --format FORMAT     text (default), json, or github (workflow annotations)
${ROUND_TRIP_HELP}
  --quiet             print problems and the summary only
  -h, --help          show this help

Settings are read from settings["openedx-events"] of your eslint.config.* the way ESLint
finds it; flags override them.

Exit codes: 0 no problems, 1 problems found, 2 bad usage or unreadable input. Output cut
short by its reader (| head) is not an error: the exit code is the check's.
`;

type Format = "text" | "json" | "github";

/** One problem, located in a source file. */
export interface CheckProblem {
  /** The ESLint rule that reports the same thing. */
  readonly rule: string;
  readonly messageId: string;
  readonly eventType: string | null;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
}

const RULE_MESSAGES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "openedx-events/schema-snapshot": SCHEMA_SNAPSHOT_MESSAGES,
  "openedx-events/no-removed-fields": NO_REMOVED_FIELDS_MESSAGES,
  "openedx-events/frozen-data-classes": FROZEN_DATA_CLASSES_MESSAGES,
};

function located(io: CliIO, span: SourceSpan): Pick<CheckProblem, "file" | "line" | "column" | "endLine" | "endColumn"> {
  return {
    file: relative(io, span.file),
    line: span.loc.start.line,
    column: span.loc.start.column + 1,
    endLine: span.loc.end.line,
    endColumn: span.loc.end.column + 1,
  };
}

function fromReport(io: CliIO, rule: string, eventType: string | null, report: EvolutionReport): CheckProblem {
  return {
    rule,
    messageId: report.messageId,
    eventType,
    ...located(io, report.span),
    message: formatMessage(RULE_MESSAGES[rule]![report.messageId]!, report.data),
  };
}

export async function checkCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      src: { type: "string", multiple: true },
      "schema-dir": { type: "string" },
      mode: { type: "string" },
      "allow-maps": { type: "boolean", default: false },
      format: { type: "string", default: "text" },
      "round-trip": { type: "boolean", default: false },
      samples: { type: "string" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    io.stdout.write(CHECK_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}; use --src DIR for source directories`);
  const format = values.format as Format;
  if (format !== "text" && format !== "json" && format !== "github") {
    throw new UsageError(`--format must be text, json or github, got ${JSON.stringify(values.format)}`);
  }
  const roundTrip = roundTripFlags(values);
  const settings = await projectSettings(io, {
    src: values.src ?? ["."],
    schemaDir: values["schema-dir"],
    allowMaps: values["allow-maps"],
    mode: values.mode,
  });
  const src = values.src ?? [...settings.sourceDirs];
  const text = format === "text";
  const reporter = new Reporter(text ? io : { ...io, stdout: { write: () => true } }, values.quiet || !text);
  const { catalog } = loadProject(io, reporter, { src }, settings);
  const options = { settings, cwd: io.cwd };
  const problems: CheckProblem[] = [];
  let checked = 0;

  const { byEventType: byType, uses: classUses } = indexSignals(catalog.signals);
  /** Events with a problem of their own, or reaching a data class with one. */
  const failing = new Set<SignalDeclaration>();
  const statuses: (() => void)[] = [];
  for (const signal of catalog.signals) {
    const eventType = signal.eventType;
    if (eventType !== null && settings.knownUnserializableSignals.includes(eventType)) {
      statuses.push(() => reporter.status("skipped", "yellow", eventType, "listed in knownUnserializableSignals"));
      continue;
    }
    checked++;
    const before = problems.length;
    const duplicates = eventType === null ? [] : byType.get(eventType)!;
    if (duplicates.length > 1 && duplicates[0] !== signal) {
      problems.push({
        rule: "openedx-events/valid-event-type",
        messageId: "duplicate",
        eventType,
        ...located(io, signal.eventTypeSpan ?? signal.span),
        message: `Event type \`${eventType}\` is already declared at ${where(io, duplicates[0]!.span)}; each event type names one signal.`,
      });
    }
    const schema = toAvroSchema(signal, settings);
    if (!schema.schema) {
      for (const problem of schema.problems) {
        problems.push({
          rule: isEventTypeProblem(signal, problem) ? "openedx-events/valid-event-type" : "openedx-events/supported-field-types",
          messageId: problem.code,
          eventType,
          ...located(io, problemSpan(problem)),
          message: `${eventType ? `Event \`${eventType}\`` : "The signal"} cannot be serialized: ${problem.path ? `field \`${problem.path}\`` : "the signal"}${
            problem.typeText ? ` (\`${problem.typeText}\`)` : ""
          }: ${problem.reason}.`.replace(/\.\.$/, "."),
        });
      }
    }
    const source = getSourceFile(signal.file);
    const evolution = checkSignalEvolution(signal, schema, { text: source.text, program: source.ast }, options);
    for (const report of evolution.snapshot) problems.push(fromReport(io, "openedx-events/schema-snapshot", eventType, report));
    for (const report of evolution.topLevel) problems.push(fromReport(io, "openedx-events/no-removed-fields", eventType, report));
    if (problems.length > before) failing.add(signal);
    statuses.push(() => {
      if (eventType !== null && !failing.has(signal)) reporter.status("ok", "green", eventType);
    });
  }
  // Known-unserializable signals pin nothing: checkFrozenDataClass skips their uses.
  for (const uses of classUses.values()) {
    const model = uses[0]!.dataClass;
    const text = getSourceFile(model.file).text;
    const reports = checkFrozenDataClass(model, uses, text, options);
    for (const report of reports) problems.push(fromReport(io, "openedx-events/frozen-data-classes", null, report));
    if (reports.length > 0) for (const use of uses) failing.add(use.signal);
  }
  for (const status of statuses) status();
  if (roundTrip) problems.push(...roundTripProblems(io, reporter, catalog.signals, settings, roundTrip, (s) => located(io, s.eventTypeSpan ?? s.span)));
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  const unreadable = catalog.unreadable.map((entry) => ({ file: relative(io, entry.path), reason: entry.reason }));
  const summary = `${plural(checked, "event")} checked, ${plural(problems.length, "problem")}${
    unreadable.length > 0 ? `, ${plural(unreadable.length, "unreadable input")}` : ""
  }`;

  switch (format) {
    case "json":
      io.stdout.write(`${JSON.stringify({ eventsChecked: checked, problemCount: problems.length, problems, unreadable, summary }, null, 2)}\n`);
      break;
    case "github":
      for (const entry of unreadable) io.stdout.write(`::error file=${property(entry.file)},title=unreadable::${data(entry.reason)}\n`);
      for (const p of problems) {
        io.stdout.write(
          `::error file=${property(p.file)},line=${p.line},col=${p.column},endLine=${p.endLine},endColumn=${p.endColumn},title=${property(p.rule)}::${data(p.message)}\n`,
        );
      }
      io.stdout.write(`${summary}\n`);
      break;
    case "text": {
      let file: string | null = null;
      for (const p of problems) {
        if (p.file !== file) {
          file = p.file;
          reporter.line();
          reporter.line(reporter.paint("bold", file));
        }
        reporter.line(`  ${reporter.paint("gray", `${p.line}:${p.column}`)}  ${p.message}  ${reporter.paint("gray", p.rule)}`);
      }
      if (problems.length > 0) reporter.line();
      reporter.summary(summary, problems.length === 0 && unreadable.length === 0);
      break;
    }
  }
  if (unreadable.length > 0) return EXIT.usage;
  return problems.length > 0 ? EXIT.problems : EXIT.ok;
}

/** GitHub workflow command escaping: the message. */
function data(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

/** GitHub workflow command escaping: a property value. */
function property(text: string): string {
  return data(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}
