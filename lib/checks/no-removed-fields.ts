/**
 * no-removed-fields: ADR 6 at the top level of each event: a `data` key of the snapshot is never
 * removed, renamed or retyped, and new keys are required. Changes the compatibility mode already
 * reports (schema-snapshot) are left to it, so nothing is reported twice.
 */
import { NO_REMOVED_FIELDS_MESSAGES, type NoRemovedFieldsMessageId } from "../evolution/index.js";
import { evolutionFindings } from "./evolution-findings.js";
import type { Check } from "./types.js";

export const noRemovedFields: Check<NoRemovedFieldsMessageId, Record<string, never>> = {
  id: "no-removed-fields",
  config: "recommended",
  messages: NO_REMOVED_FIELDS_MESSAGES,
  defaultOptions: {},
  run: (context) => evolutionFindings(context, (evolution) => evolution.topLevel),
};
