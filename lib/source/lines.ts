import type { TSESTree } from "@typescript-eslint/typescript-estree";

/**
 * Offsets → line and column, for ASTs that carry offsets only (the fast parser's). Line breaks are
 * TypeScript's and ESLint's: `\r\n`, `\n`, `\r`, U+2028, U+2029; columns count UTF-16 units from 0.
 */
export class LineIndex {
  private starts: number[] | null = null;
  /** Dropped once the line starts are known. */
  private text: string | null;

  constructor(text: string) {
    this.text = text;
  }

  /** Offsets where lines start, computed on the first question: most files are never asked. */
  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const text = this.text!;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (code === 10 || code === 0x2028 || code === 0x2029) {
        starts.push(i + 1);
      }
    }
    this.starts = starts;
    this.text = null;
    return starts;
  }

  position(offset: number): TSESTree.Position {
    const starts = this.lineStarts();
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

/** One index per text holder (a parsed file, or a program the fast parser made), built on its first question. */
const indexes = new WeakMap<object, LineIndex>();

export function lineIndexOf(holder: { readonly text: string }): LineIndex {
  let index = indexes.get(holder);
  if (!index) {
    index = new LineIndex(holder.text);
    indexes.set(holder, index);
  }
  return index;
}

/** Lets code that holds only a program (no file) place its nodes: see {@link programLineIndex}. */
export function registerProgramText(program: TSESTree.Program, text: string): void {
  indexes.set(program, new LineIndex(text));
}

/** The line index of a program the fast parser made, null for ASTs whose nodes carry `loc`. */
export function programLineIndex(program: TSESTree.Program): LineIndex | null {
  return indexes.get(program) ?? null;
}
