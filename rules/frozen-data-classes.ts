import { frozenDataClasses as check } from "../lib/checks/index.js";
import type { FrozenDataClassesMessageId } from "../lib/evolution/index.js";
import { configDocs, createRule, ruleMessages, type SettingsMessageId } from "./utils/create-rule.js";
import { reportFindings } from "./utils/report-findings.js";

export type Options = [];
export type MessageIds = FrozenDataClassesMessageId | SettingsMessageId;

export default createRule<Options, MessageIds>({
  name: check.id,
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow any change to the fields (names, order, types, nullability) of a data class that a schema snapshot already contains",
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
