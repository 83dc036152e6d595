import { createRule, SETTINGS_MESSAGES } from "./utils/create-rule.js";
import { getEventContext } from "./utils/event-context.js";
import { describeSignal } from "./utils/field-problems.js";

export type Options = [
  {
    requiredTags?: string[];
  },
];

export type MessageIds = keyof typeof SETTINGS_MESSAGES | "missingJsDoc" | "emptyDescription" | "missingTag";

const DEFAULTS = { requiredTags: [] as string[] };

/**
 * Strict only: every signal is documented. openedx-events documents each signal in its docstring
 * (what happened, when it is emitted); the JSDoc is where TypeScript readers, editors and
 * generated catalogs find it.
 */
export default createRule<Options, MessageIds>({
  name: "require-signal-jsdoc",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require a JSDoc block on every signal that says what happened and when the event is emitted (strict config only)",
      strict: true,
    },
    messages: {
      ...SETTINGS_MESSAGES,
      missingJsDoc:
        "{{signal}} has no JSDoc. Document the event right before its declaration (`/** … */`): what happened and when it is emitted, as openedx-events does in each signal's docstring; consumers on the other side of the event bus only have this to go by.",
      emptyDescription:
        "{{signal}}: its JSDoc has no description. Say what happened and when the event is emitted, before any `@` tag.",
      missingTag: "{{signal}}: its JSDoc has no `@{{tag}}` (required by this rule's `requiredTags` option).",
    },
    schema: [
      {
        type: "object",
        properties: {
          requiredTags: {
            type: "array",
            items: { type: "string", pattern: "^[A-Za-z][\\w-]*$" },
            uniqueItems: true,
            description: "JSDoc tags (without `@`) every signal must carry, e.g. `[\"since\"]`.",
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
    const signals = eventContext.model.signals;
    if (signals.length === 0) return {};
    return {
      Program() {
        for (const signal of signals) {
          const name = describeSignal(signal);
          const loc = (signal.constantSpan ?? signal.span).loc;
          if (!signal.doc) {
            context.report({ loc, messageId: "missingJsDoc", data: { signal: name } });
            continue;
          }
          if (signal.doc.text.trim() === "") context.report({ loc: signal.doc.span.loc, messageId: "emptyDescription", data: { signal: name } });
          for (const tag of options.requiredTags ?? []) {
            if (!signal.doc.tags.some((t) => t.tag === tag)) {
              context.report({ loc: signal.doc.span.loc, messageId: "missingTag", data: { signal: name, tag } });
            }
          }
        }
      },
    };
  },
});
