import path from "node:path";
import { getSourceFile, type SourceFile } from "./parse-cache.js";
import { moduleScopeOf, type LocalDeclaration } from "./module-scope.js";
import { resolveModule } from "./resolve-module.js";

/** What a name used in a file refers to. */
export type NameResolution =
  | {
      readonly kind: "declaration";
      readonly file: SourceFile;
      readonly declaration: LocalDeclaration;
      /** The declared name, which may differ from the name used (`import { A as B }`). */
      readonly name: string;
    }
  | { readonly kind: "namespace"; readonly file: SourceFile }
  | { readonly kind: "external"; readonly module: string; readonly name: string }
  | {
      readonly kind: "unresolved";
      /** Why, for those who must tell the cases apart: no such name or module, a file that cannot be read, re-exports in a loop. */
      readonly failure: UnresolvedFailure;
      readonly reason: string;
    };

export type UnresolvedFailure = "not-found" | "not-exported" | "unreadable" | "cycle";

/**
 * Resolves names across files. One resolver serves one analysis (one lint of one file or one
 * CLI run): within it each file is looked up once, so a file changed on disk is seen by the
 * next analysis, never half-way through one.
 */
export class NameResolver {
  private readonly files = new Map<string, SourceFile>();
  /** `fromFile\0specifier` → resolution: every `data` entry of a file resolves the same imports. */
  private readonly modules = new Map<string, ReturnType<typeof resolveModule>>();

  /** The file being analysed may come from an editor buffer: register it first. */
  constructor(root?: SourceFile) {
    if (root) this.files.set(root.path, root);
  }

  file(filePath: string): SourceFile {
    let file = this.files.get(filePath);
    if (!file) {
      file = getSourceFile(filePath);
      this.files.set(filePath, file);
    }
    for (const recording of this.recordings) recording.add(file);
    return file;
  }

  private readonly recordings: Set<SourceFile>[] = [];

  /** Records every file looked up from now until `stop()` (nested recordings see them too). */
  record(): { readonly files: ReadonlySet<SourceFile>; stop(): void } {
    const files = new Set<SourceFile>();
    this.recordings.push(files);
    return {
      files,
      stop: () => {
        const index = this.recordings.lastIndexOf(files);
        if (index >= 0) this.recordings.splice(index, 1);
      },
    };
  }

  /** How many relative imports named a file that does not exist (it may be created later). */
  misses = 0;

  /** The files this analysis has read, for benchmarks and dependency tracking. */
  filesRead(): readonly SourceFile[] {
    return [...this.files.values()];
  }

  /** What `name`, used at the top level of `file`, refers to. */
  resolveLocal(file: SourceFile, name: string): NameResolution {
    return this.local(file, name, new Set());
  }

  /** What `file` exports as `name`. */
  resolveExport(file: SourceFile, name: string): NameResolution {
    return this.exported(file, name, new Set());
  }

  /** Resolves `ns.Name` where `ns` is a namespace import (possibly nested). */
  resolveQualified(file: SourceFile, parts: readonly string[]): NameResolution {
    const [first, ...rest] = parts;
    if (first === undefined) return { kind: "unresolved", failure: "not-found", reason: "empty name" };
    let current = this.resolveLocal(file, first);
    for (const part of rest) {
      if (current.kind === "namespace") {
        current = this.resolveExport(current.file, part);
      } else if (current.kind === "external") {
        current = { kind: "external", module: current.module, name: part };
      } else if (current.kind === "unresolved") {
        return current;
      } else {
        return { kind: "unresolved", failure: "not-found", reason: `'${current.name}' is not a namespace, so '.${part}' cannot be followed` };
      }
    }
    return current;
  }

  private open(fromFile: SourceFile, specifier: string): SourceFile | NameResolution {
    const key = `${fromFile.path}\0${specifier}`;
    let resolution = this.modules.get(key);
    if (!resolution) {
      resolution = resolveModule(fromFile.path, specifier);
      this.modules.set(key, resolution);
    }
    if (resolution.kind === "external") return { kind: "external", module: specifier, name: "" };
    if (resolution.kind === "not-found") {
      this.misses++;
      return { kind: "unresolved", failure: "not-found", reason: `cannot find module '${specifier}' from ${path.basename(fromFile.path)}` };
    }
    const target = this.file(resolution.path);
    if (!target.ast) {
      const problem = target.problem;
      const where = problem?.line ? ` (line ${problem.line}${problem.column ? `, column ${problem.column}` : ""})` : "";
      return {
        kind: "unresolved",
        failure: "unreadable",
        reason: `${path.basename(target.path)} cannot be read: ${problem?.message ?? "unknown problem"}${where}`,
      };
    }
    return target;
  }

  private local(file: SourceFile, name: string, visited: Set<string>): NameResolution {
    if (!file.ast) return { kind: "unresolved", failure: "unreadable", reason: `${path.basename(file.path)} cannot be parsed` };
    const scope = moduleScopeOf(file.ast);
    const declaration = scope.declarations.get(name);
    if (declaration) return { kind: "declaration", file, declaration, name };
    const binding = scope.imports.get(name);
    if (!binding) {
      return { kind: "unresolved", failure: "not-found", reason: `'${name}' is neither declared nor imported in ${path.basename(file.path)}` };
    }
    const target = this.open(file, binding.source);
    if (!("path" in target)) {
      return target.kind === "external" ? { kind: "external", module: binding.source, name: binding.imported === "*" ? "" : binding.imported } : target;
    }
    if (binding.imported === "*") return { kind: "namespace", file: target };
    return this.exported(target, binding.imported, visited);
  }

  private exported(file: SourceFile, name: string, visited: Set<string>): NameResolution {
    const key = `${file.path}\0${name}`;
    if (visited.has(key)) {
      return { kind: "unresolved", failure: "cycle", reason: `import cycle: '${name}' is re-exported in a loop through ${path.basename(file.path)}` };
    }
    visited.add(key);
    try {
      return this.exportedUnvisited(file, name, visited);
    } finally {
      // `visited` is the current path only: a diamond of re-exports is not a cycle.
      visited.delete(key);
    }
  }

  private exportedUnvisited(file: SourceFile, name: string, visited: Set<string>): NameResolution {
    if (!file.ast) return { kind: "unresolved", failure: "unreadable", reason: `${path.basename(file.path)} cannot be parsed` };
    const scope = moduleScopeOf(file.ast);
    const binding = scope.exports.get(name);
    if (binding?.kind === "local") return this.local(file, binding.localName, visited);
    if (binding?.kind === "reexport") {
      const target = this.open(file, binding.source);
      if (!("path" in target)) {
        return target.kind === "external" ? { kind: "external", module: binding.source, name: binding.imported } : target;
      }
      if (binding.imported === "*") return { kind: "namespace", file: target };
      return this.exported(target, binding.imported, visited);
    }
    if (name !== "default") {
      let firstProblem: NameResolution | null = null;
      for (const source of scope.starExports) {
        const target = this.open(file, source);
        if (!("path" in target)) {
          if (target.kind === "unresolved") firstProblem ??= target;
          continue;
        }
        const found = this.exported(target, name, visited);
        if (found.kind !== "unresolved") return found;
        if (found.failure !== "not-exported") firstProblem ??= found;
      }
      if (firstProblem) return firstProblem;
    }
    return { kind: "unresolved", failure: "not-exported", reason: `${path.basename(file.path)} does not export '${name}'` };
  }
}

