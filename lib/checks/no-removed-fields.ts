/**
 * no-removed-fields: ADR 6 at the top level of each event: a `data` key of the snapshot is never
 * removed, renamed or retyped, and new keys are required. Changes the compatibility mode already
 * reports (schema-snapshot) are left to it, so nothing is reported twice.
 */
import { NO_REMOVED_FIELDS_MESSAGES } from "../evolution/index.js";
import { evolutionCheck } from "./evolution-findings.js";

export const noRemovedFields = evolutionCheck("no-removed-fields", NO_REMOVED_FIELDS_MESSAGES, (evolution) => evolution.topLevel);
