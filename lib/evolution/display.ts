import { displayPath as showPath } from "../display-path.js";
import { DEFAULT_SETTINGS, schemaDirectory, type PluginSettings } from "../settings.js";
import type { SourceSpan } from "../source/index.js";

/** A path as a user in `cwd` would type it: relative when inside `cwd`, else absolute. */
export function displayPath(cwd: string, file: string): string {
  return showPath(cwd, file);
}

/** `file:line` of a span, for messages that point at another place. */
export function displayLocation(cwd: string, span: SourceSpan): string {
  return showPath(cwd, span.file, { at: { line: span.loc.start.line } });
}

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
