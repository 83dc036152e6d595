import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/typescript-estree";
import type { RuleFix, RuleFixer, SourceCode } from "@typescript-eslint/utils/ts-eslint";
import { problemSpan, type SchemaProblem } from "../lib/avro/index.js";
import { jsonStringTypeText, nullableTypeText } from "../lib/fixes/index.js";
import type { FieldModel, SignalDeclaration } from "../lib/model/index.js";
import type { SourceSpan } from "../lib/source/index.js";
import { createRule, SETTINGS_MESSAGES } from "./utils/create-rule.js";
import { getEventContext } from "./utils/event-context.js";
import { describeEvents, fieldProblemsOfFile, relativeLocation } from "./utils/field-problems.js";
import { isInTypePosition, nodeAtRange } from "./utils/source-nodes.js";

export type Options = [
  {
    checkDataClasses?: boolean;
    reportImported?: boolean;
  },
];

export type MessageIds =
  | keyof typeof SETTINGS_MESSAGES
  | "dictType"
  | "optionalField"
  | "unknownClass"
  | "unresolvedType"
  | "unsupportedType"
  | "unreadableDefinition"
  | "suggestNullable"
  | "suggestJsonString";

/** The types the event bus carries, for messages. */
const SUPPORTED = "string, boolean, Int/Long, Float/Double, bigint, Date, a custom type, a data class, T[] or T | null";

/** What to do, for the kinds of type whose model reason does not already say it. */
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

