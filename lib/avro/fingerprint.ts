import type { DataClassModel, FieldType, SignalDeclaration } from "../model/index.js";

/** A number per data-class model: a model is immutable, and a changed class gets a new model. */
const ids = new WeakMap<DataClassModel, number>();
let nextId = 0;

function idOf(dataClass: DataClassModel): number {
  let id = ids.get(dataClass);
  if (id === undefined) {
    id = nextId++;
    ids.set(dataClass, id);
  }
  return id;
}

/**
 * Everything a signal's schema is made from, as a string: its event type, and each field's name
 * and type, with records by the identity of their data-class model. Two signals with the same
 * fingerprint have the same schema under the same settings. Null for a signal whose schema would
 * carry problems (their places are this signal's own).
 */
export function schemaFingerprint(signal: SignalDeclaration): string | null {
  if (signal.eventType === null || signal.problems.length > 0) return null;
  let key = JSON.stringify(signal.eventType);
  for (const field of signal.fields) {
    const type = typeKey(field.type);
    if (type === null) return null;
    key += `,${JSON.stringify(field.name)}:${type}`;
  }
  return key;
}

function typeKey(type: FieldType): string | null {
  switch (type.kind) {
    case "primitive":
    case "custom":
      return type.avro;
    case "array": {
      const items = typeKey(type.items);
      return items === null ? null : `[${items}]`;
    }
    case "map": {
      const values = typeKey(type.values);
      return values === null ? null : `{${values}}`;
    }
    case "nullable": {
      const inner = typeKey(type.inner);
      return inner === null ? null : `?${inner}`;
    }
    case "record":
      return `#${idOf(type.dataClass)}`;
    case "unsupported":
      return null;
  }
}
