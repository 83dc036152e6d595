import path from "node:path";
import { describe, expect, it } from "vitest";
import { displayPath } from "../lib/display-path.js";

const CWD = path.resolve("/work/project");
const inCwd = (...parts: string[]): string => path.join(CWD, ...parts);

describe("displayPath from the working directory", () => {
  it("shows a file inside it relative, with / separators", () => {
    expect(displayPath(CWD, inCwd("schemas", "a.avsc"))).toBe("schemas/a.avsc");
    expect(displayPath(CWD, inCwd("a.ts"))).toBe("a.ts");
  });

  it("shows the directory itself as .", () => {
    expect(displayPath(CWD, CWD)).toBe(".");
  });

  it("shows a file outside it absolute, as given", () => {
    const outside = path.resolve("/elsewhere/schemas/a.avsc");
    expect(displayPath(CWD, outside)).toBe(outside);
    expect(displayPath(CWD, path.dirname(CWD))).toBe(path.dirname(CWD));
  });

  it("keeps a name that only starts with two dots inside it relative", () => {
    expect(displayPath(CWD, inCwd("..notes", "a.ts"))).toBe("..notes/a.ts");
  });

  it("adds :line:column (1-based column) or :line", () => {
    expect(displayPath(CWD, inCwd("src", "a.ts"), { at: { line: 12, column: 2 } })).toBe("src/a.ts:12:3");
    expect(displayPath(CWD, inCwd("src", "a.ts"), { at: { line: 12 } })).toBe("src/a.ts:12");
  });
});

describe("displayPath from a file", () => {
  const importer = inCwd("src", "learning", "signals.ts");

  it("spells the path as an import from the file's directory would", () => {
    expect(displayPath(importer, inCwd("src", "learning", "data.ts"), { fromFile: true })).toBe("./data.ts");
    expect(displayPath(importer, inCwd("src", "learning", "sub", "data.ts"), { fromFile: true })).toBe("./sub/data.ts");
    expect(displayPath(importer, inCwd("src", "common", "data.ts"), { fromFile: true })).toBe("../common/data.ts");
    expect(displayPath(importer, inCwd("src", "learning", ".hidden.ts"), { fromFile: true })).toBe("./.hidden.ts");
  });

  it("adds the place in the file", () => {
    expect(displayPath(importer, inCwd("src", "common", "data.ts"), { fromFile: true, at: { line: 4, column: 0 } })).toBe("../common/data.ts:4:1");
  });
});
