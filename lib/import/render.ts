/**
 * The TypeScript text of the imported modules, in the style of docs/contract.md and the examples:
 * data classes with `readonly x!: T` fields, `T | null = null` for nullable ones, `Int` and
 * `Float` for Avro's long and double, signals with `data: { … }` when every top-level value is a
 * class, else with the payload at the type level.
 */
import path from "node:path";
import { CLOUD_EVENT_DOC } from "../avro/index.js";
import type { DataModule, ModulePlan, SignalsModule } from "./layout.js";
import { leafType, type ImportedEvent, type ImportedField, type ImportedType, type RecordVariant } from "./types.js";

export const TOOLING_MODULE = "tooling";
export const TYPES_MODULE = "types";
export const KEYS_MODULE = "keys";

/** TypeScript type names for the Avro primitives; `Int32` and `Float32` need a `customTypes` setting. */
const PRIMITIVE_TEXT = { string: "string", boolean: "boolean", long: "Int", double: "Float", bytes: "Uint8Array", int: "Int32", float: "Float32" } as const;
const TYPE_ALIASES = new Set(["Int", "Float", "Int32", "Float32"]);

/** A file to write: its path from the output directory, and its text. */
export interface RenderedFile {
  readonly path: string;
  readonly text: string;
}

/** A module, and the names it takes from `types.ts` and `keys.ts`. */
export interface RenderedModule extends RenderedFile {
  readonly typeNames: ReadonlySet<string>;
  readonly customTypes: ReadonlySet<string>;
}

/** Identifiers of the records a module uses: the record name, or an alias when two shapes of a name meet. */
class ModuleScope {
  private readonly ids = new Map<RecordVariant, string>();
  /** Referenced records that live in other modules, by that module's id. */
  readonly imports = new Map<string, RecordVariant[]>();
  readonly supportTypes = new Set<string>();
  readonly customTypes = new Set<string>();

  constructor(
    readonly moduleId: string,
    defined: readonly RecordVariant[],
    referenced: readonly RecordVariant[],
    plan: ModulePlan,
    /** The module whose shape of a name keeps the plain name when no defined record has it. */
    preferred: string | null,
  ) {
    const taken = new Set<string>();
    for (const variant of defined) {
      this.ids.set(variant, variant.name);
      taken.add(variant.name);
    }
    const others = referenced.filter((variant) => !this.ids.has(variant));
    const ordered = [...others].sort((a, b) => Number(plan.home.get(b)!.id === preferred) - Number(plan.home.get(a)!.id === preferred) || a.variant - b.variant);
    for (const variant of ordered) {
      let id = variant.name;
      if (taken.has(id)) id = `${variant.name}_${variant.variant}`;
      while (taken.has(id)) id = `${id}_`;
      taken.add(id);
      this.ids.set(variant, id);
      const from = plan.home.get(variant)!.id;
      this.imports.set(from, [...(this.imports.get(from) ?? []), variant]);
    }
  }

  id(variant: RecordVariant): string {
    return this.ids.get(variant)!;
  }

  /** `import type { A, B as B_2 } from "../learning/data";` for every other module used. */
  importLines(keyword: "import" | "import type"): string[] {
    return [...this.imports]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([from, variants]) => {
        const names = variants
          .map((variant) => (this.id(variant) === variant.name ? variant.name : `${variant.name} as ${this.id(variant)}`))
          .sort();
        return importLine(keyword, names, specifier(this.moduleId, from));
      });
  }

  /** The TypeScript text of a field's type. */
  typeText(type: ImportedType, customType: string | null): string {
    switch (type.kind) {
      case "primitive": {
        const text = type.avro === "string" && customType ? customType : PRIMITIVE_TEXT[type.avro];
        if (TYPE_ALIASES.has(text)) this.supportTypes.add(text);
        else if (text === customType && text !== "Date") this.customTypes.add(text);
        return text;
      }
      case "record":
        return this.id(type.record);
      case "array": {
        const items = this.typeText(type.items, customType);
        return type.items.kind === "nullable" ? `(${items})[]` : `${items}[]`;
      }
      case "map":
        return `Record<string, ${this.typeText(type.values, customType)}>`;
      case "nullable":
        return `${this.typeText(type.inner, customType)} | null`;
    }
  }

  /** Imports of `types.ts` and `keys.ts`, once the module's types are written. */
  supportLines(valueKeys: boolean): string[] {
    const lines: string[] = [];
    if (this.customTypes.size > 0) {
      lines.push(importLine(valueKeys ? "import" : "import type", [...this.customTypes].sort(), specifier(this.moduleId, KEYS_MODULE)));
    }
    if (this.supportTypes.size > 0) {
      lines.push(importLine("import type", [...this.supportTypes].sort(), specifier(this.moduleId, TYPES_MODULE)));
    }
    return lines;
  }
}

/** One import declaration, a name a line when it would be longer than 100 columns. */
function importLine(keyword: string, names: readonly string[], from: string): string {
  const line = `${keyword} { ${names.join(", ")} } from "${from}";`;
  return line.length <= 100 ? line : `${keyword} {\n${names.map((name) => `  ${name},\n`).join("")}} from "${from}";`;
}

/**
 * `./data`, `../learning/data`: how module `from` imports module `to` (ids are posix paths from
 * the output directory). Resolved between files, not directories: `types/signals` imports the
 * top-level `types` module as `../types`, not as its own directory `./`.
 */
function specifier(from: string, to: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), `${to}.ts`).slice(0, -".ts".length);
  return relative.startsWith(".") ? relative : `./${relative}`;
}

