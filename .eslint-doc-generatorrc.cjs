/** @type {import('eslint-doc-generator').GenerateOptions} */
module.exports = {
  configEmoji: [
    ["recommended", "✅"],
    ["strict", "🔒"],
  ],
  ruleDocTitleFormat: "prefix-name",
  // Every page has an Options section, "none" included, so that the docs read the same everywhere.
  ruleDocSectionOptions: false,
  ruleListColumns: ["name", "description", "configsError", "hasSuggestions", "options"],
  urlRuleDoc: "https://github.com/openedx-events-ts/eslint-plugin-openedx-events/blob/main/docs/rules/{name}.md",
};
