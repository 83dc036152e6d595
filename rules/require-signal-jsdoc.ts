import { requireSignalJsdoc } from "../lib/checks/index.js";
import { ruleFromCheck } from "./utils/create-rule.js";

export default ruleFromCheck(requireSignalJsdoc, {
  type: "suggestion",
  description: "Require a JSDoc block on every signal that says what happened and when the event is emitted (strict config only)",
});
