/**
 * known-unserializable-signals: a signal kept off the event bus is listed in
 * `knownUnserializableSignals` and says why in a JSDoc `@warning` (as openedx-events asks of
 * `KNOWN_UNSERIALIZABLE_SIGNALS`); the list holds only signals that exist and cannot be serialized.
 */
import type { SchemaProblem } from "../avro/index.js";
import { jsDocWithTag, newJsDocBefore, warningReasonText, warningTagText } from "../fixes/index.js";
import { listText } from "../format-message.js";
import type { SignalDeclaration } from "../model/index.js";
import { closestName } from "../naming/index.js";
import { payloadProblems } from "./field-problems.js";
import { indentAt } from "./source-text.js";
import { defineCheck, type OptionsOf } from "./define-check.js";
import type { CheckContext, Edit, Finding } from "./types.js";

export const KNOWN_UNSERIALIZABLE_SIGNALS_MESSAGES = {
  missingWarning:
    "Event `{{eventType}}` is listed in knownUnserializableSignals, but {{detail}}. Say why it is not sent over the event bus in its JSDoc, `@warning This event is not sent over the event bus: <reason>`, so that nobody tries to send it across services ({{problems}}).",
  staleEntry:
    "Event `{{eventType}}` is listed in knownUnserializableSignals, but its payload maps to Avro without problems, so the event bus can carry it. Remove it from settings[\"openedx-events\"].knownUnserializableSignals so that the schema checks cover it (or, if it is kept off the bus on purpose, turn off this rule's `reportStaleEntries` option).",
  unknownEntry:
    "settings[\"openedx-events\"].knownUnserializableSignals lists `{{eventType}}`, but no signal under the `sourceDirs` setting ({{sourceDirs}}) declares that event type{{didYouMean}}. Remove the entry or correct it. (A setting cannot be pointed at: this is reported once, in the first file of the project that declares signals.)",
  suggestWarning: "Add `{{tag}}`.",
} as const;

export type KnownUnserializableSignalsMessageId = keyof typeof KNOWN_UNSERIALIZABLE_SIGNALS_MESSAGES;
type KusFinding = Finding<KnownUnserializableSignalsMessageId>;

export const knownUnserializableSignals = defineCheck({
  id: "known-unserializable-signals",
  config: "recommended",
  messages: KNOWN_UNSERIALIZABLE_SIGNALS_MESSAGES,
  defaultOptions: { requireWarning: true, reportStaleEntries: true, reportUnknownEntries: true },
  options: {
    requireWarning: {
      type: "boolean",
      description: "Require a JSDoc `@warning` with a reason on every signal listed in `knownUnserializableSignals`.",
    },
    reportStaleEntries: {
      type: "boolean",
      description: "Report listed signals whose payload can in fact be serialized (the entry is stale, and keeps the schema checks off the event).",
    },
    reportUnknownEntries: {
      type: "boolean",
      description:
        "Report listed event types that no signal of the project declares (once, in the first file, by path, that declares signals under `sourceDirs`).",
    },
  },
  run(context, options) {
    const { model, settings } = context;
    // Nothing to judge in a file without signals, and no cross-file work either.
    if (model.signals.length === 0 || settings.knownUnserializableSignals.length === 0) return [];
    const findings: KusFinding[] = [];
    for (const signal of model.signals) {
      if (!context.isKnownUnserializable(signal)) continue;
      const eventType = signal.eventType!;
      const about = { eventType, events: [eventType] };
      const problems = payloadProblems(context, signal);
      const span = signal.constantSpan ?? signal.eventTypeSpan ?? signal.span;
      if (problems.length === 0) {
        if (options.reportStaleEntries !== false) findings.push({ messageId: "staleEntry", data: { eventType }, span, suggestions: [], ...about });
        continue;
      }
      if (options.requireWarning === false) continue;
      const warnings = signal.doc?.tags.filter((tag) => tag.tag === "warning") ?? [];
      if (warnings.some((tag) => tag.text.trim() !== "")) continue;
      const unserializable = unserializableFields(problems);
      const reason = `${unserializable}.`;
      const detail = !signal.doc ? "it has no JSDoc" : warnings.length === 0 ? "its JSDoc has no `@warning`" : "its `@warning` is empty";
      findings.push({
        messageId: "missingWarning",
        data: { eventType, detail, problems: unserializable },
        span,
        suggestions: [{ messageId: "suggestWarning", data: { tag: warningTagText(reason) }, edit: warningEdit(context.text, signal, reason) }],
        ...about,
      });
    }
    if (options.reportUnknownEntries !== false) findings.push(...unknownEntries(context));
    return findings;
  },
});

export type KnownUnserializableSignalsOptions = OptionsOf<typeof knownUnserializableSignals.options>;

/** "the field `a.b` (`Record<string, string>`) cannot be serialized to Avro" (no closing period). */
function unserializableFields(problems: readonly SchemaProblem[]): string {
  const named = problems.map((problem) => {
    const path = problem.path ? `\`${problem.path}\`` : "the payload";
    return problem.typeText ? `${path} (\`${problem.typeText.replace(/\s+/g, " ")}\`)` : path;
  });
  const unique = [...new Set(named)];
  return `${unique.length === 1 ? "the field" : "the fields"} ${listText(unique, 3)} cannot be serialized to Avro`;
}

/** Inserts the `@warning` into the signal's JSDoc, or a new JSDoc before its statement. */
function warningEdit(text: string, signal: SignalDeclaration, reason: string): Edit {
  const doc = signal.doc;
  if (!doc) {
    const start = signal.statementSpan.range[0];
    return { range: [start, start], text: newJsDocBefore(indentAt(text, start), warningTagText(reason)) };
  }
  const [start, end] = doc.span.range;
  const comment = text.slice(start, end);
  // An empty `@warning` (at the end of its line, or of the comment) gets the reason.
  const empty = /@warning[ \t]*(?=\r?\n|\*\/)/.exec(comment);
  if (empty) {
    const at = start + empty.index + empty[0].length;
    const closing = comment.slice(empty.index + empty[0].length).startsWith("*/");
    return { range: [start + empty.index, at], text: `@warning${warningReasonText(reason)}${closing ? " " : ""}` };
  }
  return { range: [start, end], text: jsDocWithTag(comment, indentAt(text, start), warningTagText(reason)) };
}

/**
 * Listed event types no signal declares. Reported in one file only, deterministically: the
 * project's first signal file by path (the order `sourceDirs` are walked in), at its top.
 */
function unknownEntries(context: CheckContext): KusFinding[] {
  const index = context.project();
  // The first file that declares a signal (files that only mention the constructor do not count).
  if (index.signals[0]?.file !== context.filename) return [];
  const declared = new Set<string>(index.byEventType.keys());
  for (const signal of context.model.signals) if (signal.eventType !== null) declared.add(signal.eventType);
  const sourceDirs = context.settings.sourceDirs.map((dir) => JSON.stringify(dir)).join(", ");
  const top = { file: context.filename, range: [0, 0] as [number, number], loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } } };
  const findings: KusFinding[] = [];
  for (const eventType of new Set(context.settings.knownUnserializableSignals)) {
    if (declared.has(eventType)) continue;
    const didYouMean = closestName(eventType, declared);
    findings.push({
      messageId: "unknownEntry",
      data: { eventType, sourceDirs, didYouMean: didYouMean ? ` (did you mean \`${didYouMean}\`?)` : "" },
      span: top,
      suggestions: [],
      eventType: null,
      events: [],
    });
  }
  return findings;
}
