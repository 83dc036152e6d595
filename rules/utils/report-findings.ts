import type { RuleContext, RuleListener } from "@typescript-eslint/utils/ts-eslint";
import { findingsInFile, type Check } from "../../lib/checks/index.js";
import { getEventContext } from "./event-context.js";

/** A rule's listener: the findings of its check in the linted file, reported with their suggestions. */
export function reportFindings<Id extends string, Options>(
  context: Readonly<RuleContext<Id | "invalidSettings", readonly unknown[]>>,
  check: Check<Id, Options>,
  options: Options,
): RuleListener {
  const checkContext = getEventContext(context as never);
  if (!checkContext) return {};
  return {
    Program() {
      for (const finding of findingsInFile(check, checkContext, options)) {
        context.report({
          loc: finding.span.loc,
          messageId: finding.messageId,
          data: finding.data,
          suggest: finding.suggestions.map(({ messageId, data, edit }) => ({
            messageId,
            data,
            fix: (fixer) => fixer.replaceTextRange([edit.range[0], edit.range[1]], edit.text),
          })),
        });
      }
    },
  };
}
