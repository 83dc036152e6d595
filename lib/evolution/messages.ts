/**
 * The messages of the evolution checks, shared by the rules (as `meta.messages`) and by the CLI
 * (`check`), so that a finding reads the same in an editor and in CI. Placeholders are ESLint's
 * `{{name}}`.
 */

export const SCHEMA_SNAPSHOT_MESSAGES = {
  missingSnapshot:
    "Event `{{eventType}}` has no schema snapshot: `{{file}}` does not exist. Write it with `{{command}}` and commit it; from then on every change to this event is checked against it.",
  badSnapshot:
    "The schema snapshot `{{file}}` of event `{{eventType}}` cannot be used: {{problem}} Restore it from version control, or, if this version of the event was never published, rewrite it with `{{command}}`.",
  schemaOverLimit:
    "The schema of event `{{eventType}}` {{problem}}: no snapshot can hold it (`generate` refuses to write such a file, `check` and the rules to read one). {{fix}}.",
  badHistory:
    "The stored version `{{file}}` of event `{{eventType}}` cannot be used for the {{mode}} check: {{problem}} Restore it from version control, or delete it if that version was never published.",
  incompatible:
    "{{change}}: event `{{eventType}}` is no longer {{mode}} compatible with {{against}}. {{why}} Fix: {{fix}}, or publish the change as a new event type `{{nextEventType}}`.",
  renameBack: "Rename `{{key}}` back to `{{oldKey}}`.",
  bumpEventType: "Publish the change as the new event type `{{nextEventType}}` (then generate its snapshot).",
} as const;

export const NO_REMOVED_FIELDS_MESSAGES = {
  removedKey:
    "`{{key}}` ({{old}}) was removed from the data of `{{eventType}}`, but the snapshot `{{file}}` has it. The top-level data of an event may only grow (ADR 6): consumers of this event still read `{{key}}`. Restore `{{key}}`, or publish the change as a new event type `{{nextEventType}}`.",
  renamedKey:
    "`{{key}}` replaces `{{oldKey}}` ({{old}}) in the data of `{{eventType}}`, but the snapshot `{{file}}` has `{{oldKey}}`. Renaming a top-level key removes the old one, and the top-level data of an event may only grow (ADR 6). Rename it back to `{{oldKey}}` (and add `{{key}}` beside it if both are needed), or publish the change as a new event type `{{nextEventType}}`.",
  retypedKey:
    "`{{key}}` of `{{eventType}}` changed from {{old}} to {{new}}, but the snapshot `{{file}}` has {{old}}. A top-level key keeps its type once published (ADR 6): consumers of this event read it as {{old}}. Restore {{old}} and put the new data under a new key, or publish the change as a new event type `{{nextEventType}}`.",
  addedNullable:
    "The new key `{{key}}` of `{{eventType}}` is nullable ({{new}}), but keys added to the data of a published event are required (ADR 6), so that every event carries them. Declare it without `null` (the snapshot is `{{file}}`).",
  renameBack: SCHEMA_SNAPSHOT_MESSAGES.renameBack,
  bumpEventType: SCHEMA_SNAPSHOT_MESSAGES.bumpEventType,
} as const;

const FROZEN_TAIL = "A data class never changes once in use (ADR 6), even where Avro would tolerate it.";

export const FROZEN_DATA_CLASSES_MESSAGES = {
  fieldAdded: `\`{{className}}.{{field}}\` ({{new}}) is new, but \`{{className}}\` is pinned by {{snapshots}}. ${FROZEN_TAIL} Remove it and add the new data as a new top-level key in the \`data\` of {{signals}} instead.`,
  fieldRemoved: `\`{{className}}.{{field}}\` ({{old}}) was removed, but \`{{className}}\` is pinned by {{snapshots}}. ${FROZEN_TAIL} Restore \`{{field}}\`; dropping data takes a new data class in a new event type (\`.v2\`).`,
  fieldRenamed: `\`{{className}}.{{field}}\` replaces \`{{oldField}}\` ({{old}}), but \`{{className}}\` is pinned by {{snapshots}}. ${FROZEN_TAIL} Rename it back to \`{{oldField}}\`.`,
  fieldRetyped: `\`{{className}}.{{field}}\` changed from {{old}} to {{new}}, but \`{{className}}\` is pinned by {{snapshots}}. ${FROZEN_TAIL} Restore {{old}}, and send the new data as a new top-level key in the \`data\` of {{signals}}.`,
  fieldNullability: `\`{{className}}.{{field}}\` {{change}} ({{old}} → {{new}}), but \`{{className}}\` is pinned by {{snapshots}}. ${FROZEN_TAIL} Restore {{old}}.`,
  fieldReordered: `\`{{className}}.{{field}}\` moved from position {{oldPosition}} to {{newPosition}}, but \`{{className}}\` is pinned by {{snapshots}}, with the field order {{order}}. ${FROZEN_TAIL} Restore that order.`,
  renameBack: "Rename `{{field}}` back to `{{oldField}}`.",
} as const;

export type SchemaSnapshotMessageId = keyof typeof SCHEMA_SNAPSHOT_MESSAGES;
export type NoRemovedFieldsMessageId = keyof typeof NO_REMOVED_FIELDS_MESSAGES;
export type FrozenDataClassesMessageId = keyof typeof FROZEN_DATA_CLASSES_MESSAGES;

export { formatMessage, listText } from "../format-message.js";
