/**
 * From compat findings to changes: each finding located on the data (`enrollment.user.id`), with
 * its kind (added, removed, renamed, retyped, nullability) and old/new shapes, grouped so that one
 * change is one report whatever the number of versions and directions it breaks, paired into
 * renames, and merged where one data class is reached at several paths.
 */
import type { CompatibilityDirection, CompatibilityFinding } from "../compat/index.js";
import type { DataClassModel, FieldModel, FieldType, SignalDeclaration } from "../model/index.js";
import { placeOfFinding } from "./finding-path.js";
import { formatDataPath, namesOf, shapeChange, shapeKey, shapeOfJson, type Shape } from "./shapes.js";

/** A version the signal is compared with: a stored one (`…_schema.vN.avsc`) or the snapshot. */
export interface Version {
  /** As shown: relative to cwd when inside it. */
  readonly file: string;
  readonly stored: boolean;
  readonly schema: unknown;
  /** The stored schema as compact JSON, to recognise a version identical to the generated schema. */
  readonly json: string;
}

export type ChangeKind = "added" | "removed" | "renamed" | "retyped" | "became-nullable" | "no-longer-nullable" | "other";

export interface Located {
  readonly version: number;
  readonly direction: CompatibilityDirection;
  readonly finding: CompatibilityFinding;
  readonly dataPath: readonly string[];
  readonly kind: ChangeKind;
  readonly old: Shape | null;
  readonly new: Shape | null;
}

export interface Group {
  readonly kind: ChangeKind;
  readonly dataPath: readonly string[];
  /** For a rename: the old data path (`dataPath` is the new one). */
  readonly from?: readonly string[];
  /** Other data paths to the same field of the same data class (a class reached twice), same change. */
  readonly also?: readonly string[];
  readonly old: Shape | null;
  readonly new: Shape | null;
  readonly message: string;
  readonly versions: Set<number>;
  readonly directions: Set<CompatibilityDirection>;
}

export function locate(
  version: number,
  direction: CompatibilityDirection,
  finding: CompatibilityFinding,
  previous: unknown,
  next: unknown,
): Located {
  const forward = direction === "forward";
  const reader = forward ? previous : next;
  const writer = forward ? next : previous;
  const place = placeOfFinding(finding.path, reader, writer);
  const base = { version, direction, finding, dataPath: place.dataPath };
  if (!place.complete) return { ...base, kind: "other", old: null, new: null };
  const oldType = forward ? place.reader : place.writer;
  const newType = forward ? place.writer : place.reader;
  const oldShape = oldType === undefined ? null : shapeOfJson(oldType, namesOf(previous));
  const newShape = newType === undefined ? null : shapeOfJson(newType, namesOf(next));
  if (oldShape === null && newShape !== null) return { ...base, kind: "added", old: null, new: newShape };
  if (newShape === null && oldShape !== null) return { ...base, kind: "removed", old: oldShape, new: null };
  if (oldShape === null || newShape === null) return { ...base, kind: "other", old: null, new: null };
  const change = shapeChange(oldShape, newShape);
  return { ...base, kind: change === "same" ? "other" : change, old: oldShape, new: newShape };
}

function isUnder(path: readonly string[], prefix: readonly string[]): boolean {
  return path.length > prefix.length && prefix.every((segment, i) => path[i] === segment);
}

/**
 * One group per change, whatever the number of versions and directions it breaks. Findings
 * inside a field whose type was replaced (another record) are that replacement, not news.
 */
export function groupFindings(located: readonly Located[]): Group[] {
  const replaced = located.filter((l) => l.kind === "retyped");
  const groups = new Map<string, Group>();
  for (const item of located) {
    if (replaced.some((r) => r.version === item.version && r.direction === item.direction && isUnder(item.dataPath, r.dataPath))) continue;
    const message = item.kind === "other" ? item.finding.message : "";
    const key = [formatDataPath(item.dataPath), item.kind, item.old ? shapeKey(item.old) : "", item.new ? shapeKey(item.new) : "", message].join("\0");
    let group = groups.get(key);
    if (!group) {
      group = { kind: item.kind, dataPath: item.dataPath, old: item.old, new: item.new, message, versions: new Set(), directions: new Set() };
      groups.set(key, group);
    }
    group.versions.add(item.version);
    group.directions.add(item.direction);
  }
  return [...groups.values()];
}

export function isName(segment: string | undefined): boolean {
  return segment !== undefined && segment !== "[]" && segment !== "{}";
}

