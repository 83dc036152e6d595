/**
 * supported-field-types: every field reachable from a signal maps to a type the Open edX event
 * bus (Avro) can carry. Reported at the field in the file that declares it, and on the signal's
 * `data` entry when the field is in an imported file (`reportImported`).
 */
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/typescript-estree";
import { problemSpan, type SchemaProblem } from "../avro/index.js";
import { nodePathWithRange } from "../evolution/index.js";
import { jsonStringTypeText, nullableTypeText } from "../fixes/index.js";
import { causeText, type FieldModel, type SignalDeclaration } from "../model/index.js";
import type { SourceSpan } from "../source/index.js";
import { describeEvents, fieldProblemsOfFile, relativeLocation, type FieldProblemReport } from "./field-problems.js";
import { isInTypePosition, mergeEdits, positionAfter, punctuatorAfter } from "./source-text.js";
import { defineCheck, type OptionsOf } from "./define-check.js";
import type { CheckContext, Edit, Finding, FindingSuggestion } from "./types.js";

/** The types the event bus carries, for messages. */
const SUPPORTED = "string, boolean, Int/Long, Float/Double, bigint, Date, a custom type, a data class, T[] or T | null";

export const SUPPORTED_FIELD_TYPES_MESSAGES = {
  dictType:
    "{{event}}, field `{{path}}`{{at}}: `{{type}}` is a dict, and the event bus cannot carry dicts (openedx-events serializes no Avro maps). Declare a data class if the keys are known; otherwise send the dict as a JSON-encoded `string` and parse it on the consumer side (or set `allowMaps: true` in settings[\"openedx-events\"] if your event bus accepts Avro maps).{{listIt}}",
  optionalField:
    "{{event}}, field `{{path}}`{{at}}: `{{type}}` may be missing (`undefined`), but every field of an Avro record is always present, so the event bus cannot carry it. Write a missing value as `null`: declare the field `T | null` (with `= null` on a class field).{{listIt}}",
  unknownClass:
    "{{event}}, field `{{path}}`{{at}}: `{{type}}` cannot be serialized: {{reason}}. A custom type is one with a custom serializer on both sides of the event bus (like `CourseKey`, sent as a string): list it in settings[\"openedx-events\"].customTypes, e.g. `customTypes: { {{name}}: \"string\" }`; otherwise make it a data class whose fields have supported types.{{listIt}}",
  unresolvedType:
    "{{event}}, field `{{path}}`{{at}}: `{{type}}` cannot be resolved ({{reason}}), so its Avro type is unknown. Import it with a relative path from the file that declares it; if it is a custom type, list it in settings[\"openedx-events\"].customTypes.{{listIt}}",
  unsupportedType: "{{event}}, field `{{path}}`{{at}}: `{{type}}` cannot be sent over the event bus: {{reason}}.{{advice}}{{listIt}}",
  unreadableDefinition: "{{event}}{{where}}{{at}}: {{reason}}. Until this is fixed, the event's Avro schema cannot be built or checked.",
  suggestNullable: "Write `{{fixed}}`: a missing value is sent as `null`.",
  suggestJsonString: "Send the dict as a JSON-encoded `string` (parse it on the consumer side).",
} as const;

export type SupportedFieldTypesMessageId = keyof typeof SUPPORTED_FIELD_TYPES_MESSAGES;
type SftFinding = Finding<SupportedFieldTypesMessageId>;
type SftSuggestion = FindingSuggestion<SupportedFieldTypesMessageId>;

/** What to do, for the kinds of type whose cause does not already say it. */
const ADVICE: Partial<Record<SchemaProblem["code"], string>> = {
  any: `Give the field a concrete type: ${SUPPORTED}.`,
  object: "Declare a data class (a class, an interface or an object type alias) with named fields, or send the object as a JSON-encoded `string`.",
  union: "Keep one type (with `| null` if the value may be absent), or use one field per type.",
  function: "Send the data the function would compute instead.",
  "array-without-items": "Write the item type: `T[]`.",
  recursive: "Flatten the data: refer to the nested item by an id (`parent_id: Int`) instead of containing it.",
  other: `Declare the field with a supported type: ${SUPPORTED}.`,
};

const LIST_IT =
  ' If the event is deliberately kept off the event bus, list it in settings["openedx-events"].knownUnserializableSignals instead, and say why in an `@warning` in its JSDoc.';