/** Our own prose, wrapped at 100 columns (a doc from a schema keeps its lines). */
function wrap(text: string, width = 96): string {
  return text
    .split("\n")
    .map((paragraph) => {
      const lines: string[] = [];
      let line = "";
      // A `code span` is never split.
      for (const word of paragraph.match(/(?:`[^`]*`|\S)+/g) ?? []) {
        if (line !== "" && line.length + 1 + word.length > width) {
          lines.push(line);
          line = word;
        } else line = line === "" ? word : `${line} ${word}`;
      }
      lines.push(line);
      return lines.join("\n");
    })
    .join("\n");
}

/** A JSDoc block, indented; `*​/` inside the text cannot end it. */
function jsDoc(text: string, indent = ""): string[] {
  const lines = text.replaceAll("*/", "*\\/").split(/\r?\n/);
  if (lines.length === 1 && indent.length + lines[0]!.length + 7 > 100) lines.unshift("");
  if (lines.length === 1) return [`${indent}/** ${lines[0]} */`];
  if (lines[0] === "") lines.shift();
  return [`${indent}/**`, ...lines.map((line) => `${indent} *${line === "" ? "" : ` ${line}`}`), `${indent} */`];
}

function referencedBy(fields: readonly ImportedField[]): RecordVariant[] {
  return [...new Set(fields.flatMap((field) => {
    const leaf = leafType(field.type);
    return leaf.kind === "record" ? [leaf.record] : [];
  }))];
}

export function renderDataModule(module: DataModule, plan: ModulePlan): RenderedModule {
  const scope = new ModuleScope(module.id, module.records, referencedBy(module.records.flatMap((record) => record.fields)), plan, null);
  const body: string[] = [];
  for (const record of module.records) {
    body.push("");
    if (record.doc !== null) body.push(...jsDoc(record.doc));
    body.push(`export class ${record.name} {`);
    for (const field of record.fields) {
      if (field.doc !== null) body.push(...jsDoc(field.doc, "  "));
      const type = scope.typeText(field.type, field.customType);
      body.push(field.type.kind === "nullable" ? `  readonly ${field.name}: ${type} = null;` : `  readonly ${field.name}!: ${type};`);
    }
    body.push("}");
  }
  const where = module.dir === "" ? "" : ` of the \`${module.dir}\` subdomain`;
  const header = module.id.endsWith("/data") || module.id === "data"
    ? `Data classes${where}, imported from Avro snapshots by \`openedx-events-avro import\`.`
    : `More data classes${where}: these records share a name with records of another shape in the other data modules, and a class's name is its record's name, so each shape of a name has a module of its own.`;
  const imports = [...scope.supportLines(false), ...scope.importLines("import type")];
  const text = [...jsDoc(wrap(header)), ...imports, ...body].join("\n") + "\n";
  return { path: `${module.id}.ts`, text, typeNames: scope.supportTypes, customTypes: scope.customTypes };
}

/** True when every top-level value can name a class: `data: { enrollment: CourseEnrollmentData }`. */
function hasDataForm(event: ImportedEvent): boolean {
  return event.fields.every(
    (field) => field.type.kind === "record" || (field.type.kind === "primitive" && field.type.avro === "string" && field.customType !== null),
  );
}

function signalDoc(event: ImportedEvent, file: string): string {
  const doc = event.doc === null || event.doc === CLOUD_EVENT_DOC ? null : event.doc;
  return doc ?? wrap(`The \`${event.eventType}\` event, imported from \`${file}\`.\n\nThe snapshot does not say what happened, or when the event is emitted: say it here.`);
}

export function renderSignalsModule(module: SignalsModule, plan: ModulePlan): RenderedModule {
  const dataId = module.dir === "" ? "data" : `${module.dir}/data`;
  const scope = new ModuleScope(module.id, [], referencedBy(module.events.flatMap(({ event }) => event.fields)), plan, dataId);
  const body: string[] = [];
  for (const { event, constant } of module.events) {
    body.push("", ...jsDoc(signalDoc(event, path.basename(event.file))));
    const fields = event.fields.map((field) => ({ field, type: scope.typeText(field.type, field.customType) }));
    const docOf = (field: ImportedField, indent: string) => (field.doc === null ? [] : jsDoc(field.doc, indent));
    if (hasDataForm(event)) {
      body.push(`export const ${constant} = new OpenEdxPublicSignal({`, `  event_type: ${JSON.stringify(event.eventType)},`);
      if (fields.length === 0) body.push("  data: {},");
      else body.push("  data: {", ...fields.flatMap(({ field, type }) => [...docOf(field, "    "), `    ${field.name}: ${type},`]), "  },");
      body.push("});");
    } else {
      body.push(
        `export const ${constant} = new OpenEdxPublicSignal<{`,
        ...fields.flatMap(({ field, type }) => [...docOf(field, "  "), `  ${field.name}: ${type};`]),
        `}>({`,
        `  event_type: ${JSON.stringify(event.eventType)},`,
        "});",
      );
    }
  }
  const where = module.subdomain === null ? "" : ` of the \`${module.subdomain}\` subdomain`;
  const imports = [
    `import { OpenEdxPublicSignal } from "${specifier(module.id, TOOLING_MODULE)}";`,
    ...scope.supportLines(true),
    ...scope.importLines("import"),
  ];
  const text = [...jsDoc(wrap(`Signals${where}, imported from Avro snapshots by \`openedx-events-avro import\`.`)), ...imports, ...body].join("\n") + "\n";
  return { path: `${module.id}.ts`, text, typeNames: scope.supportTypes, customTypes: scope.customTypes };
}
