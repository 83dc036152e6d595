import {
  knownUnserializableSignals as check,
  type KnownUnserializableSignalsMessageId,
  type KnownUnserializableSignalsOptions,
} from "../lib/checks/index.js";
import { configDocs, createRule, ruleMessages, type SettingsMessageId } from "./utils/create-rule.js";
import { reportFindings } from "./utils/report-findings.js";

export type Options = [KnownUnserializableSignalsOptions];
export type MessageIds = KnownUnserializableSignalsMessageId | SettingsMessageId;

export default createRule<Options, MessageIds>({
  name: check.id,
  meta: {
    type: "problem",
    docs: {
      description:
        "Require signals kept off the event bus to be listed in `knownUnserializableSignals` with a JSDoc `@warning` saying why, and the list to hold only signals that exist and cannot be serialized",
      ...configDocs(check),
    },
    hasSuggestions: true,
    messages: ruleMessages(check),
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
    defaultOptions: [check.defaultOptions],
  },
  defaultOptions: [check.defaultOptions],
  create: (context, [options]) => reportFindings(context, check, options),
});
