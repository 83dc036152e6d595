import { checkSignalEvolution, type EvolutionReport, type SignalEvolution } from "../evolution/index.js";
import type { Check, CheckContext, Finding } from "./types.js";

/** The comparisons of a checked file's signals, made once per file: both parts come from one reading of the snapshots. */
const evolutions = new WeakMap<CheckContext, readonly SignalEvolution[]>();

function evolutionsOf(context: CheckContext): readonly SignalEvolution[] {
  let found = evolutions.get(context);
  if (!found) {
    found = context.model.signals.map((signal) => checkSignalEvolution(signal, context.schemaOf(signal), context, context));
    evolutions.set(context, found);
  }
  return found;
}

/**
 * One part (`pick`) of each signal's comparison with its snapshots, as findings. The comparison
 * is computed once per signal and shared by schema-snapshot and no-removed-fields, so that what
 * one reports the other leaves alone, even when a snapshot changes between the two.
 */
export function evolutionFindings<Id extends string>(context: CheckContext, pick: (evolution: SignalEvolution) => readonly EvolutionReport<Id>[]): Finding<Id>[] {
  const findings: Finding<Id>[] = [];
  for (const evolution of evolutionsOf(context)) {
    const eventType = evolution.eventType;
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
