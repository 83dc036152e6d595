/**
 * JSON helpers that never recurse on untrusted depth.
 *
 * `JSON.parse` and avsc both recurse, so a file of 10,000 `[` could blow the
 * stack: the depth is measured on the raw text first, with a flat loop. And
 * since V8's parse errors do not always carry a position, a small validator
 * finds where the text stops being JSON, for a line/column diagnostic.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * How deep `text` nests (`[` and `{`; brackets inside strings do not count), and the offset of
 * the first opener of level `maxDepth + 1` (null when the text stays within `maxDepth`). A flat
 * loop: works on any text, valid JSON or not, whatever its depth.
 */
export function measureNesting(text: string, maxDepth: number): { depth: number; overAt: number | null } {
  let depth = 0;
  let deepest = 0;
  let overAt: number | null = null;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > deepest) {
        deepest = depth;
        if (depth > maxDepth && overAt === null) overAt = i;
      }
    } else if ((c === 0x5d /* ] */ || c === 0x7d /* } */) && depth > 0) {
      // Clamped: a stray closer must not buy credit for later openers.
      depth--;
    }
  }
  return { depth: deepest, overAt };
}

/** Offset of the first `[` or `{` that opens nesting level `maxDepth + 1`, or null (see {@link measureNesting}). */
export function findExcessiveNesting(text: string, maxDepth: number): number | null {
  return measureNesting(text, maxDepth).overAt;
}

/**
 * Whether the bytes of a file, before they are decoded, are `compact` (a `JSON.stringify` result,
 * which has no whitespace outside strings) with any whitespace between tokens and an optional byte
 * order mark: the same JSON value written with the same key order and escapes, compared without
 * parsing anything. `"canonical"` when they are exactly what openedx-events writes of it
 * (`JSON.stringify(value, null, 2)`, printable ASCII only, no byte order mark, nothing after the
 * last brace), so the text need not be kept, since it can be written again; `"spaced"` for any
 * other layout; null when they are not `compact`, or nest deeper than `maxDepth`. A flat loop,
 * bounded by `compact`: safe on any bytes.
 */
export function spacedJsonLayout(bytes: Uint8Array, compact: string, maxDepth: number): "canonical" | "spaced" | null {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  let i = bom ? 3 : 0;
  let canonical = !bom;
  let inString = false;
  let depth = 0;
  let previous = 0;
  for (let j = 0; j < compact.length; j++, i++) {
    const c = compact.charCodeAt(j);
    if (c > 0x7e) {
      // openedx-events writes these as `\uXXXX` escapes: a file holding them as such is not canonical.
      canonical = false;
      if (c > 0x7f) {
        const length = utf8Matches(bytes, i, compact, j);
        if (length === 0) return null;
        i += length - 1;
        if (c >= 0xd800 && c <= 0xdbff) j++;
        continue;
      }
    }
    if (!inString && !insideLiteral(compact, j)) {
      const gapStart = i;
      while (i < bytes.length && isJsonSpace(bytes[i]!)) i++;
      if (canonical) canonical = isIndentGap(bytes, gapStart, i, previous, c, depth);
    }
    if (bytes[i] !== c) return null;
    if (inString) {
      if (c === BACKSLASH) {
        // The escaped character is compared as is, whatever it is.
        j++;
        i++;
        if (bytes[i] !== compact.charCodeAt(j)) return null;
      } else if (c === QUOTE) {
        inString = false;
      }
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > maxDepth) return null;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
    previous = inString && c !== QUOTE ? 0 : c;
  }
  const end = i;
  while (i < bytes.length && isJsonSpace(bytes[i]!)) i++;
  if (i !== bytes.length) return null;
  return canonical && end === bytes.length ? "canonical" : "spaced";
}

/**
 * The length of the UTF-8 encoding of the non-ASCII character at `compact[j]` (a surrogate pair
 * counts as one) when `bytes` hold it at `i`, else 0 (a lone surrogate, which no UTF-8 file holds,
 * included).
 */
