import path from "node:path";
import type { TSESTree } from "@typescript-eslint/utils";
import type { RuleContext } from "@typescript-eslint/utils/ts-eslint";
import { createCheckContext, type CheckContext } from "../../lib/checks/index.js";
import { resolveSettings, SETTINGS_KEY, SettingsError } from "../../lib/settings.js";
import { realPathOf } from "../../lib/source/index.js";

type AnyContext = Readonly<RuleContext<string, readonly unknown[]>>;

const contexts = new WeakMap<TSESTree.Program, CheckContext | { readonly error: SettingsError; reported: boolean }>();

/**
 * The checks' context for the linted file, computed once per file and shared by every rule (as
 * eslint-plugin-regexp shares its parsed model); null when the settings are invalid (the first
 * rule to ask reports that once, at the top of the file).
 */
export function getEventContext(context: AnyContext): CheckContext | null {
  const program = context.sourceCode.ast;
  let entry = contexts.get(program);
  if (!entry) {
    entry = createEntry(context, program);
    contexts.set(program, entry);
  }
  if ("error" in entry) {
    if (!entry.reported) {
      entry.reported = true;
      context.report({ loc: { line: 1, column: 0 }, messageId: "invalidSettings", data: { message: entry.error.message } });
    }
    return null;
  }
  return entry;
}

function createEntry(context: AnyContext, program: TSESTree.Program): CheckContext | { error: SettingsError; reported: boolean } {
  try {
    const settings = resolveSettings((context.settings as Record<string, unknown>)[SETTINGS_KEY]);
    // By real path, as the project index and module resolution name files: a file linted through a
    // linked directory is not "another file" declaring the same event type.
    const filename = realPathOf(path.resolve(context.filename));
    return createCheckContext({ filename, text: context.sourceCode.text, program, origin: "buffer" }, settings, context.cwd);
  } catch (error) {
    if (error instanceof SettingsError) return { error, reported: false };
    throw error;
  }
}
