/**
 * The layering of lib/ (docs/architecture.md): data flows one way between its folders, and nothing
 * in lib/ depends on ESLint or on rules/.
 *
 * The walk reads the static imports of every .ts file under lib/: `import … from`, `export … from`
 * and `import x = require(…)`, type-only ones included (a type import ties two folders as much as
 * any other). A dynamic `import()` is not a static import: lib/cli/config.ts loads the user's
 * ESLint at run time, only to read the settings of their config.
 *
 * A node of the graph is a folder of lib/ (its first path segment: `compat`, `snapshots`…), and a
 * file directly under lib/ is a node of its own (`settings.ts`). A cycle inside one folder is the
 * folder's own business; a cycle between folders means none of them can be understood, tested or
 * moved without the others.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AST_NODE_TYPES, parse, type TSESTree } from "@typescript-eslint/typescript-estree";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURES = path.join(ROOT, "tests", "fixtures", "architecture");

/** One static import: `file` (relative to lib/, `/`-separated) imports `specifier` at `line`. */
export interface LibImport {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
  /** Relative specifiers: the imported path relative to lib/ (`../x` when outside lib/); null for packages. */
  readonly target: string | null;
}

/** Packages that are ESLint or carry its types: lib/ stays usable without ESLint. */
const ESLINT_PACKAGES = /^(eslint|@eslint\/[^/]+|@typescript-eslint\/(utils|parser|rule-tester|eslint-plugin))(\/|$)/;

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(full));
    else if (entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) files.push(full);
  }
  return files.sort();
}

function specifierOf(statement: TSESTree.ProgramStatement): TSESTree.StringLiteral | null {
  switch (statement.type) {
    case AST_NODE_TYPES.ImportDeclaration:
    case AST_NODE_TYPES.ExportAllDeclaration:
      return statement.source;
    case AST_NODE_TYPES.ExportNamedDeclaration:
      return statement.source ?? null;
    case AST_NODE_TYPES.TSImportEqualsDeclaration:
      return statement.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference &&
        statement.moduleReference.expression.type === AST_NODE_TYPES.Literal &&
        typeof statement.moduleReference.expression.value === "string"
        ? (statement.moduleReference.expression as TSESTree.StringLiteral)
        : null;
    default:
      return null;
  }
}

/** Every static import of every .ts file under `libDir`. */
export function libImports(libDir: string): LibImport[] {
  const imports: LibImport[] = [];
  for (const file of sourceFiles(libDir)) {
    const ast = parse(fs.readFileSync(file, "utf8"), { loc: true, range: true, jsx: false });
    const relativeFile = path.relative(libDir, file).split(path.sep).join("/");
    for (const statement of ast.body) {
      const source = specifierOf(statement);
      if (source === null) continue;
      const specifier = source.value;
      // Sources name the .js they compile to (NodeNext): the file is the .ts beside it.
      const target = specifier.startsWith(".")
        ? path
            .relative(libDir, path.resolve(path.dirname(file), specifier.replace(/\.js$/, ".ts")))
            .split(path.sep)
            .join("/")
        : null;
      imports.push({ file: relativeFile, line: source.loc.start.line, specifier, target });
    }
  }
  return imports;
}

/** The node of a lib/-relative path: its first segment (a folder, or a top-level file). */
export function nodeOf(libRelative: string): string {
  return libRelative.split("/")[0]!;
}

function describeImport(edge: LibImport): string {
  return `lib/${edge.file}:${edge.line} imports "${edge.specifier}"`;
}

/** Nodes that import each other, and one cycle among them as the imports that close it. */
export interface FolderCycle {
  readonly nodes: readonly string[];
  readonly through: readonly string[];
}

/**
 * Every group of lib/ nodes that import each other (a strongly connected component, by Tarjan's
 * algorithm), with the shortest cycle from its first node: `lib/a/x.ts:2 imports "../b/y.js"`, …
 */
