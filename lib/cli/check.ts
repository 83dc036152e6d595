import { parseArgs } from "node:util";
import type { Catalog } from "../catalog/index.js";
import { createCheckContext, findingsInFile, formatMessage } from "../checks/index.js";
import { indexSignals } from "../project/index.js";
import { getSourceFile, realPathOf, type SourceSpan } from "../source/index.js";
import { EXIT, UsageError, loadProject, pathsAsGiven, projectConfig, relative } from "./context.js";
import { enabledChecks } from "./enabled-checks.js";
import { PROJECT_OPTIONS, REPORT_OPTIONS, projectOptions } from "./flags.js";
import { Reporter, plural, type CliIO } from "./output.js";
import { ROUND_TRIP_HELP, roundTripFlags, roundTripProblems } from "./round-trip.js";

export const CHECK_HELP = `Usage: openedx-events-avro check [--src DIR ...] [--schema-dir DIR] [--mode MODE] [--format text|json|github] [--round-trip [--samples N]] [--quiet]

Runs the checks of the ESLint rules on the files under --src, for CI without ESLint: the same
findings, word for word and at the same places, as eslint with the plugin:
  - the event type is well named and unique  (valid-event-type)
  - the event can be serialized  (supported-field-types)
  - signals kept off the event bus are listed and say why  (known-unserializable-signals)
  - its snapshot exists, can be read, and the event is compatible with it (and, in the
    transitive modes, with every stored <name>_schema.vN.avsc) under the mode  (schema-snapshot)
  - no top-level data key was removed, renamed or retyped, and new keys are required  (no-removed-fields)
  - every data class in a snapshot keeps exactly the snapshot's fields  (frozen-data-classes)
  - every signal has a JSDoc  (require-signal-jsdoc, when the config turns it on)

Options:
  --src DIR           where the signal definitions are, and the project the checks see (repeatable;
                      default: the "sourceDirs" setting, else .)
  --schema-dir DIR    where snapshots live (default: the "schemaDir" setting, else "schemas")
  --mode MODE         compatibility mode: NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD,
                      FORWARD_TRANSITIVE (default), FULL, FULL_TRANSITIVE
  --allow-maps        allow dict-like fields (Avro maps) for this run
  --format FORMAT     text (default), json, or github (workflow annotations)
${ROUND_TRIP_HELP}
  --quiet             print problems and the summary only
  -h, --help          show this help

Settings are read from settings["openedx-events"] of your eslint.config.* the way ESLint
finds it; flags override them. The rules that config turns on (openedx-events/*) are the
checks that run, with their options, file by file as ESLint runs them: a rule turned off for
a file, or a file the config ignores, is not checked there. A config that names none of them
runs those of configs.recommended on every file. A rule set to "warn" gives warnings (GitHub
warning annotations, "severity": "warning" in JSON), which do not fail the run, as in ESLint.

Exit codes: 0 no problems (or warnings only), 1 problems found, 2 bad usage or unreadable
input. Output cut short by its reader (| head) is not an error: the exit code is the check's.
`;

type Format = "text" | "json" | "github";

/** One problem, located in a source file. */
export interface CheckProblem {
  /** The ESLint rule that reports the same thing. */
  readonly rule: string;
  /** Present when the config sets the rule to `warn`: a warning, which does not fail the run (else an error). */
  readonly severity?: "warning";
  readonly messageId: string;
  readonly eventType: string | null;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
}

/** Where a problem is, its file shown by `show` (a real path as ESLint names it). */
function located(show: (file: string) => string, span: SourceSpan): Pick<CheckProblem, "file" | "line" | "column" | "endLine" | "endColumn"> {
  return {
    file: show(span.file),
    line: span.loc.start.line,
    column: span.loc.start.column + 1,
    endLine: span.loc.end.line,
    endColumn: span.loc.end.column + 1,
  };
}

