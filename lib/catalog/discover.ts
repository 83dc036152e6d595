import fs from "node:fs";
import path from "node:path";
import { errorMessage } from "../errors.js";
import { realPathOf } from "../source/real-path.js";

/** Directories never searched for event definitions. */
const SKIPPED_DIRECTORIES = new Set(["node_modules", "dist", "build", "coverage", ".git", ".hg", ".svn"]);
const SOURCE_FILE = /\.(ts|tsx|mts|cts)$/;
/** Declaration files (`.d.ts`, `.d.mts`, `.d.cts`) describe code, they declare no events. */
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

export interface DiscoveredSources {
  readonly files: readonly string[];
  /** Directories or files that could not be read, with the reason. */
  readonly unreadable: readonly { readonly path: string; readonly reason: string }[];
}

/**
 * TypeScript sources under `roots` (files or directories), declaration files and build output
 * excluded, each once, by real path (a root reached through a link, or two roots that overlap,
 * name the same files).
 */
export function discoverSources(roots: readonly string[]): DiscoveredSources {
  const files = new Set<string>();
  const unreadable: { path: string; reason: string }[] = [];
  const visit = (target: string, explicit: boolean): void => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(target);
    } catch (error) {
      unreadable.push({ path: target, reason: describeError(error) });
      return;
    }
    if (stat.isFile()) {
      if (explicit || (SOURCE_FILE.test(target) && !DECLARATION_FILE.test(target))) files.add(target);
      return;
    }
    if (!stat.isDirectory()) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(target, { withFileTypes: true });
    } catch (error) {
      unreadable.push({ path: target, reason: describeError(error) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith(".")) visit(path.join(target, entry.name), false);
      } else if (SOURCE_FILE.test(entry.name) && !DECLARATION_FILE.test(entry.name)) {
        const file = path.join(target, entry.name);
        if (entry.isFile()) {
          files.add(file);
        } else if (entry.isSymbolicLink()) {
          // A linked source file is read like any other; a broken link is reported, not skipped
          // in silence. Linked directories are not followed (no loops, no escaping the tree).
          try {
            if (fs.statSync(file).isFile()) files.add(realPathOf(file));
          } catch (error) {
            unreadable.push({ path: file, reason: `broken symbolic link: ${describeError(error)}` });
          }
        }
      }
    }
  };
  // Roots by real path; linked directories below them are not followed, so every path under a root is real.
  for (const root of roots) visit(realPathOf(path.resolve(root)), true);
  return { files: [...files], unreadable };
}

export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "not a directory";
    default:
      return errorMessage(error);
  }
}
