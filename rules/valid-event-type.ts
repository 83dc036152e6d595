import { replaceStringLiteral } from "../lib/evolution/index.js";
import type { SignalDeclaration } from "../lib/model/index.js";
import { analyzeEventType, isConstantCase, toConstantCase, type EventTypeIssue } from "../lib/naming/index.js";
import { createRule, SETTINGS_MESSAGES } from "./utils/create-rule.js";
import { getEventContext } from "./utils/event-context.js";
import { relativeLocation } from "./utils/field-problems.js";

export type Options = [
  {
    prefix?: string;
    subdomains?: string[];
    requireConstantCase?: boolean;
    strictAvroNamespace?: boolean;
  },
];

export type MessageIds =
  | keyof typeof SETTINGS_MESSAGES
  | "missingEventType"
  | "notLiteral"
  | "emptySegment"
  | "invalidCharacter"
  | "notAvroNamespace"
  | "notLowerCase"
  | "wrongPrefix"
  | "unknownSubdomain"
  | "missingVersion"
  | "tooFewSegments"
  | "duplicate"
  | "constantCase"
  | "suggestEventType";

const DEFAULTS = { prefix: "org.openedx", subdomains: [] as string[], requireConstantCase: true, strictAvroNamespace: false };

const MESSAGE_OF: Record<EventTypeIssue["code"], MessageIds> = {
  "empty-segment": "emptySegment",
  "invalid-character": "invalidCharacter",
  "not-avro-namespace": "notAvroNamespace",
  "not-lower-case": "notLowerCase",
  "wrong-prefix": "wrongPrefix",
  "unknown-subdomain": "unknownSubdomain",
  "missing-version": "missingVersion",
  "too-few-segments": "tooFewSegments",
};

const FORM = "`<prefix>.<subdomain>.<subject>.<action>.v<N>`";

/** Why an event-type segment is not an Avro name: `-`, a leading digit, or both. */
function notAvroNameBecause(segment: string): string {
  const reasons = [/^[0-9]/.test(segment) ? "it starts with a digit" : null, segment.includes("-") ? "it holds `-`" : null];
  return reasons.filter((reason) => reason !== null).join(" and ");
}

