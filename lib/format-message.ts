/**
 * Words from codes: every message of the plugin is a template with ESLint's `{{name}}`
 * placeholders, filled from a finding's data here, so that the editor (through ESLint) and the
 * CLI print the same sentence.
 */

/** ESLint's interpolation: `{{ name }}` → data[name]; unknown placeholders stay as written. */
export function formatMessage(template: string, data: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(data, name) ? data[name]! : whole));
}

/** `a`, `a and b`, `a, b and c`; past `limit` items, `a, b, c and 2 more`. */
export function listText(items: readonly string[], limit = Infinity): string {
  if (items.length <= 1) return items[0] ?? "";
  if (items.length <= limit) return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
  return `${items.slice(0, limit).join(", ")} and ${items.length - limit} more`;
}
