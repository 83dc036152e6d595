import { NO_REMOVED_FIELDS_MESSAGES, type NoRemovedFieldsMessageId } from "../lib/evolution/index.js";
import { createRule, SETTINGS_MESSAGES } from "./utils/create-rule.js";
import { signalEvolutionListener } from "./utils/evolution-report.js";

export type Options = [];
export type MessageIds = NoRemovedFieldsMessageId | keyof typeof SETTINGS_MESSAGES;

/**
 * ADR 6 at the top level of each event: a `data` key of the snapshot is never removed, renamed
 * or retyped, and new keys are required. Changes the compatibility mode already reports
 * (schema-snapshot) are left to it, so nothing is reported twice.
 */
export default createRule<Options, MessageIds>({
  name: "no-removed-fields",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow removing, renaming or retyping a top-level `data` key of a published event, and require keys added to it to be non-nullable",
      recommended: true,
      requiresSnapshots: true,
    },
    hasSuggestions: true,
    messages: { ...NO_REMOVED_FIELDS_MESSAGES, ...SETTINGS_MESSAGES },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return signalEvolutionListener(context, (evolution) => evolution.topLevel);
  },
});