export const supportedFieldTypes = defineCheck({
  id: "supported-field-types",
  config: "recommended",
  messages: SUPPORTED_FIELD_TYPES_MESSAGES,
  defaultOptions: { checkDataClasses: true, reportImported: true },
  options: {
    checkDataClasses: {
      type: "boolean",
      description:
        "Check data classes declared in the linted file that any signal of the project reaches (found under the `sourceDirs` setting), reporting on the field itself.",
    },
    reportImported: {
      type: "boolean",
      description:
        "Report problems in data classes imported from other files on the signal's `data` entry too (naming the file and line), so that a signal file shows why its event cannot be serialized.",
    },
  },
  run(context, options) {
    const reports = fieldProblemsOfFile(context, {
      checkDataClasses: options.checkDataClasses !== false,
      reportImported: options.reportImported !== false,
    });
    // "List it in knownUnserializableSignals" is said once per signal.
    const advised = new Set<SignalDeclaration>();
    return reports.map((report) => {
      const finding = judge(context, report, (signals) => {
        if (!signals.some((signal) => !advised.has(signal))) return "";
        for (const signal of signals) advised.add(signal);
        return LIST_IT;
      });
      return { ...finding, eventType: report.eventTypes[0] ?? null, events: report.eventTypes };
    });
  },
});

export type SupportedFieldTypesOptions = OptionsOf<typeof supportedFieldTypes.options>;

type Judged = Omit<SftFinding, "eventType" | "events">;

function judge(context: CheckContext, report: FieldProblemReport, listIt: (signals: readonly SignalDeclaration[]) => string): Judged {
  const { problem } = report;
  const event = describeEvents(report.events);
  const at = report.local ? "" : ` (in ${relativeLocation(context.filename, problemSpan(problem))})`;
  const cause = problem.type?.cause;
  // Not a missing import: a file that cannot be parsed, or re-exports in a loop.
  const unreadable = problem.code === "unresolved" && (cause?.id === "unreadable-module" || cause?.id === "export-cycle");
  const isTypeProblem = problem.code !== "model" && problem.code !== "name-clash" && problem.code !== "invalid-avro" && !unreadable;
  const base = { event, path: problem.path, at, type: problem.typeText ?? "", listIt: isTypeProblem ? listIt(report.signals) : "" };
  const reason = withoutFinalPeriod(problem.reason);
  const span = report.span;
  const local = report.local;
  switch (problem.code) {
    case "map":
    case "map-key":
      return { messageId: "dictType", data: base, span, suggestions: local ? jsonStringSuggestion(context, problem) : [] };
    case "optional":
    case "undefined": {
      const suggestion = local ? nullableSuggestion(context, problem) : null;
      return {
        messageId: "optionalField",
        data: base,
        span: problem.code === "optional" && local ? optionalSpan(context, problem) : span,
        suggestions: suggestion ? [suggestion] : [],
      };
    }
    case "unknown-class":
      return {
        messageId: "unknownClass",
        data: { ...base, reason: cause ? causeText(cause) : reason, name: lastIdentifier(problem.typeText ?? "") },
        span,
        suggestions: [],
      };
    case "unresolved":
      if (unreadable) {
        return { messageId: "unreadableDefinition", data: { event, where: `, field \`${problem.path}\``, at, reason }, span, suggestions: [] };
      }
      return { messageId: "unresolvedType", data: { ...base, reason: withoutFinalPeriod(cause?.data?.["why"] ?? reason) }, span, suggestions: [] };
    case "model":
    case "name-clash":
    case "invalid-avro":
      return {
        messageId: "unreadableDefinition",
        data: { event, where: problem.path ? `, field \`${problem.path}\`` : "", at, reason },
        span,
        suggestions: [],
      };
    default: {
      const advice = ADVICE[problem.code];
      return { messageId: "unsupportedType", data: { ...base, reason, advice: advice ? ` ${advice}` : "" }, span, suggestions: [] };
    }
  }
}

function withoutFinalPeriod(text: string): string {
  return text.endsWith(".") ? text.slice(0, -1) : text;
}

/** The name a `customTypes` entry would take: the last identifier of the type as written. */
function lastIdentifier(typeText: string): string {
  const match = /([A-Za-z_$][\w$]*)\s*$/.exec(typeText);
  return match?.[1] ?? "TypeName";
}

