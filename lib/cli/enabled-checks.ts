import { CHECKS, type Check } from "../checks/index.js";
import type { EslintConfigView } from "./config.js";

/** The prefix the plugin's rules have in an ESLint config (`plugins: { "openedx-events": plugin }`). */
export const RULE_PREFIX = "openedx-events/";

export interface EnabledCheck {
  readonly check: Check<string, unknown>;
  /** `openedx-events/<id>`: the rule that reports the same findings. */
  readonly rule: string;
  readonly options: unknown;
}

/**
 * The checks `check` runs: the plugin's rules the user's ESLint config turns on for the sources,
 * with their options, as `eslint` would run them; when the config names none of them (or there
 * is no config), those of `configs.recommended`, with their default options.
 */
export function enabledChecks(rules: EslintConfigView["rules"]): EnabledCheck[] {
  const all = Object.values(CHECKS);
  const configured = Object.entries(rules ?? {}).filter(([id]) => id.startsWith(RULE_PREFIX));
  if (configured.length === 0) {
    return all.filter((check) => check.config === "recommended").map((check) => ({ check, rule: RULE_PREFIX + check.id, options: check.defaultOptions }));
  }
  const enabled: EnabledCheck[] = [];
  for (const check of all) {
    const entry = configured.find(([id]) => id === RULE_PREFIX + check.id)?.[1];
    if (!entry || isOff(entry[0])) continue;
    const options = entry[1];
    enabled.push({
      check,
      rule: RULE_PREFIX + check.id,
      options: typeof options === "object" && options !== null ? { ...(check.defaultOptions as object), ...options } : check.defaultOptions,
    });
  }
  return enabled;
}

function isOff(severity: unknown): boolean {
  return severity === 0 || severity === "off" || severity === "0";
}
