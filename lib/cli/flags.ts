/**
 * Flags that several commands take, declared once for `parseArgs`. Their lines in each command's
 * help stay with the command: what a flag does there is said in that command's words.
 */
import type { ProjectOptions } from "./context.js";

/** Where the sources are, and the settings flags override: the commands that read a project (generate, check). */
export const PROJECT_OPTIONS = {
  src: { type: "string", multiple: true },
  "schema-dir": { type: "string" },
  "allow-maps": { type: "boolean", default: false },
} as const;

/** `--quiet` and `-h, --help`: the commands that report as they go (generate, check, import). */
export const REPORT_OPTIONS = {
  quiet: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

/** The values of {@link PROJECT_OPTIONS}, as the project is loaded with them (no `--src`: the working directory). */
export function projectOptions(values: { readonly src?: string[]; readonly "schema-dir"?: string; readonly "allow-maps"?: boolean }): ProjectOptions {
  return { src: values.src ?? ["."], schemaDir: values["schema-dir"], allowMaps: values["allow-maps"] };
}
