import path from "node:path";
import type { RuleContext } from "@typescript-eslint/utils/ts-eslint";
import type { EvolutionReport } from "../../lib/evolution/index.js";

/**
 * Reports a finding of lib/evolution, with its suggestions as fixes. Findings placed in another
 * file are not this file's to report (the rule linting that file reports them).
 */
export function reportEvolution<Id extends string>(
  context: Readonly<RuleContext<Id, readonly unknown[]>>,
  filename: string,
  report: EvolutionReport<Id>,
): void {
  if (path.resolve(report.span.file) !== filename) return;
  context.report({
    loc: report.span.loc,
    messageId: report.messageId,
    data: report.data,
    suggest: report.suggestions.map((suggestion) => ({
      messageId: suggestion.messageId,
      data: suggestion.data,
      fix: (fixer) => fixer.replaceTextRange([suggestion.edit.range[0], suggestion.edit.range[1]], suggestion.edit.text),
    })),
  });
}
