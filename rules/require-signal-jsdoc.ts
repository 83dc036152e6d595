import { requireSignalJsdoc as check, type RequireSignalJsdocMessageId, type RequireSignalJsdocOptions } from "../lib/checks/index.js";
import { configDocs, createRule, ruleMessages, type SettingsMessageId } from "./utils/create-rule.js";
import { reportFindings } from "./utils/report-findings.js";

export type Options = [RequireSignalJsdocOptions];
export type MessageIds = RequireSignalJsdocMessageId | SettingsMessageId;

export default createRule<Options, MessageIds>({
  name: check.id,
  meta: {
    type: "suggestion",
    docs: {
      description: "Require a JSDoc block on every signal that says what happened and when the event is emitted (strict config only)",
      ...configDocs(check),
    },
    messages: ruleMessages(check),
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
    defaultOptions: [check.defaultOptions],
  },
  defaultOptions: [check.defaultOptions],
  create: (context, [options]) => reportFindings(context, check, options),
});
