/**
 * The import's promise, checked before anything is written: the sources, read by the same model
 * as the rules and `generate`, give every imported snapshot back byte for byte (a trailing newline
 * aside). The sources are written to a scratch directory for that, then removed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { formatSchema, toAvroSchema } from "../avro/index.js";
import { loadCatalog } from "../catalog/index.js";
import { resolveSettings } from "../settings.js";
import type { RequiredSettings } from "./import-catalog.js";
import type { RenderedFile } from "./render.js";
import type { ImportedEvent } from "./types.js";

export interface Reproduction {
  readonly eventType: string;
  readonly file: string;
  /** Null when `generate` writes the snapshot's bytes; else what differs, first. */
  readonly difference: string | null;
}

export function verifyReproduction(files: readonly RenderedFile[], events: readonly ImportedEvent[], required: RequiredSettings): Reproduction[] {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "openedx-events-import-"));
  try {
    for (const file of files) {
      const target = path.join(scratch, file.path);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, file.text);
    }
    const settings = resolveSettings({ customTypes: required.customTypes, allowMaps: required.allowMaps });
    const catalog = loadCatalog([scratch], () => settings);
    const signals = new Map(catalog.signals.map((signal) => [signal.eventType, signal]));
    return events.map((event) => {
      const signal = signals.get(event.eventType);
      if (!signal) return { eventType: event.eventType, file: event.file, difference: "no signal of the imported sources declares this event type" };
      const result = toAvroSchema(signal, settings);
      if (!result.schema) {
        const reasons = result.problems.map((problem) => `${problem.path || "the signal"}: ${problem.reason}`).join("; ");
        return { eventType: event.eventType, file: event.file, difference: `the imported signal has no schema: ${reasons}` };
      }
      return { eventType: event.eventType, file: event.file, difference: firstDifference(withoutFinalNewline(event.text), formatSchema(result.schema)) };
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function withoutFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, "");
}

/** Null when equal; else the first line that differs, in both texts. */
export function firstDifference(snapshot: string, generated: string): string | null {
  if (snapshot === generated) return null;
  const a = snapshot.split("\n");
  const b = generated.split("\n");
  let line = 0;
  while (line < a.length && line < b.length && a[line] === b[line]) line++;
  const show = (text: string | undefined) => (text === undefined ? "the end of the file" : `\`${text.trim().slice(0, 100)}\``);
  return `line ${line + 1}: the snapshot has ${show(a[line])}, generate writes ${show(b[line])}`;
}
