/**
 * valid-event-type: `event_type` is a string literal named
 * `<prefix>.<subdomain>.<subject>.<action>.v<N>` (openedx-events ADR 2), unique in the project,
 * on an UPPER_SNAKE_CASE constant.
 */
import { replaceStringLiteral } from "../evolution/index.js";
import type { SignalDeclaration } from "../model/index.js";
import { analyzeEventType, isConstantCase, toConstantCase, type EventTypeIssue } from "../naming/index.js";
import { relativeLocation } from "./field-problems.js";
import { defineCheck, type OptionsOf } from "./define-check.js";
import type { CheckContext, Finding } from "./types.js";

const FORM = "`<prefix>.<subdomain>.<subject>.<action>.v<N>`";

export const VALID_EVENT_TYPE_MESSAGES = {
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
} as const;

export type ValidEventTypeMessageId = keyof typeof VALID_EVENT_TYPE_MESSAGES;

const MESSAGE_OF: Record<EventTypeIssue["code"], ValidEventTypeMessageId> = {
  "empty-segment": "emptySegment",
  "invalid-character": "invalidCharacter",
  "not-avro-namespace": "notAvroNamespace",
  "not-lower-case": "notLowerCase",
  "wrong-prefix": "wrongPrefix",
  "unknown-subdomain": "unknownSubdomain",
  "missing-version": "missingVersion",
  "too-few-segments": "tooFewSegments",
};

/** Why an event-type segment is not an Avro name: `-`, a leading digit, or both. */
function notAvroNameBecause(segment: string): string {
  const reasons = [/^[0-9]/.test(segment) ? "it starts with a digit" : null, segment.includes("-") ? "it holds `-`" : null];
  return reasons.filter((reason) => reason !== null).join(" and ");
}

function label(signal: SignalDeclaration): string {
  return signal.constant !== null ? `The signal \`${signal.constant}\`` : `The signal at line ${signal.span.loc.start.line}`;
}

type VetFinding = Finding<ValidEventTypeMessageId>;

export const validEventType = defineCheck({
  id: "valid-event-type",
  config: "recommended",
  messages: VALID_EVENT_TYPE_MESSAGES,
  defaultOptions: { prefix: "org.openedx", subdomains: [], requireConstantCase: true, strictAvroNamespace: false },
  options: {
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
  run(context, options) {
    const signals = context.model.signals;
    if (signals.length === 0) return [];
    const prefix = options.prefix ?? "org.openedx";
    const subdomains = options.subdomains ?? [];
    const form = FORM.replace("<prefix>", prefix || "org.openedx");
    const findings: VetFinding[] = [];
    const found = (signal: SignalDeclaration, finding: Omit<VetFinding, "eventType" | "events" | "suggestions"> & Partial<VetFinding>): void => {
      findings.push({ suggestions: [], eventType: signal.eventType, events: signal.eventType === null ? [] : [signal.eventType], ...finding });
    };
    for (const signal of signals) {
      if (signal.eventTypeSpan === null) {
        found(signal, { messageId: "missingEventType", data: { signal: label(signal), form }, span: signal.span });
      } else if (signal.eventType === null) {
        found(signal, { messageId: "notLiteral", data: { signal: label(signal) }, span: signal.eventTypeSpan });
      } else {
        const eventType = signal.eventType;
        for (const issue of analyzeEventType(eventType, { prefix, subdomains, strictAvroNamespace: options.strictAvroNamespace === true })) {
          const suggestion = issue.suggestion;
          const edit = suggestion === null ? null : replaceStringLiteral(context.text, signal.eventTypeSpan, suggestion);
          found(signal, {
            messageId: MESSAGE_OF[issue.code],
            data: {
              eventType,
              segment: issue.segment ?? "",
              fixed: suggestion ?? "",
              prefix,
              subdomains: subdomains.map((s) => `\`${s}\``).join(", "),
              form,
              why: notAvroNameBecause(issue.segment ?? ""),
              advice: suggestion === null ? "Start each segment with a letter, and use only letters, digits and `_`." : `Use \`${suggestion}\`.`,
            },
            span: signal.eventTypeSpan,
            suggestions: edit ? [{ messageId: "suggestEventType", data: { fixed: suggestion! }, edit }] : [],
          });
        }
      }
      if (options.requireConstantCase !== false && signal.constant !== null && signal.constantSpan && !isConstantCase(signal.constant)) {
        found(signal, {
          messageId: "constantCase",
          data: { name: signal.constant, eventType: signal.eventType ?? "no event type", fixed: toConstantCase(signal.constant) },
          span: signal.constantSpan,
        });
      }
    }
    for (const { signal, others } of duplicates(context)) {
      const where = others.map((other) =>
        other.file === context.filename ? `line ${other.span.loc.start.line}` : relativeLocation(context.filename, other.eventTypeSpan ?? other.span),
      );
      found(signal, { messageId: "duplicate", data: { eventType: signal.eventType!, other: where.join(", ") }, span: signal.eventTypeSpan! });
    }
    return findings;
  },
});

export type ValidEventTypeOptions = OptionsOf<typeof validEventType.options>;

/** Each signal of the file whose event type another signal declares too: in this file (from the checked text) or elsewhere in the project. */
function duplicates(context: CheckContext): { signal: SignalDeclaration; others: SignalDeclaration[] }[] {
  const withType = context.model.signals.filter((signal) => signal.eventType !== null);
  const inFile = new Map<string, SignalDeclaration[]>();
  for (const signal of withType) inFile.set(signal.eventType!, [...(inFile.get(signal.eventType!) ?? []), signal]);
  const out: { signal: SignalDeclaration; others: SignalDeclaration[] }[] = [];
  for (const signal of withType) {
    const eventType = signal.eventType!;
    const others = [...(inFile.get(eventType) ?? []).filter((other) => other !== signal), ...context.signalsElsewhere(eventType)];
    if (others.length > 0) out.push({ signal, others });
  }
  return out;
}
