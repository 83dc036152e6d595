import type { TSESTree } from "@typescript-eslint/typescript-estree";
import type { SchemaResult } from "../avro/index.js";
import type { EvolutionReport, EvolutionSuggestion, SourceEdit } from "../evolution/index.js";
import type { DataClassModel, FileModel, SignalDeclaration } from "../model/index.js";
import type { DataClassUse, ProjectIndex } from "../project/index.js";
import type { PluginSettings } from "../settings.js";
import type { OptionDeclaration } from "./define-check.js";

/** A text replacement in one file. */
export type Edit = SourceEdit;

/** A way out the editor offers (an ESLint suggestion): its words and one edit of the file. */
export type FindingSuggestion<Id extends string = string> = EvolutionSuggestion<Id>;

/**
 * One thing a check found. Words are not made here: `messageId` is the code of the finding's kind
 * and `data` what its message names, so the editor (through ESLint) and `check` print the same
 * sentence from the check's `messages`. `span` is always in the file that was checked.
 */
export interface Finding<Id extends string = string> extends EvolutionReport<Id> {
  /** The event it is reported for (null for a data class pinned by several events, or a setting). */
  readonly eventType: string | null;
  /** Every event that cannot ship as it is because of it (for `check`'s `ok` lines). */
  readonly events: readonly string[];
}

/** A data class declared in the checked file that some signal of the project reaches. */
export interface ReachedDataClass {
  /** Built from the checked text (an editor's buffer), so it shows the edit being typed. */
  readonly model: DataClassModel;
  /** Where the project's signals reach it (from the files on disk). */
  readonly uses: readonly DataClassUse[];
}

/** What every check needs about one file, computed once per file and shared by all checks. */
export interface CheckContext {
  readonly settings: PluginSettings;
  /** The checked file, absolute, by real path. */
  readonly filename: string;
  readonly cwd: string;
  /** The checked text (an editor's buffer, or the file on disk) and its AST. */
  readonly text: string;
  readonly program: TSESTree.Program;
  /** The signals declared in this file. */
  readonly model: FileModel;
  schemaOf(signal: SignalDeclaration): SchemaResult;
  /** The project-wide index (scans `sourceDirs` once per process; cached). */
  project(): ProjectIndex;
  /** Signals of other files of the project that declare `eventType` (parses only files that spell it out). */
  signalsElsewhere(eventType: string): readonly SignalDeclaration[];
  /** Data classes of this file reached by any signal of the project (no cross-file work when the file declares none). */
  reachedDataClasses(): readonly ReachedDataClass[];
  isKnownUnserializable(signal: SignalDeclaration): boolean;
}

/** Which shared config turns a check on: `recommended` (and so `strict`), or `strict` only. */
export type CheckConfig = "recommended" | "strict";

/**
 * One check per rule id, shared by `rules/<id>.ts` (the editor, `eslint`) and `check`: its
 * messages, its options and their defaults, and `run`, which judges one file.
 */
export interface Check<Id extends string = string, Options = unknown> {
  readonly id: string;
  readonly config: CheckConfig;
  readonly messages: Readonly<Record<Id, string>>;
  /** Each option's type and description (none: `{}`), the properties of the rule's options schema. */
  readonly options: { readonly [Name in keyof Options]-?: OptionDeclaration };
  readonly defaultOptions: Options;
  run(context: CheckContext, options: Options): readonly Finding<Id>[];
}
