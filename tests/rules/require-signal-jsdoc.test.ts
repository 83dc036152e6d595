import { RuleTester } from "@typescript-eslint/rule-tester";
import { describe, expect, it } from "vitest";
import plugin from "../../index.js";
import rule from "../../rules/require-signal-jsdoc.js";
import { INLINE_DIR, INLINE_FILE, renderedMessages, settingsFor, testable } from "./rule-helpers.js";

const ruleTester = new RuleTester();
const inline = { filename: INLINE_FILE, settings: settingsFor(INLINE_DIR) };
const body = `new OpenEdxPublicSignal({\n  event_type: "org.openedx.learning.a.b.v1",\n  data: {},\n})`;

ruleTester.run("require-signal-jsdoc", testable(rule), {
  valid: [
    { ...inline, code: `/**\n * A thing happened.\n */\nexport const A_B = ${body};\n` },
    { ...inline, code: `/**\n * A thing happened.\n * @since 2.0\n */\nexport const A_B = ${body};\n`, options: [{ requiredTags: ["since"] }] },
    { ...inline, code: `export const x = 1;\n` },
  ],
  invalid: [
    {
      ...inline,
      code: `// not a JSDoc\nexport const A_B = ${body};\n`,
      errors: [{ messageId: "missingJsDoc", data: { signal: "Event `org.openedx.learning.a.b.v1`" }, line: 2, column: 14, endLine: 2, endColumn: 17 }],
    },
    {
      ...inline,
      code: `/**\n * @since 2.0\n */\nexport const A_B = ${body};\n`,
      errors: [{ messageId: "emptyDescription", line: 1, column: 1, endLine: 3, endColumn: 4 }],
    },
    {
      ...inline,
      options: [{ requiredTags: ["since"] }],
      code: `/** A thing happened. */\nexport const A_B = ${body};\n`,
      errors: [{ messageId: "missingTag", data: { signal: "Event `org.openedx.learning.a.b.v1`", tag: "since" }, line: 1, column: 1, endLine: 1, endColumn: 25 }],
    },
  ],
});

describe("require-signal-jsdoc", () => {
  it("is in configs.strict only", () => {
    expect(plugin.configs.strict.rules).toHaveProperty(["openedx-events/require-signal-jsdoc"], "error");
    expect(plugin.configs.recommended.rules).not.toHaveProperty(["openedx-events/require-signal-jsdoc"]);
    for (const id of ["supported-field-types", "known-unserializable-signals", "valid-event-type"]) {
      expect(plugin.configs.recommended.rules).toHaveProperty([`openedx-events/${id}`], "error");
      expect(plugin.configs.strict.rules).toHaveProperty([`openedx-events/${id}`], "error");
    }
  });

  it("renders its message", () => {
    const [message] = renderedMessages("require-signal-jsdoc", INLINE_FILE, `export const A_B = ${body};\n`, settingsFor(INLINE_DIR));
    expect(message!.message).toBe(
      "Event `org.openedx.learning.a.b.v1` has no JSDoc. Document the event right before its declaration (`/** … */`): what happened and when it is emitted, as openedx-events does in each signal's docstring; consumers on the other side of the event bus only have this to go by.",
    );
  });
});
