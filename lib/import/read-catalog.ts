/**
 * The snapshots to import: every current `<event_type>_schema.avsc` of a directory, read with
 * the same safety as everywhere else (size and depth caps, links, JSON and Avro errors as values).
 * History files (`…_schema.vN.avsc`) stay where they are: they are versions, not definitions.
 */
import fs from "node:fs";
import path from "node:path";
import { describeError } from "../catalog/index.js";
import { eventTypeFromFileName, readSnapshot, type SnapshotSchema } from "../snapshots/index.js";

export interface SnapshotToImport {
  readonly eventType: string;
  readonly file: string;
  readonly text: string;
  readonly schema: SnapshotSchema;
}

export interface CatalogReading {
  readonly snapshots: readonly SnapshotToImport[];
  /** Files that could not be read, or are not Avro event snapshots: the import does not start. */
  readonly unreadable: readonly { readonly file: string; readonly reason: string }[];
  /** `.avsc` files whose name is not a snapshot's, and history files: left alone. */
  readonly ignored: readonly { readonly file: string; readonly reason: string }[];
}

/** Reads `schemaDir`; throws only when the directory itself cannot be listed (with the reason). */
export function readSchemaDirectory(schemaDir: string): CatalogReading {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(schemaDir, { withFileTypes: true });
  } catch (error) {
    throw new Error(`the schema directory ${schemaDir} cannot be read: ${describeError(error)}`);
  }
  const names = entries.map((entry) => entry.name).sort();
  const snapshots: SnapshotToImport[] = [];
  const unreadable: { file: string; reason: string }[] = [];
  const ignored: { file: string; reason: string }[] = [];
  for (const name of names) {
    if (!name.endsWith(".avsc")) continue;
    const file = path.join(schemaDir, name);
    const parsed = eventTypeFromFileName(name);
    if (parsed === null) {
      ignored.push({ file, reason: 'not named <event_type with "." replaced by "+">_schema.avsc' });
      continue;
    }
    if (parsed.version !== null) {
      ignored.push({ file, reason: `version ${parsed.version} of ${parsed.eventType}: history is not imported` });
      continue;
    }
    const read = readSnapshot(schemaDir, parsed.eventType);
    if (read.status === "ok") {
      snapshots.push({ eventType: parsed.eventType, file: read.file, text: read.text, schema: read.schema });
    } else if (read.status === "problem") {
      const where = read.line === undefined ? "" : ` (line ${read.line}${read.column === undefined ? "" : `, column ${read.column}`})`;
      unreadable.push({ file: read.file, reason: `${read.message}${where}` });
    } else {
      unreadable.push({ file, reason: "the file disappeared while it was being read" });
    }
  }
  return { snapshots, unreadable, ignored };
}
