/**
 * The words of an incompatible change (schema-snapshot's `incompatible` message): what changed
 * and where, against which versions, why the mode refuses it, and how to fix it.
 */
import type { CompatibilityMode } from "../compat/index.js";
import type { FieldModel, SignalDeclaration } from "../model/index.js";
import { isName, modelPlace, type Group, type Version } from "./changes.js";
import { displayPath } from "../display-path.js";
import { describeShape, formatDataPath } from "./shapes.js";

export function pathText(dataPath: readonly string[]): string {
  return dataPath.length === 0 ? "(the event)" : formatDataPath(dataPath);
}

export function changeText(group: Group, signal: SignalDeclaration, renames: ReadonlyMap<string, FieldModel>, cwd: string): string {
  const path = `\`${pathText(group.dataPath)}\``;
  const old = group.old ? describeShape(group.old) : "";
  const next = group.new ? describeShape(group.new) : "";
  let where = "";
  if (group.dataPath.filter(isName).length > 1) {
    const place = modelPlace(signal, group.dataPath);
    if (place.dataClass) {
      const span = place.field && place.field.declaredIn !== null ? place.field.keySpan : place.dataClass.nameSpan;
      where = ` ${group.kind === "removed" ? "from" : "in"} \`${place.dataClass.name}\` (${displayPath(cwd, span.file, { at: { line: span.loc.start.line } })})`;
    }
  }
  if (group.also && group.also.length > 0) where += `, also at ${group.also.map((p) => `\`${p}\``).join(", ")}`;
  switch (group.kind) {
    case "added": {
      const top = group.dataPath.length === 1 ? group.dataPath[0] : undefined;
      const from = top === undefined ? undefined : [...renames].find(([, field]) => field.name === top)?.[0];
      return `${path} (${next}) was added without a default${from ? ` (renamed from \`${from}\`?)` : ""}${where}`;
    }
    case "removed": {
      const renamed = group.dataPath.length === 1 ? renames.get(group.dataPath[0]!) : undefined;
      return `${path} (${old}) was removed${renamed ? ` (renamed to \`${renamed.name}\`?)` : ""}${where}`;
    }
    case "renamed":
      return `\`${pathText(group.from!)}\` (${old}) was renamed to \`${group.dataPath[group.dataPath.length - 1]}\`${where}`;
    case "retyped":
      return `${path} changed from ${old} to ${next}${where}`;
    case "became-nullable":
      return `${path} became nullable (${old} → ${next})${where}`;
    case "no-longer-nullable":
      return `${path} is no longer nullable (${old} → ${next})${where}`;
    case "other":
      return `${path} changed (${group.message.replace(/\.$/, "")})${where}`;
  }
}

export function againstText(versions: readonly Version[]): string {
  const stored = versions.filter((v) => v.stored).map((v) => `\`${v.file}\``);
  const current = versions.find((v) => !v.stored);
  const parts: string[] = [];
  if (stored.length > 0) parts.push(`the stored version${stored.length > 1 ? "s" : ""} ${stored.join(", ")}`);
  if (current) parts.push(`the snapshot \`${current.file}\``);
  return parts.join(" and ");
}

export function whyText(mode: CompatibilityMode, group: Group): string {
  const path = `\`${pathText(group.dataPath)}\``;
  const old = group.old ? describeShape(group.old) : "";
  const next = group.new ? describeShape(group.new) : "";
  const details: string[] = [];
  if (group.directions.has("forward")) {
    switch (group.kind) {
      case "removed":
      case "renamed":
        details.push(`consumers still on the old schema cannot read events that lack \`${pathText(group.from ?? group.dataPath)}\``);
        break;
      case "became-nullable":
        details.push(`consumers still on the old schema cannot read a null ${path}`);
        break;
      case "retyped":
      case "no-longer-nullable":
        details.push(`consumers still on the old schema expect ${path} as ${old} and cannot read the ${next} written now`);
        break;
      default:
        details.push("consumers still on the old schema cannot read the events written now");
    }
  }
  if (group.directions.has("backward")) {
    switch (group.kind) {
      case "added":
      case "renamed":
        details.push(`consumers on the new schema cannot read events written without ${path}, which has no default`);
        break;
      case "no-longer-nullable":
        details.push(`consumers on the new schema cannot read the null ${path} that the old schema allows`);
        break;
      case "retyped":
      case "became-nullable":
        details.push(`consumers on the new schema expect ${path} as ${next} and cannot read the ${old} written before`);
        break;
      default:
        details.push("consumers on the new schema cannot read the events written before");
    }
  }
  const order = mode.startsWith("FORWARD")
    ? "producers upgrade first"
    : mode.startsWith("BACKWARD")
      ? "consumers upgrade first"
      : "producers and consumers may upgrade in either order";
  return `Under ${mode} ${order}, so ${details.join(", and ")}.`;
}

export function fixText(group: Group): string {
  const path = `\`${pathText(group.dataPath)}\``;
  switch (group.kind) {
    case "removed":
      return `restore ${path} (${describeShape(group.old!)})`;
    case "added":
      return `remove ${path}, or make it nullable so that it has a default`;
    case "renamed":
      return `rename ${path} back to \`${group.from![group.from!.length - 1]}\``;
    case "retyped":
    case "became-nullable":
    case "no-longer-nullable":
      return `restore ${path} as ${describeShape(group.old!)}`;
    case "other":
      return `restore the previous definition of ${path}`;
  }
}
