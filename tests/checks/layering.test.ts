/**
 * The shape issue 13 asked for, held by tests: rules are thin adapters over lib/checks, with no
 * judging of their own and no reading of prose. That lib/ knows nothing of ESLint (nor of rules/)
 * is tests/architecture.test.ts's to hold, on the parsed imports of every file.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AST_NODE_TYPES, parse, simpleTraverse } from "@typescript-eslint/typescript-estree";
import { describe, expect, it } from "vitest";
import { CHECKS } from "../../lib/checks/index.js";
import { rules } from "../../rules/index.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function sources(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => path.join(dir, file))
    .sort();
}

function read(file: string): string {
  return fs.readFileSync(path.join(ROOT, file), "utf8");
}

/** The regular expressions a source holds: literals, and `RegExp` by name. */
function regularExpressions(text: string): string[] {
  const found: string[] = [];
  simpleTraverse(parse(text, { range: true }), {
    enter(node) {
      if (node.type === AST_NODE_TYPES.Literal && "regex" in node && node.regex) found.push(`/${node.regex.pattern}/${node.regex.flags}`);
      if (node.type === AST_NODE_TYPES.Identifier && node.name === "RegExp") found.push("RegExp");
    },
  });
  return found;
}

describe("rules are thin adapters over lib/checks", () => {
  it.each(sources("rules"))("%s holds no regular expression (no message is parsed)", (file) => {
    expect(regularExpressions(read(file))).toEqual([]);
  });

  it("the check above finds a regular expression where there is one", () => {
    expect(regularExpressions('const reason = problem.reason.replace(/\\.$/, "");')).toEqual(["/\\.$/"]);
    expect(regularExpressions("if (new RegExp(`cannot be (read|parsed)`).test(reason)) {}")).toEqual(["RegExp"]);
    expect(regularExpressions("const a = b / c / d; const url = `${a}/blob/main/${b}`;")).toEqual([]);
  });

  it.each(Object.keys(rules))("rules/%s.ts takes its messages and default options from its check, and is short", (id) => {
    const rule = rules[id]!;
    const check = CHECKS[id]!;
    expect(rule.meta.messages).toEqual({ ...check.messages, invalidSettings: expect.any(String) });
    expect(rule.defaultOptions).toEqual(Object.keys(check.defaultOptions as object).length > 0 ? [check.defaultOptions] : []);
    expect(read(`rules/${id}.ts`).split("\n").length).toBeLessThanOrEqual(60);
  });
});
