import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/typescript-estree";
import { settingsCacheKey, type PluginSettings } from "../settings.js";
import { NameResolver, moduleScopeOf, spanOf, type NameResolution, type SourceFile, type SourceSpan, type TypeDeclaration } from "../source/index.js";
import {
  ARRAY_NAMES,
  MAP_NAMES,
  NAMED_PRIMITIVES,
  UNSUPPORTED_GLOBALS,
  globalPrimitive,
} from "./builtins.js";
import { AVRO_NAME } from "../naming/avro-names.js";
import type { DataClassKind, DataClassModel, FieldModel, FieldType, ModelProblem, UnsupportedCode } from "./types.js";

import type { DataClassNode } from "./analyze.js";
type MemberList = readonly TSESTree.TypeElement[];

/** A name as written in a type or a value position: `A` or `ns.A`. */
type NameNode = TSESTree.Identifier | TSESTree.TSQualifiedName | TSESTree.MemberExpression;

interface SharedModel {
  readonly key: string;
  readonly model: DataClassModel;
  /** The files the model was built from: its own and every file its names led to. */
  readonly deps: readonly SourceFile[];
}

/** Declaration node → its model; a node belongs to one parse of one file version. */
let sharedModels = new WeakMap<TSESTree.Node, SharedModel>();

/** Forgets the data-class models shared between analyses. */
export function clearSharedDataClassModels(): void {
  sharedModels = new WeakMap();
}

/**
 * Turns type annotations (and `data` values) into `FieldType`s and data class declarations into
 * `DataClassModel`s, following names across files. One mapper serves one analysis; it never
 * throws on user code: whatever it cannot read becomes an `unsupported` type or a problem.
 */