export async function checkCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      ...PROJECT_OPTIONS,
      mode: { type: "string" },
      format: { type: "string", default: "text" },
      "round-trip": { type: "boolean", default: false },
      samples: { type: "string" },
      ...REPORT_OPTIONS,
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
  const { settings, rulesFor } = await projectConfig(io, {
    ...projectOptions(values),
    mode: values.mode,
    // The project the checks see (duplicates, data classes reached) is the one checked.
    sourceDirs: values.src,
  });
  const src = [...settings.sourceDirs];
  const text = format === "text";
  const reporter = new Reporter(text ? io : { ...io, stdout: { write: () => true } }, values.quiet || !text);
  const { catalog } = loadProject(io, reporter, { src }, settings);
  // Files by real path (one file, one identity), shown and configured under the path ESLint lints.
  const asGiven = pathsAsGiven(io, src);
  const show = (file: string) => relative(io, asGiven(file));
  const files = checkedFiles(catalog);
  const checksOf = await enabledChecks(files.map(asGiven), rulesFor);
  const problems: CheckProblem[] = [];
  /** Events that a finding keeps from shipping as they are. */
  const failing = new Set<string>();
  for (const file of files) {
    const checks = checksOf.get(asGiven(file))!;
    if (checks.length === 0) continue;
    const source = getSourceFile(file);
    if (!source.ast) continue;
    const context = createCheckContext({ filename: file, text: source.text, program: source.ast, origin: "disk" }, settings, io.cwd);
    for (const { check, rule, options, severity } of checks) {
      for (const finding of findingsInFile(check, context, options)) {
        problems.push({
          rule,
          ...(severity === "warning" && { severity }),
          messageId: finding.messageId,
          eventType: finding.eventType,
          ...located(show, finding.span),
          message: formatMessage(check.messages[finding.messageId]!, finding.data),
        });
        for (const eventType of finding.events) failing.add(eventType);
      }
    }
  }
  let checked = 0;
  for (const signal of catalog.signals) {
    const eventType = signal.eventType;
    if (eventType !== null && settings.knownUnserializableSignals.includes(eventType)) {
      reporter.status("skipped", "yellow", eventType, "listed in knownUnserializableSignals");
      continue;
    }
    checked++;
    if (eventType !== null && !failing.has(eventType)) reporter.status("ok", "green", eventType);
  }
  if (roundTrip) problems.push(...roundTripProblems(io, reporter, catalog.signals, settings, roundTrip, (s) => located(show, s.eventTypeSpan ?? s.span)));
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  const unreadable = catalog.unreadable.map((entry) => ({ file: show(entry.path), reason: entry.reason }));
  const warnings = problems.filter((p) => p.severity === "warning").length;
  const errors = problems.length - warnings;
  const summary = `${plural(checked, "event")} checked, ${plural(problems.length, "problem")}${
    warnings > 0 ? ` (${plural(errors, "error")}, ${plural(warnings, "warning")})` : ""
  }${unreadable.length > 0 ? `, ${plural(unreadable.length, "unreadable input")}` : ""}`;

  switch (format) {
    case "json":
      io.stdout.write(`${JSON.stringify({ eventsChecked: checked, problemCount: problems.length, problems, unreadable, summary }, null, 2)}\n`);
      break;
    case "github":
      for (const entry of unreadable) io.stdout.write(`::error file=${property(entry.file)},title=unreadable::${data(entry.reason)}\n`);
      for (const p of problems) {
        io.stdout.write(
          `::${p.severity ?? "error"} file=${property(p.file)},line=${p.line},col=${p.column},endLine=${p.endLine},endColumn=${p.endColumn},title=${property(p.rule)}::${data(p.message)}\n`,
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
      reporter.summary(summary, errors === 0 && unreadable.length === 0);
      break;
    }
  }
  if (unreadable.length > 0) return EXIT.usage;
  // As ESLint: warnings are shown, errors fail the run.
  return errors > 0 ? EXIT.problems : EXIT.ok;
}

/**
 * The files `eslint` would report in: those declaring signals, and those declaring the data
 * classes the signals reach (by real path, in a stable order).
 */
function checkedFiles(catalog: Catalog): string[] {
  const files = new Set(catalog.files.map((model) => realPathOf(model.file)));
  for (const uses of indexSignals(catalog.signals).uses.values()) files.add(realPathOf(uses[0]!.dataClass.file));
  return [...files].sort();
}

/** GitHub workflow command escaping: the message. */
function data(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

/** GitHub workflow command escaping: a property value. */
function property(text: string): string {
  return data(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}
