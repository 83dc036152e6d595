import { displayPath } from "../display-path.js";
import { DEFAULT_SETTINGS, schemaDirectory, type PluginSettings } from "../settings.js";

function shellWord(word: string): string {
  return /^[\w./+:@=-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** The exact command that writes the snapshot of `eventType` where the settings look for it. */
export function generateCommand(settings: PluginSettings, cwd: string, eventType: string, force = false): string {
  const words = ["npx", "openedx-events-avro", "generate", eventType];
  const schemaDir = schemaDirectory(settings, cwd);
  if (schemaDir !== schemaDirectory(DEFAULT_SETTINGS, cwd)) words.push("--schema-dir", displayPath(cwd, schemaDir));
  if (force) words.push("--force");
  return words.map(shellWord).join(" ");
}