export class TypeMapper {
  private readonly dataClasses = new Map<TSESTree.Node, DataClassModel>();
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
    const unsupported = (code: UnsupportedCode, reason: string, inner?: FieldType): FieldType => ({
      kind: "unsupported",
      code,
      text,
      reason,
      span,
      ...(inner ? { inner } : {}),
    });
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
        return unsupported("any", `\`${text}\` says nothing about the data, so no Avro type can be derived from it`);
      case AST_NODE_TYPES.TSObjectKeyword:
        return unsupported("object", "`object` has no fixed fields for an Avro record");
      case AST_NODE_TYPES.TSUndefinedKeyword:
      case AST_NODE_TYPES.TSVoidKeyword:
        return unsupported("undefined", `\`${text}\` has no Avro form; a missing value is written \`null\``);
      case AST_NODE_TYPES.TSNullKeyword:
        return unsupported("other", "a field that is always `null` carries no data");
      case AST_NODE_TYPES.TSSymbolKeyword:
        return unsupported("other", "symbols cannot be serialized");
      case AST_NODE_TYPES.TSArrayType:
        return { kind: "array", items: this.mapType(file, node.elementType), text, span };
      case AST_NODE_TYPES.TSTypeOperator:
        if (node.operator === "readonly" && node.typeAnnotation?.type === AST_NODE_TYPES.TSArrayType) {
          return this.mapType(file, node.typeAnnotation);
        }
        if (node.operator === "readonly" && node.typeAnnotation?.type === AST_NODE_TYPES.TSTupleType) {
          return unsupported("tuple", "tuples have no Avro form; use a data class with named fields");
        }
        return unsupported("other", `\`${node.operator}\` types have no Avro form`);
      case AST_NODE_TYPES.TSTupleType:
        return unsupported("tuple", "tuples have no Avro form; use a data class with named fields");
      case AST_NODE_TYPES.TSFunctionType:
      case AST_NODE_TYPES.TSConstructorType:
        return unsupported("function", "functions cannot be serialized");
      case AST_NODE_TYPES.TSLiteralType:
      case AST_NODE_TYPES.TSTemplateLiteralType:
        return unsupported("literal", "literal types have no Avro form here; use the plain type (`string`, `boolean`, …)");
      case AST_NODE_TYPES.TSUnionType:
        return this.mapUnion(file, node, text, span);
      case AST_NODE_TYPES.TSTypeLiteral:
        return this.mapTypeLiteral(file, node.members, text, span);
      case AST_NODE_TYPES.TSTypeReference:
        if (node.typeArguments && node.typeArguments.params.length > 0) {
          return this.mapGenericReference(file, node, text, span);
        }
        if (node.typeName.type === AST_NODE_TYPES.ThisExpression) {
          return unsupported("other", "`this` types cannot be mapped to Avro");
        }
        return this.mapName(file, node.typeName, text, span);
      case AST_NODE_TYPES.TSIntersectionType:
        return unsupported("other", "an inline intersection has no record name; declare it as a named `type` or `interface`");
      default:
        return unsupported("other", `this form of type (${node.type.replace(/^TS/, "")}) cannot be mapped to Avro`);
    }
  }

  /** Maps the value of a `data` entry: it names a data class or a custom type. */
  mapValue(file: SourceFile, node: TSESTree.Node): FieldType {
    const span = spanOf(file, node);
    const text = file.text.slice(node.range[0], node.range[1]);
    if (node.type === AST_NODE_TYPES.Identifier || (node.type === AST_NODE_TYPES.MemberExpression && qualifiedParts(node))) {
      return this.mapName(file, node as NameNode, text, span);
    }
    return {
      kind: "unsupported",
      code: "other",
      text,
      reason: "a `data` value must name a data class or a custom type (e.g. `enrollment: CourseEnrollmentData`)",
      span,
    };
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
    if (rest.length !== 1) {
      return {
        kind: "unsupported",
        code: "union",
        text,
        reason:
          rest.length === 0
            ? "a union of only `null`/`undefined` carries no data"
            : "the event bus serializes unions only as `T | null`; a value of one of several types has no Avro field type openedx-events can read back",
        span,
      };
    }
    const inner = this.mapType(file, rest[0]!);
    const nullable: FieldType = inner.kind === "nullable" ? inner : { kind: "nullable", inner, text, span };
    if (hasUndefined) {
      return {
        kind: "unsupported",
        code: "undefined",
        text,
        reason: "`undefined` has no Avro form; a missing value is written `null` (`T | null`)",
        span,
        inner: nullable,
      };
    }
    return hasNull ? nullable : inner;
  }

  private mapTypeLiteral(file: SourceFile, members: MemberList, text: string, span: SourceSpan): FieldType {
    const index = members.length === 1 ? members[0] : undefined;
    if (index?.type === AST_NODE_TYPES.TSIndexSignature) return this.mapIndexSignature(file, index, text, span);
    return {
      kind: "unsupported",
      code: "object",
      text,
      reason:
        members.length === 0
          ? "`{}` has no fixed fields for an Avro record"
          : "an inline object type has no record name; declare it as a named `interface` or `type` (a data class)",
      span,
    };
  }

  private mapIndexSignature(file: SourceFile, node: TSESTree.TSIndexSignature, text: string, span: SourceSpan): FieldType {
    const key = node.parameters[0];
    const keyType = key && "typeAnnotation" in key ? key.typeAnnotation?.typeAnnotation : undefined;
    const valueType = node.typeAnnotation?.typeAnnotation;
    if (!keyType || keyType.type !== AST_NODE_TYPES.TSStringKeyword) {
      return { kind: "unsupported", code: "map-key", text, reason: "Avro maps have string keys only", span };
    }
    if (!valueType) return { kind: "unsupported", code: "any", text, reason: "the index signature has no value type", span };
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
        : { kind: "unsupported", code: "array-without-items", text, reason: "the array has no item type", span };
    }
    if (name && isGlobal && MAP_NAMES.has(name)) {
      const [key, value] = params;
      if (!key || key.type !== AST_NODE_TYPES.TSStringKeyword) {
        return { kind: "unsupported", code: "map-key", text, reason: "Avro maps have string keys only", span };
      }
      if (!value) return { kind: "unsupported", code: "any", text, reason: "the map has no value type", span };
      return { kind: "map", values: this.mapType(file, value), text, span };
    }
    if (name && isGlobal && name in UNSUPPORTED_GLOBALS) {
      const { code, reason } = UNSUPPORTED_GLOBALS[name]!;
      return { kind: "unsupported", code, text, reason, span };
    }
    const applied = this.applyGenericAlias(file, node, params, span);
    if (applied) return applied;
    return {
      kind: "unsupported",
      code: "generic",
      text,
      reason: "generic types cannot be mapped without a type checker; declare a data class with concrete field types",
      span,
    };
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
        // A default may name the parameters before it (`<T, U = T>`).
        this.frames.push(frame);
        try {
          frame.set(parameter.name.name, this.mapType(aliasFile, parameter.default));
        } finally {
          this.frames.pop();
        }
      } else return null;
    }
    if (this.isInProgress(alias)) {
      return { kind: "unsupported", code: "recursive", text, reason: `the type alias \`${alias.id.name}\` refers to itself`, span };
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
    if (!parts) return { kind: "unsupported", code: "other", text, reason: "this expression does not name a type", span };
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
    const unsupported = (code: UnsupportedCode, reason: string): FieldType => ({ kind: "unsupported", code, text, reason, span });
    switch (resolution.kind) {
      case "unresolved": {
        const primitive = globalPrimitive(written, this.settings);
        if (primitive) return { kind: "primitive", avro: primitive, text, span };
        if (Object.hasOwn(UNSUPPORTED_GLOBALS, written)) return unsupported(UNSUPPORTED_GLOBALS[written]!.code, UNSUPPORTED_GLOBALS[written]!.reason);
        if (ARRAY_NAMES.has(written)) return unsupported("array-without-items", "the array has no item type");
        if (MAP_NAMES.has(written)) return unsupported("map", "a dict-like type without key and value types");
        return unsupported("unresolved", `\`${written}\` cannot be resolved: ${resolution.reason}`);
      }
      case "external":
        return unsupported(
          "unknown-class",
          `\`${written}\` comes from the package '${resolution.module}', which the plugin does not read; if it has a custom serializer, add it to the \`customTypes\` setting`,
        );
      case "namespace":
        return unsupported("other", `\`${text}\` is a module namespace, not a type`);
      case "declaration":
        break;
    }
    const known = this.knownName(resolution.name, span);
    if (known) return known;
    const { declaration, file } = resolution;
    if (declaration.kind === "value") return unsupported("other", `\`${written}\` is a value, not a type or a class`);
    const node = declaration.node;
    switch (node.type) {
      case AST_NODE_TYPES.TSEnumDeclaration:
        return unsupported("enum", `the enum \`${resolution.name}\` has no serializer in openedx-events; use \`string\``);
      case AST_NODE_TYPES.TSTypeAliasDeclaration: {
        if (node.typeParameters) {
          // `MaybeList` with every parameter defaulted.
          const applied = this.applyAlias(file, node, file, [], text, span);
          return applied ?? unsupported("generic", "generic type aliases cannot be mapped without a type checker; declare a data class with concrete field types");
        }
        const target = node.typeAnnotation;
        if (isObjectTypeNode(target) && !isIndexSignatureOnly(target)) return this.recordOrCycle(file, node, text, span);
        if (this.isInProgress(node)) return unsupported("recursive", `the type alias \`${resolution.name}\` refers to itself`);
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
          if (this.isInProgress(node)) return unsupported("recursive", `the interface \`${resolution.name}\` refers to itself`);
          this.inProgress.add(node);
          try {
            return this.mapIndexSignature(file, index, text, span);
          } finally {
            this.inProgress.delete(node);
          }
        }
        if (node.typeParameters) return unsupported("generic", "generic interfaces cannot be mapped without a type checker");
        return this.recordOrCycle(file, node, text, span);
      }
      case AST_NODE_TYPES.ClassDeclaration: {
        if (node.typeParameters) return unsupported("generic", "generic classes cannot be mapped without a type checker");
        if (!isDataClassLike(node)) {
          return unsupported(
            "unknown-class",
            `the class \`${resolution.name}\` declares no fields, so it is neither a data class nor a custom type; if it has a custom serializer, add it to the \`customTypes\` setting`,
          );
        }
        return this.recordOrCycle(file, node, text, span);
      }
    }
  }

  private recordOrCycle(file: SourceFile, node: DataClassNode, text: string, span: SourceSpan): FieldType {
    if (this.isInProgress(node)) {
      const name = node.id?.name ?? "?";
      return {
        kind: "unsupported",
        code: "recursive",
        text,
        reason: `the data class \`${name}\` contains itself; openedx-events cannot build a schema for recursive data`,
        span,
      };
    }
    return { kind: "record", dataClass: this.dataClass(file, node), span };
  }

  /** True when `node` is being mapped: a cycle, whose result depends on where the walk started. */
  private isInProgress(node: TSESTree.Node): boolean {
    if (!this.inProgress.has(node)) return false;
    this.cycles++;
    return true;
  }

  /**
   * The model of a data class declaration, built once per analysis, and shared between analyses
   * while the files it was built from are unchanged: every signal file importing a class would
   * otherwise build it (and all it reaches) again.
   */
  dataClass(file: SourceFile, node: DataClassNode): DataClassModel {
    const cached = this.dataClasses.get(node);
    if (cached) return cached;
    const shared = this.sharedModel(file, node);
    if (shared) return shared;
    const cycles = this.cycles;
    const misses = this.resolver.misses;
    const recording = this.resolver.record();
    this.inProgress.add(node);
    // A data class's own names never see the parameters of an alias that happens to reach it.
    this.frames.push(new Map());
    let model: DataClassModel;
    try {
      model = this.buildDataClass(file, node);
      this.dataClasses.set(node, model);
    } finally {
      this.frames.pop();
      this.inProgress.delete(node);
      recording.stop();
    }
    // Only a model that is the same wherever the walk started, from files on disk, is shared.
    const deps = [file, ...recording.files];
    if (this.cycles === cycles && this.resolver.misses === misses && deps.every((dep) => dep.stamp !== null)) {
      sharedModels.set(node, { key: settingsCacheKey(this.settings), model, deps });
    }
    return model;
  }

  private sharedModel(file: SourceFile, node: DataClassNode): DataClassModel | null {
    if (file.stamp === null) return null;
    const shared = sharedModels.get(node);
    if (!shared || shared.key !== settingsCacheKey(this.settings)) return null;
    // Looking the files up through the resolver records them as this analysis's dependencies too.
    for (const dep of shared.deps) if (this.resolver.file(dep.path) !== dep) return null;
    this.dataClasses.set(node, shared.model);
    return shared.model;
  }

  private buildDataClass(file: SourceFile, node: DataClassNode): DataClassModel {
    const name = node.id?.name ?? "default";
    const problems: ModelProblem[] = [];
    const kind: DataClassKind =
      node.type === AST_NODE_TYPES.ClassDeclaration ? "class" : node.type === AST_NODE_TYPES.TSInterfaceDeclaration ? "interface" : "type";
    let fields: FieldModel[];
    switch (node.type) {
      case AST_NODE_TYPES.ClassDeclaration:
        fields = mergeInherited(this.inheritedFromClass(file, node, problems), this.classMembers(file, node, name, problems));
        break;
      case AST_NODE_TYPES.TSInterfaceDeclaration: {
        // Declaration merging, as TypeScript does it: every `interface X` block of the module, in order.
        const declarations = [node, ...this.mergedInterfaces(file, node)];
        const inherited: FieldModel[] = [];
        for (const heritage of declarations.flatMap((declaration) => declaration.extends)) {
          for (const field of this.fieldsOfBase(file, heritage.expression, problems)) {
            if (!inherited.some((f) => f.name === field.name)) inherited.push(field);
          }
        }
        const own = declarations.map((declaration) => this.typeMembers(file, declaration.body.body, name, problems));
        fields = mergeInherited(inherited, mergeInterfaceMembers(file, name, own, problems));
        break;
      }
      case AST_NODE_TYPES.TSTypeAliasDeclaration:
        fields = this.objectTypeFields(file, node.typeAnnotation, name, problems);
        break;
    }
    problems.push(...this.unmergedDeclarations(file, node));
    return {
      name,
      id: `${file.path}#${name}`,
      kind,
      file: file.path,
      span: spanOf(file, node),
      nameSpan: spanOf(file, node.id ?? node),
      fields,
      problems,
    };
  }

  /** The other declarations of this data class's name in its module (declaration merging). */
  private otherDeclarations(file: SourceFile, node: DataClassNode): readonly TypeDeclaration[] {
    if (!file.ast || !node.id) return [];
    const declaration = moduleScopeOf(file.ast).declarations.get(node.id.name);
    return declaration?.kind === "type" && declaration.node === node ? declaration.merged : [];
  }

  private mergedInterfaces(file: SourceFile, node: TSESTree.TSInterfaceDeclaration): TSESTree.TSInterfaceDeclaration[] {
    return this.otherDeclarations(file, node).filter((other) => other.type === AST_NODE_TYPES.TSInterfaceDeclaration);
  }

  /**
   * Declarations of the name that do not merge into a data class's fields (an interface beside a
   * class, a second type alias or class): a problem each, so that no field is dropped in silence.
   */
  private unmergedDeclarations(file: SourceFile, node: DataClassNode): ModelProblem[] {
    const name = node.id?.name ?? "default";
    const problems: ModelProblem[] = [];
    for (const other of this.otherDeclarations(file, node)) {
      if (node.type === AST_NODE_TYPES.TSInterfaceDeclaration && other.type === AST_NODE_TYPES.TSInterfaceDeclaration) continue;
      const line = spanOf(file, other).loc.start.line;
      const what = declarationKind(other);
      const message =
        node.type === AST_NODE_TYPES.ClassDeclaration && other.type === AST_NODE_TYPES.TSInterfaceDeclaration
          ? `\`${name}\` is also declared as an interface (line ${line}): TypeScript merges its members into the class's type, but the fields of a data class are those the class declares, so the interface's fields are not in the schema; move them into the class`
          : `\`${name}\` is declared again, as ${what} (line ${line}), and only its first declaration (line ${spanOf(file, node).loc.start.line}) is read; give one of them another name`;
      problems.push({ code: "merged-declaration", message, span: spanOf(file, other.id ?? other) });
    }
    return problems;
  }

  private objectTypeFields(file: SourceFile, node: TSESTree.TypeNode, owner: string, problems: ModelProblem[]): FieldModel[] {
    if (node.type === AST_NODE_TYPES.TSTypeLiteral) return this.typeMembers(file, node.members, owner, problems);
    if (node.type === AST_NODE_TYPES.TSIntersectionType) {
      let fields: FieldModel[] = [];
      for (const part of node.types) fields = mergeInherited(fields, this.objectTypeFields(file, part, owner, problems));
      return fields;
    }
    if (node.type === AST_NODE_TYPES.TSTypeReference && !node.typeArguments) {
      return this.fieldsOfBase(file, node.typeName, problems);
    }
    problems.push({
      code: "unresolved-base",
      message: `\`${file.text.slice(node.range[0], node.range[1])}\` is not an object type, so its fields cannot be read`,
      span: spanOf(file, node),
    });
    return [];
  }

  /** Fields of a base class, a base interface or an intersected type, by name. */
  private fieldsOfBase(file: SourceFile, expression: TSESTree.Node, problems: ModelProblem[]): FieldModel[] {
    const span = spanOf(file, expression);
    const text = file.text.slice(expression.range[0], expression.range[1]);
    const parts =
      expression.type === AST_NODE_TYPES.Identifier
        ? [expression.name]
        : expression.type === AST_NODE_TYPES.MemberExpression || expression.type === AST_NODE_TYPES.TSQualifiedName
          ? qualifiedParts(expression)
          : null;
    if (!parts) {
      problems.push({ code: "unresolved-base", message: `the base \`${text}\` is an expression the plugin cannot follow`, span });
      return [];
    }
    const resolution = this.resolver.resolveQualified(file, parts);
    if (resolution.kind === "declaration" && resolution.declaration.kind === "type") {
      const node = resolution.declaration.node;
      if (node.type !== AST_NODE_TYPES.TSEnumDeclaration) {
        if (this.isInProgress(node)) {
          problems.push({ code: "unresolved-base", message: `\`${text}\` extends itself`, span });
          return [];
        }
        return [...this.dataClass(resolution.file, node).fields];
      }
    }
    const why =
      resolution.kind === "unresolved"
        ? resolution.reason
        : resolution.kind === "external"
          ? `it comes from the package '${resolution.module}', which the plugin does not read`
          : "it is not a class, interface or object type";
    problems.push({ code: "unresolved-base", message: `the fields of \`${text}\` cannot be read: ${why}`, span });
    return [];
  }

  private inheritedFromClass(file: SourceFile, node: TSESTree.ClassDeclaration, problems: ModelProblem[]): FieldModel[] {
    return node.superClass ? this.fieldsOfBase(file, node.superClass, problems) : [];
  }

  private classMembers(file: SourceFile, node: TSESTree.ClassDeclaration, owner: string, problems: ModelProblem[]): FieldModel[] {
    const fields: FieldModel[] = [];
    for (const member of node.body.body) {
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === "constructor") {
        // Parameter properties (`constructor(readonly id: Int)`) are instance fields too.
        for (const param of member.value.params) {
          if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
          const target = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
          if (target.type !== AST_NODE_TYPES.Identifier) continue;
          const initializer = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? initializerKind(param.parameter.right) : null;
          fields.push(
            this.field(file, owner, param, nameOnly(target), target.name, target.typeAnnotation?.typeAnnotation, target.optional, initializer, problems),
          );
        }
        continue;
      }
      if (member.type !== AST_NODE_TYPES.PropertyDefinition && member.type !== AST_NODE_TYPES.TSAbstractPropertyDefinition) continue;
      if (member.static || member.key.type === AST_NODE_TYPES.PrivateIdentifier) continue;
      const name = this.memberName(file, member, problems);
      if (name === null) continue;
      fields.push(
        this.field(file, owner, member, member.key, name, member.typeAnnotation?.typeAnnotation, member.optional, initializerKind(member.value), problems),
      );
    }
    return checkDuplicates(fields, problems);
  }

  /** Fields of the generic form's inline payload type (`new OpenEdxPublicSignal<{ … }>`). */
  payloadMembers(file: SourceFile, members: MemberList, problems: ModelProblem[]): FieldModel[] {
    return this.typeMembers(file, members, null, problems);
  }

  private typeMembers(file: SourceFile, members: MemberList, owner: string | null, problems: ModelProblem[]): FieldModel[] {
    const fields: FieldModel[] = [];
    for (const member of members) {
      if (member.type === AST_NODE_TYPES.TSIndexSignature) {
        problems.push({
          code: "computed-key",
          message: "an index signature next to named fields has no Avro form; move the dict to a field of its own",
          span: spanOf(file, member),
        });
        continue;
      }
      if (member.type !== AST_NODE_TYPES.TSPropertySignature || member.static) continue;
      const name = this.memberName(file, member, problems);
      if (name === null) continue;
      fields.push(this.field(file, owner, member, member.key, name, member.typeAnnotation?.typeAnnotation, member.optional, null, problems));
    }
    return checkDuplicates(fields, problems);
  }

  private memberName(
    file: SourceFile,
    member: TSESTree.PropertyDefinition | TSESTree.TSAbstractPropertyDefinition | TSESTree.TSPropertySignature,
    problems: ModelProblem[],
  ): string | null {
    const key = member.key;
    if (!member.computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
    if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === "string" || typeof key.value === "number")) return String(key.value);
    problems.push({
      code: "computed-key",
      message: "a computed key has no name the plugin can read without running the code; write the field name literally",
      span: spanOf(file, key),
    });
    return null;
  }

  private field(
    file: SourceFile,
    owner: string | null,
    member: TSESTree.Node,
    key: TSESTree.Node,
    name: string,
    annotation: TSESTree.TypeNode | undefined,
    optional: boolean,
    initializer: FieldModel["initializer"],
    problems: ModelProblem[],
  ): FieldModel {
    const keySpan = spanOf(file, key);
    if (!AVRO_NAME.test(name)) {
      problems.push({
        code: "invalid-name",
        message: `\`${name}\` is not a valid Avro field name (letters, digits and \`_\`, not starting with a digit)`,
        span: keySpan,
      });
    }
    let type: FieldType;
    if (!annotation) {
      type = {
        kind: "unsupported",
        code: "other",
        text: name,
        reason: "the field has no type annotation, and the plugin reads declared types only",
        span: keySpan,
      };
    } else {
      type = this.mapType(file, annotation);
      if (optional) {
        const inner: FieldType =
          type.kind === "nullable" ? type : { kind: "nullable", inner: type, text: type.kind === "unsupported" ? type.text : annotationText(file, annotation), span: type.span };
        type = {
          kind: "unsupported",
          code: "optional",
          text: `${name}?: ${annotationText(file, annotation)}`,
          reason: "an optional (`?`) field may be missing, which the Avro schema cannot express; a missing value is written `null` (`T | null`)",
          span: spanOf(file, member),
          inner,
        };
      }
    }
    return {
      name,
      type,
      span: spanOf(file, member),
      keySpan,
      typeSpan: annotation ? spanOf(file, annotation) : keySpan,
      optional,
      initializer,
      declaredIn: owner,
    };
  }
}

