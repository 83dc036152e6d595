/**
 * schema-snapshot: each serializable signal against its schema snapshot (and, in the transitive
 * modes, every stored version): missing or unusable snapshots, and every incompatibility under
 * the `compatibility` setting, reported where the signal reaches the change.
 */
import { SCHEMA_SNAPSHOT_MESSAGES } from "../evolution/index.js";
import { evolutionCheck } from "./evolution-findings.js";

export const schemaSnapshot = evolutionCheck("schema-snapshot", SCHEMA_SNAPSHOT_MESSAGES, (evolution) => evolution.snapshot);
