import type { SchemaProblem } from "../../lib/avro/index.js";
import { isEventTypeProblem, recordProblems } from "../../lib/avro/index.js";
import type { SignalDeclaration } from "../../lib/model/index.js";
import { displayPath } from "../../lib/display-path.js";
import type { SourceSpan } from "../../lib/source/index.js";
import type { EventContext } from "./event-context.js";

/**
 * The problems that keep a signal's payload off the event bus: the schema problems, less those
 * about the event type itself (a missing or non-literal `event_type`, an event type that is not a
 * valid Avro namespace), which `valid-event-type` reports.
 */
export function payloadProblems(eventContext: EventContext, signal: SignalDeclaration): readonly SchemaProblem[] {
  return eventContext.schemaOf(signal).problems.filter((problem) => !isEventTypeProblem(signal, problem));
}

/** `Event \`org.openedx.x.v1\`` or, for a signal without a literal event type, `Signal \`FOO\``. */
export function describeSignal(signal: SignalDeclaration): string {
  if (signal.eventType !== null) return `Event \`${signal.eventType}\``;
  if (signal.constant !== null) return `Signal \`${signal.constant}\``;
  return `The signal at line ${signal.span.loc.start.line}`;
}

/** `Event \`a\`` or `Event \`a\` (and 2 other events)`. */
export function describeEvents(labels: readonly string[]): string {
  const [first, ...rest] = labels;
  if (first === undefined) return "An event";
  return rest.length === 0 ? first : `${first} (and ${rest.length} other event${rest.length === 1 ? "" : "s"})`;
}

/** `../learning/data.ts:12:3`, relative to the linted file's directory. */
export function relativeLocation(fromFile: string, span: SourceSpan): string {
  return displayPath(fromFile, span.file, { fromFile: true, at: span.loc.start });
}

/** One problem to report in the linted file. */
export interface FieldProblemReport {
  readonly problem: SchemaProblem;
  /** Field path from the (first) signal reaching it. */
  readonly path: string;
  /** Events reaching it, as `describeSignal` labels, first first. */
  readonly events: readonly string[];
  /** Where to report: the problem itself when it is in the linted file, else the signal's `data` entry. */
  readonly span: SourceSpan;
  /** True when `problem.span` is in the linted file (suggestions are possible). */
  readonly local: boolean;
  /** The signals of the linted file that reach it (for "list it or fix it" advice). */
  readonly signals: readonly SignalDeclaration[];
}

const cache = new WeakMap<EventContext, readonly FieldProblemReport[]>();

/**
 * Every payload problem to report in the linted file, once each: the problems of this file's
 * signals (at their place when it is in this file, on the `data` entry otherwise), then the
 * problems of this file's data classes reached by any signal of the project. Signals listed in
 * `knownUnserializableSignals`, and data classes reached only by them, are skipped.
 */
export function fieldProblemsOfFile(
  eventContext: EventContext,
  options: { readonly checkDataClasses: boolean; readonly reportImported: boolean },
): readonly FieldProblemReport[] {
  const cached = cache.get(eventContext);
  if (cached) return filter(cached, options);
  const filename = eventContext.filename;
  const byKey = new Map<string, { report: FieldProblemReport; events: string[]; signals: SignalDeclaration[] }>();
  const add = (problem: SchemaProblem, problemPath: string, labels: readonly string[], signal: SignalDeclaration | null): void => {
    const key = `${problem.span.file}\0${problem.span.range[0]}:${problem.span.range[1]}\0${problem.code}\0${problem.modelCode ?? ""}`;
    const existing = byKey.get(key);
    if (existing) {
      for (const label of labels) if (!existing.events.includes(label)) existing.events.push(label);
      if (signal && !existing.signals.includes(signal)) existing.signals.push(signal);
      return;
    }
    const local = problem.span.file === filename;
    const span = local ? problem.span : (problem.entry?.typeSpan ?? (signal ? (signal.eventTypeSpan ?? signal.span) : problem.span));
    const events = [...labels];
    const signals = signal ? [signal] : [];
    byKey.set(key, { report: { problem, path: problemPath, events, span, local, signals }, events, signals });
  };

  for (const signal of eventContext.model.signals) {
    if (eventContext.isKnownUnserializable(signal)) continue;
    const label = describeSignal(signal);
    for (const problem of payloadProblems(eventContext, signal)) add(problem, problem.path, [label], signal);
  }

  for (const { model, uses } of eventContext.reachedDataClasses()) {
    const live = uses.filter((use) => !eventContext.isKnownUnserializable(use.signal));
    const first = live[0];
    if (!first) continue;
    const labels: string[] = [];
    for (const use of live) {
      const label = describeSignal(use.signal);
      if (!labels.includes(label)) labels.push(label);
    }
    for (const problem of recordProblems(model, eventContext.settings, first.path)) {
      if (problem.span.file !== filename) continue;
      add(problem, problem.path, labels, null);
    }
  }

  const reports = [...byKey.values()].map(({ report }) => report);
  const result = dropCovered(reports);
  cache.set(eventContext, result);
  return filter(result, options);
}

function filter(
  reports: readonly FieldProblemReport[],
  options: { readonly checkDataClasses: boolean; readonly reportImported: boolean },
): readonly FieldProblemReport[] {
  return reports.filter((report) => (options.reportImported || report.local) && (options.checkDataClasses || report.signals.length > 0));
}

/**
 * `x?: T | undefined` is one mistake with one fix: report the optional field, not also the
 * `| undefined` in its annotation.
 */
function dropCovered(reports: readonly FieldProblemReport[]): FieldProblemReport[] {
  const optionalAnnotations = new Set<string>();
  for (const { problem } of reports) {
    if (problem.code === "optional" && problem.field) optionalAnnotations.add(spanKey(problem.field.typeSpan));
    else if (problem.code === "optional" && problem.entry) optionalAnnotations.add(spanKey(problem.entry.typeSpan));
  }
  return reports.filter(({ problem }) => !(problem.code === "undefined" && optionalAnnotations.has(spanKey(problem.span))));
}

function spanKey(span: SourceSpan): string {
  return `${span.file}\0${span.range[0]}:${span.range[1]}`;
}
