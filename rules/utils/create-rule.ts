import { RuleCreator } from "@typescript-eslint/utils/eslint-utils";
import type { RuleModule } from "@typescript-eslint/utils/ts-eslint";
import type { Check } from "../../lib/checks/index.js";
import { reportFindings } from "./report-findings.js";

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

/** What a rule says of itself beyond its check: ESLint's words for it. */
export interface RuleDescription {
  readonly type: "problem" | "suggestion";
  /** `meta.docs.description`: what the rule requires or disallows (the README's rule table). */
  readonly description: string;
  /** Its findings come with suggestions. */
  readonly hasSuggestions?: true;
  /** It reads schema snapshots (`meta.docs.requiresSnapshots`). */
  readonly requiresSnapshots?: true;
}

/** A rule takes one options object when its check declares options, and none otherwise. */
export type RuleOptions<Options> = string extends keyof Options ? [] : [Options];

/**
 * The rule of a check: named after it, in the config it belongs to, with its messages (and the
 * settings message), its options as the schema's properties and its defaults, reporting its
 * findings in the linted file.
 */
export function ruleFromCheck<Id extends string, Options extends object>(
  check: Check<Id, Options>,
  { type, description, hasSuggestions, requiresSnapshots }: RuleDescription,
): RuleModule<Id | SettingsMessageId, RuleOptions<Options>, OpenedxRuleDocs> & { name: string } {
  const takesOptions = Object.keys(check.options).length > 0;
  const defaultOptions = (takesOptions ? [check.defaultOptions] : []) as RuleOptions<Options>;
  return createRule<RuleOptions<Options>, Id | SettingsMessageId>({
    name: check.id,
    meta: {
      type,
      docs: {
        description,
        ...(check.config === "recommended" ? { recommended: true } : { strict: true }),
        ...(requiresSnapshots && { requiresSnapshots }),
      },
      ...(hasSuggestions && { hasSuggestions }),
      messages: { ...(check.messages as Record<Id, string>), ...SETTINGS_MESSAGES },
      schema: takesOptions ? [{ type: "object", properties: check.options, additionalProperties: false }] : [],
      ...(takesOptions ? { defaultOptions } : {}),
    },
    defaultOptions,
    // ESLint fills the options in from the defaults; a rule without options runs its check with `{}`.
    create: (context, [options = check.defaultOptions]) => reportFindings(context, check, options),
  });
}
