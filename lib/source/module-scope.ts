import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/typescript-estree";

/** A top-level declaration a type name can refer to. */
export type TypeDeclaration =
  | TSESTree.ClassDeclaration
  | TSESTree.TSInterfaceDeclaration
  | TSESTree.TSTypeAliasDeclaration
  | TSESTree.TSEnumDeclaration;

export type LocalDeclaration =
  /**
   * `merged`: the other type declarations of the same name (declaration merging: more
   * `interface X` blocks, or an interface beside a class), in source order. `node` is the first
   * one, or the class when a class is among them.
   */
  | { readonly kind: "type"; readonly node: TypeDeclaration; readonly merged: readonly TypeDeclaration[] }
  /** A variable, function or namespace: a value that is not a type we can read. */
  | { readonly kind: "value"; readonly node: TSESTree.Node };

export interface ImportBinding {
  readonly source: string;
  /** The exported name, `"*"` for a namespace import, `"default"` for a default import. */
  readonly imported: string;
  readonly node: TSESTree.Node;
}

export type ExportBinding =
  | { readonly kind: "local"; readonly localName: string }
  | { readonly kind: "reexport"; readonly source: string; readonly imported: string };

/** What a module declares, imports and exports, by name. Built once per parsed file. */
export interface ModuleScope {
  readonly declarations: ReadonlyMap<string, LocalDeclaration>;
  readonly imports: ReadonlyMap<string, ImportBinding>;
  readonly exports: ReadonlyMap<string, ExportBinding>;
  readonly starExports: readonly string[];
  /** A default export that is an expression we cannot name (`export default {…}`). */
  readonly anonymousDefault: boolean;
}

const scopes = new WeakMap<TSESTree.Program, ModuleScope>();

export function moduleScopeOf(program: TSESTree.Program): ModuleScope {
  let scope = scopes.get(program);
  if (!scope) {
    scope = buildModuleScope(program);
    scopes.set(program, scope);
  }
  return scope;
}

function nameOf(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

function buildModuleScope(program: TSESTree.Program): ModuleScope {
  const declarations = new Map<string, LocalDeclaration>();
  const imports = new Map<string, ImportBinding>();
  const exports = new Map<string, ExportBinding>();
  const starExports: string[] = [];
  let anonymousDefault = false;

  const declare = (name: string, entry: LocalDeclaration): void => {
    // Declaration merging: the first type declaration stands for the name, the later ones are kept beside it.
    // A class merged with an interface is the class: its fields are the data class's.
    const existing = declarations.get(name);
    if (!existing || (existing.kind === "value" && entry.kind === "type")) declarations.set(name, entry);
    else if (existing.kind === "type" && entry.kind === "type") {
      if (entry.node.type === AST_NODE_TYPES.ClassDeclaration && existing.node.type !== AST_NODE_TYPES.ClassDeclaration) {
        declarations.set(name, { kind: "type", node: entry.node, merged: [existing.node, ...existing.merged] });
      } else {
        (existing.merged as TypeDeclaration[]).push(entry.node);
      }
    }
  };

  const addDeclaration = (node: TSESTree.Node, exported: boolean): void => {
    switch (node.type) {
      case AST_NODE_TYPES.ClassDeclaration:
      case AST_NODE_TYPES.TSInterfaceDeclaration:
      case AST_NODE_TYPES.TSTypeAliasDeclaration:
      case AST_NODE_TYPES.TSEnumDeclaration:
        if (node.id) {
          declare(node.id.name, { kind: "type", node, merged: [] });
          if (exported) exports.set(node.id.name, { kind: "local", localName: node.id.name });
        }
        break;
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.TSDeclareFunction:
      case AST_NODE_TYPES.TSModuleDeclaration:
        if (node.id && node.id.type === AST_NODE_TYPES.Identifier) {
          declare(node.id.name, { kind: "value", node });
          if (exported) exports.set(node.id.name, { kind: "local", localName: node.id.name });
        }
        break;
      case AST_NODE_TYPES.VariableDeclaration:
        for (const declarator of node.declarations) {
          if (declarator.id.type !== AST_NODE_TYPES.Identifier) continue;
          declare(declarator.id.name, { kind: "value", node: declarator });
          if (exported) exports.set(declarator.id.name, { kind: "local", localName: declarator.id.name });
        }
        break;
      default:
        break;
    }
  };

  for (const statement of program.body) {
    switch (statement.type) {
      case AST_NODE_TYPES.ImportDeclaration: {
        const source = statement.source.value;
        for (const specifier of statement.specifiers) {
          const imported =
            specifier.type === AST_NODE_TYPES.ImportSpecifier
              ? nameOf(specifier.imported)
              : specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier
                ? "default"
                : "*";
          imports.set(specifier.local.name, { source, imported, node: specifier });
        }
        break;
      }
      case AST_NODE_TYPES.ExportNamedDeclaration:
        if (statement.declaration) {
          addDeclaration(statement.declaration, true);
        } else if (statement.source) {
          for (const specifier of statement.specifiers) {
            exports.set(nameOf(specifier.exported), {
              kind: "reexport",
              source: statement.source.value,
              imported: nameOf(specifier.local),
            });
          }
        } else {
          for (const specifier of statement.specifiers) {
            exports.set(nameOf(specifier.exported), { kind: "local", localName: nameOf(specifier.local) });
          }
        }
        break;
      case AST_NODE_TYPES.ExportAllDeclaration:
        if (statement.exported) {
          exports.set(nameOf(statement.exported), {
            kind: "reexport",
            source: statement.source.value,
            imported: "*",
          });
        } else {
          starExports.push(statement.source.value);
        }
        break;
      case AST_NODE_TYPES.ExportDefaultDeclaration: {
        const declaration = statement.declaration;
        if (
          (declaration.type === AST_NODE_TYPES.ClassDeclaration ||
            declaration.type === AST_NODE_TYPES.TSInterfaceDeclaration) &&
          declaration.id
        ) {
          addDeclaration(declaration, false);
          exports.set("default", { kind: "local", localName: declaration.id.name });
        } else if (declaration.type === AST_NODE_TYPES.Identifier) {
          exports.set("default", { kind: "local", localName: declaration.name });
        } else {
          anonymousDefault = true;
        }
        break;
      }
      default:
        addDeclaration(statement, false);
        break;
    }
  }
  return { declarations, imports, exports, starExports, anonymousDefault };
}
