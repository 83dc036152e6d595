import type { TSESTree } from "@typescript-eslint/typescript-estree";
import type { PluginSettings } from "../settings.js";
import type { SourceSpan } from "../source/index.js";
import type { SourceEdit } from "./source-edits.js";

/** What a rule suggests (or the CLI prints as a way out): a message and one edit. */
export interface EvolutionSuggestion<Id extends string = string> {
  readonly messageId: Id;
  readonly data: Readonly<Record<string, string>>;
  readonly edit: SourceEdit;
}

/** One finding, ready for `context.report` or a CLI line. */
export interface EvolutionReport<Id extends string = string> {
  readonly messageId: Id;
  readonly data: Readonly<Record<string, string>>;
  /** Where to report: always in the file the finding is about. */
  readonly span: SourceSpan;
  readonly suggestions: readonly EvolutionSuggestion<Id>[];
}

export interface EvolutionOptions {
  readonly settings: PluginSettings;
  /** Relative paths in messages and the schema directory are relative to this. */
  readonly cwd: string;
}

/** The text and AST of a signal's file, to place reports and write edits. */
export interface SignalSource {
  readonly text: string;
  readonly program: TSESTree.Program | null;
}
