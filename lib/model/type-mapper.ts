import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/typescript-estree";
import type { PluginSettings } from "../settings.js";
import { NameResolver, spanOf, type NameResolution, type SourceFile, type SourceSpan } from "../source/index.js";
import { ARRAY_NAMES, MAP_NAMES, NAMED_PRIMITIVES, UNSUPPORTED_GLOBALS, globalPrimitive } from "./builtins.js";
import { unresolvedCause, type UnsupportedCauseId } from "./causes.js";
import { DataClassBuilder } from "./data-class-builder.js";
import { qualifiedParts } from "./qualified-name.js";
import type { DataClassModel, FieldModel, FieldType, ModelProblem, UnsupportedCode, UnsupportedType } from "./types.js";
import type { DataClassNode } from "./analyze.js";

type MemberList = readonly TSESTree.TypeElement[];

/** A name as written in a type or a value position: `A` or `ns.A`. */
type NameNode = TSESTree.Identifier | TSESTree.TSQualifiedName | TSESTree.MemberExpression;

/**
 * Turns type annotations (and `data` values) into `FieldType`s, following names across files;
 * data class declarations become `DataClassModel`s through its `DataClassBuilder`. One mapper serves one analysis; it never
 * throws on user code: whatever it cannot read becomes an `unsupported` type or a problem.
 */
export class TypeMapper {
  private readonly builder = new DataClassBuilder(this);
  private readonly inProgress = new Set<TSESTree.Node>();
  /** Type parameters of the generic aliases being applied, innermost last. */
  private readonly frames: Map<string, FieldType>[] = [];
  /** How many times a walk met a node it was inside of. */
  private cycles = 0;

  constructor(
    readonly resolver: NameResolver,
    readonly settings: PluginSettings,
  ) {}

  /** Maps a type annotation written in `file`. */
  mapType(file: SourceFile, node: TSESTree.TypeNode): FieldType {
    const span = spanOf(file, node);
    const text = file.text.slice(node.range[0], node.range[1]);
    const unsupported = (code: UnsupportedCode, id: UnsupportedCauseId, data?: Record<string, string>): FieldType =>
      unsupportedType(code, text, span, id, data);
    switch (node.type) {
      case AST_NODE_TYPES.TSStringKeyword:
        return { kind: "primitive", avro: "string", text, span };
      case AST_NODE_TYPES.TSBooleanKeyword:
        return { kind: "primitive", avro: "boolean", text, span };
      case AST_NODE_TYPES.TSNumberKeyword:
        return { kind: "primitive", avro: this.settings.numberType, text, span };
      case AST_NODE_TYPES.TSBigIntKeyword:
        return { kind: "primitive", avro: "long", text, span };
      case AST_NODE_TYPES.TSAnyKeyword:
      case AST_NODE_TYPES.TSUnknownKeyword:
      case AST_NODE_TYPES.TSNeverKeyword:
        return unsupported("any", "says-nothing", { text });
      case AST_NODE_TYPES.TSObjectKeyword:
        return unsupported("object", "object-keyword");
      case AST_NODE_TYPES.TSUndefinedKeyword:
      case AST_NODE_TYPES.TSVoidKeyword:
        return unsupported("undefined", "undefined-keyword", { text });
      case AST_NODE_TYPES.TSNullKeyword:
        return unsupported("other", "null-only");
      case AST_NODE_TYPES.TSSymbolKeyword:
        return unsupported("other", "symbol");
      case AST_NODE_TYPES.TSArrayType:
        return { kind: "array", items: this.mapType(file, node.elementType), text, span };
      case AST_NODE_TYPES.TSTypeOperator:
        if (node.operator === "readonly" && node.typeAnnotation?.type === AST_NODE_TYPES.TSArrayType) {
          return this.mapType(file, node.typeAnnotation);
        }
        if (node.operator === "readonly" && node.typeAnnotation?.type === AST_NODE_TYPES.TSTupleType) {
          return unsupported("tuple", "tuple");
        }
        return unsupported("other", "type-operator", { operator: node.operator });
      case AST_NODE_TYPES.TSTupleType:
        return unsupported("tuple", "tuple");
      case AST_NODE_TYPES.TSFunctionType:
      case AST_NODE_TYPES.TSConstructorType:
        return unsupported("function", "function");
      case AST_NODE_TYPES.TSLiteralType:
      case AST_NODE_TYPES.TSTemplateLiteralType:
        return unsupported("literal", "literal");
      case AST_NODE_TYPES.TSUnionType:
        return this.mapUnion(file, node, text, span);
      case AST_NODE_TYPES.TSTypeLiteral:
        return this.mapTypeLiteral(file, node.members, text, span);
      case AST_NODE_TYPES.TSTypeReference:
        if (node.typeArguments && node.typeArguments.params.length > 0) {
          return this.mapGenericReference(file, node, text, span);
        }
        if (node.typeName.type === AST_NODE_TYPES.ThisExpression) {
          return unsupported("other", "this-type");
        }
        return this.mapName(file, node.typeName, text, span);
      case AST_NODE_TYPES.TSIntersectionType:
        return unsupported("other", "inline-intersection");
      default:
        return unsupported("other", "type-form", { form: node.type.replace(/^TS/, "") });
    }
  }

