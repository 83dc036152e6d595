import { supportedFieldTypes as check, type SupportedFieldTypesMessageId, type SupportedFieldTypesOptions } from "../lib/checks/index.js";
import { configDocs, createRule, ruleMessages, type SettingsMessageId } from "./utils/create-rule.js";
import { reportFindings } from "./utils/report-findings.js";

export type Options = [SupportedFieldTypesOptions];
export type MessageIds = SupportedFieldTypesMessageId | SettingsMessageId;

export default createRule<Options, MessageIds>({
  name: check.id,
  meta: {
    type: "problem",
    docs: {
      description: "Require every field reachable from a signal to map to a type the Open edX event bus (Avro) can carry",
      ...configDocs(check),
    },
    hasSuggestions: true,
    messages: ruleMessages(check),
    schema: [
      {
        type: "object",
        properties: {
          checkDataClasses: {
            type: "boolean",
            description:
              "Check data classes declared in the linted file that any signal of the project reaches (found under the `sourceDirs` setting), reporting on the field itself.",
          },
          reportImported: {
            type: "boolean",
            description:
              "Report problems in data classes imported from other files on the signal's `data` entry too (naming the file and line), so that a signal file shows why its event cannot be serialized.",
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
