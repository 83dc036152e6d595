import { schemaSnapshot } from "../lib/checks/index.js";
import { ruleFromCheck } from "./utils/create-rule.js";

export default ruleFromCheck(schemaSnapshot, {
  type: "problem",
  description:
    "Require a schema snapshot for every serializable event and keep each event compatible with it under the configured compatibility mode",
  hasSuggestions: true,
  requiresSnapshots: true,
});
