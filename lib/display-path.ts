import path from "node:path";

/** How {@link displayPath} shows a path. */
export interface PathDisplay {
  /**
   * `base` is the file whose message mentions the path (an editor message): the path is relative
   * to that file's directory, as an import would spell it (`./data.ts`, `../learning/data.ts`).
   * Default: `base` is the working directory.
   */
  readonly fromFile?: boolean;
  /**
   * A place in the file, added after the path: `:line:column` (the column 0-based as ESTree gives
   * it, shown 1-based as editors do), or `:line` without a column.
   */
  readonly at?: { readonly line: number; readonly column?: number };
}

/**
 * A path as a message shows it, with `/` separators on every platform. From the working directory
 * `base`: relative when `file` is inside it (`schemas/a.avsc`; `.` for `base` itself), absolute
 * otherwise, since a user types a path from where they are and a long `../../..` helps no one.
 */
export function displayPath(base: string, file: string, display: PathDisplay = {}): string {
  let shown: string;
  if (display.fromFile) {
    shown = slashes(path.relative(path.dirname(base), file));
    if (shown !== ".." && !shown.startsWith("../")) shown = `./${shown}`;
  } else {
    const relative = slashes(path.relative(base, file));
    if (relative === "") shown = ".";
    else shown = relative === ".." || relative.startsWith("../") || path.isAbsolute(relative) ? file : relative;
  }
  const at = display.at;
  if (at === undefined) return shown;
  return at.column === undefined ? `${shown}:${at.line}` : `${shown}:${at.line}:${at.column + 1}`;
}

function slashes(file: string): string {
  return file.split(path.sep).join("/");
}
