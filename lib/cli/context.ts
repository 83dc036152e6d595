import path from "node:path";
import { loadCatalog, type Catalog } from "../catalog/index.js";
import { displayPath } from "../display-path.js";
import { isJsonObject } from "../json.js";
import { resolveSettings, SettingsError, type PluginSettings } from "../settings.js";
import { realPathOf, type SourceSpan } from "../source/index.js";
import { ConfigError, loadEslintConfig, type EslintConfigView } from "./config.js";
import type { CliIO, Reporter } from "./output.js";

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

export class UsageError extends Error {}

export interface ProjectOptions {
  readonly src: readonly string[];
  readonly schemaDir?: string;
  readonly allowMaps?: boolean;
  readonly mode?: string;
  /** Overrides the `sourceDirs` setting (`check --src`: the project the checks see is the one checked). */
  readonly sourceDirs?: readonly string[];
}

/** Settings from the user's ESLint config, with command-line flags on top. */
export async function projectSettings(io: CliIO, options: ProjectOptions): Promise<PluginSettings> {
  return (await projectConfig(io, options)).settings;
}

/** The settings (from the user's ESLint config, flags on top), and the rules that config gives each file. */
export async function projectConfig(io: CliIO, options: ProjectOptions): Promise<{ settings: PluginSettings; rulesFor: EslintConfigView["rulesFor"] }> {
  let config: EslintConfigView;
  try {
    // The config file comes from the working directory; the settings are those it gives to the sources.
    config = await loadEslintConfig(io.cwd, options.src[0] ?? ".");
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const raw = config.settings;
  if (raw !== undefined && !isJsonObject(raw)) {
    // Let resolveSettings name the problem.
    resolveChecked(raw);
  }
  const overrides: Record<string, unknown> = { ...(isJsonObject(raw) ? raw : {}) };
  if (options.schemaDir !== undefined) overrides.schemaDir = options.schemaDir;
  if (options.allowMaps) overrides.allowMaps = true;
  if (options.mode !== undefined) overrides.compatibility = options.mode.toUpperCase();
  if (options.sourceDirs !== undefined) overrides.sourceDirs = [...options.sourceDirs];
  return { settings: resolveChecked(overrides), rulesFor: config.rulesFor };
}

function resolveChecked(raw: unknown): PluginSettings {
  try {
    return resolveSettings(raw);
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(error.message);
    throw error;
  }
}

/** Loads the catalog and reports unreadable inputs; returns whether any input was unreadable. */
export function loadProject(io: CliIO, reporter: Reporter, options: ProjectOptions, settings: PluginSettings): { catalog: Catalog; unreadable: boolean } {
  const roots = options.src.map((root) => path.resolve(io.cwd, root));
  const catalog = loadCatalog(roots, () => settings);
  const asGiven = pathsAsGiven(io, options.src);
  for (const entry of catalog.unreadable) {
    reporter.problem("unreadable", relative(io, asGiven(entry.path)), [entry.reason]);
  }
  return { catalog, unreadable: catalog.unreadable.length > 0 };
}

/**
 * A file found under the source `roots` as ESLint names it when it lints them: under the root as
 * given, not where a linked directory leads (the catalog names files by real path).
 */
export function pathsAsGiven(io: CliIO, roots: readonly string[]): (file: string) => string {
  const linked = roots
    .map((root) => {
      const given = path.resolve(io.cwd, root);
      return { given, real: realPathOf(given) };
    })
    .filter(({ given, real }) => given !== real);
  return (file) => {
    for (const { given, real } of linked) {
      if (file === real) return given;
      if (file.startsWith(real + path.sep)) return given + file.slice(real.length);
    }
    return file;
  };
}

/** A path as the user, in the working directory, would type it. */
export function relative(io: CliIO, file: string): string {
  return displayPath(io.cwd, file);
}

/** `file:line:column` of a span, the file as {@link relative} shows it. */
export function where(io: CliIO, span: SourceSpan): string {
  return displayPath(io.cwd, span.file, { at: span.loc.start });
}
