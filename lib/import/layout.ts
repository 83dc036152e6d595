/**
 * Where each imported definition goes: one `signals.ts` and one `data.ts` per subdomain (or one
 * of each for `--layout flat`), each record in the data module of the subdomain that uses it
 * first. Two shapes of one record name cannot share a module (a class's declared name is its
 * record name), so a second shape goes to `data_2.ts` beside it, a third to `data_3.ts`, and
 * modules that use several shapes import them under aliases.
 */
import { toConstantCase } from "../naming/index.js";
import { leafType, reachableRecords, type ImportedEvent, type ImportedField, type RecordVariant } from "./types.js";

export type Layout = "by-subdomain" | "flat";
export const LAYOUTS: readonly Layout[] = ["by-subdomain", "flat"];

export interface DataModule {
  /** Posix path from the output directory, without extension: `learning/data`, `data_2`. */
  readonly id: string;
  readonly dir: string;
  /** Nested records before the records that hold them, in the order the catalog meets them. */
  readonly records: RecordVariant[];
}

export interface SignalsModule {
  readonly id: string;
  readonly dir: string;
  readonly subdomain: string | null;
  readonly events: { readonly event: ImportedEvent; readonly constant: string }[];
}

export interface ModulePlan {
  readonly dataModules: readonly DataModule[];
  readonly signalsModules: readonly SignalsModule[];
  /** The data module that defines each record variant. */
  readonly home: ReadonlyMap<RecordVariant, DataModule>;
}

/** The subdomain of an event type: the segment after `org.openedx`, else the first one. */
export function subdomainOf(eventType: string): string {
  const segments = eventType.split(".");
  return segments[0] === "org" && segments[1] === "openedx" && segments.length > 3 ? segments[2]! : segments[0]!;
}

/**
 * `org.openedx.learning.course.enrollment.created.v1` → `COURSE_ENROLLMENT_CREATED` (the
 * subject and action, as openedx-events names its signals), `….v2` → `…_V2`; with the subdomain
 * in front when asked (`LEARNING_COURSE_ENROLLMENT_CREATED`).
 */
export function constantNameOf(eventType: string, withSubdomain = false): string {
  let segments = eventType.split(".");
  if (segments[0] === "org" && segments[1] === "openedx" && segments.length > 3) segments = segments.slice(withSubdomain ? 2 : 3);
  const last = segments[segments.length - 1]!;
  if (/^v1$/.test(last) && segments.length > 1) segments = segments.slice(0, -1);
  const name = toConstantCase(segments.join("_"));
  return /^[A-Z]/.test(name) ? name : `EVENT_${name}`;
}

/** Assigns every event and record of the catalog to a module. `events` in event type order. */
export function planModules(events: readonly ImportedEvent[], variants: readonly RecordVariant[], layout: Layout): ModulePlan {
  const dirOf = (eventType: string) => (layout === "flat" ? "" : subdomainOf(eventType));
  const join = (dir: string, name: string) => (dir === "" ? name : `${dir}/${name}`);

  const signalsModules = new Map<string, SignalsModule>();
  for (const event of events) {
    const dir = dirOf(event.eventType);
    let module = signalsModules.get(dir);
    if (!module) {
      module = { id: join(dir, "signals"), dir, subdomain: layout === "flat" ? null : dir, events: [] };
      signalsModules.set(dir, module);
    }
    module.events.push({ event, constant: "" });
  }
  for (const module of signalsModules.values()) {
    // The names the module imports (top-level records and custom types) are not free for a constant.
    const taken = new Set(module.events.flatMap(({ event }) => event.fields.map((field) => importedName(field))).filter((name) => name !== null));
    const plain = module.events.map(({ event }) => constantNameOf(event.eventType));
    module.events.forEach((entry, i) => {
      const withSubdomain = constantNameOf(entry.event.eventType, true);
      // Flat layout: two subdomains may name the same subject and action; the subdomain tells them apart.
      let constant = plain.indexOf(plain[i]!) !== plain.lastIndexOf(plain[i]!) || taken.has(plain[i]!) ? withSubdomain : plain[i]!;
      for (let n = 2; taken.has(constant); n++) constant = `${withSubdomain}_${n}`;
      taken.add(constant);
      (entry as { constant: string }).constant = constant;
    });
  }

  const homeDirs = homeDirectories(events, dirOf);
  const dataModules = new Map<string, DataModule>();
  const home = new Map<RecordVariant, DataModule>();
  /** Record names per data module id. */
  const names = new Map<string, Set<string>>();
  for (const variant of variants) {
    const dir = homeDirs.get(variant) ?? dirOf(variant.firstUse.eventType);
    let k = 1;
    const id = () => join(dir, k === 1 ? "data" : `data_${k}`);
    while (names.get(id())?.has(variant.name)) k++;
    let module = dataModules.get(id());
    if (!module) {
      module = { id: id(), dir, records: [] };
      dataModules.set(id(), module);
      names.set(id(), new Set());
    }
    names.get(id())!.add(variant.name);
    module.records.push(variant);
    home.set(variant, module);
  }
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return {
    dataModules: [...dataModules.values()].sort(byId),
    signalsModules: [...signalsModules.values()].sort(byId),
    home,
  };
}

/** The class a top-level field names in a signals module: its record, or its custom type. */
function importedName(field: ImportedField): string | null {
  const leaf = leafType(field.type);
  return leaf.kind === "record" ? leaf.record.name : field.customType;
}

/**
 * The directory each record lives in: the one whose events use it most (`UserData` belongs to
 * `learning`, even when a `content_authoring` event sorts first), the first to use it on a tie.
 */
function homeDirectories(events: readonly ImportedEvent[], dirOf: (eventType: string) => string): Map<RecordVariant, string> {
  const counts = new Map<RecordVariant, Map<string, number>>();
  for (const event of events) {
    const dir = dirOf(event.eventType);
    const reached = reachableRecords(event.fields.map((field) => field.type));
    for (const variant of reached) {
      const byDir = counts.get(variant) ?? new Map<string, number>();
      byDir.set(dir, (byDir.get(dir) ?? 0) + 1);
      counts.set(variant, byDir);
    }
  }
  const homes = new Map<RecordVariant, string>();
  for (const [variant, byDir] of counts) {
    let best: string | null = null;
    for (const [dir, count] of byDir) if (best === null || count > byDir.get(best)!) best = dir;
    homes.set(variant, best!);
  }
  return homes;
}