/** A parameter's identifier without its type annotation (ESTree ranges include the annotation). */
function nameOnly(node: TSESTree.Identifier): TSESTree.Node {
  const [start] = node.range;
  const end = start + node.name.length;
  // Without `loc`: the span is worked out from the range (ESLint's `loc` would include the annotation).
  return { ...node, range: [start, end], loc: undefined, typeAnnotation: undefined, optional: false } as unknown as TSESTree.Identifier;
}

function annotationText(file: SourceFile, node: TSESTree.Node): string {
  return file.text.slice(node.range[0], node.range[1]);
}

function initializerKind(value: TSESTree.Expression | null | undefined): FieldModel["initializer"] {
  if (!value) return null;
  return value.type === AST_NODE_TYPES.Literal && value.value === null && value.raw === "null" ? "null" : "other";
}

/** Inherited fields first; a redeclared field leaves its inherited place and takes the subclass's (as attrs does). */
function mergeInherited(inherited: readonly FieldModel[], own: readonly FieldModel[]): FieldModel[] {
  const ownNames = new Set(own.map((field) => field.name));
  return [...inherited.filter((field) => !ownNames.has(field.name)), ...own];
}

/**
 * The members of merged `interface` blocks, in order. A member repeated in a later block is the
 * same field when its type is written the same (TypeScript requires it); otherwise a problem.
 */
