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

/** Rule id → `[severity, ...options]`, as ESLint normalizes a rule's entry in a config. */
export type RuleEntries = Readonly<Record<string, readonly unknown[]>>;

/** What the user's ESLint flat config gives: our settings, and the rules of each file. */
export interface EslintConfigView {
  /** The raw `settings["openedx-events"]` of a TypeScript file under the first source directory. */
  readonly settings: unknown;
  /**
   * The rules the config gives `file`, or null when ESLint does not lint it (ignored, or no
   * config object applies to it). Null without a config (or without ESLint).
   */
  readonly rulesFor: ((file: string) => Promise<RuleEntries | null>) | null;
}

interface CalculatedConfig {
  readonly settings?: Record<string, unknown>;
  readonly rules?: RuleEntries;
}

/**
 * The raw `settings["openedx-events"]` that the user's ESLint flat config gives to TypeScript
 * files under `directory`, and the rules it gives each file, computed by ESLint itself. The config
 * file is the one found from the working directory, never one lying among the sources (the CLI
 * only reads sources, it never runs them). Nothing when there is no config or no ESLint; a config
 * that fails to load is an error, not silently ignored.
 */
export async function loadEslintConfig(cwd: string, directory: string): Promise<EslintConfigView> {
  const none = { settings: undefined, rulesFor: null };
  const configFile = findConfigFile(cwd);
  if (configFile === null) return none;
  let ESLint: typeof import("eslint").ESLint;
  try {
    ({ ESLint } = await import("eslint"));
  } catch {
    return none;
  }
  let eslint: InstanceType<typeof ESLint> | null = null;
  /** `purpose`: what the config was loaded for, as the error says it. */
  const configOf = async (file: string, purpose: string): Promise<CalculatedConfig | undefined> => {
    try {
      eslint ??= new ESLint({ cwd, overrideConfigFile: configFile });
      return (await eslint.calculateConfigForFile(file)) as CalculatedConfig | undefined;
    } catch (error) {
      // ESLint explains a refused option over several indented lines: all of them, on one.
      const reason = errorMessage(error).split("\n").map((line) => line.trim()).filter((line) => line !== "").join(" ");
      throw new ConfigError(`cannot load ${displayPath(cwd, configFile)} ${purpose}: ${reason}`);
    }
  };
  const sample = await configOf(path.join(path.resolve(cwd, directory), "__openedx_events_settings__.ts"), `to read settings["${SETTINGS_KEY}"]`);
  return {
    settings: sample?.settings?.[SETTINGS_KEY],
    rulesFor: async (file) => {
      const config = await configOf(file, `for ${displayPath(cwd, file)}`);
      return config ? (config.rules ?? {}) : null;
    },
  };
}
