import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMPATIBILITY_MODES } from "../lib/compat/index.js";
import {
  AVRO_PRIMITIVES,
  BUILTIN_CUSTOM_TYPES,
  COMPATIBILITY_MODES as SETTINGS_COMPATIBILITY_MODES,
  DEFAULT_SETTINGS,
  SettingsError,
  isAvroPrimitive,
  resolveSettings,
  schemaDirectory,
  settingsCacheKey,
  sourceDirectories,
} from "../lib/settings.js";

/** The SettingsError `raw` causes (fails the test when it does not throw one). */
function errorOf(raw: unknown): SettingsError {
  try {
    resolveSettings(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return error as SettingsError;
  }
  throw new Error(`no error for ${JSON.stringify(raw)}`);
}

describe("defaults", () => {
  it("fills in every setting", () => {
    expect(resolveSettings({})).toEqual({
      schemaDir: "schemas",
      customTypes: {
        Date: "string",
        CourseKey: "string",
        UsageKey: "string",
        CCXLocator: "string",
        UUID: "string",
        LibraryLocatorV2: "string",
        LibraryUsageLocatorV2: "string",
        LibraryCollectionLocator: "string",
        LibraryContainerLocator: "string",
      },
      signalConstructors: ["OpenEdxPublicSignal"],
      allowMaps: false,
      numberType: "double",
      knownUnserializableSignals: [],
      compatibility: "FORWARD_TRANSITIVE",
      sourceDirs: ["."],
    });
  });

  it("uses the defaults when there are no settings", () => {
    expect(resolveSettings(undefined)).toBe(DEFAULT_SETTINGS);
    expect(resolveSettings(null)).toBe(DEFAULT_SETTINGS);
  });

  it("returns a frozen object, the same one for the same input object", () => {
    const raw = { allowMaps: true };
    const settings = resolveSettings(raw);
    expect(Object.isFrozen(settings)).toBe(true);
    expect(resolveSettings(raw)).toBe(settings);
  });

  it("keeps valid values", () => {
    const settings = resolveSettings({
      schemaDir: "src/events/schemas",
      signalConstructors: ["OpenEdxPublicSignal", "MySignal"],
      allowMaps: true,
      numberType: "long",
      knownUnserializableSignals: ["org.openedx.learning.course.notification.requested.v1"],
      compatibility: "BACKWARD",
    });
    expect(settings).toMatchObject({
      schemaDir: "src/events/schemas",
      signalConstructors: ["OpenEdxPublicSignal", "MySignal"],
      allowMaps: true,
      numberType: "long",
      knownUnserializableSignals: ["org.openedx.learning.course.notification.requested.v1"],
      compatibility: "BACKWARD",
    });
  });

  it.each(COMPATIBILITY_MODES)("accepts the compatibility mode %s", (mode) => {
    expect(resolveSettings({ compatibility: mode }).compatibility).toBe(mode);
  });
});

describe("customTypes", () => {
  it("is merged over the built-ins, and may override one", () => {
    const settings = resolveSettings({ customTypes: { OrganizationKey: "string", CourseKey: "bytes", Money: "long" } });
    expect(settings.customTypes).toEqual({ ...BUILTIN_CUSTOM_TYPES, OrganizationKey: "string", CourseKey: "bytes", Money: "long" });
    // The built-in list itself is untouched.
    expect(BUILTIN_CUSTOM_TYPES.CourseKey).toBe("string");
    expect(resolveSettings({}).customTypes.CourseKey).toBe("string");
  });

  it("keeps every built-in with an empty object", () => {
    expect(resolveSettings({ customTypes: {} }).customTypes).toEqual(BUILTIN_CUSTOM_TYPES);
  });

  it.each(["boolean", "int", "long", "float", "double", "bytes", "string"])("accepts the Avro primitive %s", (avro) => {
    expect(resolveSettings({ customTypes: { Custom: avro } }).customTypes.Custom).toBe(avro);
  });

  it.each([
    ["null", "null"],
    ["a complex type", "record"],
    ["a number", 1],
    ["an object", { type: "string" }],
  ])("rejects %s as the Avro type, naming the type", (_what, value) => {
    const error = errorOf({ customTypes: { Money: value } });
    expect(error.key).toBe("customTypes.Money");
    expect(error.message).toMatch(/^Invalid setting settings\["openedx-events"\]\.customTypes\.Money: expected one of "boolean", "int", "long", "float", "double", "bytes", "string", got /);
  });

  it("rejects a name that is not an identifier", () => {
    const error = errorOf({ customTypes: { "not-a-name": "string" } });
    expect(error.key).toBe("customTypes.not-a-name");
    expect(error.message).toContain("TypeScript identifier");
  });

  it.each([["a string", "string"], ["an array", ["Money"]], ["null", null]])("rejects %s instead of an object", (_what, value) => {
    const error = errorOf({ customTypes: value });
    expect(error.key).toBe("customTypes");
    expect(error.message).toContain("expected an object mapping type names to Avro primitives");
  });
});

describe("invalid settings name the key", () => {
  it.each([
    ["schemaDir", 3, 'expected a directory path, got 3.'],
    ["schemaDir", "", 'expected a directory path, got "".'],
    ["schemaDir", "   ", 'expected a directory path, got "   ".'],
    ["schemaDir", "a\0b", "expected a directory path"],
    ["signalConstructors", "OpenEdxPublicSignal", 'expected an array of non-empty strings, got "OpenEdxPublicSignal".'],
    ["signalConstructors", ["OpenEdxPublicSignal", 3], "expected an array of non-empty strings, got an array."],
    ["signalConstructors", [""], "expected an array of non-empty strings"],
    ["signalConstructors", [], "expected at least one constructor name."],
    ["allowMaps", "true", 'expected true or false, got "true".'],
    ["allowMaps", 1, "expected true or false, got 1."],
    ["numberType", "int", 'expected "double" or "long", got "int".'],
    ["numberType", null, 'expected "double" or "long", got null.'],
    ["knownUnserializableSignals", "org.openedx.x.v1", 'expected an array of non-empty strings, got "org.openedx.x.v1".'],
    ["knownUnserializableSignals", [{}], "expected an array of non-empty strings, got an array."],
    ["compatibility", "forward", `expected one of ${COMPATIBILITY_MODES.join(", ")}, got "forward".`],
    ["compatibility", "SIDEWAYS", `expected one of ${COMPATIBILITY_MODES.join(", ")}, got "SIDEWAYS".`],
    ["compatibility", true, "expected one of"],
    ["sourceDirs", [], "expected at least one directory."],
    ["sourceDirs", "src", 'expected an array of non-empty strings, got "src".'],
    ["sourceDirs", ["src", "   "], 'expected directory paths, got "   ".'],
    ["sourceDirs", ["a\0b"], "expected directory paths"],
  ])("%s = %j", (key, value, message) => {
    const error = errorOf({ [key]: value });
    expect(error.key).toBe(key);
    expect(error.name).toBe("SettingsError");
    expect(error.message.startsWith(`Invalid setting settings["openedx-events"].${key}: `)).toBe(true);
    expect(error.message).toContain(message);
  });

  it.each([
    ["schemadir", "schemaDir"],
    ["schemaDri", "schemaDir"],
    ["shemaDir", "schemaDir"],
    ["schema_dir", "schemaDir"],
    ["allowMap", "allowMaps"],
    ["customType", "customTypes"],
    ["custom_types", "customTypes"],
    ["signalConstructor", "signalConstructors"],
    ["knownUnserializableSignal", "knownUnserializableSignals"],
    ["numbertype", "numberType"],
    ["compatibilty", "compatibility"],
  ])("an unknown key %s suggests %s", (key, hint) => {
    const error = errorOf({ [key]: true });
    expect(error.key).toBe(key);
    expect(error.message).toContain(`unknown setting. Did you mean "${hint}"?`);
    expect(error.message).toContain(`Known settings: ${Object.keys(DEFAULT_SETTINGS).join(", ")}.`);
    expect(Object.keys(DEFAULT_SETTINGS).slice(0, 7)).toEqual([
      "schemaDir",
      "customTypes",
      "signalConstructors",
      "allowMaps",
      "numberType",
      "knownUnserializableSignals",
      "compatibility",
    ]);
  });

  it("does not suggest anything for a key unlike any setting", () => {
    const error = errorOf({ verbose: true });
    expect(error.key).toBe("verbose");
    expect(error.message).not.toContain("Did you mean");
    expect(error.message).toContain("unknown setting.");
  });

  it("reports the unknown key before checking the values of known ones", () => {
    expect(errorOf({ allowMaps: "yes", nope: 1 }).key).toBe("nope");
  });

  it.each([["a string", "schemas"], ["an array", []], ["a number", 1]])("rejects %s as the whole settings", (_what, raw) => {
    const error = errorOf(raw);
    expect(error.key).toBe("(root)");
    expect(error.message).toContain("expected an object");
  });

  it("never throws anything but a SettingsError", () => {
    const hostile = [
      Object.create(null),
      { customTypes: Object.create(null) },
      { customTypes: { __proto__: { Money: "string" } } },
      { schemaDir: Symbol("x") },
      { signalConstructors: [null] },
      new Proxy({}, {}),
    ];
    for (const raw of hostile) {
      try {
        resolveSettings(raw);
      } catch (error) {
        expect(error).toBeInstanceOf(SettingsError);
      }
    }
  });
});

describe("settingsCacheKey", () => {
  it("changes with the settings that change the model, and only with those", () => {
    const base = settingsCacheKey(resolveSettings({}));
    expect(settingsCacheKey(resolveSettings({ schemaDir: "x", compatibility: "NONE", knownUnserializableSignals: ["a.b"] }))).toBe(base);
    expect(settingsCacheKey(resolveSettings({ allowMaps: true }))).not.toBe(base);
    expect(settingsCacheKey(resolveSettings({ numberType: "long" }))).not.toBe(base);
    expect(settingsCacheKey(resolveSettings({ customTypes: { Money: "string" } }))).not.toBe(base);
    expect(settingsCacheKey(resolveSettings({ signalConstructors: ["Other"] }))).not.toBe(base);
  });
});

describe("the directories of the settings", () => {
  const cwd = path.resolve("/work/project");

  it("resolves schemaDir against the working directory unless absolute", () => {
    expect(schemaDirectory(resolveSettings({}), cwd)).toBe(path.join(cwd, "schemas"));
    expect(schemaDirectory(resolveSettings({ schemaDir: "./src/events/schemas/" }), cwd)).toBe(path.join(cwd, "src", "events", "schemas"));
    expect(schemaDirectory(resolveSettings({ schemaDir: path.resolve("/shared/schemas") }), cwd)).toBe(path.resolve("/shared/schemas"));
  });

  it("resolves every sourceDirs entry the same way", () => {
    expect(sourceDirectories(resolveSettings({}), cwd)).toEqual([cwd]);
    expect(sourceDirectories(resolveSettings({ sourceDirs: ["src", path.resolve("/lib/events")] }), cwd)).toEqual([
      path.join(cwd, "src"),
      path.resolve("/lib/events"),
    ]);
  });
});

describe("the vocabularies settings are written in", () => {
  it("lists Avro's primitive types in the specification's order", () => {
    expect(AVRO_PRIMITIVES).toEqual(["null", "boolean", "int", "long", "float", "double", "bytes", "string"]);
    expect(AVRO_PRIMITIVES.every((name) => isAvroPrimitive(name))).toBe(true);
    for (const name of ["record", "array", "Boolean", "", undefined, 1]) expect(isAvroPrimitive(name)).toBe(false);
  });

  it("lists the compatibility modes once: lib/compat re-exports the settings' list", () => {
    expect(COMPATIBILITY_MODES).toBe(SETTINGS_COMPATIBILITY_MODES);
    expect(Object.isFrozen(SETTINGS_COMPATIBILITY_MODES)).toBe(true);
  });
});
