import { createRequire } from "node:module";
import { parse as parseWithTypescriptEstree, type TSESTree } from "@typescript-eslint/typescript-estree";
import { registerProgramText } from "./lines.js";

/**
 * The parser of the files the plugin reads for their data classes and signals (imports, the
 * project index). ESLint's own AST serves the file being linted; the others go through oxc-parser,
 * which builds the same TS-ESTree shape with offsets instead of line/column objects, about ten
 * times faster. typescript-estree stays the reference: it parses whatever oxc reports an error in,
 * semantic errors included (so a syntax error reads exactly as before), and everything when oxc's
 * native binding cannot load on this platform or `OPENEDX_EVENTS_PARSER=typescript-estree` asks
 * for it.
 */
export type SourceParserName = "oxc" | "typescript-estree";

export type ParseOutcome =
  | { readonly ast: TSESTree.Program; readonly error: null }
  | { readonly ast: null; readonly error: ParseError };

export interface ParseError {
  readonly message: string;
  /** 1-based line. */
  readonly line?: number;
  /** 1-based column, as editors show it. */
  readonly column?: number;
}

interface OxcComment {
  readonly type: "Line" | "Block";
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

interface OxcModule {
  parseSync(
    filename: string,
    text: string,
    options: {
      lang: "ts" | "tsx" | "dts";
      astType: "ts";
      range: true;
      preserveParens: false;
      sourceType: "module";
      showSemanticErrors: true;
    },
  ): { readonly program: TSESTree.Program; readonly comments: readonly OxcComment[]; readonly errors: readonly unknown[] };
}

/** Loaded on the first parse: a lint run that never reads another file never loads it. */
let oxc: OxcModule | null | undefined;
let chosen: SourceParserName | null = null;

function loadOxc(): OxcModule | null {
  if (oxc === undefined) {
    try {
      // require(): the native binding loads synchronously; a platform without one throws here.
      oxc = createRequire(import.meta.url)("oxc-parser") as OxcModule;
    } catch {
      oxc = null;
    }
  }
  return oxc;
}

/** The parser in use: oxc when its binding loads, unless the environment asks for typescript-estree. */
export function sourceParser(): SourceParserName {
  chosen ??= process.env.OPENEDX_EVENTS_PARSER === "typescript-estree" || !loadOxc() ? "typescript-estree" : "oxc";
  return chosen;
}

/** Chooses the parser (tests hold the two parsers' models equal); null goes back to the default. */
export function useSourceParser(name: SourceParserName | null): void {
  chosen = name === "oxc" && !loadOxc() ? "typescript-estree" : name;
}

/** Parses a TypeScript file (`.tsx` with JSX). Never throws: a syntax error is an outcome. */
export function parseTypeScript(path: string, text: string): ParseOutcome {
  if (sourceParser() === "oxc") {
    const ast = parseWithOxc(path, text);
    if (ast) return { ast, error: null };
  }
  return parseReference(path, text);
}

function parseWithOxc(path: string, text: string): TSESTree.Program | null {
  let result: ReturnType<OxcModule["parseSync"]>;
  try {
    // Semantic errors too: TypeScript's parser rejects some of what oxc reports only there (legacy
    // octal, JSDoc types such as `?string`, which oxc would read as `string`), and typescript-estree
    // must decide those. They cost about 7 µs per KB of source (docs/performance.md), and legal
    // code rarely has any (a redeclared name).
    result = oxc!.parseSync(path, text, {
      lang: languageOf(path),
      astType: "ts",
      range: true,
      preserveParens: false,
      sourceType: "module",
      showSemanticErrors: true,
    });
  } catch {
    return null;
  }
  if (result.errors.length > 0) return null;
  const program = result.program;
  // typescript-estree's comments carry `range`, which the JSDoc lookup reads.
  program.comments = result.comments.map(
    (comment) => ({ type: comment.type, value: comment.value, range: [comment.start, comment.end] }) as TSESTree.Comment,
  );
  registerProgramText(program, text);
  return program;
}

/** As typescript-estree reads the name: JSX in `.tsx` files only. */
function languageOf(path: string): "ts" | "tsx" | "dts" {
  if (JSX_FILE.test(path)) return "tsx";
  return /\.d\.[cm]?ts$/.test(path) ? "dts" : "ts";
}

const JSX_FILE = /\.[cm]?tsx$/;

function parseReference(path: string, text: string): ParseOutcome {
  try {
    const ast = parseWithTypescriptEstree(text, {
      loc: true,
      range: true,
      comment: true,
      jsx: JSX_FILE.test(path),
      filePath: path,
      suppressDeprecatedPropertyWarnings: true,
    });
    return { ast, error: null };
  } catch (error) {
    const e = error as { message?: string; lineNumber?: number; column?: number };
    return {
      ast: null,
      error: {
        message: String(e.message ?? error),
        line: e.lineNumber,
        // typescript-estree counts columns from 0; messages show them from 1, as editors do.
        column: typeof e.column === "number" ? e.column + 1 : undefined,
      },
    };
  }
}
