import path from "node:path";
import type { RuleContext } from "@typescript-eslint/utils/ts-eslint";
import { checkSignalEvolution, type EvolutionReport, type SignalEvolution } from "../../lib/evolution/index.js";
import { getEventContext } from "./event-context.js";

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

/**
 * The `Program` listener of a rule that reports one part (`pick`) of each signal's comparison with
 * its snapshots. The comparison is computed once per signal and shared by the rules.
 */
export function signalEvolutionListener<Id extends string>(
  context: Readonly<RuleContext<Id, readonly unknown[]>>,
  pick: (evolution: SignalEvolution) => readonly EvolutionReport<Id>[],
): { Program(program: Parameters<typeof checkSignalEvolution>[2]["program"]): void } {
  return {
    Program(program) {
      const events = getEventContext(context);
      if (!events) return;
      for (const signal of events.model.signals) {
        const evolution = checkSignalEvolution(signal, events.schemaOf(signal), { text: context.sourceCode.text, program }, events);
        for (const report of pick(evolution)) reportEvolution(context, events.filename, report);
      }
    },
  };
}
