/**
 * require-signal-jsdoc (strict only): every signal is documented. openedx-events documents each
 * signal in its docstring (what happened, when it is emitted); the JSDoc is where TypeScript
 * readers, editors and generated catalogs find it.
 */
import { describeSignal } from "./field-problems.js";
import { defineCheck, type OptionsOf } from "./define-check.js";
import type { Finding } from "./types.js";

export const REQUIRE_SIGNAL_JSDOC_MESSAGES = {
  missingJsDoc:
    "{{signal}} has no JSDoc. Document the event right before its declaration (`/** … */`): what happened and when it is emitted, as openedx-events does in each signal's docstring; consumers on the other side of the event bus only have this to go by.",
  emptyDescription: "{{signal}}: its JSDoc has no description. Say what happened and when the event is emitted, before any `@` tag.",
  missingTag: "{{signal}}: its JSDoc has no `@{{tag}}` (required by this rule's `requiredTags` option).",
} as const;

export type RequireSignalJsdocMessageId = keyof typeof REQUIRE_SIGNAL_JSDOC_MESSAGES;

export const requireSignalJsdoc = defineCheck({
  id: "require-signal-jsdoc",
  config: "strict",
  messages: REQUIRE_SIGNAL_JSDOC_MESSAGES,
  defaultOptions: { requiredTags: [] },
  options: {
    requiredTags: {
      type: "array",
      items: { type: "string", pattern: "^[A-Za-z][\\w-]*$" },
      uniqueItems: true,
      description: "JSDoc tags (without `@`) every signal must carry, e.g. `[\"since\"]`.",
    },
  },
  run(context, options) {
    const findings: Finding<RequireSignalJsdocMessageId>[] = [];
    for (const signal of context.model.signals) {
      const about = { suggestions: [], eventType: signal.eventType, events: signal.eventType === null ? [] : [signal.eventType] };
      const data = { signal: describeSignal(signal) };
      if (!signal.doc) {
        findings.push({ messageId: "missingJsDoc", data, span: signal.constantSpan ?? signal.span, ...about });
        continue;
      }
      if (signal.doc.text.trim() === "") findings.push({ messageId: "emptyDescription", data, span: signal.doc.span, ...about });
      for (const tag of options.requiredTags ?? []) {
        if (!signal.doc.tags.some((t) => t.tag === tag)) findings.push({ messageId: "missingTag", data: { ...data, tag }, span: signal.doc.span, ...about });
      }
    }
    return findings;
  },
});

export type RequireSignalJsdocOptions = OptionsOf<typeof requireSignalJsdoc.options>;
