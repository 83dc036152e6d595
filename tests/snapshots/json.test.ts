import { describe, expect, it } from "vitest";
import { findExcessiveNesting, jsonErrorOffset, lineColumn, measureNesting, spacedJsonLayout } from "../../lib/snapshots/json.js";

describe("measureNesting", () => {
  it("measures the deepest level and where the limit is first passed", () => {
    expect(measureNesting('{"a": [[1], {"b": 2}]}', 3)).toEqual({ depth: 3, overAt: null });
    expect(measureNesting('{"a": [[1], {"b": [[]]}]}', 3)).toEqual({ depth: 5, overAt: 18 });
    expect(measureNesting("[".repeat(100_000), 64)).toEqual({ depth: 100_000, overAt: 64 });
  });

  it("ignores brackets inside strings and gives stray closers no credit", () => {
    expect(measureNesting('["[[[\\"[["]', 1)).toEqual({ depth: 1, overAt: null });
    expect(measureNesting("]]]" + "[[", 1)).toEqual({ depth: 2, overAt: 4 });
  });
});

describe("findExcessiveNesting", () => {
  it("measures depth without recursion, even at 100,000 levels", () => {
    const text = "[".repeat(100_000);
    expect(findExcessiveNesting(text, 64)).toBe(64);
  });

  it("allows exactly the cap and ignores brackets inside strings", () => {
    expect(findExcessiveNesting("[".repeat(3) + "]".repeat(3), 3)).toBeNull();
    expect(findExcessiveNesting('{"a": "[[[[[[\\"[[[["}', 2)).toBeNull();
  });

  it("gives stray closers no credit for later openers", () => {
    expect(findExcessiveNesting("]]]]]]" + "[".repeat(5), 3)).toBe(9);
  });
});

describe("jsonErrorOffset", () => {
  it.each([
    ['{"a": 1}', null],
    ['[1, -2.5e+3, true, false, null, "x\\u00e9\\n"]', null],
    ["  {}  ", null],
    ['{"a": }', 6],
    ['{"a":1', 6],
    ["", 0],
    ["[1,\n2,\n x]", 8],
    ['{"a": "\u0001"}', 7],
    ['{"a" 1}', 5],
    ["[01]", 2],
    ['"\\x"', 2],
    ["{} x", 3],
    ["[1,]", 3],
    ["tru", 3],
  ])("%j → %j", (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
    // Agrees with JSON.parse on validity.
    expect(() => JSON.parse(text)).toSatisfy((parse: () => unknown) => {
      try {
        parse();
        return offset === null;
      } catch {
        return offset !== null;
      }
    });
  });
});

describe("lineColumn", () => {
  it("is 1-based", () => {
    expect(lineColumn("ab\ncd", 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn("ab\ncd", 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn("ab", 99)).toEqual({ line: 1, column: 3 });
  });
});

/** Whether the text, as a file holds it (UTF-8), is `compact` with other spacing. */
function isSpacedJson(text: string, compact: string, maxDepth: number): boolean {
  return spacedJsonLayout(new TextEncoder().encode(text), compact, maxDepth) !== null;
}

describe("spacedJsonLayout on any text", () => {
  const compact = JSON.stringify({ name: "CloudEvent", fields: [{ name: "a b", type: ["null", "string"] }], doc: 'say "hi" \\ ok' });

  it.each([
    ["the compact text itself", compact],
    ["generate's layout", `${JSON.stringify(JSON.parse(compact), null, 2)}\n`],
    ["tabs, CRLF and a byte order mark", `\ufeff${JSON.stringify(JSON.parse(compact), null, "\t").replaceAll("\n", "\r\n")}`],
  ])("accepts %s", (_, text) => {
    expect(isSpacedJson(text, compact, 64)).toBe(true);
  });

  it.each([
    ["a space added inside a string", compact.replace('"a b"', '"a  b"')],
    ["an escape for a plain character", compact.replace('"CloudEvent"', '"\\u0043loudEvent"')],
    ["another key order", JSON.stringify({ fields: [{ name: "a b", type: ["null", "string"] }], name: "CloudEvent", doc: 'say "hi" \\ ok' })],
    ["a truncated text", compact.slice(0, -1)],
    ["trailing text", `${compact}x`],
    ["an empty text", ""],
  ])("refuses %s", (_, text) => {
    expect(isSpacedJson(text, compact, 64)).toBe(false);
  });

  it("refuses a text nested deeper than the limit, even when it is the same JSON", () => {
    expect(isSpacedJson(compact, compact, 3)).toBe(false);
    expect(isSpacedJson(compact, compact, 4)).toBe(true);
  });
});
