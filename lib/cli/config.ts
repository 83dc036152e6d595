import path from "node:path";
import { SETTINGS_KEY } from "../settings.js";

export class ConfigError extends Error {}

/**
 * The raw `settings["openedx-events"]` that the user's ESLint flat config gives to TypeScript
 * files under `directory`, found the way ESLint finds it (ESLint's own API). Undefined when there
 * is no config or no ESLint; a config that fails to load is an error, not silently ignored.
 */
export async function loadEslintSettings(cwd: string, directory: string): Promise<unknown> {
  let ESLint: typeof import("eslint").ESLint;
  try {
    ({ ESLint } = await import("eslint"));
  } catch {
    return undefined;
  }
  const sample = path.join(path.resolve(cwd, directory), "__openedx_events_settings__.ts");
  try {
    const eslint = new ESLint({ cwd });
    const config = (await eslint.calculateConfigForFile(sample)) as { settings?: Record<string, unknown> } | undefined;
    return config?.settings?.[SETTINGS_KEY];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/could not find config file/i.test(message)) return undefined;
    throw new ConfigError(`cannot load the ESLint config to read settings["${SETTINGS_KEY}"]: ${message.split("\n")[0]}`);
  }
}
