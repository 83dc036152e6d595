/**
 * The settings of the plugin and the CLI, and the two vocabularies they are written in (Avro's
 * primitive types, the registry's compatibility modes). A leaf: it imports no folder of lib/, so
 * every folder may depend on it.
 */
import path from "node:path";
import { editDistance } from "./edit-distance.js";
import { isJsonObject } from "./json.js";

/** Avro's primitive type names, in the order of the specification. */
export const AVRO_PRIMITIVES = Object.freeze(["null", "boolean", "int", "long", "float", "double", "bytes", "string"] as const);

/** An Avro primitive type name. */
export type AvroPrimitive = (typeof AVRO_PRIMITIVES)[number];

export function isAvroPrimitive(name: unknown): name is AvroPrimitive {
  return typeof name === "string" && (AVRO_PRIMITIVES as readonly string[]).includes(name);
}

/**
 * Confluent Schema Registry compatibility modes over a version history.
 * BACKWARD: the new schema reads data written with an old one (consumers
 * upgrade first). FORWARD: an old schema reads data written with the new one
 * (producers upgrade first). FULL: both. Without _TRANSITIVE only the latest
 * previous version is checked.
 */
export const COMPATIBILITY_MODES = Object.freeze([
  "NONE",
  "BACKWARD",
  "BACKWARD_TRANSITIVE",
  "FORWARD",
  "FORWARD_TRANSITIVE",
  "FULL",
  "FULL_TRANSITIVE",
] as const);

export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];

export function isCompatibilityMode(x: unknown): x is CompatibilityMode {
  return typeof x === "string" && (COMPATIBILITY_MODES as readonly string[]).includes(x);
}

/**
 * Types with a custom serializer in openedx-events (opaque keys, datetime): carried as strings.
 * `customTypes` is merged over this list.
 */
export const BUILTIN_CUSTOM_TYPES: Readonly<Record<string, AvroPrimitive>> = Object.freeze({
  Date: "string",
  CourseKey: "string",
  UsageKey: "string",
  CCXLocator: "string",
  UUID: "string",
  LibraryLocatorV2: "string",
  LibraryUsageLocatorV2: "string",
  LibraryCollectionLocator: "string",
  LibraryContainerLocator: "string",
});

/** The settings every rule and the CLI work from, validated and with defaults filled in. */
export interface PluginSettings {
  /** Where snapshots live, relative to the working directory unless absolute. */
  readonly schemaDir: string;
  /** Custom type name → Avro primitive, built-ins included. */
  readonly customTypes: Readonly<Record<string, AvroPrimitive>>;
  readonly signalConstructors: readonly string[];
  readonly allowMaps: boolean;
  readonly numberType: "double" | "long";
  readonly knownUnserializableSignals: readonly string[];
  readonly compatibility: CompatibilityMode;
  /** Where the project's event definitions live (relative to the working directory), for project-wide checks. */
  readonly sourceDirs: readonly string[];
}

export const DEFAULT_SETTINGS: PluginSettings = Object.freeze({
  schemaDir: "schemas",
  customTypes: BUILTIN_CUSTOM_TYPES,
  signalConstructors: ["OpenEdxPublicSignal"],
  allowMaps: false,
  numberType: "double",
  knownUnserializableSignals: [],
  compatibility: "FORWARD_TRANSITIVE",
  sourceDirs: Object.freeze(["."]),
});

/** The key under ESLint's shared `settings` that holds ours. */
export const SETTINGS_KEY = "openedx-events";

/** An invalid setting: `message` names the key and what is expected. */
export class SettingsError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`Invalid setting settings["${SETTINGS_KEY}"].${key}: ${message}`);
    this.name = "SettingsError";
  }
}

const KNOWN_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof PluginSettings)[];

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `"${value}"` : typeof value === "object" ? "an object" : String(value);
}

function stringList(key: string, value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string" && item.length > 0)) {
    throw new SettingsError(key, `expected an array of non-empty strings, got ${describe(value)}.`);
  }
  return value as string[];
}

/** The known key a misspelt one most likely means: same letters, a few typos, or the same start. */
function closest(key: string): string | undefined {
  const lower = key.toLowerCase();
  const exact = KNOWN_KEYS.find((known) => known.toLowerCase() === lower);
  if (exact) return exact;
  let best: { key: string; distance: number } | undefined;
  for (const known of KNOWN_KEYS) {
    const d = editDistance(lower, known.toLowerCase());
    if (d <= Math.max(2, Math.floor(known.length / 4)) && (!best || d < best.distance)) best = { key: known, distance: d };
  }
  if (best) return best.key;
  return lower.length >= 3 ? KNOWN_KEYS.find((known) => known.toLowerCase().startsWith(lower.slice(0, 5))) : undefined;
}

/** A path a directory can have: not blank, no NUL (which every file system call refuses). */
function isDirectoryPath(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "" && !value.includes("\0");
}

const validated = new WeakMap<object, PluginSettings>();

/**
 * Validates `settings["openedx-events"]` (or the CLI's equivalent) and fills in defaults.
 * Throws a `SettingsError` naming the first bad key; never anything else.
 */
