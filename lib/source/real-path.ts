import fs from "node:fs";
import path from "node:path";

/**
 * The path of `file` with every symbolic link resolved: one file has one identity, whatever path
 * names it (`src -> real` makes `src/signals.ts` and `real/signals.ts` one file, as TypeScript's
 * own resolution does). A path that does not exist (an unsaved buffer) keeps its last component,
 * under its directory's real path.
 */
export function realPathOf(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch {
    const dir = path.dirname(file);
    return dir === file ? file : path.join(realPathOf(dir), path.basename(file));
  }
}
