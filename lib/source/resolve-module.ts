import fs from "node:fs";
import path from "node:path";
import { realPathOf } from "./real-path.js";

export type ModuleResolution =
  | { readonly kind: "file"; readonly path: string }
  /** A package or path alias: not read (no tsconfig, no node_modules lookup). */
  | { readonly kind: "external"; readonly specifier: string }
  | { readonly kind: "not-found"; readonly specifier: string; readonly tried: readonly string[] };

const TS_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".d.ts"];
const JS_TO_TS: Readonly<Record<string, readonly string[]>> = {
  ".js": [".ts", ".tsx", ".d.ts"],
  ".jsx": [".tsx"],
  ".mjs": [".mts", ".d.mts"],
  ".cjs": [".cts", ".d.cts"],
};

export function isRelativeSpecifier(specifier: string): boolean {
  return specifier === "." || specifier === ".." || specifier.startsWith("./") || specifier.startsWith("../");
}

function isFile(candidate: string): boolean {
  try {
    return fs.statSync(candidate).isFile();
  } catch {
    return false;
  }
}

/** Candidate paths for a relative specifier, in the order TypeScript's bundler resolution tries them. */
function candidates(base: string): string[] {
  const ext = path.extname(base);
  const list: string[] = [];
  if (ext in JS_TO_TS) {
    const stem = base.slice(0, -ext.length);
    for (const tsExt of JS_TO_TS[ext] ?? []) list.push(stem + tsExt);
  }
  if (TS_EXTENSIONS.includes(ext)) list.push(base);
  for (const tsExt of TS_EXTENSIONS) list.push(base + tsExt);
  for (const tsExt of TS_EXTENSIONS) list.push(path.join(base, "index" + tsExt));
  return list;
}

/**
 * Resolves `specifier` as written in `fromFile`. Only relative specifiers are followed:
 * the plugin reads the project's own sources and nothing else.
 */
export function resolveModule(fromFile: string, specifier: string): ModuleResolution {
  if (!isRelativeSpecifier(specifier)) return { kind: "external", specifier };
  const base = path.resolve(path.dirname(fromFile), specifier);
  const tried = candidates(base);
  for (const candidate of tried) {
    // By real path: a file reached through a linked directory is the same file as by its own path.
    if (isFile(candidate)) return { kind: "file", path: realPathOf(candidate) };
  }
  return { kind: "not-found", specifier, tried };
}
