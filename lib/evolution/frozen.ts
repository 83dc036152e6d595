/**
 * Frozen data classes (ADR 6): a data class whose record is in a snapshot keeps exactly the
 * snapshot's fields — names, order, types, nullability — even where Avro would tolerate a change.
 *
 * The record is found by walking the snapshot of each signal that reaches the class along the
 * path it reaches it by, so a snapshot pins the class its own signal reaches, never a namesake
 * in another module.
 */
import { toAvroSchema } from "../avro/index.js";
import type { DataClassModel, FieldModel } from "../model/index.js";
import type { DataClassUse } from "../project/index.js";
import { schemaDirectory } from "../settings.js";
import { knownSchema, readSnapshot } from "../snapshots/index.js";
import type { SourceSpan } from "../source/index.js";
import { displayPath } from "../display-path.js";
import { listText, type FrozenDataClassesMessageId } from "./messages.js";
import {
  namesOf,
  pairRenames,
  type SchemaNames,
  describeShape,
  parseDataPath,
  recordAtPath,
  recordFields,
  shapeChange,
  shapeKey,
  shapeOfField,
  shapeOfJson,
  shortName,
  type Shape,
} from "./shapes.js";
import { replaceKey } from "./source-edits.js";
import type { EvolutionOptions, EvolutionReport } from "./types.js";

/** How many snapshots or signals a message names before "and N more". */
const LISTED = 3;

interface Diff {
  readonly messageId: Exclude<FrozenDataClassesMessageId, "renameBack">;
  readonly data: Record<string, string>;
  readonly span: SourceSpan;
  readonly rename?: { readonly field: FieldModel; readonly oldField: string };
}

interface Pinned {
  readonly diff: Diff;
  /** Snapshot file (as shown) → its event type. */
  readonly snapshots: Map<string, string>;
  readonly signals: Set<string>;
}

/**
 * The frozen-class findings of `model` (a data class as currently written) against the
 * snapshots of the signals in `uses`. `text` is the source of `model.file`, for the rename
 * suggestion. Reports are placed in `model.file`: a field inherited from another file is
 * reported on the class name.
 */
export function checkFrozenDataClass(
  model: DataClassModel,
  uses: readonly DataClassUse[],
  text: string,
  options: EvolutionOptions,
): EvolutionReport<FrozenDataClassesMessageId>[] {
  const { settings, cwd } = options;
  const schemaDir = schemaDirectory(settings, cwd);
  const pinned = new Map<string, Pinned>();
  const order: string[] = [];
  for (const use of uses) {
    const eventType = use.signal.eventType;
    if (eventType === null || settings.knownUnserializableSignals.includes(eventType)) continue;
    const generated = toAvroSchema(use.signal, settings);
    const read = readSnapshot(schemaDir, eventType, { known: knownSchema(generated) });
    if (read.status !== "ok") continue;
    // The usual case, without walking the snapshot: it is the schema generated from the project
    // as it is, so it pins the class exactly as the project's signals see it, and `model` (the
    // editor's buffer) has the same fields.
    if (read.json === generated.json && fieldsKey(model) === fieldsKey(use.dataClass)) continue;
    const names = namesOf(read.schema);
    const record = recordAtPath(read.schema, parseDataPath(use.path), names);
    if (!record || typeof record["name"] !== "string" || shortName(record["name"]) !== model.name) continue;
    const snapshot = displayPath(cwd, read.file);
    const signal = use.signal.constant ?? eventType;
    for (const diff of compareFields(model, recordFields(record), names)) {
      const key = `${diff.messageId}\0${JSON.stringify(diff.data)}`;
      let entry = pinned.get(key);
      if (!entry) {
        entry = { diff, snapshots: new Map(), signals: new Set() };
        pinned.set(key, entry);
        order.push(key);
      }
      entry.snapshots.set(snapshot, eventType);
      entry.signals.add(signal);
    }
  }
  return order.map((key) => {
    const { diff, snapshots, signals } = pinned.get(key)!;
    const data = { ...diff.data, snapshots: pinnedBy(snapshots), signals: listText([...signals].map((signal) => `\`${signal}\``), LISTED) };
    const suggestions =
      // The field's own key must be in this file (an inherited one is declared elsewhere).
      diff.rename && diff.rename.field.keySpan.file === model.file
        ? [
            {
              messageId: "renameBack" as const,
              data: { field: diff.rename.field.name, oldField: diff.rename.oldField },
              edit: replaceKey(text, diff.rename.field.keySpan, diff.rename.oldField),
            },
          ]
        : [];
    return { messageId: diff.messageId, data, span: diff.span, suggestions };
  });
}