/**
 * A removed field and an added one of the same type in the same record read as a rename: one
 * report instead of two. At the top level the pairs come from the `data` entries themselves.
 */
export function mergeRenames(groups: readonly Group[], topLevel: ReadonlyMap<string, FieldModel>): Group[] {
  const parentOf = (group: Group): string => formatDataPath(group.dataPath.slice(0, -1));
  const candidates = (kind: ChangeKind) => groups.filter((g) => g.kind === kind && isName(g.dataPath[g.dataPath.length - 1]) && g.dataPath.length > 0);
  const removed = candidates("removed");
  const added = candidates("added");
  const merged = new Map<Group, Group>();
  const used = new Set<Group>();
  for (const r of removed) {
    const parent = parentOf(r);
    const siblingsRemoved = removed.filter((g) => parentOf(g) === parent);
    const siblingsAdded = added.filter((g) => parentOf(g) === parent && !used.has(g));
    let match: Group | undefined;
    if (r.dataPath.length === 1) {
      const renamed = topLevel.get(r.dataPath[0]!);
      match = siblingsAdded.find((a) => a.dataPath[0] === renamed?.name);
    } else if (siblingsRemoved.length === 1 && siblingsAdded.length === 1 && r.old && siblingsAdded[0]!.new && shapeKey(r.old) === shapeKey(siblingsAdded[0]!.new)) {
      match = siblingsAdded[0];
    }
    if (!match) continue;
    used.add(match);
    const group: Group = {
      kind: "renamed",
      dataPath: match.dataPath,
      from: r.dataPath,
      old: r.old,
      new: match.new,
      message: "",
      versions: new Set([...r.versions, ...match.versions]),
      directions: new Set([...r.directions, ...match.directions]),
    };
    merged.set(r, group);
    merged.set(match, group);
  }
  const out: Group[] = [];
  for (const group of groups) {
    const replacement = merged.get(group);
    if (!replacement) out.push(group);
    else if (!out.includes(replacement)) out.push(replacement);
  }
  return out;
}

/**
 * A data class reached twice under one `data` entry (`enrollment.user`, `enrollment.created_by`)
 * breaks the same way at both paths: one report, naming both.
 */
export function mergeSameField(groups: readonly Group[], signal: SignalDeclaration): Group[] {
  const out: Group[] = [];
  const byField = new Map<string, number>();
  for (const group of groups) {
    const place = group.dataPath.filter(isName).length > 1 ? modelPlace(signal, group.dataPath) : null;
    if (!place?.dataClass) {
      out.push(group);
      continue;
    }
    const field = place.field?.name ?? group.dataPath[group.dataPath.length - 1];
    const key = [
      group.dataPath[0],
      place.dataClass.id,
      field,
      group.kind,
      group.old ? shapeKey(group.old) : "",
      group.new ? shapeKey(group.new) : "",
      group.message,
      [...group.versions].sort().join(","),
      [...group.directions].sort().join(","),
    ].join("\0");
    const index = byField.get(key);
    if (index === undefined) {
      byField.set(key, out.length);
      out.push(group);
    } else {
      const first = out[index]!;
      out[index] = { ...first, also: [...(first.also ?? []), formatDataPath(group.dataPath)] };
    }
  }
  return out;
}

/** The field of the current model at a data path, and the data class holding it. */
export function modelPlace(signal: SignalDeclaration, dataPath: readonly string[]): { dataClass: DataClassModel | null; field: FieldModel | null } {
  const entry = signal.fields.find((field) => field.name === dataPath[0]);
  if (!entry) return { dataClass: null, field: null };
  let type: FieldType = entry.type;
  let place: { dataClass: DataClassModel | null; field: FieldModel | null } = { dataClass: null, field: entry };
  for (const segment of dataPath.slice(1)) {
    while (type.kind === "nullable" || (type.kind === "unsupported" && type.inner)) type = type.kind === "nullable" ? type.inner : type.inner!;
    if (segment === "[]" || segment === "{}") {
      if (segment === "[]" && type.kind === "array") type = type.items;
      else if (segment === "{}" && type.kind === "map") type = type.values;
      else return place;
      continue;
    }
    if (type.kind !== "record") return place;
    const field = type.dataClass.fields.find((f) => f.name === segment);
    if (!field) return { dataClass: type.dataClass, field: null };
    place = { dataClass: type.dataClass, field };
    type = field.type;
  }
  return place;
}
