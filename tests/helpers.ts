import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { onTestFinished } from "vitest";
import { toAvroSchema } from "../lib/avro/index.js";
import { analyzeFilePath } from "../lib/model/index.js";
import { resolveSettings, type PluginSettings } from "../lib/settings.js";

export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

/** The model of a fixture file, with settings. */
export function modelOf(file: string, settings: PluginSettings = resolveSettings({})) {
  return analyzeFilePath(file, settings);
}

export function signalOf(file: string, eventType: string, settings: PluginSettings = resolveSettings({})) {
  const signal = modelOf(file, settings).signals.find((s) => s.eventType === eventType);
  if (!signal) throw new Error(`no signal ${eventType} in ${file}`);
  return signal;
}

export function schemaOf(file: string, eventType: string, settings: PluginSettings = resolveSettings({})) {
  return toAvroSchema(signalOf(file, eventType, settings), settings);
}

/**
 * Writes `files` (name → text) into a new temporary directory, named by its real path as module
 * resolution names files, and removes it when the running test ends. Returns the directory and
 * the absolute path of each file.
 */
export function tempProject<Name extends string>(prefix: string, files: Record<Name, string>): { dir: string; files: Record<Name, string> } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`)));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  const paths = {} as Record<Name, string>;
  for (const name of Object.keys(files) as Name[]) {
    paths[name] = path.join(dir, name);
    fs.writeFileSync(paths[name], files[name]);
  }
  return { dir, files: paths };
}
