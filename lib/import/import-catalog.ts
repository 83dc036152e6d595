/**
 * `import`: from a directory of snapshots to the TypeScript definitions that produce them, in
 * memory. Writing (never over an existing file without `force`) and the proof that `generate`
 * gives the snapshots back are separate steps (write-sources.ts, verify.ts).
 */
import { BUILTIN_CUSTOM_TYPES, type AvroPrimitive } from "../settings.js";
import { applyCustomTypes, type CustomTypeEntry } from "./custom-types.js";
import { planModules, type Layout } from "./layout.js";
import { readSchemaDirectory, type CatalogReading } from "./read-catalog.js";
import { RecordRegistry, readEventFields } from "./read-schema.js";
import { renderDataModule, renderSignalsModule, type RenderedFile } from "./render.js";
import { reservedRecordName } from "./reserved-names.js";
import { renderKeysModule, renderToolingModule, renderTypesModule } from "./support.js";
import { holdsMap, reachableRecords, type ImportedEvent, type ImportProblem, type RecordVariant } from "./types.js";

export interface ImportOptions {
  readonly layout: Layout;
  readonly customTypes: readonly CustomTypeEntry[];
}

/** Settings `generate` and `check` need to read the imported sources as the snapshots say. */
export interface RequiredSettings {
  readonly customTypes: Readonly<Record<string, AvroPrimitive>>;
  readonly allowMaps: boolean;
}

export interface ImportResult {
  readonly reading: CatalogReading;
  readonly events: readonly ImportedEvent[];
  /** Events left out, with the reason for each part that has no TypeScript form. */
  readonly problems: readonly ImportProblem[];
  /** Things to know that do not stop the import: name clashes, docs, unused custom types. */
  readonly warnings: readonly string[];
  readonly files: readonly RenderedFile[];
  readonly settings: RequiredSettings;
  /** Settings beyond the defaults, as they go in `settings["openedx-events"]` (empty when none). */
  readonly settingsToAdd: Readonly<Record<string, unknown>>;
}

/**
 * Reads and converts; throws when the schema directory itself cannot be listed, and
 * CustomTypeError when a mapping names a field that is not a string or one mapped already.
 */
export function importCatalog(schemaDir: string, options: ImportOptions): ImportResult {
  const reading = readSchemaDirectory(schemaDir);
  const warnings: string[] = [];
  const problems: ImportProblem[] = [];
  const events: ImportedEvent[] = [];
  if (reading.unreadable.length > 0) {
    return { reading, events, problems, warnings, files: [], settings: { customTypes: {}, allowMaps: false }, settingsToAdd: {} };
  }
  const customNames = new Set([...Object.keys(BUILTIN_CUSTOM_TYPES), ...options.customTypes.map((entry) => entry.type)]);
  const registry = new RecordRegistry();
  for (const snapshot of reading.snapshots) {
    const read = readEventFields(snapshot.schema, snapshot.eventType, snapshot.file, registry, (name) => reservedRecordName(name, customNames));
    if (!read.fields) {
      problems.push(...read.problems);
      continue;
    }
    const doc = snapshot.schema.doc;
    events.push({
      eventType: snapshot.eventType,
      file: snapshot.file,
      text: snapshot.text,
      doc: typeof doc === "string" ? doc : null,
      fields: read.fields.map((field) => ({ ...field, customType: null })),
    });
  }
  for (const entry of applyCustomTypes(options.customTypes, events)) {
    warnings.push(`${entry.source}: no imported field has the path \`${entry.path}\`; nothing was mapped to \`${entry.type}\``);
  }
  const variants = registry.variants;
  const plan = planModules(events, variants, options.layout);
  warnings.push(...clashWarnings(variants, plan.home));

  const modules = [...plan.dataModules.map((module) => renderDataModule(module, plan)), ...plan.signalsModules.map((module) => renderSignalsModule(module, plan))];
  const typeNames = new Set(modules.flatMap((module) => [...module.typeNames]));
  const keys = [...new Set(modules.flatMap((module) => [...module.customTypes]))].sort();
  const files: RenderedFile[] = modules.map(({ path, text }) => ({ path, text }));
  if (events.length > 0) {
    files.push(renderToolingModule(), renderTypesModule(typeNames));
    if (keys.length > 0) files.push(renderKeysModule(keys));
  }
  const allowMaps =
    events.some((event) => event.fields.some((field) => holdsMap(field.type))) ||
    [...reachableRecords(events.flatMap((event) => event.fields.map((field) => field.type)))].some((record) => record.fields.some((field) => holdsMap(field.type)));
  const customTypes: Record<string, AvroPrimitive> = {};
  for (const name of keys) if (!Object.hasOwn(BUILTIN_CUSTOM_TYPES, name)) customTypes[name] = "string";
  if (typeNames.has("Int32")) customTypes["Int32"] = "int";
  if (typeNames.has("Float32")) customTypes["Float32"] = "float";
  const settingsToAdd: Record<string, unknown> = {};
  if (Object.keys(customTypes).length > 0) settingsToAdd["customTypes"] = customTypes;
  if (allowMaps) settingsToAdd["allowMaps"] = true;
  for (const variant of variants) {
    if (variant.doc !== null || variant.fields.some((field) => field.doc !== null)) {
      warnings.push(`the record \`${variant.name}\` (first in ${variant.firstUse.eventType}) has a "doc": it is kept as JSDoc, but generate writes no docs inside a schema`);
    }
  }
  return { reading, events, problems, warnings, files, settings: { customTypes, allowMaps }, settingsToAdd };
}

function clashWarnings(variants: readonly RecordVariant[], home: ReadonlyMap<RecordVariant, { id: string }>): string[] {
  const byName = new Map<string, RecordVariant[]>();
  for (const variant of variants) byName.set(variant.name, [...(byName.get(variant.name) ?? []), variant]);
  const warnings: string[] = [];
  for (const [name, shapes] of byName) {
    if (shapes.length < 2) continue;
    const list = shapes.map((shape) => `${home.get(shape)!.id}.ts (as in ${shape.firstUse.eventType}, at \`${shape.firstUse.path}\`)`).join("; ");
    warnings.push(
      `the record \`${name}\` has ${shapes.length} different shapes in these snapshots; each is a class \`${name}\` of its own module, since a class's name is its record's name: ${list}`,
    );
  }
  return warnings;
}
