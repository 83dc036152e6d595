import { frozenDataClasses } from "../lib/checks/index.js";
import { ruleFromCheck } from "./utils/create-rule.js";

export default ruleFromCheck(frozenDataClasses, {
  type: "problem",
  description: "Disallow any change to the fields (names, order, types, nullability) of a data class that a schema snapshot already contains",
  hasSuggestions: true,
  requiresSnapshots: true,
});
