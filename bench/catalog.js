// Writes a synthetic event catalog shaped like a real one: subdomains with a data file of shared
// data classes (inheritance, cross-subdomain imports, nullable and array fields, aliases) and
// signal files that import data classes from two subdomains.
import fs from "node:fs";
import path from "node:path";

/**
 * @param {string} root directory to write into (created)
 * @param {{ signals: number, files: number }} size files = data files + signal files + types.ts
 * @returns {{ files: string[], signalFiles: string[], dataFiles: string[], eventTypes: string[] }}
 */
export function writeCatalog(root, { signals, files }) {
  fs.mkdirSync(root, { recursive: true });
  const dataCount = Math.max(1, Math.round(files / 5));
  const signalFileCount = files - dataCount - 1;
  const classesPerData = 10;
  const written = { files: [], signalFiles: [], dataFiles: [], eventTypes: [] };
  const write = (rel, text) => {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    written.files.push(file);
    return file;
  };
  write("types.ts", "export type Int = number;\nexport type Float = number;\nexport type Percent = Float;\n");
  for (let d = 0; d < dataCount; d++) {
    const other = (d + 1) % dataCount;
    const lines = [`import type { Int, Percent } from "../types";`];
    if (other !== d) lines.push(`import { Base${other}, Leaf${other} } from "../sub${other}/data";`);
    lines.push("", `export class Base${d} {`, "  readonly id!: Int;", "  readonly created!: Date;", "}", "");
    lines.push(`export interface Leaf${d} {`, "  key: string;", "  weight: Percent;", "}", "");
    for (let c = 0; c < classesPerData; c++) {
      const parent = c % 3 === 0 ? ` extends Base${d}` : "";
      lines.push(`export class Item${d}_${c}${parent} {`);
      lines.push("  readonly name!: string;", "  readonly score!: Percent;", "  readonly tags!: readonly string[];");
      if (c > 0) lines.push(`  readonly previous!: Item${d}_${c - 1} | null;`);
      else if (other !== d) lines.push(`  readonly remote!: Leaf${other};`, `  readonly remote_base!: Base${other};`);
      lines.push(`  readonly count!: Int;`, "}", "");
    }
    written.dataFiles.push(write(`sub${d}/data.ts`, lines.join("\n")));
  }
  let made = 0;
  for (let f = 0; f < signalFileCount; f++) {
    const d = f % dataCount;
    const e = (f * 7 + 3) % dataCount;
    const perFile = Math.floor(signals / signalFileCount) + (f < signals % signalFileCount ? 1 : 0);
    // The constructor comes from a package, as in a real service: the plugin matches it by name.
    const lines = [`import { OpenEdxPublicSignal } from "@openedx/events";`];
    lines.push(`import { Item${d}_3, Item${d}_7 } from "../../sub${d}/data";`);
    if (e !== d) lines.push(`import { Leaf${e} } from "../../sub${e}/data.js";`);
    lines.push("");
    for (let s = 0; s < perFile; s++) {
      const eventType = `org.openedx.sub${d}.thing${f}_${s}.happened.v1`;
      written.eventTypes.push(eventType);
      lines.push("/** Synthetic event. */");
      lines.push(`export const THING_${f}_${s}_HAPPENED = new OpenEdxPublicSignal({`);
      lines.push(`  event_type: "${eventType}",`);
      lines.push(`  data: { item: Item${d}_${(s % 2) * 4 + 3}, ${e !== d ? `other: Leaf${e}, ` : ""}again: Item${d}_3 },`);
      lines.push("});", "");
      made++;
    }
    written.signalFiles.push(write(`signals/sub${d}/signals${f}.ts`, lines.join("\n")));
  }
  if (made !== signals) throw new Error(`made ${made} signals instead of ${signals}`);
  return written;
}
