import type { RuleFix, RuleFixer } from "@typescript-eslint/utils/ts-eslint";
import type { SchemaProblem } from "../lib/avro/index.js";
import { jsDocWithTag, newJsDocBefore, warningReasonText, warningTagText } from "../lib/fixes/index.js";
import { listText } from "../lib/evolution/index.js";
import type { SignalDeclaration } from "../lib/model/index.js";
import { closestName } from "../lib/naming/index.js";
import { createRule, SETTINGS_MESSAGES } from "./utils/create-rule.js";
import { getEventContext, type EventContext } from "./utils/event-context.js";
import { payloadProblems } from "./utils/field-problems.js";
import { indentAt } from "./utils/source-nodes.js";

export type Options = [
  {
    requireWarning?: boolean;
    reportStaleEntries?: boolean;
    reportUnknownEntries?: boolean;
  },
];

export type MessageIds = keyof typeof SETTINGS_MESSAGES | "missingWarning" | "staleEntry" | "unknownEntry" | "suggestWarning";

const DEFAULTS = { requireWarning: true, reportStaleEntries: true, reportUnknownEntries: true } as const;

export default createRule<Options, MessageIds>({
  name: "known-unserializable-signals",
  meta: {
    type: "problem",
    docs: {
      description:
        "Require signals kept off the event bus to be listed in `knownUnserializableSignals` with a JSDoc `@warning` saying why, and the list to hold only signals that exist and cannot be serialized",
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      ...SETTINGS_MESSAGES,
      missingWarning:
        "Event `{{eventType}}` is listed in knownUnserializableSignals, but {{detail}}. Say why it is not sent over the event bus in its JSDoc, `@warning This event is not sent over the event bus: <reason>`, so that nobody tries to send it across services ({{problems}}).",
      staleEntry:
        "Event `{{eventType}}` is listed in knownUnserializableSignals, but its payload maps to Avro without problems, so the event bus can carry it. Remove it from settings[\"openedx-events\"].knownUnserializableSignals so that the schema checks cover it (or, if it is kept off the bus on purpose, turn off this rule's `reportStaleEntries` option).",
      unknownEntry:
        "settings[\"openedx-events\"].knownUnserializableSignals lists `{{eventType}}`, but no signal under the `sourceDirs` setting ({{sourceDirs}}) declares that event type{{didYouMean}}. Remove the entry or correct it. (A setting cannot be pointed at: this is reported once, in the first file of the project that declares signals.)",
      suggestWarning: "Add `{{tag}}`.",
    },
    schema: [
      {
        type: "object",
        properties: {
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
        additionalProperties: false,
      },
    ],
    defaultOptions: [DEFAULTS],
  },
  defaultOptions: [DEFAULTS],
  create(context, [options]) {
    const eventContext = getEventContext(context);
    if (!eventContext) return {};
    const { model, settings } = eventContext;
    // Nothing to judge in a file without signals, and no cross-file work either.
    if (model.signals.length === 0 || settings.knownUnserializableSignals.length === 0) return {};
    const sourceCode = context.sourceCode;
    return {
      Program() {
        for (const signal of model.signals) {
          if (!eventContext.isKnownUnserializable(signal)) continue;
          const eventType = signal.eventType!;
          const problems = payloadProblems(eventContext, signal);
          const loc = (signal.constantSpan ?? signal.eventTypeSpan ?? signal.span).loc;
          if (problems.length === 0) {
            if (options.reportStaleEntries !== false) context.report({ loc, messageId: "staleEntry", data: { eventType } });
            continue;
          }
          if (options.requireWarning === false) continue;
          const warnings = signal.doc?.tags.filter((tag) => tag.tag === "warning") ?? [];
          if (warnings.some((tag) => tag.text.trim() !== "")) continue;
          const reason = summarize(problems);
          const tag = warningTagText(reason);
          const detail = !signal.doc ? "it has no JSDoc" : warnings.length === 0 ? "its JSDoc has no `@warning`" : "its `@warning` is empty";
          context.report({
            loc,
            messageId: "missingWarning",
            data: { eventType, detail, problems: reason.replace(/\.$/, "") },
            suggest: [{ messageId: "suggestWarning", data: { tag }, fix: warningFix(sourceCode.text, signal, reason) }],
          });
        }
        if (options.reportUnknownEntries !== false) reportUnknownEntries(eventContext, (eventType, didYouMean) =>
          context.report({
            loc: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 } },
            messageId: "unknownEntry",
            data: {
              eventType,
              sourceDirs: settings.sourceDirs.map((dir) => JSON.stringify(dir)).join(", "),
              didYouMean: didYouMean ? ` (did you mean \`${didYouMean}\`?)` : "",
            },
          }),
        );
      },
    };
  },
});

/** "the field `a.b` (`Record<string, string>`) cannot be serialized to Avro." */
function summarize(problems: readonly SchemaProblem[]): string {
  const named = problems.map((problem) => {
    const path = problem.path ? `\`${problem.path}\`` : "the payload";
    return problem.typeText ? `${path} (\`${problem.typeText.replace(/\s+/g, " ")}\`)` : path;
  });
  const unique = [...new Set(named)];
  return `${unique.length === 1 ? "the field" : "the fields"} ${listText(unique, 3)} cannot be serialized to Avro.`;
}

/** Inserts the `@warning` into the signal's JSDoc, or a new JSDoc before its statement. */
function warningFix(text: string, signal: SignalDeclaration, reason: string): (fixer: RuleFixer) => RuleFix {
  return (fixer) => {
    const doc = signal.doc;
    if (!doc) {
      const start = signal.statementSpan.range[0];
      return fixer.insertTextBeforeRange([start, start], newJsDocBefore(indentAt(text, start), warningTagText(reason)));
    }
    const [start, end] = doc.span.range;
    const comment = text.slice(start, end);
    const empty = /@warning[ \t]*(?=\r?\n|\*\/)/.exec(comment);
    if (empty) {
      const at = start + empty.index + empty[0].length;
      const closing = comment.slice(empty.index + empty[0].length).startsWith("*/");
      return fixer.replaceTextRange([start + empty.index, at], `@warning${warningReasonText(reason)}${closing ? " " : ""}`);
    }
    return fixer.replaceTextRange([start, end], jsDocWithTag(comment, indentAt(text, start), warningTagText(reason)));
  };
}

/**
 * Listed event types no signal declares. Reported in one file only, deterministically: the
 * project's first signal file by path (the order `sourceDirs` are walked in).
 */
function reportUnknownEntries(eventContext: EventContext, report: (eventType: string, didYouMean: string | null) => void): void {
  const index = eventContext.project();
  // The first file that declares a signal (files that only mention the constructor do not count).
  const first = index.signals[0]?.file;
  if (first !== eventContext.filename) return;
  const declared = new Set<string>(index.byEventType.keys());
  for (const signal of eventContext.model.signals) if (signal.eventType !== null) declared.add(signal.eventType);
  const seen = new Set<string>();
  for (const eventType of eventContext.settings.knownUnserializableSignals) {
    if (declared.has(eventType) || seen.has(eventType)) continue;
    seen.add(eventType);
    report(eventType, closestName(eventType, declared));
  }
}