  /** Maps the value of a `data` entry: it names a data class or a custom type. */
  mapValue(file: SourceFile, node: TSESTree.Node): FieldType {
    const span = spanOf(file, node);
    const text = file.text.slice(node.range[0], node.range[1]);
    if (node.type === AST_NODE_TYPES.Identifier || (node.type === AST_NODE_TYPES.MemberExpression && qualifiedParts(node))) {
      return this.mapName(file, node as NameNode, text, span);
    }
    return unsupportedType("other", text, span, "data-value");
  }

  private mapUnion(file: SourceFile, node: TSESTree.TSUnionType, text: string, span: SourceSpan): FieldType {
    let hasNull = false;
    let hasUndefined = false;
    const rest: TSESTree.TypeNode[] = [];
    for (const member of node.types) {
      if (member.type === AST_NODE_TYPES.TSNullKeyword) hasNull = true;
      else if (member.type === AST_NODE_TYPES.TSUndefinedKeyword || member.type === AST_NODE_TYPES.TSVoidKeyword) hasUndefined = true;
      else rest.push(member);
    }
    if (rest.length !== 1) return unsupportedType("union", text, span, rest.length === 0 ? "null-only-union" : "union");
    const inner = this.mapType(file, rest[0]!);
    const nullable: FieldType = inner.kind === "nullable" ? inner : { kind: "nullable", inner, text, span };
    if (hasUndefined) return { ...unsupportedType("undefined", text, span, "undefined-member"), inner: nullable };
    return hasNull ? nullable : inner;
  }

  private mapTypeLiteral(file: SourceFile, members: MemberList, text: string, span: SourceSpan): FieldType {
    const index = members.length === 1 ? members[0] : undefined;
    if (index?.type === AST_NODE_TYPES.TSIndexSignature) return this.mapIndexSignature(file, index, text, span);
    return unsupportedType("object", text, span, members.length === 0 ? "empty-object" : "inline-object");
  }

  private mapIndexSignature(file: SourceFile, node: TSESTree.TSIndexSignature, text: string, span: SourceSpan): FieldType {
    const key = node.parameters[0];
    const keyType = key && "typeAnnotation" in key ? key.typeAnnotation?.typeAnnotation : undefined;
    const valueType = node.typeAnnotation?.typeAnnotation;
    if (!keyType || keyType.type !== AST_NODE_TYPES.TSStringKeyword) {
      return unsupportedType("map-key", text, span, "map-key");
    }
    if (!valueType) return unsupportedType("any", text, span, "index-without-value");
    return { kind: "map", values: this.mapType(file, valueType), text, span };
  }

