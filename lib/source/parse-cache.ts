import fs from "node:fs";
import type { TSESTree } from "@typescript-eslint/typescript-estree";
import { registerCache, registerCounter } from "../testing.js";
import { parseTypeScript } from "./parsers.js";

/**
 * One parsed TypeScript file. `ast` is null when the file could not be read or parsed;
 * `problem` then says why, so callers can report it instead of throwing.
 */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly ast: TSESTree.Program | null;
  readonly problem: SourceProblem | null;
  /** Stamp of the version on disk this entry was made from (null for editor buffers). */
  readonly stamp: string | null;
}

export interface SourceProblem {
  readonly kind: "unreadable" | "syntax-error" | "too-large";
  readonly message: string;
  /** 1-based line of a syntax error. */
  readonly line?: number;
  /** 1-based column of a syntax error, as editors show it. */
  readonly column?: number;
}

/** Files larger than this are not parsed: event definitions are never that big. */
export const MAX_SOURCE_BYTES = 4 * 1024 * 1024;

const cache = new Map<string, SourceFile>();
let parses = 0;

/** A file's version on disk, for caches that must see edits: modification time and size. */
export function stampOf(stat: fs.Stats): string {
  return `${stat.mtimeMs}:${stat.size}`;
}

export function parseSource(path: string, text: string, stamp: string | null): SourceFile {
  parses++;
  const { ast, error } = parseTypeScript(path, text);
  if (ast) return { path, text, ast, problem: null, stamp };
  return { path, text, ast: null, stamp, problem: { kind: "syntax-error", ...error } };
}

/**
 * The parsed file at `path`, parsed at most once per version on disk. The version is the
 * file's modification time and size, so an editor sees edits without a restart. `read` is the
 * file's text when the caller has just read it (the project scan): used when its stamp is the
 * file's, instead of reading the file again.
 */
export function getSourceFile(path: string, read?: { readonly stamp: string; readonly text: string }): SourceFile {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch (error) {
    cache.delete(path);
    return unreadable(path, error);
  }
  const stamp = stampOf(stat);
  const cached = cache.get(path);
  if (cached && cached.stamp === stamp) return cached;
  let entry: SourceFile;
  if (!stat.isFile()) {
    entry = { path, text: "", ast: null, stamp, problem: { kind: "unreadable", message: "not a regular file" } };
  } else if (stat.size > MAX_SOURCE_BYTES) {
    entry = {
      path,
      text: "",
      ast: null,
      stamp,
      problem: { kind: "too-large", message: `larger than ${MAX_SOURCE_BYTES} bytes, not parsed` },
    };
  } else {
    let text: string;
    try {
      text = read !== undefined && read.stamp === stamp ? read.text : fs.readFileSync(path, "utf8");
    } catch (error) {
      return unreadable(path, error);
    }
    entry = parseSource(path, text, stamp);
  }
  cache.set(path, entry);
  return entry;
}

/**
 * The stamp of the file at `path` when `text` (an editor's buffer, or what ESLint read) is
 * exactly what is on disk, else null: an unsaved buffer is not what other files import.
 */
export function diskStampOf(path: string, text: string): string | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch {
    return null;
  }
  const stamp = stampOf(stat);
  const cached = cache.get(path);
  if (cached && cached.stamp === stamp) return cached.ast !== null && cached.text === text ? stamp : null;
  if (!stat.isFile() || stat.size !== Buffer.byteLength(text)) return null;
  let disk: string;
  try {
    disk = fs.readFileSync(path, "utf8");
  } catch {
    return null;
  }
  return disk === text ? stamp : null;
}

/**
 * Lets the file ESLint is linting serve later imports of it without a second parse. `stamp`
 * comes from {@link diskStampOf}: the buffer is the file on disk.
 */
export function adoptLintedFile(path: string, text: string, ast: TSESTree.Program, stamp: string): void {
  const cached = cache.get(path);
  if (cached && cached.stamp === stamp) return;
  cache.set(path, { path, text, ast, problem: null, stamp });
}

function unreadable(path: string, error: unknown): SourceFile {
  const code = (error as NodeJS.ErrnoException).code;
  const message = code === "ENOENT" ? "file not found" : code ? `cannot read (${code})` : String(error);
  return { path, text: "", ast: null, stamp: null, problem: { kind: "unreadable", message } };
}

registerCache("sources", () => {
  cache.clear();
  parses = 0;
});
registerCounter("parses", () => parses);
