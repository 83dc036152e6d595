import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/typescript-estree";
import { visitorKeys } from "@typescript-eslint/visitor-keys";
import { detached, spanOf, type SourceFile } from "../source/index.js";
import { jsDocBefore } from "./jsdoc.js";
import { checkFieldName, duplicateField, problemAt } from "./problems.js";
import type { TypeMapper } from "./type-mapper.js";
import { qualifiedParts } from "./qualified-name.js";
import type { FieldModel, ModelProblem, SignalDeclaration } from "./types.js";

type SignalCall = TSESTree.NewExpression | TSESTree.CallExpression;

/** Keys that hold no expressions worth visiting when looking for signals (types, decorators). */
const SKIPPED_KEYS = new Set(["typeAnnotation", "returnType", "typeParameters", "typeArguments", "decorators", "superTypeArguments", "implements"]);

/** Per node type, the child keys to visit: typescript-eslint's visitor keys minus the type-only ones. */
const childKeys = new Map<string, readonly string[]>();
function keysOf(type: string): readonly string[] {
  let keys = childKeys.get(type);
  if (!keys) {
    keys = (visitorKeys[type as keyof typeof visitorKeys] ?? []).filter((key) => !SKIPPED_KEYS.has(key));
    childKeys.set(type, keys);
  }
  return keys;
}

/** Cheap test before any AST walk: a file that never mentions a constructor name has no signal. */
export function mayDeclareSignals(text: string, constructors: readonly string[]): boolean {
  return constructors.some((name) => text.includes(name));
}

/** Every `new OpenEdxPublicSignal({...})` / `OpenEdxPublicSignal({...})` in the file, with its path of ancestors. */
export function findSignalCalls(
  program: TSESTree.Program,
  constructors: readonly string[],
): { call: SignalCall; ancestors: TSESTree.Node[] }[] {
  const names = new Set(constructors);
  const found: { call: SignalCall; ancestors: TSESTree.Node[] }[] = [];
  const ancestors: TSESTree.Node[] = [];
  const visit = (node: TSESTree.Node): void => {
    if ((node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression) && calleeName(node.callee, names)) {
      found.push({ call: node, ancestors: [...ancestors] });
    }
    ancestors.push(node);
    const record = node as unknown as Record<string, unknown>;
    for (const key of keysOf(node.type)) {
      const value = record[key];
      if (Array.isArray(value)) {
        for (const child of value) if (isNode(child)) visit(child);
      } else if (isNode(value)) {
        visit(value);
      }
    }
    ancestors.pop();
  };
  visit(program);
  return found;
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}

function calleeName(callee: TSESTree.Node, names: ReadonlySet<string>): string | null {
  if (callee.type === AST_NODE_TYPES.Identifier) return names.has(callee.name) ? callee.name : null;
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
    return names.has(callee.property.name) ? callee.property.name : null;
  }
  return null;
}

/** As for data-class members: an identifier, or a string or number literal even in brackets (`["a"]`). */
function keyName(property: TSESTree.Property): string | null {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal && (typeof property.key.value === "string" || typeof property.key.value === "number")) {
    // A numeric key is a name too (`{ 2: X }` is the field "2", which Avro then rejects as a name).
    return String(property.key.value);
  }
  return null;
}

function stringValue(node: TSESTree.Node): string | null {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === "string") return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? null;
  if (node.type === AST_NODE_TYPES.TSAsExpression || node.type === AST_NODE_TYPES.TSSatisfiesExpression) return stringValue(node.expression);
  return null;
}

/** The constant that holds the signal, and the statement a JSDoc belongs to. */
function holder(call: SignalCall, ancestors: readonly TSESTree.Node[]): { name: TSESTree.Identifier | null; statement: TSESTree.Node } {
  let child: TSESTree.Node = call;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const parent = ancestors[i]!;
    switch (parent.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
        child = parent;
        continue;
      case AST_NODE_TYPES.VariableDeclarator: {
        const declaration = ancestors[i - 1];
        const exported = ancestors[i - 2];
        const statement =
          exported && (exported.type === AST_NODE_TYPES.ExportNamedDeclaration || exported.type === AST_NODE_TYPES.ExportDefaultDeclaration)
            ? exported
            : (declaration ?? parent);
        return { name: parent.id.type === AST_NODE_TYPES.Identifier && parent.init === child ? parent.id : null, statement };
      }
      case AST_NODE_TYPES.Property:
      case AST_NODE_TYPES.PropertyDefinition:
        return {
          name: parent.value === child && parent.key.type === AST_NODE_TYPES.Identifier && !parent.computed ? parent.key : null,
          statement: parent,
        };
      case AST_NODE_TYPES.ExportDefaultDeclaration:
      case AST_NODE_TYPES.ExpressionStatement:
        return { name: null, statement: parent };
      default:
        return { name: null, statement: call };
    }
  }
  return { name: null, statement: call };
}