export default createRule<Options, MessageIds>({
  name: "valid-event-type",
  meta: {
    type: "problem",
    docs: {
      description:
        "Require `event_type` to be a string literal named `org.openedx.<subdomain>.<subject>.<action>.v<N>`, unique in the project, on an UPPER_SNAKE_CASE constant",
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      ...SETTINGS_MESSAGES,
      missingEventType:
        "{{signal}} has no `event_type`. Every event needs one, named {{form}}: it names the event on the bus, its Avro namespace and its schema snapshot file.",
      notLiteral:
        "{{signal}}: `event_type` must be a string literal, so that the event type can be read without running the code (it names the event on the bus, its Avro namespace and its snapshot file). Write it out, e.g. \"org.openedx.learning.course.enrollment.created.v1\".",
      emptySegment: "Event type `{{eventType}}` has an empty segment (a leading, trailing or doubled dot). Write it as {{form}} (openedx-events ADR 2).",
      invalidCharacter:
        "Event type `{{eventType}}`: the segment `{{segment}}` holds characters other than letters, digits, `_` and `-`. The event type names the event's snapshot file and is the `namespace` of its Avro schema, so no snapshot can be written and the event bus cannot carry the event. Use lower-case words joined by `_`, as in {{form}}.",
      notAvroNamespace:
        "Event type `{{eventType}}`: the segment `{{segment}}` is not an Avro name ({{why}}). The event type is the `namespace` of the event's Avro schema: openedx-events writes and reads it, but strict Avro parsers (avsc, the Java library, Confluent's Schema Registry) reject such a namespace, so a consumer that uses one cannot read the event. {{advice}}",
      notLowerCase:
        "Event type `{{eventType}}`: the segment `{{segment}}` is not lower case. Event types are lower-case words joined by `_`, as in {{form}} (openedx-events ADR 2); write `{{fixed}}`.",
      wrongPrefix:
        "Event type `{{eventType}}` does not start with `{{prefix}}.`. Event types are named {{form}} (openedx-events ADR 2); the prefix is this rule's `prefix` option.",
      unknownSubdomain:
        "Event type `{{eventType}}`: `{{segment}}` is not one of the subdomains allowed by this rule's `subdomains` option ({{subdomains}}).",
      missingVersion:
        "Event type `{{eventType}}` does not end with a version like `.v1`. The version is how an event evolves: a change its consumers cannot read needs a new event type with the next version (openedx-events ADR 2). Name it {{form}}; the suggestion appends `.v1`.",
      tooFewSegments:
        "Event type `{{eventType}}` is too short: after `{{prefix}}` it needs a subdomain, a subject and an action before the version, as in {{form}}, e.g. `org.openedx.learning.course.enrollment.created.v1`.",
      duplicate:
        "Event type `{{eventType}}` is also declared at {{other}}. Each event type names exactly one event (its schema and its snapshot file), so give one of them another name or reuse the existing signal.",
      constantCase:
        "The signal `{{name}}` ({{eventType}}) should be held by an UPPER_SNAKE_CASE constant, as openedx-events names its signals: `{{fixed}}`.",
      suggestEventType: "Rename the event type to `{{fixed}}`.",
    },
    schema: [
      {
        type: "object",
        properties: {
          prefix: {
            type: "string",
            pattern: "^([a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*)?$",
            description: "The dot-separated prefix every event type starts with (empty: none).",
          },
          subdomains: {
            type: "array",
            items: { type: "string" },
            uniqueItems: true,
            description: "The subdomains allowed right after the prefix (e.g. `learning`, `content_authoring`); empty allows any.",
          },
          requireConstantCase: {
            type: "boolean",
            description: "Require the constant that holds a signal to be UPPER_SNAKE_CASE (`COURSE_ENROLLMENT_CREATED`).",
          },
          strictAvroNamespace: {
            type: "boolean",
            description:
              "Also require every segment to be an Avro name (no `-`, no leading digit), for consumers whose Avro parser is strict (avsc, Java, Confluent's Schema Registry). openedx-events accepts such event types, so this is off by default.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [DEFAULTS],
  },
  defaultOptions: [DEFAULTS],
  create(context, [options]) {
    const eventContext = getEventContext(context);
    if (!eventContext) return {};
    const signals = eventContext.model.signals;
    if (signals.length === 0) return {};
    const prefix = options.prefix ?? DEFAULTS.prefix;
    const subdomains = options.subdomains ?? [];
    const sourceCode = context.sourceCode;

    const label = (signal: SignalDeclaration): string =>
      signal.constant !== null ? `The signal \`${signal.constant}\`` : `The signal at line ${signal.span.loc.start.line}`;

    return {
      Program() {
        for (const signal of signals) {
          if (signal.eventTypeSpan === null) {
            context.report({
              loc: signal.span.loc,
              messageId: "missingEventType",
              data: { signal: label(signal), form: FORM.replace("<prefix>", prefix || "org.openedx") },
            });
          } else if (signal.eventType === null) {
            context.report({ loc: signal.eventTypeSpan.loc, messageId: "notLiteral", data: { signal: label(signal) } });
          } else {
            const eventType = signal.eventType;
            const issues = analyzeEventType(eventType, { prefix, subdomains, strictAvroNamespace: options.strictAvroNamespace === true });
            for (const issue of issues) {
              const suggestion = issue.suggestion;
              const edit = suggestion === null ? null : replaceStringLiteral(sourceCode.text, signal.eventTypeSpan, suggestion);
              context.report({
                loc: signal.eventTypeSpan.loc,
                messageId: MESSAGE_OF[issue.code],
                data: {
                  eventType,
                  segment: issue.segment ?? "",
                  fixed: suggestion ?? "",
                  prefix,
                  subdomains: subdomains.map((s) => `\`${s}\``).join(", "),
                  form: FORM.replace("<prefix>", prefix || "org.openedx"),
                  why: notAvroNameBecause(issue.segment ?? ""),
                  advice: suggestion === null ? "Start each segment with a letter, and use only letters, digits and `_`." : `Use \`${suggestion}\`.`,
                },
                suggest: edit
                  ? [{ messageId: "suggestEventType", data: { fixed: suggestion }, fix: (fixer) => fixer.replaceTextRange(edit.range, edit.text) }]
                  : [],
              });
            }
          }
          if (options.requireConstantCase !== false && signal.constant !== null && signal.constantSpan && !isConstantCase(signal.constant)) {
            context.report({
              loc: signal.constantSpan.loc,
              messageId: "constantCase",
              data: { name: signal.constant, eventType: signal.eventType ?? "no event type", fixed: toConstantCase(signal.constant) },
            });
          }
        }
        reportDuplicates();
      },
    };

    function reportDuplicates(): void {
      const withType = signals.filter((signal) => signal.eventType !== null);
      if (withType.length === 0) return;
      const inFile = new Map<string, SignalDeclaration[]>();
      for (const signal of withType) inFile.set(signal.eventType!, [...(inFile.get(signal.eventType!) ?? []), signal]);
      for (const signal of withType) {
        const eventType = signal.eventType!;
        // This file's signals come from the buffer; other files' from the project index.
        const others = [
          ...(inFile.get(eventType) ?? []).filter((other) => other !== signal),
          ...eventContext!.signalsElsewhere(eventType),
        ];
        if (others.length === 0) continue;
        const where = others.map((other) =>
          other.file === eventContext!.filename ? `line ${other.span.loc.start.line}` : relativeLocation(eventContext!.filename, other.eventTypeSpan ?? other.span),
        );
        context.report({
          loc: signal.eventTypeSpan!.loc,
          messageId: "duplicate",
          data: { eventType, other: where.join(", ") },
        });
      }
    }
  },
});
