import { validEventType } from "../lib/checks/index.js";
import { ruleFromCheck } from "./utils/create-rule.js";

export default ruleFromCheck(validEventType, {
  type: "problem",
  description:
    "Require `event_type` to be a string literal named `org.openedx.<subdomain>.<subject>.<action>.v<N>`, unique in the project, on an UPPER_SNAKE_CASE constant",
  hasSuggestions: true,
});
