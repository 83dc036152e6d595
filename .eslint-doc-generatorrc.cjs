/** @type {import('eslint-doc-generator').GenerateOptions} */
module.exports = {
  configEmoji: [
    ["recommended", "✅"],
    ["strict", "🔒"],
  ],
  ruleDocTitleFormat: "prefix-name",
  ruleListColumns: ["name", "description", "configsError", "hasSuggestions", "options"],
  urlRuleDoc: "https://github.com/openedx-events-ts/eslint-plugin-openedx-events/blob/main/docs/rules/{name}.md",
};
