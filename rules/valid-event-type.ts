import { validEventType as check, type ValidEventTypeMessageId, type ValidEventTypeOptions } from "../lib/checks/index.js";
import { configDocs, createRule, ruleMessages, type SettingsMessageId } from "./utils/create-rule.js";
import { reportFindings } from "./utils/report-findings.js";

export type Options = [ValidEventTypeOptions];
export type MessageIds = ValidEventTypeMessageId | SettingsMessageId;

export default createRule<Options, MessageIds>({
  name: check.id,
  meta: {
    type: "problem",
    docs: {
      description:
        "Require `event_type` to be a string literal named `org.openedx.<subdomain>.<subject>.<action>.v<N>`, unique in the project, on an UPPER_SNAKE_CASE constant",
      ...configDocs(check),
    },
    hasSuggestions: true,
    messages: ruleMessages(check),
    schema: [
      {
        type: "object",
        properties: {
          prefix: {
            type: "string",
            pattern: "^([a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*)?$",
            description: "The dot-separated prefix every event type starts with (empty: none).",
          },
          subdomains: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "The subdomains allowed right after the prefix (e.g. `learning`, `content_authoring`); empty allows any.",
          },
          requireConstantCase: {
            type: "boolean",
            description: "Require the constant that holds a signal to be UPPER_SNAKE_CASE (`COURSE_ENROLLMENT_CREATED`).",
          },
          strictAvroNamespace: {
            type: "boolean",
            description:
              "Also require every segment to be an Avro name (no `-`, no leading digit), for consumers whose Avro parser is strict (avsc, Java, Confluent's Schema Registry). openedx-events accepts such event types, so this is off by default.",
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
