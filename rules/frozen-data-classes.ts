import { checkFrozenDataClass, FROZEN_DATA_CLASSES_MESSAGES, type FrozenDataClassesMessageId } from "../lib/evolution/index.js";
import { createRule, SETTINGS_MESSAGES } from "./utils/create-rule.js";
import { getEventContext } from "./utils/event-context.js";
import { reportEvolution } from "./utils/evolution-report.js";

export type Options = [];
export type MessageIds = FrozenDataClassesMessageId | keyof typeof SETTINGS_MESSAGES;

/**
 * ADR 6 for data classes: a class whose record is in a snapshot keeps exactly the snapshot's
 * fields. Reported on the class, in the file that declares it.
 */
export default createRule<Options, MessageIds>({
  name: "frozen-data-classes",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow any change to the fields (names, order, types, nullability) of a data class that a schema snapshot already contains",
      recommended: true,
      requiresSnapshots: true,
    },
    hasSuggestions: true,
    messages: { ...FROZEN_DATA_CLASSES_MESSAGES, ...SETTINGS_MESSAGES },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    return {
      Program() {
        const events = getEventContext(context);
        if (!events) return;
        for (const { model, uses } of events.reachedDataClasses()) {
          for (const report of checkFrozenDataClass(model, uses, context.sourceCode.text, events)) {
            reportEvolution(context, events.filename, report);
          }
        }
      },
    };
  },
});
