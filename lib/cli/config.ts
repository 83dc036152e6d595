import fs from "node:fs";
import path from "node:path";
import { displayPath } from "../display-path.js";
import { errorMessage } from "../errors.js";
import { SETTINGS_KEY } from "../settings.js";

export class ConfigError extends Error {}

const CONFIG_FILES = ["eslint.config.js", "eslint.config.mjs", "eslint.config.cjs", "eslint.config.ts", "eslint.config.mts", "eslint.config.cts"];

/** The flat config file ESLint would use when run from `cwd`: the nearest one in `cwd` or above. */
export function findConfigFile(cwd: string): string | null {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    for (const name of CONFIG_FILES) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    if (path.dirname(dir) === dir) return null;
  }
}

/** What the user's ESLint flat config gives to TypeScript files: our settings, and the rules with their options. */
export interface EslintConfigView {
  /** The raw `settings["openedx-events"]`. */
  readonly settings: unknown;
  /** Rule id → `[severity, ...options]` as ESLint normalizes them (defaults merged), or undefined without a config. */
  readonly rules: Readonly<Record<string, readonly unknown[]>> | undefined;
}

/**
 * The raw `settings["openedx-events"]` and the rules that the user's ESLint flat config gives to
 * TypeScript files under `directory`, computed by ESLint itself. The config file is the one found from the
 * working directory, never one lying among the sources (the CLI only reads sources, it never runs
 * them). Undefined when there is no config or no ESLint; a config that fails to load is an error,
 * not silently ignored.
 */
export async function loadEslintConfig(cwd: string, directory: string): Promise<EslintConfigView> {
  const none = { settings: undefined, rules: undefined };
  const configFile = findConfigFile(cwd);
  if (configFile === null) return none;
  let ESLint: typeof import("eslint").ESLint;
  try {
    ({ ESLint } = await import("eslint"));
  } catch {
    return none;
  }
  const sample = path.join(path.resolve(cwd, directory), "__openedx_events_settings__.ts");
  try {
    const eslint = new ESLint({ cwd, overrideConfigFile: configFile });
    const config = (await eslint.calculateConfigForFile(sample)) as
      | { settings?: Record<string, unknown>; rules?: Record<string, readonly unknown[]> }
      | undefined;
    return { settings: config?.settings?.[SETTINGS_KEY], rules: config?.rules ?? {} };
  } catch (error) {
    const message = errorMessage(error);
    throw new ConfigError(`cannot load ${displayPath(cwd, configFile)} to read settings["${SETTINGS_KEY}"]: ${message.split("\n")[0]}`);
  }
}