export function resolveSettings(raw: unknown): PluginSettings {
  if (raw === undefined || raw === null) return DEFAULT_SETTINGS;
  if (!isJsonObject(raw)) {
    throw new SettingsError("(root)", `expected an object, got ${describe(raw)}.`);
  }
  const cached = validated.get(raw);
  if (cached) return cached;
  const input = raw;
  for (const key of Object.keys(input)) {
    if (!(KNOWN_KEYS as string[]).includes(key)) {
      const hint = closest(key);
      throw new SettingsError(
        key,
        `unknown setting.${hint ? ` Did you mean "${hint}"?` : ""} Known settings: ${KNOWN_KEYS.join(", ")}.`,
      );
    }
  }
  const result: { -readonly [K in keyof PluginSettings]: PluginSettings[K] } = { ...DEFAULT_SETTINGS };
  if (input.schemaDir !== undefined) {
    if (!isDirectoryPath(input.schemaDir)) {
      throw new SettingsError("schemaDir", `expected a directory path, got ${describe(input.schemaDir)}.`);
    }
    result.schemaDir = input.schemaDir;
  }
  if (input.customTypes !== undefined) {
    const value = input.customTypes;
    if (!isJsonObject(value)) {
      throw new SettingsError("customTypes", `expected an object mapping type names to Avro primitives, got ${describe(value)}.`);
    }
    const merged: Record<string, AvroPrimitive> = { ...BUILTIN_CUSTOM_TYPES };
    for (const [name, avro] of Object.entries(value)) {
      if (!/^[A-Za-z_$][\w$]*$/.test(name)) {
        throw new SettingsError(`customTypes.${name}`, "a custom type is named by a TypeScript identifier.");
      }
      if (!isAvroPrimitive(avro) || avro === "null") {
        throw new SettingsError(
          `customTypes.${name}`,
          `expected one of ${AVRO_PRIMITIVES.filter((p) => p !== "null").map((p) => `"${p}"`).join(", ")}, got ${describe(avro)}.`,
        );
      }
      merged[name] = avro;
    }
    result.customTypes = merged;
  }
  if (input.signalConstructors !== undefined) {
    const names = stringList("signalConstructors", input.signalConstructors);
    if (names.length === 0) throw new SettingsError("signalConstructors", "expected at least one constructor name.");
    result.signalConstructors = names;
  }
  if (input.allowMaps !== undefined) {
    if (typeof input.allowMaps !== "boolean") {
      throw new SettingsError("allowMaps", `expected true or false, got ${describe(input.allowMaps)}.`);
    }
    result.allowMaps = input.allowMaps;
  }
  if (input.numberType !== undefined) {
    if (input.numberType !== "double" && input.numberType !== "long") {
      throw new SettingsError("numberType", `expected "double" or "long", got ${describe(input.numberType)}.`);
    }
    result.numberType = input.numberType;
  }
  if (input.knownUnserializableSignals !== undefined) {
    result.knownUnserializableSignals = stringList("knownUnserializableSignals", input.knownUnserializableSignals);
  }
  if (input.compatibility !== undefined) {
    const mode = input.compatibility;
    if (!isCompatibilityMode(mode)) {
      throw new SettingsError("compatibility", `expected one of ${COMPATIBILITY_MODES.join(", ")}, got ${describe(mode)}.`);
    }
    result.compatibility = mode;
  }
  if (input.sourceDirs !== undefined) {
    const dirs = stringList("sourceDirs", input.sourceDirs);
    if (dirs.length === 0) throw new SettingsError("sourceDirs", "expected at least one directory.");
    const bad = dirs.find((dir) => !isDirectoryPath(dir));
    if (bad !== undefined) throw new SettingsError("sourceDirs", `expected directory paths, got ${describe(bad)}.`);
    result.sourceDirs = dirs;
  }
  const frozen = Object.freeze(result);
  validated.set(raw, frozen);
  return frozen;
}

const cacheKeys = new WeakMap<PluginSettings, string>();

/** A stable key for caches whose content depends on the settings (made once per settings object). */
export function settingsCacheKey(settings: PluginSettings): string {
  let key = cacheKeys.get(settings);
  if (key === undefined) {
    key = JSON.stringify([settings.customTypes, settings.signalConstructors, settings.allowMaps, settings.numberType]);
    // Resolved settings are frozen: the key cannot go stale.
    if (Object.isFrozen(settings)) cacheKeys.set(settings, key);
  }
  return key;
}

/** The schema directory as an absolute path: `schemaDir` is relative to the working directory `cwd` unless absolute. */
export function schemaDirectory(settings: PluginSettings, cwd: string): string {
  const remembered = schemaDirectories.get(settings);
  if (remembered !== undefined && remembered.cwd === cwd) return remembered.dir;
  const dir = path.resolve(cwd, settings.schemaDir);
  // Asked for every signal: remembered per settings object, when the answer cannot depend on process.cwd().
  if (path.isAbsolute(cwd)) schemaDirectories.set(settings, { cwd, dir });
  return dir;
}

const schemaDirectories = new WeakMap<PluginSettings, { readonly cwd: string; readonly dir: string }>();

/** The source directories as absolute paths: each is relative to the working directory `cwd` unless absolute. */
export function sourceDirectories(settings: PluginSettings, cwd: string): string[] {
  return settings.sourceDirs.map((dir) => path.resolve(cwd, dir));
}