/** The `?` of `x?: T` in the checked file, as a range. */
function questionToken(context: CheckContext, field: FieldModel): readonly [number, number] | null {
  return punctuatorAfter(context.text, field.keySpan.range[1], "?", field.typeSpan.range[0]);
}

/** `x?: T`: from the `?` to the end of the type annotation. */
function optionalSpan(context: CheckContext, problem: SchemaProblem): SourceSpan {
  const field = problem.field ?? problem.entry;
  if (!field) return problem.span;
  const question = questionToken(context, field);
  const start = question
    ? positionAfter(context.text, field.keySpan.loc.end, field.keySpan.range[1], question[0])
    : field.keySpan.loc.start;
  return {
    file: field.keySpan.file,
    range: [question ? question[0] : field.keySpan.range[0], field.typeSpan.range[1]],
    loc: { start, end: field.typeSpan.loc.end },
  };
}

function jsonStringSuggestion(context: CheckContext, problem: SchemaProblem): SftSuggestion[] {
  const path = nodePathWithRange(context.program, problem.span.range);
  const node = path?.at(-1);
  if (!path || !node || !isInTypePosition(path)) return [];
  const edit: Edit = { range: node.range, text: jsonStringTypeText(problem.typeText ?? context.text.slice(node.range[0], node.range[1])) };
  return [{ messageId: "suggestJsonString", data: {}, edit }];
}

/**
 * `x?: T` and `x: T | undefined` → `x: T | null`, adding `= null` to a class field that has no
 * initializer (and can have one).
 */
function nullableSuggestion(context: CheckContext, problem: SchemaProblem): SftSuggestion | null {
  const field = problem.field ?? problem.entry;
  if (!field) return null;
  const { text, program } = context;
  const optional = problem.code === "optional";
  const wholeAnnotation = optional || sameRange(problem.span, field.typeSpan);
  const typePath = nodePathWithRange(program, optional ? field.typeSpan.range : problem.span.range);
  const typeNode = typePath?.at(-1) as TSESTree.TypeNode | undefined;
  if (!typePath || !typeNode || !isInTypePosition(typePath)) return null;
  const fixedType = nullableTypeText(text, typeNode);
  const member = wholeAnnotation ? nodePathWithRange(program, field.span.range)?.at(-1) : undefined;
  const edits: Edit[] = [{ range: typeNode.range, text: fixedType }];
  const question = optional ? questionToken(context, field) : null;
  if (question) edits.push({ range: question, text: "" });
  let initializer = "";
  let undefinedValue = false;
  if (member?.type === AST_NODE_TYPES.PropertyDefinition && !member.declare && member.value === null) {
    initializer = " = null";
    // After the whole annotation: a parenthesized type (`?: (T)`) keeps its parentheses.
    const end = member.typeAnnotation?.range[1] ?? typeNode.range[1];
    edits.push({ range: [end, end], text: initializer });
    const definite = member.definite ? punctuatorAfter(text, member.key.range[1], "!") : null;
    if (definite) edits.push({ range: definite, text: "" });
  } else if (member?.type === AST_NODE_TYPES.PropertyDefinition && member.value && isUndefinedValue(member.value)) {
    undefinedValue = true;
    edits.push({ range: member.value.range, text: "null" });
  } else if (member?.type === AST_NODE_TYPES.TSParameterProperty && member.parameter.type === AST_NODE_TYPES.Identifier) {
    initializer = " = null";
    const end = member.parameter.typeAnnotation?.range[1] ?? typeNode.range[1];
    edits.push({ range: [end, end], text: initializer });
  }
  const fixed = wholeAnnotation ? `${field.name}: ${fixedType}${initializer || (undefinedValue ? " = null" : "")}` : fixedType;
  return { messageId: "suggestNullable", data: { fixed }, edit: mergeEdits(text, edits) };
}

/** `undefined` or `void 0` as an initializer. */
function isUndefinedValue(node: TSESTree.Node): boolean {
  return (
    (node.type === AST_NODE_TYPES.Identifier && node.name === "undefined") ||
    (node.type === AST_NODE_TYPES.UnaryExpression && node.operator === "void")
  );
}

function sameRange(a: SourceSpan, b: SourceSpan): boolean {
  return a.file === b.file && a.range[0] === b.range[0] && a.range[1] === b.range[1];
}
