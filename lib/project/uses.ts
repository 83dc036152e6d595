import type { DataClassModel, FieldType, SignalDeclaration } from "../model/index.js";

/** One place where a signal reaches a data class. */
export interface DataClassUse {
  readonly signal: SignalDeclaration;
  readonly dataClass: DataClassModel;
  /** Field path from the signal to the field holding the record: `enrollment.user`. */
  readonly path: string;
  /** True at the first use in the signal's schema, where the record is defined inline. */
  readonly inline: boolean;
}

/** Every data class a signal reaches, in schema order (first use first). */
export function dataClassUses(signal: SignalDeclaration): DataClassUse[] {
  const uses: DataClassUse[] = [];
  const seen = new Set<string>();
  const visit = (type: FieldType, path: string): void => {
    switch (type.kind) {
      case "array":
        visit(type.items, `${path}[]`);
        break;
      case "map":
        visit(type.values, `${path}{}`);
        break;
      case "nullable":
        visit(type.inner, path);
        break;
      case "unsupported":
        if (type.inner) visit(type.inner, path);
        break;
      case "record": {
        const inline = !seen.has(type.dataClass.name);
        uses.push({ signal, dataClass: type.dataClass, path, inline });
        if (!inline) break;
        seen.add(type.dataClass.name);
        for (const field of type.dataClass.fields) visit(field.type, `${path}.${field.name}`);
        break;
      }
      default:
        break;
    }
  };
  for (const field of signal.fields) visit(field.type, field.name);
  return uses;
}
