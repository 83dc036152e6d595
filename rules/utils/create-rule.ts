import { RuleCreator } from "@typescript-eslint/utils/eslint-utils";
import type { Check } from "../../lib/checks/index.js";

/** Where the documentation of each rule lives. */
export const REPOSITORY_URL = "https://github.com/openedx-events-ts/eslint-plugin-openedx-events";

export interface OpenedxRuleDocs {
  /** In `configs.recommended` (and so in `configs.strict`). */
  readonly recommended?: boolean;
  /** In `configs.strict` only. */
  readonly strict?: boolean;
  /** The rule reads schema snapshots (the `schemaDir` setting). */
  readonly requiresSnapshots?: boolean;
}

/** Every rule is made here: its `meta.docs.url` is its page under docs/rules/. */
export const createRule = RuleCreator<OpenedxRuleDocs>(
  (name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);

/** The message every rule can give when `settings["openedx-events"]` is invalid (reported once per file). */
export const SETTINGS_MESSAGES = {
  invalidSettings: "{{message}} The openedx-events rules are off until this is fixed.",
} as const;

export type SettingsMessageId = keyof typeof SETTINGS_MESSAGES;

/** A rule's messages: its check's, and the settings message. */
export function ruleMessages<Id extends string>(check: Check<Id, unknown>): Record<Id | SettingsMessageId, string> {
  return { ...(check.messages as Record<Id, string>), ...SETTINGS_MESSAGES };
}

/** The config a rule is in, as `meta.docs` says it, from its check. */
export function configDocs(check: Pick<Check, "config">): { recommended: true } | { strict: true } {
  return check.config === "recommended" ? { recommended: true } : { strict: true };
}
