/**
 * Every rule is made by `ruleFromCheck` from its check: what ESLint and the generated docs read
 * of a rule (its name, config, messages, options schema and defaults) comes from the check, and
 * ESLint holds a config to the options the check declares.
 */
import { Linter } from "eslint";
import * as tsParser from "@typescript-eslint/parser";
import { describe, expect, it } from "vitest";
import plugin from "../../index.js";
import { CHECKS } from "../../lib/checks/index.js";
import { rules } from "../../rules/index.js";
import { SETTINGS_MESSAGES } from "../../rules/utils/create-rule.js";
import { INLINE_DIR, INLINE_FILE, settingsFor } from "./rule-helpers.js";

const WITH_OPTIONS = ["known-unserializable-signals", "require-signal-jsdoc", "supported-field-types", "valid-event-type"];
const WITHOUT_OPTIONS = ["frozen-data-classes", "no-removed-fields", "schema-snapshot"];

function lintWith(id: string, options: unknown): Linter.LintMessage[] {
  return new Linter().verify(
    "export const x = 1;\n",
    [
      {
        files: ["**/*.ts"],
        plugins: { "openedx-events": plugin as never },
        languageOptions: { parser: tsParser as never },
        settings: settingsFor(INLINE_DIR),
        rules: { [`openedx-events/${id}`]: ["error", options] },
      },
    ],
    INLINE_FILE,
  );
}

describe("ruleFromCheck", () => {
  it("makes one rule per check, and only those declare options", () => {
    expect(Object.keys(rules).sort()).toEqual(Object.keys(CHECKS).sort());
    expect(Object.keys(CHECKS).filter((id) => Object.keys(CHECKS[id]!.options).length > 0)).toEqual(WITH_OPTIONS);
  });

  describe.each(Object.keys(rules))("%s", (id) => {
    const rule = rules[id]! as (typeof rules)[string] & { name?: string };
    const check = CHECKS[id]!;

    it("is named after its check, in the config its check belongs to, with its messages and the settings message", () => {
      expect(rule.name).toBe(id);
      expect(rule.meta.docs).toMatchObject(check.config === "recommended" ? { recommended: true } : { strict: true });
      expect(rule.meta.docs).not.toHaveProperty(check.config === "recommended" ? "strict" : "recommended");
      expect(rule.meta.messages).toEqual({ ...check.messages, ...SETTINGS_MESSAGES });
    });

    if (WITHOUT_OPTIONS.includes(id)) {
      it("takes no options", () => {
        expect(rule.meta.schema).toEqual([]);
        expect(rule.meta.defaultOptions).toBeUndefined();
        expect(rule.defaultOptions).toEqual([]);
      });
      return;
    }

    it("takes one options object: the check's options, each described, and nothing else", () => {
      expect(rule.meta.schema).toEqual([{ type: "object", properties: check.options, additionalProperties: false }]);
      for (const declaration of Object.values(check.options)) expect((declaration as { description: string }).description).toMatch(/\S\.$/);
      expect(rule.meta.defaultOptions).toEqual([check.defaultOptions]);
      expect(rule.defaultOptions).toEqual([check.defaultOptions]);
      expect(Object.keys(check.defaultOptions as object)).toEqual(Object.keys(check.options));
    });

    it("is refused by ESLint with an option its check does not declare", () => {
      expect(() => lintWith(id, { notAnOption: true })).toThrow(/notAnOption|additional properties/i);
      expect(lintWith(id, check.defaultOptions)).toEqual([]);
    });
  });
});
