/**
 * schema-snapshot: each serializable signal against its schema snapshot (and, in the transitive
 * modes, every stored version): missing or unusable snapshots, and every incompatibility under
 * the `compatibility` setting, reported where the signal reaches the change.
 */
import { SCHEMA_SNAPSHOT_MESSAGES, type SchemaSnapshotMessageId } from "../evolution/index.js";
import { evolutionFindings } from "./evolution-findings.js";
import type { Check } from "./types.js";

export const schemaSnapshot: Check<SchemaSnapshotMessageId, Record<string, never>> = {
  id: "schema-snapshot",
  config: "recommended",
  messages: SCHEMA_SNAPSHOT_MESSAGES,
  defaultOptions: {},
  run: (context) => evolutionFindings(context, (evolution) => evolution.snapshot),
};
