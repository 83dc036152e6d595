import type { TSESLint } from "@typescript-eslint/utils";

/**
 * Every rule of the plugin, by id. Each rule lives in `rules/<id>.ts` and documents itself in
 * `docs/rules/<id>.md`; configs are derived from each rule's `meta.docs`.
 */
export const rules: Record<string, TSESLint.RuleModule<string, readonly unknown[]>> = {};
