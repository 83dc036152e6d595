import path from "node:path";
import { displayPath } from "../evolution/index.js";
import { loadCatalog, type Catalog } from "../catalog/index.js";
import { resolveSettings, SettingsError, type PluginSettings } from "../settings.js";
import { formatSpan, type SourceSpan } from "../source/index.js";
import { ConfigError, loadEslintSettings } from "./config.js";
import type { CliIO, Reporter } from "./output.js";

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

export class UsageError extends Error {}

export interface ProjectOptions {
  readonly src: readonly string[];
  readonly schemaDir?: string;
  readonly allowMaps?: boolean;
  readonly mode?: string;
}

/** Settings from the user's ESLint config, with command-line flags on top. */
export async function projectSettings(io: CliIO, options: ProjectOptions): Promise<PluginSettings> {
  let raw: unknown;
  try {
    // The config file comes from the working directory; the settings are those it gives to the sources.
    raw = await loadEslintSettings(io.cwd, options.src[0] ?? ".");
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const overrides: Record<string, unknown> = { ...(raw && typeof raw === "object" ? (raw as object) : {}) };
  if (raw !== undefined && (typeof raw !== "object" || raw === null || Array.isArray(raw))) {
    // Let resolveSettings name the problem.
    resolveChecked(raw);
  }
  if (options.schemaDir !== undefined) overrides.schemaDir = options.schemaDir;
  if (options.allowMaps) overrides.allowMaps = true;
  if (options.mode !== undefined) overrides.compatibility = options.mode.toUpperCase();
  return resolveChecked(overrides);
}

function resolveChecked(raw: unknown): PluginSettings {
  try {
    return resolveSettings(raw);
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(error.message);
    throw error;
  }
}

export function absoluteSchemaDir(io: CliIO, settings: PluginSettings): string {
  return path.resolve(io.cwd, settings.schemaDir);
}

/** Loads the catalog and reports unreadable inputs; returns whether any input was unreadable. */
export function loadProject(io: CliIO, reporter: Reporter, options: ProjectOptions, settings: PluginSettings): { catalog: Catalog; unreadable: boolean } {
  const roots = options.src.map((root) => path.resolve(io.cwd, root));
  const catalog = loadCatalog(roots, () => settings);
  for (const entry of catalog.unreadable) {
    reporter.problem("unreadable", relative(io, entry.path), [entry.reason]);
  }
  return { catalog, unreadable: catalog.unreadable.length > 0 };
}

export function relative(io: CliIO, file: string): string {
  return displayPath(io.cwd, file);
}

export function where(io: CliIO, span: SourceSpan): string {
  // Not a spread: a span's line and column are read through its \`loc\` getter.
  return formatSpan({ file: relative(io, span.file), range: span.range, loc: span.loc });
}