  private mapGenericReference(file: SourceFile, node: TSESTree.TSTypeReference, text: string, span: SourceSpan): FieldType {
    const params = node.typeArguments?.params ?? [];
    const name = node.typeName.type === AST_NODE_TYPES.Identifier ? node.typeName.name : null;
    const isGlobal = name !== null && this.resolver.resolveLocal(file, name).kind === "unresolved";
    if (name && isGlobal && ARRAY_NAMES.has(name)) {
      const items = params[0];
      return items
        ? { kind: "array", items: this.mapType(file, items), text, span }
        : unsupportedType("array-without-items", text, span, "array-without-items");
    }
    if (name && isGlobal && MAP_NAMES.has(name)) {
      const [key, value] = params;
      if (!key || key.type !== AST_NODE_TYPES.TSStringKeyword) {
        return unsupportedType("map-key", text, span, "map-key");
      }
      if (!value) return unsupportedType("any", text, span, "map-without-value");
      return { kind: "map", values: this.mapType(file, value), text, span };
    }
    if (name && isGlobal && name in UNSUPPORTED_GLOBALS) {
      const { code, cause } = UNSUPPORTED_GLOBALS[name]!;
      return unsupportedType(code, text, span, cause);
    }
    const applied = this.applyGenericAlias(file, node, params, span);
    if (applied) return applied;
    return unsupportedType("generic", text, span, "generic-type");
  }

  /**
   * `Maybe<string>` where `type Maybe<T> = T | null`: the alias body with its parameters bound to
   * the (already mapped) arguments. Null when the reference is not to such an alias.
   */
  private applyGenericAlias(
    file: SourceFile,
    node: TSESTree.TSTypeReference,
    args: readonly TSESTree.TypeNode[],
    span: SourceSpan,
  ): FieldType | null {
    const parts = qualifiedParts(node.typeName);
    const resolution = parts ? this.resolver.resolveQualified(file, parts) : null;
    if (resolution?.kind !== "declaration" || resolution.declaration.kind !== "type") return null;
    const alias = resolution.declaration.node;
    if (alias.type !== AST_NODE_TYPES.TSTypeAliasDeclaration) return null;
    return this.applyAlias(file, alias, resolution.file, args, file.text.slice(node.range[0], node.range[1]), span);
  }

  /** The body of a generic alias with its parameters bound to `args` (or their defaults), as used at `span`. */
  private applyAlias(
    file: SourceFile,
    alias: TSESTree.TSTypeAliasDeclaration,
    aliasFile: SourceFile,
    args: readonly TSESTree.TypeNode[],
    text: string,
    span: SourceSpan,
  ): FieldType | null {
    // A generic object type would be a record whose shape depends on its use: not a data class.
    if (!alias.typeParameters || isObjectTypeNode(alias.typeAnnotation)) return null;
    const parameters = alias.typeParameters.params;
    if (args.length > parameters.length) return null;
    const frame = new Map<string, FieldType>();
    for (const [index, parameter] of parameters.entries()) {
      const arg = args[index];
      if (arg) frame.set(parameter.name.name, this.mapType(file, arg));
      else if (parameter.default) {
        // A default is written inside the alias: one that names the alias again (`<T = Loop>`) is a cycle.
        if (this.isInProgress(alias)) return unsupportedType("recursive", text, span, "recursive-alias", { name: alias.id.name });
        // It may name the parameters before it (`<T, U = T>`).
        this.frames.push(frame);
        this.inProgress.add(alias);
        try {
          frame.set(parameter.name.name, this.mapType(aliasFile, parameter.default));
        } finally {
          this.inProgress.delete(alias);
          this.frames.pop();
        }
      } else return null;
    }
    if (this.isInProgress(alias)) {
      return unsupportedType("recursive", text, span, "recursive-alias", { name: alias.id.name });
    }
    this.inProgress.add(alias);
    this.frames.push(frame);
    try {
      // Shown as written at the use (`Dict<string>`), not as the alias body (`Record<string, V>`).
      const mapped = this.mapType(aliasFile, alias.typeAnnotation);
      if (mapped.kind === "record") return mapped;
      return mapped.kind === "custom" ? { ...mapped, span } : { ...mapped, span, text };
    } finally {
      this.frames.pop();
      this.inProgress.delete(alias);
    }
  }

