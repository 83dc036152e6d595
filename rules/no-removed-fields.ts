import { noRemovedFields } from "../lib/checks/index.js";
import { ruleFromCheck } from "./utils/create-rule.js";

export default ruleFromCheck(noRemovedFields, {
  type: "problem",
  description: "Disallow removing, renaming or retyping a top-level `data` key of a published event, and require keys added to it to be non-nullable",
  hasSuggestions: true,
  requiresSnapshots: true,
});