const fieldsKeys = new WeakMap<DataClassModel, string>();

/** The fields of a class as the frozen check compares them: names, order and shapes. */
function fieldsKey(model: DataClassModel): string {
  let key = fieldsKeys.get(model);
  if (key === undefined) {
    key = model.fields
      .map((field) => {
        const shape = shapeOfField(field.type);
        return `${field.name}:${shape ? shapeKey(shape) : "?"}`;
      })
      .join(",");
    fieldsKeys.set(model, key);
  }
  return key;
}

/** "the snapshot `f` of `event`", or "the snapshots of `a` (`f`) and `b` (`g`)". */
function pinnedBy(snapshots: ReadonlyMap<string, string>): string {
  const entries = [...snapshots];
  if (entries.length === 1) return `the snapshot \`${entries[0]![0]}\` of \`${entries[0]![1]}\``;
  return `the snapshots of ${listText(entries.map(([file, eventType]) => `\`${eventType}\` (\`${file}\`)`), LISTED)}`;
}

/** Indices (into `sequence`) of a longest increasing subsequence: the fields that did not move. */
function longestIncreasing(sequence: readonly number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array<number>(sequence.length).fill(-1);
  for (let i = 0; i < sequence.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sequence[tails[mid]!]! < sequence[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const kept = new Set<number>();
  for (let i = tails[tails.length - 1] ?? -1; i !== -1; i = previous[i]!) kept.add(i);
  return kept;
}

function compareFields(model: DataClassModel, before: readonly { name: string; type: unknown }[], names: SchemaNames): Diff[] {
  const className = model.name;
  const now = model.fields;
  const onClass = (span: SourceSpan): SourceSpan => (span.file === model.file ? span : model.nameSpan);
  const beforeNames = new Set(before.map((f) => f.name));
  const nowNames = new Set(now.map((f) => f.name));
  const shapes = new Map<string, Shape>(before.map((f) => [f.name, shapeOfJson(f.type, names)] as const));
  const removed = before.filter((field) => !nowNames.has(field.name));
  const added = now.filter((field) => !beforeNames.has(field.name));
  const renames = pairRenames(before, now, names);
  const renamedTo = new Set(renames.values());

  const diffs: Diff[] = [];
  for (const field of removed) {
    const old = describeShape(shapes.get(field.name)!);
    const renamed = renames.get(field.name);
    if (renamed) {
      diffs.push({
        messageId: "fieldRenamed",
        data: { className, field: renamed.name, oldField: field.name, old },
        span: onClass(renamed.keySpan),
        rename: { field: renamed, oldField: field.name },
      });
    } else {
      diffs.push({ messageId: "fieldRemoved", data: { className, field: field.name, old }, span: model.nameSpan });
    }
  }
  for (const field of added) {
    if (renamedTo.has(field)) continue;
    const shape = shapeOfField(field.type);
    diffs.push({
      messageId: "fieldAdded",
      data: { className, field: field.name, new: shape ? describeShape(shape) : `\`${typeText(field)}\`` },
      span: onClass(field.keySpan),
    });
  }
  for (const field of now) {
    const old = shapes.get(field.name);
    const shape = shapeOfField(field.type);
    if (!old || !shape) continue;
    const change = shapeChange(old, shape);
    if (change === "same") continue;
    if (change === "retyped") {
      diffs.push({
        messageId: "fieldRetyped",
        data: { className, field: field.name, old: describeShape(old), new: describeShape(shape) },
        span: onClass(field.typeSpan),
      });
    } else {
      diffs.push({
        messageId: "fieldNullability",
        data: {
          className,
          field: field.name,
          change: change === "became-nullable" ? "became nullable" : "is no longer nullable",
          old: describeShape(old),
          new: describeShape(shape),
        },
        span: onClass(field.typeSpan),
      });
    }
  }

  // Order: among the fields kept under their name, the ones outside a longest run in snapshot order moved.
  const kept = now.filter((field) => beforeNames.has(field.name));
  const positions = kept.map((field) => before.findIndex((f) => f.name === field.name));
  const still = longestIncreasing(positions);
  const order = before.map((f) => `\`${f.name}\``).join(", ");
  kept.forEach((field, i) => {
    if (still.has(i)) return;
    diffs.push({
      messageId: "fieldReordered",
      data: {
        className,
        field: field.name,
        oldPosition: String(positions[i]! + 1),
        newPosition: String(now.indexOf(field) + 1),
        order,
      },
      span: onClass(field.keySpan),
    });
  });
  return diffs;
}

function typeText(field: FieldModel): string {
  return field.type.kind === "unsupported" ? field.type.text : field.name;
}
