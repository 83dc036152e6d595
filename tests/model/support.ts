import fs from "node:fs";
import { expect } from "vitest";
import { CLOUD_EVENT_DOC } from "../../lib/avro/index.js";
import type { DataClassModel, FieldType, SignalDeclaration } from "../../lib/model/index.js";
import type { SourceSpan } from "../../lib/source/index.js";

/** The whole schema text openedx-events would write for `fields`, key order included. */
export function cloudEvent(eventType: string, fields: unknown[]): string {
  return JSON.stringify({ name: "CloudEvent", type: "record", doc: CLOUD_EVENT_DOC, fields, namespace: eventType });
}

/** `{"name", "type", "fields"}` as openedx-events writes a record. */
export function record(name: string, fields: unknown[]): unknown {
  return { name, type: "record", fields };
}

export function dataClassOf(type: FieldType | undefined): DataClassModel {
  if (!type || type.kind !== "record") throw new Error(`expected a record, got ${type?.kind}`);
  return type.dataClass;
}

export function field(signal: SignalDeclaration, name: string) {
  const found = signal.fields.find((f) => f.name === name);
  if (!found) throw new Error(`no field ${name} in ${signal.eventType}`);
  return found;
}

/**
 * Where `needle` is in `file`: the first line containing `anchor` (default: the needle itself),
 * (at or below the first line containing `after`), and the needle's column on that line. Lines are 1-based and columns 0-based, as in ESTree.
 */
export function locate(file: string, needle: string, anchor = needle, after?: string) {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const from = after === undefined ? 0 : lines.findIndex((line) => line.includes(after));
  if (from < 0) throw new Error(`${after} not in ${file}`);
  const index = lines.findIndex((line, i) => i >= from && line.includes(anchor));
  if (index < 0) throw new Error(`${anchor} not in ${file}`);
  const line = lines[index]!;
  const at = line.indexOf(anchor);
  // The needle after the anchor (`always_null: null`), else the first one from the anchor on.
  const after_ = line.indexOf(needle, at + anchor.length);
  const column = after_ >= 0 ? after_ : line.indexOf(needle, at);
  if (column < 0) throw new Error(`${needle} not on the line of ${anchor} in ${file}`);
  return { line: index + 1, column, endColumn: column + needle.length };
}

/** The span covers exactly `needle` on the line of `anchor` in `file`. */
export function expectSpanAt(span: SourceSpan, file: string, needle: string, anchor = needle, after?: string): void {
  const at = locate(file, needle, anchor, after);
  expect(span.file).toBe(file);
  expect({ start: span.loc.start, end: span.loc.end }).toEqual({
    start: { line: at.line, column: at.column },
    end: { line: at.line, column: at.endColumn },
  });
  expect(fs.readFileSync(file, "utf8").slice(span.range[0], span.range[1])).toBe(needle);
}