export function folderCycles(imports: readonly LibImport[]): FolderCycle[] {
  const edges = new Map<string, Map<string, LibImport>>();
  for (const edge of imports) {
    if (edge.target === null || edge.target.startsWith("..")) continue;
    const from = nodeOf(edge.file);
    const to = nodeOf(edge.target);
    if (from === to) continue;
    let out = edges.get(from);
    if (!out) edges.set(from, (out = new Map()));
    if (!out.has(to)) out.set(to, edge);
  }
  const nodes = [...new Set([...edges.keys(), ...[...edges.values()].flatMap((out) => [...out.keys()])])].sort();

  // Tarjan's strongly connected components.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of [...(edges.get(node)?.keys() ?? [])].sort()) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);

  // One concrete cycle per component: the shortest way from its first node back to it.
  return components.map((component) => {
    const members = new Set(component);
    const start = component[0]!;
    const cameFrom = new Map<string, LibImport>();
    const queue = [start];
    let closing: LibImport | undefined;
    while (queue.length > 0 && closing === undefined) {
      const node = queue.shift()!;
      for (const [next, edge] of [...(edges.get(node) ?? new Map<string, LibImport>())].sort(([a], [b]) => a.localeCompare(b))) {
        if (!members.has(next)) continue;
        if (next === start) {
          closing = edge;
          break;
        }
        if (cameFrom.has(next)) continue;
        cameFrom.set(next, edge);
        queue.push(next);
      }
    }
    const chain = [closing!];
    for (let node = nodeOf(closing!.file); node !== start; node = nodeOf(cameFrom.get(node)!.file)) chain.unshift(cameFrom.get(node)!);
    return { nodes: component, through: chain.map(describeImport) };
  });
}

/** Imports of ESLint (or packages carrying its types) and of anything outside lib/ (rules/, the plugin's index). */
export function forbiddenImports(imports: readonly LibImport[]): string[] {
  return imports
    .filter((edge) => (edge.target === null ? ESLINT_PACKAGES.test(edge.specifier) : edge.target.startsWith("..")))
    .map(describeImport);
}

describe("the import graph walk", () => {
  it("finds a cycle between two folders, through an export and a type-only import, with the imports that close it", () => {
    const imports = libImports(path.join(FIXTURES, "cycle", "lib"));
    expect(folderCycles(imports)).toEqual([
      { nodes: ["a", "b"], through: ['lib/a/index.ts:2 imports "../b/helper.js"', 'lib/b/helper.ts:1 imports "../a/types.js"'] },
    ]);
  });

  it("finds imports of ESLint, of packages carrying its types and of anything outside lib/", () => {
    const imports = libImports(path.join(FIXTURES, "cycle", "lib"));
    expect(forbiddenImports(imports)).toEqual([
      'lib/top.ts:4 imports "../rules/index.js"',
      'lib/top.ts:5 imports "eslint"',
      'lib/top.ts:6 imports "@typescript-eslint/utils"',
    ]);
  });

  it("accepts cycles inside one folder, top-level files as their own nodes, node: modules and dynamic imports", () => {
    const imports = libImports(path.join(FIXTURES, "clean", "lib"));
    expect(imports.map((edge) => `${edge.file} → ${edge.target ?? edge.specifier}`)).toEqual([
      "a/helper.ts → a/index.ts",
      "a/index.ts → b/index.ts",
      "a/index.ts → a/helper.ts",
      "b/index.ts → leaf.ts",
      "leaf.ts → node:path",
    ]);
    expect(folderCycles(imports)).toEqual([]);
    expect(forbiddenImports(imports)).toEqual([]);
  });

  it("reports each group of nodes that import each other once, with its shortest cycle in import order", () => {
    const edge = (file: string, target: string): LibImport => ({ file, line: 1, specifier: target, target });
    const imports = [
      edge("c/x.ts", "a.ts"),
      edge("a.ts", "b/y.ts"),
      edge("b/y.ts", "c/z.ts"),
      edge("b/y.ts", "e/v.ts"),
      edge("e/v.ts", "c/z.ts"),
      edge("d/w.ts", "a.ts"),
      edge("f/u.ts", "g/t.ts"),
      edge("g/t.ts", "f/s.ts"),
    ];
    expect(folderCycles(imports)).toEqual([
      { nodes: ["a.ts", "b", "c", "e"], through: ['lib/a.ts:1 imports "b/y.ts"', 'lib/b/y.ts:1 imports "c/z.ts"', 'lib/c/x.ts:1 imports "a.ts"'] },
      { nodes: ["f", "g"], through: ['lib/f/u.ts:1 imports "g/t.ts"', 'lib/g/t.ts:1 imports "f/s.ts"'] },
    ]);
  });
});

describe("lib/", () => {
  const imports = libImports(path.join(ROOT, "lib"));

  it("is read whole", () => {
    // A walk that silently read nothing would pass everything below.
    expect(new Set(imports.map((edge) => nodeOf(edge.file)))).toContain("settings.ts");
    expect(imports.length).toBeGreaterThan(100);
  });

  it("has no cycle between its folders", () => {
    expect(folderCycles(imports)).toEqual([]);
  });

  it("imports neither ESLint nor anything outside lib/", () => {
    expect(forbiddenImports(imports)).toEqual([]);
  });

  it("keeps settings.ts a leaf: it imports nothing from the folders of lib/", () => {
    const fromSettings = imports.filter((edge) => edge.file === "settings.ts" && edge.target !== null);
    expect(fromSettings.filter((edge) => edge.target!.includes("/")).map(describeImport)).toEqual([]);
  });
});
