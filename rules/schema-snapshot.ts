import { schemaSnapshot as check } from "../lib/checks/index.js";
import type { SchemaSnapshotMessageId } from "../lib/evolution/index.js";
import { configDocs, createRule, ruleMessages, type SettingsMessageId } from "./utils/create-rule.js";
import { reportFindings } from "./utils/report-findings.js";

export type Options = [];
export type MessageIds = SchemaSnapshotMessageId | SettingsMessageId;

export default createRule<Options, MessageIds>({
  name: check.id,
  meta: {
    type: "problem",
    docs: {
      description:
        "Require a schema snapshot for every serializable event and keep each event compatible with it under the configured compatibility mode",
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
