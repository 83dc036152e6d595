import { supportedFieldTypes } from "../lib/checks/index.js";
import { ruleFromCheck } from "./utils/create-rule.js";

export default ruleFromCheck(supportedFieldTypes, {
  type: "problem",
  description: "Require every field reachable from a signal to map to a type the Open edX event bus (Avro) can carry",
  hasSuggestions: true,
});