  /** A type or value name: custom types and named primitives first (as openedx-events does), then declarations. */
  private mapName(file: SourceFile, nameNode: NameNode, text: string, span: SourceSpan): FieldType {
    const parts = nameNode.type === AST_NODE_TYPES.Identifier ? [nameNode.name] : qualifiedParts(nameNode);
    if (!parts) return unsupportedType("other", text, span, "not-a-name");
    // A type parameter of the generic alias being applied.
    const bound = parts.length === 1 ? this.frames[this.frames.length - 1]?.get(parts[0]!) : undefined;
    if (bound) return bound;
    const written = parts[parts.length - 1]!;
    const known = this.knownName(written, span);
    if (known) return known;
    const resolution = this.resolver.resolveQualified(file, parts);
    return this.mapResolution(resolution, written, text, span);
  }

  private knownName(name: string, span: SourceSpan): FieldType | null {
    const custom = Object.hasOwn(this.settings.customTypes, name) ? this.settings.customTypes[name] : undefined;
    if (custom) return { kind: "custom", name, avro: custom, span };
    const primitive = Object.hasOwn(NAMED_PRIMITIVES, name) ? NAMED_PRIMITIVES[name] : undefined;
    if (primitive) return { kind: "primitive", avro: primitive, text: name, span };
    return null;
  }

  private mapResolution(
    resolution: NameResolution,
    written: string,
    text: string,
    span: SourceSpan,
  ): FieldType {
    const unsupported = (code: UnsupportedCode, id: UnsupportedCauseId, data?: Record<string, string>): FieldType =>
      unsupportedType(code, text, span, id, data);
    switch (resolution.kind) {
      case "unresolved": {
        const primitive = globalPrimitive(written, this.settings);
        if (primitive) return { kind: "primitive", avro: primitive, text, span };
        if (Object.hasOwn(UNSUPPORTED_GLOBALS, written)) return unsupported(UNSUPPORTED_GLOBALS[written]!.code, UNSUPPORTED_GLOBALS[written]!.cause);
        if (ARRAY_NAMES.has(written)) return unsupported("array-without-items", "array-without-items");
        if (MAP_NAMES.has(written)) return unsupported("map", "untyped-map");
        const cause = unresolvedCause(written, resolution.failure, resolution.reason);
        return { kind: "unsupported", code: "unresolved", text, cause, span };
      }
      case "external":
        return unsupported("unknown-class", "external-package", { name: written, module: resolution.module });
      case "namespace":
        return unsupported("other", "namespace", { text });
      case "declaration":
        break;
    }
    const known = this.knownName(resolution.name, span);
    if (known) return known;
    const { declaration, file } = resolution;
    if (declaration.kind === "value") return unsupported("other", "value-not-type", { name: written });
    const node = declaration.node;
    switch (node.type) {
      case AST_NODE_TYPES.TSEnumDeclaration:
        return unsupported("enum", "enum", { name: resolution.name });
      case AST_NODE_TYPES.TSTypeAliasDeclaration: {
        if (node.typeParameters) {
          // `MaybeList` with every parameter defaulted.
          const applied = this.applyAlias(file, node, file, [], text, span);
          return applied ?? unsupported("generic", "generic-alias");
        }
        const target = node.typeAnnotation;
        if (isObjectTypeNode(target) && !isIndexSignatureOnly(target)) return this.recordOrCycle(file, node, text, span);
        if (this.isInProgress(node)) return unsupported("recursive", "recursive-alias", { name: resolution.name });
        this.inProgress.add(node);
        try {
          // The alias stands for what it aliases; problems are reported at the use site.
          return withSpan(this.mapType(file, target), span);
        } finally {
          this.inProgress.delete(node);
        }
      }
      case AST_NODE_TYPES.TSInterfaceDeclaration: {
        const index = node.body.body.length === 1 && node.extends.length === 0 ? node.body.body[0] : undefined;
        if (index?.type === AST_NODE_TYPES.TSIndexSignature) {
          if (this.isInProgress(node)) return unsupported("recursive", "recursive-interface", { name: resolution.name });
          this.inProgress.add(node);
          try {
            return this.mapIndexSignature(file, index, text, span);
          } finally {
            this.inProgress.delete(node);
          }
        }
        if (node.typeParameters) return unsupported("generic", "generic-interface");
        return this.recordOrCycle(file, node, text, span);
      }
      case AST_NODE_TYPES.ClassDeclaration: {
        if (node.typeParameters) return unsupported("generic", "generic-class");
        if (!isDataClassLike(node)) {
          return unsupported("unknown-class", "behaviour-class", { name: resolution.name });
        }
        return this.recordOrCycle(file, node, text, span);
      }
    }
  }

