import { checkSignalEvolution, type EvolutionReport, type SignalEvolution } from "../evolution/index.js";
import type { Check, CheckContext, Finding } from "./types.js";

/**
 * One part (`pick`) of each signal's comparison with its snapshots, as findings. The comparison
 * is computed once per signal and shared by schema-snapshot and no-removed-fields.
 */
export function evolutionFindings<Id extends string>(context: CheckContext, pick: (evolution: SignalEvolution) => readonly EvolutionReport<Id>[]): Finding<Id>[] {
  const findings: Finding<Id>[] = [];
  for (const signal of context.model.signals) {
    const evolution = checkSignalEvolution(signal, context.schemaOf(signal), { text: context.text, program: context.program }, context);
    const eventType = signal.eventType;
    for (const report of pick(evolution)) findings.push({ ...report, eventType, events: eventType === null ? [] : [eventType] });
  }
  return findings;
}

/** A check made of one part of the comparison with the snapshots (schema-snapshot, no-removed-fields). */
export function evolutionCheck<Id extends string>(
  id: string,
  messages: Readonly<Record<Id, string>>,
  pick: (evolution: SignalEvolution) => readonly EvolutionReport<Id>[],
): Check<Id, Record<string, never>> {
  return { id, config: "recommended", messages, options: {}, defaultOptions: {}, run: (context) => evolutionFindings(context, pick) };
}