function mergeInterfaceMembers(file: SourceFile, name: string, blocks: readonly (readonly FieldModel[])[], problems: ModelProblem[]): FieldModel[] {
  const merged: FieldModel[] = [];
  const byName = new Map<string, FieldModel>();
  for (const block of blocks) {
    for (const field of block) {
      const first = byName.get(field.name);
      if (!first) {
        byName.set(field.name, field);
        merged.push(field);
      } else if (fieldText(file, first) !== fieldText(file, field)) {
        problems.push({
          code: "duplicate-field",
          message: `the field \`${field.name}\` is declared by two \`interface ${name}\` blocks with different types (\`${fieldText(file, first)}\` at line ${first.keySpan.loc.start.line}, \`${fieldText(file, field)}\` here); TypeScript rejects this: keep one`,
          span: field.keySpan,
        });
      }
    }
  }
  return merged;
}

/** A field's optional mark and type as written (`?: string | null`), to compare merged declarations. */
function fieldText(file: SourceFile, field: FieldModel): string {
  const type = field.typeSpan === field.keySpan ? "" : file.text.slice(field.typeSpan.range[0], field.typeSpan.range[1]);
  return `${field.optional ? "?" : ""}${type}`;
}

function declarationKind(node: TypeDeclaration): string {
  switch (node.type) {
    case AST_NODE_TYPES.ClassDeclaration:
      return "a class";
    case AST_NODE_TYPES.TSInterfaceDeclaration:
      return "an interface";
    case AST_NODE_TYPES.TSTypeAliasDeclaration:
      return "a type alias";
    case AST_NODE_TYPES.TSEnumDeclaration:
      return "an enum";
  }
}

function checkDuplicates(fields: FieldModel[], problems: ModelProblem[]): FieldModel[] {
  const seen = new Set<string>();
  const unique: FieldModel[] = [];
  for (const field of fields) {
    if (seen.has(field.name)) {
      problems.push({ code: "duplicate-field", message: `the field \`${field.name}\` is declared twice`, span: field.keySpan });
      continue;
    }
    seen.add(field.name);
    unique.push(field);
  }
  return unique;
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

/** `a.b.C` as `["a", "b", "C"]`, for member expressions and qualified type names. */
export function qualifiedParts(node: TSESTree.Node): string[] | null {
  if (node.type === AST_NODE_TYPES.Identifier) return [node.name];
  if (node.type === AST_NODE_TYPES.TSQualifiedName) {
    const left = qualifiedParts(node.left);
    return left ? [...left, node.right.name] : null;
  }
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
    const left = qualifiedParts(node.object);
    return left ? [...left, node.property.name] : null;
  }
  return null;
}
