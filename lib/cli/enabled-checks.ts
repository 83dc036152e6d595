import { CHECKS, type Check } from "../checks/index.js";
import type { EslintConfigView, RuleEntries } from "./config.js";

/** The prefix the plugin's rules have in an ESLint config (`plugins: { "openedx-events": plugin }`). */
export const RULE_PREFIX = "openedx-events/";

export interface EnabledCheck {
  readonly check: Check<string, unknown>;
  /** `openedx-events/<id>`: the rule that reports the same findings. */
  readonly rule: string;
  readonly options: unknown;
  /** As the config sets the rule: `warn` gives warnings, which do not fail the run. */
  readonly severity: Severity;
}

export type Severity = "error" | "warning";

/**
 * The checks `check` runs on each of `files`, as `eslint` runs the plugin's rules on them: those
 * the user's ESLint config turns on for that file, with their options, and none on a file ESLint
 * does not lint (ignored, or outside every config object). When the config names none of the
 * plugin's rules for any of the files (or there is no config), those of `configs.recommended` run
 * on every file, with their default options.
 */
export async function enabledChecks(files: readonly string[], rulesFor: EslintConfigView["rulesFor"]): Promise<Map<string, readonly EnabledCheck[]>> {
  const recommended = Object.values(CHECKS)
    .filter((check) => check.config === "recommended")
    .map((check) => ({ check, rule: RULE_PREFIX + check.id, options: check.defaultOptions, severity: "error" as const }));
  const ours = rulesFor === null ? [] : await Promise.all(files.map(async (file) => pluginRules(await rulesFor(file))));
  if (!ours.some((rules) => rules !== null && rules.size > 0)) return new Map(files.map((file) => [file, recommended]));
  return new Map(files.map((file, i) => [file, configured(ours[i]!)]));
}

/** The plugin's rules among a file's rules (null: ESLint does not lint the file). */
function pluginRules(rules: RuleEntries | null): ReadonlyMap<string, readonly unknown[]> | null {
  if (rules === null) return null;
  return new Map(Object.entries(rules).filter(([id]) => id.startsWith(RULE_PREFIX)));
}

function configured(rules: ReadonlyMap<string, readonly unknown[]> | null): EnabledCheck[] {
  const enabled: EnabledCheck[] = [];
  for (const check of Object.values(CHECKS)) {
    const rule = RULE_PREFIX + check.id;
    const entry = rules?.get(rule);
    if (!entry || isOff(entry[0])) continue;
    const options = entry[1];
    enabled.push({
      check,
      rule,
      options: typeof options === "object" && options !== null ? { ...(check.defaultOptions as object), ...options } : check.defaultOptions,
      severity: isWarn(entry[0]) ? "warning" : "error",
    });
  }
  return enabled;
}

function isOff(severity: unknown): boolean {
  return severity === 0 || severity === "off" || severity === "0";
}

function isWarn(severity: unknown): boolean {
  return severity === 1 || severity === "warn" || severity === "1";
}
