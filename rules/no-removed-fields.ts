import { noRemovedFields as check } from "../lib/checks/index.js";
import type { NoRemovedFieldsMessageId } from "../lib/evolution/index.js";
import { configDocs, createRule, ruleMessages, type SettingsMessageId } from "./utils/create-rule.js";
import { reportFindings } from "./utils/report-findings.js";

export type Options = [];
export type MessageIds = NoRemovedFieldsMessageId | SettingsMessageId;

export default createRule<Options, MessageIds>({
  name: check.id,
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow removing, renaming or retyping a top-level `data` key of a published event, and require keys added to it to be non-nullable",
      ...configDocs(check),
      requiresSnapshots: true,
    },
    hasSuggestions: true,
    messages: ruleMessages(check),
    schema: [],
  },
  defaultOptions: [],
  create: (context) => reportFindings(context, check, check.defaultOptions),
});