function utf8Matches(bytes: Uint8Array, i: number, compact: string, j: number): number {
  let code = compact.charCodeAt(j);
  if (code >= 0xdc00 && code <= 0xdfff) return 0;
  if (code >= 0xd800 && code <= 0xdbff) {
    const low = compact.charCodeAt(j + 1);
    if (!(low >= 0xdc00 && low <= 0xdfff)) return 0;
    code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
  }
  const length = code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  // The lead byte carries the top bits, each continuation byte six more.
  const lead = length === 2 ? 0xc0 : length === 3 ? 0xe0 : 0xf0;
  if (bytes[i] !== (lead | (code >> (6 * (length - 1))))) return 0;
  for (let k = 1; k < length; k++) {
    if (bytes[i + k] !== (0x80 | ((code >> (6 * (length - 1 - k))) & 0x3f))) return 0;
  }
  return length;
}

/**
 * Whether `bytes[start, end)`, the white space between the tokens `previous` and `next` of compact
 * JSON at nesting `depth` (before `next` is counted), is what `JSON.stringify(value, null, 2)` puts
 * there: a line break and the indentation after an opener or a comma and before a closer (none
 * inside an empty `{}` or `[]`), one space after a colon, nothing elsewhere.
 */
function isIndentGap(bytes: Uint8Array, start: number, end: number, previous: number, next: number, depth: number): boolean {
  const opener = previous === 0x5b || previous === 0x7b;
  const closer = next === 0x5d || next === 0x7d;
  let indent: number;
  if (opener && closer) indent = -1;
  else if (opener || previous === 0x2c /* , */) indent = depth;
  else if (closer) indent = depth - 1;
  else if (previous === 0x3a /* : */) return end - start === 1 && bytes[start] === 0x20;
  else indent = -1;
  if (indent < 0) return end === start;
  if (end - start !== 1 + 2 * indent || bytes[start] !== 0x0a) return false;
  for (let k = start + 1; k < end; k++) if (bytes[k] !== 0x20) return false;
  return true;
}

/**
 * Whether `compact[j]` continues the literal (`null`, `true`, a number) that `compact[j - 1]`
 * belongs to: outside strings, compact JSON puts two such characters side by side only within one
 * token, and white space there (`nu ll`) is not JSON.
 */
function insideLiteral(compact: string, j: number): boolean {
  return j > 0 && isLiteralChar(compact.charCodeAt(j)) && isLiteralChar(compact.charCodeAt(j - 1));
}

/** A character of `true`, `false`, `null` or a number. */
function isLiteralChar(c: number): boolean {
  return (c >= 0x61 /* a */ && c <= 0x7a) /* z */ || (c >= 0x30 /* 0 */ && c <= 0x39) /* 9 */ || c === 0x2e /* . */ || c === 0x2d /* - */ || c === 0x2b /* + */ || c === 0x45 /* E */;
}

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** 1-based line and column (UTF-16 code units) of `offset`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

class Stop {
  constructor(readonly offset: number) {}
}

/**
 * Offset where `text` stops being valid JSON (text.length for a premature
 * end), or null if it is valid. Only meant for texts whose nesting was already
 * bounded by {@link findExcessiveNesting}, so the recursion is shallow.
 */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (at: number = i): never => {
    throw new Stop(at);
  };
  const ws = (): void => {
    while (i < text.length) {
      const c = text[i];
      if (c === " " || c === "\t" || c === "\n" || c === "\r") i++;
      else break;
    }
  };
  const literal = (word: string): void => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const digits = (): void => {
    const start = i;
    while (i < text.length && text[i]! >= "0" && text[i]! <= "9") i++;
    if (i === start) fail();
  };
  const number = (): void => {
    if (text[i] === "-") i++;
    if (text[i] === "0") i++;
    else digits();
    if (text[i] === ".") {
      i++;
      digits();
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      digits();
    }
  };
  const string = (): void => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        i++;
        return;
      }
      if (c < 0x20) fail();
      if (c === BACKSLASH) {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(i + 1);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          i += 2;
        } else {
          fail(i + 1);
        }
      } else {
        i++;
      }
    }
  };
  /** An object's members or an array's items, from the opening bracket: `item`s separated by `,`, up to `close`. */
  const list = (close: string, item: () => void): void => {
    i++;
    ws();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      ws();
      if (text[i] === ",") i++;
      else if (text[i] === close) {
        i++;
        return;
      } else fail();
    }
  };
  const member = (): void => {
    ws();
    if (text[i] !== '"') fail();
    string();
    ws();
    if (text[i] !== ":") fail();
    i++;
    value();
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") list("}", member);
    else if (c === "[") list("]", value);
    else if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) number();
    else fail();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return null;
  } catch (error) {
    if (error instanceof Stop) return error.offset;
    throw error;
  }
}
