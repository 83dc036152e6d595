import { SCHEMA_SNAPSHOT_MESSAGES, type SchemaSnapshotMessageId } from "../lib/evolution/index.js";
import { createRule, SETTINGS_MESSAGES } from "./utils/create-rule.js";
import { signalEvolutionListener } from "./utils/evolution-report.js";

export type Options = [];
export type MessageIds = SchemaSnapshotMessageId | keyof typeof SETTINGS_MESSAGES;

/**
 * Each serializable signal of the file against its schema snapshot (and, in the transitive
 * modes, every stored version): missing or unusable snapshots, and every incompatibility under
 * the `compatibility` setting, reported where the signal reaches the change.
 */
export default createRule<Options, MessageIds>({
  name: "schema-snapshot",
  meta: {
    type: "problem",
    docs: {
      description:
        "Require a schema snapshot for every serializable event and keep each event compatible with it under the configured compatibility mode",
      recommended: true,
      requiresSnapshots: true,
    },
    hasSuggestions: true,
    messages: { ...SCHEMA_SNAPSHOT_MESSAGES, ...SETTINGS_MESSAGES },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return signalEvolutionListener(context, (evolution) => evolution.snapshot);
  },
});
