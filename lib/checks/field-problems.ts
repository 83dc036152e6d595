import { isEventTypeProblem, recordProblems, type SchemaProblem } from "../avro/index.js";
import { displayPath } from "../display-path.js";
import { entrySpan } from "../evolution/index.js";
import type { SignalDeclaration } from "../model/index.js";
import type { SourceSpan } from "../source/index.js";
import type { CheckContext } from "./types.js";

/**
 * The problems that keep a signal's payload off the event bus: the schema problems, less those
 * about the event type itself (a missing or non-literal `event_type`, an event type that is not a
 * valid Avro namespace), which `valid-event-type` reports.
 */
export function payloadProblems(context: CheckContext, signal: SignalDeclaration): readonly SchemaProblem[] {
  return context.schemaOf(signal).problems.filter((problem) => !isEventTypeProblem(signal, problem));
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

/** `../learning/data.ts:12:3`, relative to the checked file's directory. */
export function relativeLocation(fromFile: string, span: SourceSpan): string {
  return displayPath(fromFile, span.file, { fromFile: true, at: span.loc.start });
}

/** One problem to report in the checked file. */
export interface FieldProblemReport {
  readonly problem: SchemaProblem;
  /** Field path from the (first) signal reaching it. */
  readonly path: string;
  /** Events reaching it, as `describeSignal` labels, first first. */
  readonly events: readonly string[];
  /** Where to report: the problem itself when it is in the checked file, else the signal's `data` entry. */
  readonly span: SourceSpan;
  /** True when `problem.span` is in the checked file (suggestions are possible). */
  readonly local: boolean;
  /** The signals of the checked file that reach it (for "list it or fix it" advice). */
  readonly signals: readonly SignalDeclaration[];
  /** The event types of every signal reaching it, in this file or elsewhere. */
  readonly eventTypes: readonly string[];
}

const cache = new WeakMap<CheckContext, readonly FieldProblemReport[]>();

/**
 * Every payload problem to report in the checked file, once each: the problems of this file's
 * signals (at their place when it is in this file, on the `data` entry otherwise), then the
 * problems of this file's data classes reached by any signal of the project. Signals listed in
 * `knownUnserializableSignals`, and data classes reached only by them, are skipped.
 */
export function fieldProblemsOfFile(
  context: CheckContext,
  options: { readonly checkDataClasses: boolean; readonly reportImported: boolean },
): readonly FieldProblemReport[] {
  const cached = cache.get(context);
  if (cached) return filter(cached, options);
  const filename = context.filename;
  const byKey = new Map<string, { report: FieldProblemReport; events: string[]; signals: SignalDeclaration[]; eventTypes: string[] }>();
  const add = (problem: SchemaProblem, problemPath: string, labels: readonly string[], signal: SignalDeclaration | null, reaching: readonly SignalDeclaration[]): void => {
    const key = `${problem.span.file}\0${problem.span.range[0]}:${problem.span.range[1]}\0${problem.code}\0${problem.modelCode ?? ""}`;
    const existing = byKey.get(key);
    if (existing) {
      for (const label of labels) if (!existing.events.includes(label)) existing.events.push(label);
      if (signal && !existing.signals.includes(signal)) existing.signals.push(signal);
      for (const eventType of eventTypesOf(reaching)) if (!existing.eventTypes.includes(eventType)) existing.eventTypes.push(eventType);
      return;
    }
    const local = problem.span.file === filename;
    const span = local || !signal ? problem.span : placeOnSignal(context, problem, signal);
    const events = [...labels];
    const signals = signal ? [signal] : [];
    const eventTypes = eventTypesOf(reaching);
    byKey.set(key, { report: { problem, path: problemPath, events, span, local, signals, eventTypes }, events, signals, eventTypes });
  };

  for (const signal of context.model.signals) {
    if (context.isKnownUnserializable(signal)) continue;
    const label = describeSignal(signal);
    for (const problem of payloadProblems(context, signal)) add(problem, problem.path, [label], signal, [signal]);
  }

  for (const { model, uses } of context.reachedDataClasses()) {
    const live = uses.filter((use) => !context.isKnownUnserializable(use.signal));
    const first = live[0];
    if (!first) continue;
    const labels: string[] = [];
    for (const use of live) {
      const label = describeSignal(use.signal);
      if (!labels.includes(label)) labels.push(label);
    }
    for (const problem of recordProblems(model, context.settings, first.path)) {
      if (problem.span.file !== filename) continue;
      add(problem, problem.path, labels, null, live.map((use) => use.signal));
    }
  }

  const reports = [...byKey.values()].map(({ report }) => report);
  const result = dropCovered(reports);
  cache.set(context, result);
  return filter(result, options);
}

/**
 * Where a problem of another file shows on a signal of the checked file: its `data` entry, or the
 * payload type argument when the entries are declared in another file (`new X<Payload>()`).
 */
function placeOnSignal(context: CheckContext, problem: SchemaProblem, signal: SignalDeclaration): SourceSpan {
  return problem.entry ? entrySpan(problem.entry.typeSpan, signal, context) : (signal.eventTypeSpan ?? signal.span);
}

function eventTypesOf(signals: readonly SignalDeclaration[]): string[] {
  return [...new Set(signals.flatMap((signal) => (signal.eventType === null ? [] : [signal.eventType])))];
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
