import path from "node:path";
import { fileURLToPath } from "node:url";
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