export default createRule<Options, MessageIds>({
  name: "supported-field-types",
  meta: {
    type: "problem",
    docs: {
      description: "Require every field reachable from a signal to map to a type the Open edX event bus (Avro) can carry",
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      ...SETTINGS_MESSAGES,
      dictType:
        "{{event}}, field `{{path}}`{{at}}: `{{type}}` is a dict, and the event bus cannot carry dicts (openedx-events serializes no Avro maps). Declare a data class if the keys are known; otherwise send the dict as a JSON-encoded `string` and parse it on the consumer side (or set `allowMaps: true` in settings[\"openedx-events\"] if your event bus accepts Avro maps).{{listIt}}",
      optionalField:
        "{{event}}, field `{{path}}`{{at}}: `{{type}}` may be missing (`undefined`), but every field of an Avro record is always present, so the event bus cannot carry it. Write a missing value as `null`: declare the field `T | null` (with `= null` on a class field).{{listIt}}",
      unknownClass:
        "{{event}}, field `{{path}}`{{at}}: `{{type}}` cannot be serialized: {{reason}}. A custom type is one with a custom serializer on both sides of the event bus (like `CourseKey`, sent as a string): list it in settings[\"openedx-events\"].customTypes, e.g. `customTypes: { {{name}}: \"string\" }`; otherwise make it a data class whose fields have supported types.{{listIt}}",
      unresolvedType:
        "{{event}}, field `{{path}}`{{at}}: `{{type}}` cannot be resolved ({{reason}}), so its Avro type is unknown. Import it with a relative path from the file that declares it; if it is a custom type, list it in settings[\"openedx-events\"].customTypes.{{listIt}}",
      unsupportedType: "{{event}}, field `{{path}}`{{at}}: `{{type}}` cannot be sent over the event bus: {{reason}}.{{advice}}{{listIt}}",
      unreadableDefinition:
        "{{event}}{{where}}{{at}}: {{reason}}. Until this is fixed, the event's Avro schema cannot be built or checked.",
      suggestNullable: "Write `{{fixed}}`: a missing value is sent as `null`.",
      suggestJsonString: "Send the dict as a JSON-encoded `string` (parse it on the consumer side).",
    },
    schema: [
      {
        type: "object",
        properties: {
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
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkDataClasses: true, reportImported: true }],
  },
  defaultOptions: [{ checkDataClasses: true, reportImported: true }],
  create(context, [options]) {
    const eventContext = getEventContext(context);
    if (!eventContext) return {};
    const sourceCode = context.sourceCode;
    return {
      "Program:exit"() {
        const reports = fieldProblemsOfFile(eventContext, {
          checkDataClasses: options.checkDataClasses !== false,
          reportImported: options.reportImported !== false,
        });
        const advised = new Set<SignalDeclaration>();
        for (const report of reports) {
          const { problem } = report;
          const event = describeEvents(report.events);
          const at = report.local ? "" : ` (in ${relativeLocation(eventContext.filename, problemSpan(problem))})`;
          const isTypeProblem =
            problem.code !== "model" &&
            problem.code !== "name-clash" &&
            problem.code !== "invalid-avro" &&
            !(problem.code === "unresolved" && /cannot be (read|parsed)|import cycle/.test(problem.reason));
          let listIt = "";
          if (isTypeProblem && report.signals.some((signal) => !advised.has(signal))) {
            listIt = LIST_IT;
            for (const signal of report.signals) advised.add(signal);
          }
          const base = { event, path: problem.path, at, type: problem.typeText ?? "", listIt };
          const reason = problem.reason.replace(/\.$/, "");
          const local = report.local ? { sourceCode, problem } : null;
          switch (problem.code) {
            case "map":
            case "map-key":
              context.report({
                loc: report.span.loc,
                messageId: "dictType",
                data: base,
                suggest: local ? jsonStringSuggestion(local.sourceCode, problem) : [],
              });
              break;
            case "optional":
            case "undefined": {
              const suggestion = local ? nullableSuggestion(local.sourceCode, problem) : null;
              context.report({
                loc: problem.code === "optional" && report.local ? optionalLoc(sourceCode, problem) : report.span.loc,
                messageId: "optionalField",
                data: base,
                suggest: suggestion ? [suggestion] : [],
              });
              break;
            }
            case "unknown-class":
              context.report({
                loc: report.span.loc,
                messageId: "unknownClass",
                data: {
                  ...base,
                  reason: reason.replace(/; if it has a custom serializer, add it to the `customTypes` setting$/, ""),
                  name: lastIdentifier(problem.typeText ?? ""),
                },
              });
              break;
            case "unresolved":
              if (/cannot be (read|parsed)|import cycle/.test(reason)) {
                // Not a missing import: a file that cannot be parsed, or re-exports in a loop.
                context.report({
                  loc: report.span.loc,
                  messageId: "unreadableDefinition",
                  data: { event, where: `, field \`${problem.path}\``, at, reason },
                });
                break;
              }
              context.report({
                loc: report.span.loc,
                messageId: "unresolvedType",
                data: { ...base, reason: reason.replace(/^`[^`]*` cannot be resolved: /, "") },
              });
              break;
            case "model":
            case "name-clash":
            case "invalid-avro":
              context.report({
                loc: report.span.loc,
                messageId: "unreadableDefinition",
                data: { event, where: problem.path ? `, field \`${problem.path}\`` : "", at, reason },
              });
              break;
            default: {
              const advice = ADVICE[problem.code];
              context.report({
                loc: report.span.loc,
                messageId: "unsupportedType",
                data: { ...base, reason, advice: advice ? ` ${advice}` : "" },
              });
              break;
            }
          }
        }
      },
    };
  },
});

function lastIdentifier(typeText: string): string {
  const match = /([A-Za-z_$][\w$]*)\s*$/.exec(typeText);
  return match?.[1] ?? "TypeName";
}

/** `x?: T`: from the `?` to the end of the type annotation. */
function optionalLoc(sourceCode: Readonly<SourceCode>, problem: SchemaProblem): TSESTree.SourceLocation {
  const field = problem.field ?? problem.entry;
  if (!field) return problem.span.loc;
  const question = questionToken(sourceCode, field);
  return { start: question ? question.loc.start : field.keySpan.loc.start, end: field.typeSpan.loc.end };
}

function questionToken(sourceCode: Readonly<SourceCode>, field: FieldModel): TSESTree.Token | null {
  const after = sourceCode.getTokenAfter({ range: field.keySpan.range } as TSESTree.Token);
  return after?.value === "?" && after.range[1] <= field.typeSpan.range[0] ? after : null;
}

type Suggestion = {
  messageId: MessageIds;
  data: Record<string, string>;
  fix: (fixer: RuleFixer) => RuleFix[];
};

function jsonStringSuggestion(sourceCode: Readonly<SourceCode>, problem: SchemaProblem): Suggestion[] {
  const node = nodeAtRange(sourceCode, problem.span.range);
  if (!node || !isInTypePosition(node)) return [];
  return [
    {
      messageId: "suggestJsonString",
      data: {},
      fix: (fixer) => [fixer.replaceTextRange([node.range[0], node.range[1]], jsonStringTypeText(problem.typeText ?? sourceCode.getText(node)))],
    },
  ];
}

/**
 * `x?: T` and `x: T | undefined` → `x: T | null`, adding `= null` to a class field that has no
 * initializer (and can have one).
 */
function nullableSuggestion(sourceCode: Readonly<SourceCode>, problem: SchemaProblem): Suggestion | null {
  const field = problem.field ?? problem.entry;
  if (!field) return null;
  const text = sourceCode.text;
  const wholeAnnotation = problem.code === "optional" || sameRange(problem.span, field.typeSpan);
  const typeRange = problem.code === "optional" ? field.typeSpan.range : problem.span.range;
  const typeNode = nodeAtRange(sourceCode, typeRange);
  if (!typeNode || !isInTypePosition(typeNode)) return null;
  const fixedType = nullableTypeText(text, typeNode as TSESTree.TypeNode);
  const member = wholeAnnotation ? nodeAtRange(sourceCode, field.span.range) : null;
  const question = problem.code === "optional" ? questionToken(sourceCode, field) : null;
  let initializer = "";
  // After the whole annotation: a parenthesized type (`?: (T)`) keeps its parentheses.
  let annotationEnd = typeNode.range[1];
  let definite: TSESTree.Token | null = null;
  let undefinedValue: TSESTree.Node | null = null;
  if (member && wholeAnnotation) {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.declare && member.value === null) {
      initializer = " = null";
      annotationEnd = member.typeAnnotation?.range[1] ?? annotationEnd;
      if (member.definite) definite = sourceCode.getTokenAfter(member.key, { filter: (token) => token.value === "!" }) ?? null;
    } else if (member.type === AST_NODE_TYPES.PropertyDefinition && member.value && isUndefinedValue(member.value)) {
      undefinedValue = member.value;
    } else if (member.type === AST_NODE_TYPES.TSParameterProperty && member.parameter.type === AST_NODE_TYPES.Identifier) {
      initializer = " = null";
      annotationEnd = member.parameter.typeAnnotation?.range[1] ?? annotationEnd;
    }
  }
  const fixedField = wholeAnnotation ? `${field.name}: ${fixedType}${initializer || (undefinedValue ? " = null" : "")}` : fixedType;
  return {
    messageId: "suggestNullable",
    data: { fixed: fixedField },
    fix: (fixer) => {
      const fixes = [fixer.replaceTextRange([typeNode.range[0], typeNode.range[1]], fixedType)];
      if (initializer) fixes.push(fixer.insertTextAfterRange([annotationEnd, annotationEnd], initializer));
      if (question) fixes.push(fixer.remove(question));
      if (definite) fixes.push(fixer.remove(definite));
      if (undefinedValue) fixes.push(fixer.replaceText(undefinedValue, "null"));
      return fixes;
    },
  };
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
