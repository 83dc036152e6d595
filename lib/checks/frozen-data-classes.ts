/**
 * frozen-data-classes: ADR 6 for data classes: a class whose record is in a snapshot keeps
 * exactly the snapshot's fields. Reported on the class, in the file that declares it.
 */
import { checkFrozenDataClass, FROZEN_DATA_CLASSES_MESSAGES, type FrozenDataClassesMessageId } from "../evolution/index.js";
import type { Check, Finding } from "./types.js";

export const frozenDataClasses: Check<FrozenDataClassesMessageId, Record<string, never>> = {
  id: "frozen-data-classes",
  config: "recommended",
  messages: FROZEN_DATA_CLASSES_MESSAGES,
  options: {},
  defaultOptions: {},
  run(context) {
    const findings: Finding<FrozenDataClassesMessageId>[] = [];
    for (const { model, uses } of context.reachedDataClasses()) {
      const reports = checkFrozenDataClass(model, uses, context.text, context);
      if (reports.length === 0) continue;
      const events = [...new Set(uses.flatMap(({ signal }) => (signal.eventType !== null && !context.isKnownUnserializable(signal) ? [signal.eventType] : [])))];
      for (const report of reports) findings.push({ ...report, eventType: null, events });
    }
    return findings;
  },
};