  private recordOrCycle(file: SourceFile, node: DataClassNode, text: string, span: SourceSpan): FieldType {
    if (this.isInProgress(node)) {
      const name = node.id?.name ?? "?";
      return unsupportedType("recursive", text, span, "recursive-class", { name });
    }
    return { kind: "record", dataClass: this.dataClass(file, node), span };
  }

  /** True when `node` is being mapped: a cycle, whose result depends on where the walk started. */
  isInProgress(node: TSESTree.Node): boolean {
    if (!this.inProgress.has(node)) return false;
    this.cycles++;
    return true;
  }

  /** How many cycles the walk met so far: a model built across one depends on where the walk started. */
  get cycleCount(): number {
    return this.cycles;
  }

  /**
   * Runs `build` inside the declaration `node` (a cycle back to it is seen), where the names of
   * the data class never see the parameters of an alias that happens to reach it.
   */
  inside<T>(node: TSESTree.Node, build: () => T): T {
    this.inProgress.add(node);
    this.frames.push(new Map());
    try {
      return build();
    } finally {
      this.frames.pop();
      this.inProgress.delete(node);
    }
  }

  /** The model of a data class declaration (lib/model/data-class-builder.ts). */
  dataClass(file: SourceFile, node: DataClassNode): DataClassModel {
    return this.builder.dataClass(file, node);
  }

  /** Fields of the generic form's inline payload type (`new OpenEdxPublicSignal<{ … }>`). */
  payloadMembers(file: SourceFile, members: readonly TSESTree.TypeElement[], problems: ModelProblem[]): FieldModel[] {
    return this.builder.payloadMembers(file, members, problems);
  }
}

/** A type the event bus cannot carry, and why (the cause's id and the names its wording mentions). */
function unsupportedType(code: UnsupportedCode, text: string, span: SourceSpan, id: UnsupportedCauseId, data?: Record<string, string>): UnsupportedType {
  return { kind: "unsupported", code, text, cause: data ? { id, data } : { id }, span };
}

function withSpan(type: FieldType, span: SourceSpan): FieldType {
  return type.kind === "record" ? type : { ...type, span };
}

function isObjectTypeNode(node: TSESTree.TypeNode): boolean {
  return node.type === AST_NODE_TYPES.TSTypeLiteral || node.type === AST_NODE_TYPES.TSIntersectionType;
}

function isIndexSignatureOnly(node: TSESTree.TypeNode): boolean {
  return node.type === AST_NODE_TYPES.TSTypeLiteral && node.members.length === 1 && node.members[0]!.type === AST_NODE_TYPES.TSIndexSignature;
}

/** A class with at least one instance field, or an empty one: not a behaviour-only class. */
function isDataClassLike(node: TSESTree.ClassDeclaration): boolean {
  let fields = 0;
  let behaviour = 0;
  for (const member of node.body.body) {
    if (
      (member.type === AST_NODE_TYPES.PropertyDefinition || member.type === AST_NODE_TYPES.TSAbstractPropertyDefinition) &&
      !member.static &&
      member.key.type !== AST_NODE_TYPES.PrivateIdentifier
    ) {
      fields++;
    } else if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === "constructor") {
      if (member.value.params.some((p) => p.type === AST_NODE_TYPES.TSParameterProperty)) fields++;
      else behaviour++;
    } else {
      behaviour++;
    }
  }
  return fields > 0 || behaviour === 0 || node.superClass !== null;
}

