import { knownUnserializableSignals } from "../lib/checks/index.js";
import { ruleFromCheck } from "./utils/create-rule.js";

export default ruleFromCheck(knownUnserializableSignals, {
  type: "problem",
  description:
    "Require signals kept off the event bus to be listed in `knownUnserializableSignals` with a JSDoc `@warning` saying why, and the list to hold only signals that exist and cannot be serialized",
  hasSuggestions: true,
});
