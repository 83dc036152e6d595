#!/usr/bin/env node
/**
 * `npm run demo`: lints the example catalog (examples/) with `configs.recommended` through the
 * ESLint Node API and explains what it finds. The catalog is clean except for the mistakes
 * planted in examples/src/planted_mistakes/, so the output shows real diagnostics. A demo: it
 * exits 0 even though it finds problems. `npm run demo` builds dist/ first.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The settings the example catalog needs (paths relative to the repository root). */
export const DEMO_SETTINGS = {
  schemaDir: "examples/schemas",
  sourceDirs: ["examples/src"],
  // Kept off the event bus on purpose (a free-form dict), with an @warning saying so.
  knownUnserializableSignals: ["org.openedx.learning.grade.export.requested.v1"],
};

/** The flat config array the demo lints with: the plugin's recommended config plus the settings. */
export function demoConfig(plugin) {
  return [plugin.configs.recommended, { settings: { "openedx-events": DEMO_SETTINGS } }];
}

const EXPLANATION = `What you see: the example catalog in examples/src is clean: its 37 signals map to Avro and
match their snapshots in examples/schemas. Every diagnostic above comes from the mistakes planted
in examples/src/planted_mistakes/: ProfileChangeData has a dict (Record<string, string>) and an
optional field (previous_email?: string), which the event bus cannot carry, so
openedx-events/supported-field-types reports each one where the fix goes (on the field in data.ts,
with a suggestion) and again on the signal's data entry in signals.ts (naming data.ts and the line),
where it also advises either fixing the payload or listing the event in knownUnserializableSignals;
and COURSE_RUN_ARCHIVED's event type has no version suffix, which openedx-events/valid-event-type
reports with a suggestion to append ".v1". GRADE_EXPORT_REQUESTED also has a dict but is listed in
knownUnserializableSignals with an @warning that says why, so it is skipped: that is how a
deliberately unserializable event is declared.
`;

async function main() {
  const [{ ESLint }, { default: plugin }] = await Promise.all([
    import("eslint"),
    import(pathToFileURL(path.join(ROOT, "dist", "index.js")).href),
  ]);
  const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: demoConfig(plugin) });
  const results = await eslint.lintFiles(["examples/"]);
  const formatter = await eslint.loadFormatter("stylish");
  process.stdout.write(await formatter.format(results));
  process.stdout.write(`\n${EXPLANATION}`);
  // A demo: finding the planted problems is the point, not a failure.
  process.exitCode = 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
