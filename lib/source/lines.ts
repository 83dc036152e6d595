import type { TSESTree } from "@typescript-eslint/typescript-estree";

/**
 * Offsets → line and column, for ASTs that carry offsets only (the fast parser's). Line breaks are
 * TypeScript's and ESLint's: `\r\n`, `\n`, `\r`, U+2028, U+2029; columns count UTF-16 units from 0.
 */
export class LineIndex {
  /** Offsets where lines start: kept instead of the text, which spans would otherwise hold alive. */
  private readonly starts: Uint32Array;

  constructor(text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (code === 10 || code === 0x2028 || code === 0x2029) {
        starts.push(i + 1);
      }
    }
    this.starts = Uint32Array.from(starts);
  }

  position(offset: number): TSESTree.Position {
    const starts = this.starts;
    // Binary search: the last line starting at or before `offset`.
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! };
  }

  location(range: readonly [number, number]): TSESTree.SourceLocation {
    return { start: this.position(range[0]), end: this.position(range[1]) };
  }
}

/** One index per text holder (a parsed file, or a program the fast parser made), built when it is first needed. */
const indexes = new WeakMap<object, LineIndex>();

export function lineIndexOf(holder: { readonly text: string }): LineIndex {
  let index = indexes.get(holder);
  if (!index) {
    index = new LineIndex(holder.text);
    indexes.set(holder, index);
  }
  return index;
}

/** The texts of the programs the fast parser made (the file's own string, not a copy). */
const programTexts = new WeakMap<TSESTree.Program, string>();

/** Lets code that holds only a program (no file) place its nodes: see {@link programLineIndex}. */
export function registerProgramText(program: TSESTree.Program, text: string): void {
  programTexts.set(program, text);
}

/** The line index of a program the fast parser made, null for ASTs whose nodes carry `loc`. */
export function programLineIndex(program: TSESTree.Program): LineIndex | null {
  let index = indexes.get(program);
  if (!index) {
    const text = programTexts.get(program);
    if (text === undefined) return null;
    index = new LineIndex(text);
    indexes.set(program, index);
  }
  return index;
}
