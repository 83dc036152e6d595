import type { TSESLint } from "@typescript-eslint/utils";
import frozenDataClasses from "./frozen-data-classes.js";
import knownUnserializableSignals from "./known-unserializable-signals.js";
import noRemovedFields from "./no-removed-fields.js";
import requireSignalJsdoc from "./require-signal-jsdoc.js";
import schemaSnapshot from "./schema-snapshot.js";
import supportedFieldTypes from "./supported-field-types.js";
import validEventType from "./valid-event-type.js";

/**
 * Every rule of the plugin, by id. Each rule lives in `rules/<id>.ts` and documents itself in
 * `docs/rules/<id>.md`; configs are derived from each rule's `meta.docs`.
 */
export const rules: Record<string, TSESLint.RuleModule<string, readonly unknown[]>> = {
  "frozen-data-classes": frozenDataClasses,
  "known-unserializable-signals": knownUnserializableSignals,
  "no-removed-fields": noRemovedFields,
  "require-signal-jsdoc": requireSignalJsdoc,
  "schema-snapshot": schemaSnapshot,
  "supported-field-types": supportedFieldTypes,
  "valid-event-type": validEventType,
};
