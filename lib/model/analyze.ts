import fs from "node:fs";
import { AST_NODE_TYPES, type TSESTree } from "@typescript-eslint/typescript-estree";
import { settingsCacheKey, type PluginSettings } from "../settings.js";
import { NameResolver, getSourceFile, moduleScopeOf, stampOf, type SourceFile } from "../source/index.js";
import { registerCache } from "../testing.js";
import { buildSignal, findSignalCalls, mayDeclareSignals } from "./signals.js";
import { clearSharedDataClassModels } from "./data-class-builder.js";
import { TypeMapper } from "./type-mapper.js";
import type { SignalDeclaration } from "./types.js";

/** What the plugin knows about one file: its signals and everything they reach. */
export interface FileModel {
  readonly file: string;
  readonly signals: readonly SignalDeclaration[];
  /** The other files read to build this model (for caching and benchmarks). */
  readonly dependencies: readonly SourceFile[];
  /** False when an import named a missing file: the model may change without any file changing. */
  readonly cacheable: boolean;
}

const EMPTY: Omit<FileModel, "file"> = { signals: [], dependencies: [], cacheable: true };

/**
 * The model of a file. Signals are found only in files that mention a signal constructor, so a
 * file without signals costs one substring search and nothing else.
 */
export function analyzeSourceFile(file: SourceFile, settings: PluginSettings): FileModel {
  if (!file.ast || !mayDeclareSignals(file.text, settings.signalConstructors)) return { file: file.path, ...EMPTY };
  const resolver = new NameResolver(file);
  const mapper = new TypeMapper(resolver, settings);
  const signals = findSignalCalls(file.ast, constructorNames(file, settings)).map(({ call, ancestors }) =>
    buildSignal(mapper, file, file.ast!, call, ancestors),
  );
  return {
    file: file.path,
    signals,
    dependencies: resolver.filesRead().filter((dep) => dep !== file),
    cacheable: resolver.misses === 0,
  };
}

/** The configured constructor names, plus local names they are imported as (`import { OpenEdxPublicSignal as Signal }`). */
function constructorNames(file: SourceFile, settings: PluginSettings): readonly string[] {
  const names = new Set(settings.signalConstructors);
  for (const [local, binding] of moduleScopeOf(file.ast!).imports) {
    if (settings.signalConstructors.includes(binding.imported)) names.add(local);
  }
  return [...names];
}

type CacheEntry = { readonly key: string; readonly model: FileModel };
const programModels = new WeakMap<TSESTree.Program, CacheEntry>();

/**
 * The model of the file ESLint is linting, from ESLint's own AST (never re-parsed). Computed once
 * per AST and settings, so every rule of one lint run shares it.
 */
export function analyzeProgram(filePath: string, text: string, program: TSESTree.Program, settings: PluginSettings): FileModel {
  const key = settingsCacheKey(settings);
  const cached = programModels.get(program);
  if (cached && cached.key === key) return cached.model;
  const model = analyzeSourceFile({ path: filePath, text, ast: program, problem: null, stamp: null }, settings);
  programModels.set(program, { key, model });
  return model;
}

/** Models of files on disk, by path: valid while the file keeps its stamp and its dependencies are unchanged. */
const fileModels = new Map<string, CacheEntry & { readonly stamp: string | null }>();

function cachedFileModel(filePath: string, stamp: string | null, key: string): FileModel | null {
  const cached = fileModels.get(filePath);
  if (
    cached &&
    stamp !== null &&
    cached.stamp === stamp &&
    cached.key === key &&
    cached.model.cacheable &&
    cached.model.dependencies.every((dep) => getSourceFile(dep.path) === dep)
  ) {
    return cached.model;
  }
  return null;
}

function currentStamp(filePath: string): string | null {
  try {
    return stampOf(fs.statSync(filePath));
  } catch {
    return null;
  }
}

/**
 * The model of a file on disk, cached until the file or one of its dependencies changes. `read`:
 * the file's text and stamp when the caller has just read it (see `getSourceFile`).
 */
export function analyzeFilePath(filePath: string, settings: PluginSettings, read?: { readonly stamp: string; readonly text: string }): FileModel {
  const key = settingsCacheKey(settings);
  // A stat, not the parse cache: a linted file's model is cached without its AST (analyzeLintedFile),
  // and a hit must not parse it again.
  const cached = cachedFileModel(filePath, currentStamp(filePath), key);
  if (cached) return cached;
  const source = getSourceFile(filePath, read);
  const model = analyzeSourceFile(source, settings);
  fileModels.set(filePath, { key, model, stamp: source.stamp });
  return model;
}

/**
 * The model of the file ESLint is linting when its buffer is the file on disk (`stamp`, from
 * `diskStampOf`): shared with everything that reads that file from disk (the project index),
 * so each file is modelled once per version, and without keeping ESLint's AST alive.
 */
export function analyzeLintedFile(filePath: string, text: string, program: TSESTree.Program, stamp: string, settings: PluginSettings): FileModel {
  const key = settingsCacheKey(settings);
  const cached = cachedFileModel(filePath, stamp, key);
  if (cached) return cached;
  const model = analyzeProgram(filePath, text, program, settings);
  fileModels.set(filePath, { key, model, stamp });
  return model;
}

registerCache("models", () => {
  fileModels.clear();
  clearSharedDataClassModels();
});

export type DataClassNode = TSESTree.ClassDeclaration | TSESTree.TSInterfaceDeclaration | TSESTree.TSTypeAliasDeclaration;

/**
 * Top-level classes, interfaces and type aliases of a program: the candidates for data classes,
 * one per name (the declaration that stands for the name; merged ones are read with it).
 */
export function topLevelDataClassNodes(program: TSESTree.Program): DataClassNode[] {
  const declarations = moduleScopeOf(program).declarations;
  const nodes: DataClassNode[] = [];
  for (const statement of program.body) {
    const node =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
        ? statement.declaration
        : statement;
    if (
      node &&
      (node.type === AST_NODE_TYPES.ClassDeclaration ||
        node.type === AST_NODE_TYPES.TSInterfaceDeclaration ||
        node.type === AST_NODE_TYPES.TSTypeAliasDeclaration) &&
      node.id &&
      declarations.get(node.id.name)?.node === node
    ) {
      nodes.push(node);
    }
  }
  return nodes;
}