/** Builds the model of one signal call. */
export function buildSignal(
  mapper: TypeMapper,
  file: SourceFile,
  program: TSESTree.Program,
  call: SignalCall,
  ancestors: readonly TSESTree.Node[],
): SignalDeclaration {
  const problems: ModelProblem[] = [];
  const path = file.path;
  const { name, statement } = holder(call, ancestors);
  const constructorName = detached(
    call.callee.type === AST_NODE_TYPES.Identifier
      ? call.callee.name
      : call.callee.type === AST_NODE_TYPES.MemberExpression && call.callee.property.type === AST_NODE_TYPES.Identifier
        ? call.callee.property.name
        : "?",
  );
  let eventType: string | null = null;
  let eventTypeSpan = null;
  let dataNode: TSESTree.Node | null = null;
  const init = call.arguments[0];
  if (!init || init.type !== AST_NODE_TYPES.ObjectExpression) {
    problems.push(problemAt(file, init ?? call, "bad-signal", `${constructorName} takes an object literal: { event_type: "…", data: { … } }`));
  } else {
    for (const property of init.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = keyName(property);
      if (key === "event_type" || key === "eventType") {
        eventTypeSpan = spanOf(file, property.value);
        const value = stringValue(property.value);
        eventType = value === null ? null : detached(value);
        if (eventType === null) {
          problems.push({
            code: "event-type-not-literal",
            message: "event_type must be a string literal, so that tools can read it without running the code",
            span: eventTypeSpan,
          });
        }
      } else if (key === "data") {
        dataNode = property.value;
      }
    }
    if (eventTypeSpan === null) {
      problems.push(problemAt(file, init, "missing-event-type", "the signal has no event_type"));
    }
  }

  let fields: FieldModel[] = [];
  let form: SignalDeclaration["form"] = "data";
  const typeArgument = call.typeArguments?.params[0];
  if (dataNode) {
    fields = dataFields(mapper, file, dataNode, problems);
  } else if (typeArgument) {
    form = "type";
    fields = payloadTypeFields(mapper, file, typeArgument, problems);
  } else if (init?.type === AST_NODE_TYPES.ObjectExpression) {
    problems.push(problemAt(file, init, "data-not-object", "the signal has neither a `data` object nor a payload type argument (`new OpenEdxPublicSignal<{ … }>(…)`)"));
  }

  return {
    constant: name ? detached(name.name) : null,
    constantSpan: name ? spanOf(file, name) : null,
    eventType,
    eventTypeSpan,
    constructorName,
    form,
    fields,
    doc: jsDocBefore(file, program, statement),
    file: path,
    span: spanOf(file, call),
    statementSpan: spanOf(file, statement),
    problems,
  };
}

function dataFields(mapper: TypeMapper, file: SourceFile, node: TSESTree.Node, problems: ModelProblem[]): FieldModel[] {
  if (node.type !== AST_NODE_TYPES.ObjectExpression) {
    problems.push(problemAt(file, node, "data-not-object", "`data` must be an object literal written in place, so that its keys can be read without running the code"));
    return [];
  }
  const fields: FieldModel[] = [];
  for (const property of node.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      problems.push(problemAt(file, property, "spread", "a spread in `data` hides which fields the event has; list each field"));
      continue;
    }
    const name = keyName(property);
    if (name === null) {
      problems.push(problemAt(file, property.key, "computed-key", "a computed key in `data` has no name the plugin can read; write the field name literally"));
      continue;
    }
    const value = property.value;
    const keySpan = spanOf(file, property.key);
    if (fields.some((field) => field.name === name)) {
      problems.push(duplicateField(name, keySpan));
      continue;
    }
    checkFieldName(name, keySpan, problems);
    fields.push({
      name,
      type: mapper.mapValue(file, value),
      span: spanOf(file, property),
      keySpan,
      typeSpan: spanOf(file, value),
      optional: false,
      initializer: null,
      declaredIn: null,
    });
  }
  return fields;
}

/** The generic form: `new OpenEdxPublicSignal<{ user_id: Int }>(…)` or `<SomePayload>`. */
function payloadTypeFields(mapper: TypeMapper, file: SourceFile, node: TSESTree.TypeNode, problems: ModelProblem[]): FieldModel[] {
  if (node.type === AST_NODE_TYPES.TSTypeLiteral) {
    // Reuse the data-class reading of members, with the signal as owner.
    return mapper.payloadMembers(file, node.members, problems);
  }
  if (node.type === AST_NODE_TYPES.TSTypeReference && !node.typeArguments) {
    const parts = qualifiedParts(node.typeName);
    const resolution = parts ? mapper.resolver.resolveQualified(file, parts) : null;
    if (resolution?.kind === "declaration" && resolution.declaration.kind === "type") {
      const declaration = resolution.declaration.node;
      if (declaration.type !== AST_NODE_TYPES.TSEnumDeclaration) {
        const model = mapper.dataClass(resolution.file, declaration);
        problems.push(...model.problems);
        return [...model.fields];
      }
    }
    problems.push({
      code: "data-not-object",
      message: `the payload type \`${file.text.slice(node.range[0], node.range[1])}\` must be an object type, an interface or a class ${
        resolution?.kind === "unresolved" ? `(${resolution.reason})` : ""
      }`.trim(),
      span: spanOf(file, node),
    });
    return [];
  }
  problems.push(problemAt(file, node, "data-not-object", "the payload type argument must be an object type (`{ user_id: Int }`) or the name of one"));
  return [];
}
