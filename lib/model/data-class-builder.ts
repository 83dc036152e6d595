/**
 * Data class declarations (classes, interfaces, object type aliases) → `DataClassModel`s: their
 * fields in Avro order (inherited first, redeclared at the subclass's place, merged interface
 * blocks), and the problems of the declarations themselves. The types of the fields are the
 * `TypeMapper`'s to map.
 */
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/typescript-estree";
import { settingsCacheKey } from "../settings.js";
import { moduleScopeOf, spanOf, type SourceFile, type TypeDeclaration } from "../source/index.js";
import type { DataClassNode } from "./analyze.js";
import { checkFieldName, duplicateField, problemAt } from "./problems.js";
import { qualifiedParts } from "./qualified-name.js";
import type { TypeMapper } from "./type-mapper.js";
import type { DataClassKind, DataClassModel, FieldModel, FieldType, ModelProblem } from "./types.js";

type MemberList = readonly TSESTree.TypeElement[];

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

/** Builds the data classes of one analysis, with the mapper that maps their field types. */
export class DataClassBuilder {
  private readonly dataClasses = new Map<TSESTree.Node, DataClassModel>();

  constructor(private readonly mapper: TypeMapper) {}

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
    const cycles = this.mapper.cycleCount;
    const misses = this.mapper.resolver.misses;
    const recording = this.mapper.resolver.record();
    let model: DataClassModel;
    try {
      model = this.mapper.inside(node, () => this.buildDataClass(file, node));
      this.dataClasses.set(node, model);
    } finally {
      recording.stop();
    }
    // Only a model that is the same wherever the walk started, from files on disk, is shared.
    const deps = [file, ...recording.files];
    if (this.mapper.cycleCount === cycles && this.mapper.resolver.misses === misses && deps.every((dep) => dep.stamp !== null)) {
      sharedModels.set(node, { key: settingsCacheKey(this.mapper.settings), model, deps });
    }
    return model;
  }

  private sharedModel(file: SourceFile, node: DataClassNode): DataClassModel | null {
    if (file.stamp === null) return null;
    const shared = sharedModels.get(node);
    if (!shared || shared.key !== settingsCacheKey(this.mapper.settings)) return null;
    // Looking the files up through the resolver records them as this analysis's dependencies too.
    for (const dep of shared.deps) if (this.mapper.resolver.file(dep.path) !== dep) return null;
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
      problems.push(problemAt(file, other.id ?? other, "merged-declaration", message));
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
    problems.push(problemAt(file, node, "unresolved-base", `\`${file.text.slice(node.range[0], node.range[1])}\` is not an object type, so its fields cannot be read`));
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
    const resolution = this.mapper.resolver.resolveQualified(file, parts);
    if (resolution.kind === "declaration" && resolution.declaration.kind === "type") {
      const node = resolution.declaration.node;
      if (node.type !== AST_NODE_TYPES.TSEnumDeclaration) {
        if (this.mapper.isInProgress(node)) {
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
        problems.push(problemAt(file, member, "computed-key", "an index signature next to named fields has no Avro form; move the dict to a field of its own"));
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
    problems.push(problemAt(file, key, "computed-key", "a computed key has no name the plugin can read without running the code; write the field name literally"));
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
    checkFieldName(name, keySpan, problems);
    let type: FieldType;
    if (!annotation) {
      type = {
        kind: "unsupported",
        code: "other",
        text: name,
        cause: { id: "no-annotation" },
        span: keySpan,
      };
    } else {
      type = this.mapper.mapType(file, annotation);
      if (optional) {
        const inner: FieldType =
          type.kind === "nullable" ? type : { kind: "nullable", inner: type, text: type.kind === "unsupported" ? type.text : annotationText(file, annotation), span: type.span };
        type = {
          kind: "unsupported",
          code: "optional",
          text: `${name}?: ${annotationText(file, annotation)}`,
          cause: { id: "optional-field" },
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
      problems.push(duplicateField(field.name, field.keySpan));
      continue;
    }
    seen.add(field.name);
    unique.push(field);
  }
  return unique;
}
