import path from "node:path";
import type { TSESTree } from "@typescript-eslint/utils";
import type { RuleContext } from "@typescript-eslint/utils/ts-eslint";
import { toAvroSchema, type SchemaResult } from "../../lib/avro/index.js";
import { analyzeLintedFile, analyzeProgram, mayDeclareSignals, topLevelDataClassNodes, TypeMapper, type DataClassModel, type FileModel, type SignalDeclaration } from "../../lib/model/index.js";
import { getProjectIndex, signalsDeclaring, type DataClassUse, type ProjectIndex } from "../../lib/project/index.js";
import { resolveSettings, SETTINGS_KEY, SettingsError, type PluginSettings } from "../../lib/settings.js";
import { NameResolver, adoptLintedFile, diskStampOf, realPathOf, type SourceFile } from "../../lib/source/index.js";

/** A data class declared in the linted file that some signal of the project reaches. */
export interface ReachedDataClass {
  /** Built from the editor's buffer, so it shows the edit being typed. */
  readonly model: DataClassModel;
  /** Where the project's signals reach it (from the files on disk). */
  readonly uses: readonly DataClassUse[];
}

/** What every rule needs about the linted file, computed once per file and shared by all rules. */
export interface EventContext {
  readonly settings: PluginSettings;
  readonly filename: string;
  readonly cwd: string;
  /** The schema directory, absolute. */
  readonly schemaDir: string;
  /** The signals declared in this file. */
  readonly model: FileModel;
  schemaOf(signal: SignalDeclaration): SchemaResult;
  /** The project-wide index (scans the project once per process; cached). */
  project(): ProjectIndex;
  /** Signals of other files of the project that declare `eventType` (parses only files that spell it out). */
  signalsElsewhere(eventType: string): readonly SignalDeclaration[];
  /** Data classes of this file reached by any signal of the project (no cross-file work when the file declares none). */
  reachedDataClasses(): readonly ReachedDataClass[];
  isKnownUnserializable(signal: SignalDeclaration): boolean;
}

type AnyContext = Readonly<RuleContext<string, readonly unknown[]>>;

const contexts = new WeakMap<TSESTree.Program, EventContext | { readonly error: SettingsError; reported: boolean }>();

/**
 * The shared analysis for the linted file, or null when the settings are invalid (the first rule
 * to ask reports that once, at the top of the file).
 */
export function getEventContext(context: AnyContext): EventContext | null {
  const program = context.sourceCode.ast;
  let entry = contexts.get(program);
  if (!entry) {
    entry = createEventContext(context, program);
    contexts.set(program, entry);
  }
  if ("error" in entry) {
    if (!entry.reported) {
      entry.reported = true;
      context.report({
        loc: { line: 1, column: 0 },
        messageId: "invalidSettings",
        data: { message: entry.error.message },
      });
    }
    return null;
  }
  return entry;
}

function createEventContext(context: AnyContext, program: TSESTree.Program): EventContext | { error: SettingsError; reported: boolean } {
  let settings: PluginSettings;
  try {
    settings = resolveSettings((context.settings as Record<string, unknown>)[SETTINGS_KEY]);
  } catch (error) {
    if (error instanceof SettingsError) return { error, reported: false };
    throw error;
  }
  // By real path, as the project index and module resolution name files: a file linted through a
  // linked directory is not "another file" declaring the same event type.
  const filename = realPathOf(path.resolve(context.filename));
  const cwd = context.cwd;
  const text = context.sourceCode.text;
  // When the buffer is the file on disk, its model is shared with the project index, and a file
  // declaring data classes lends ESLint's parse to the files that import it.
  const declaresDataClasses = topLevelDataClassNodes(program).length > 0;
  const stamp = declaresDataClasses || mayDeclareSignals(text, settings.signalConstructors) ? diskStampOf(filename, text) : null;
  if (stamp !== null && declaresDataClasses) adoptLintedFile(filename, text, program, stamp);
  const model = stamp !== null ? analyzeLintedFile(filename, text, program, stamp, settings) : analyzeProgram(filename, text, program, settings);
  let project: ProjectIndex | null = null;
  let reached: ReachedDataClass[] | null = null;
  const eventContext: EventContext = {
    settings,
    filename,
    cwd,
    schemaDir: path.resolve(cwd, settings.schemaDir),
    model,
    schemaOf: (signal) => toAvroSchema(signal, settings),
    project() {
      project ??= getProjectIndex(cwd, settings);
      return project;
    },
    signalsElsewhere: (eventType) => signalsDeclaring(cwd, settings, eventType, filename),
    reachedDataClasses() {
      reached ??= findReachedDataClasses(eventContext, { path: filename, text, ast: program, problem: null, stamp: null });
      return reached;
    },
    isKnownUnserializable: (signal) => signal.eventType !== null && settings.knownUnserializableSignals.includes(signal.eventType),
  };
  return eventContext;
}

function findReachedDataClasses(eventContext: EventContext, file: SourceFile): ReachedDataClass[] {
  const nodes = topLevelDataClassNodes(file.ast!);
  if (nodes.length === 0) return [];
  const index = eventContext.project();
  const reached: ReachedDataClass[] = [];
  let mapper: TypeMapper | null = null;
  for (const node of nodes) {
    const uses = index.uses.get(`${file.path}#${node.id!.name}`);
    if (!uses) continue;
    mapper ??= new TypeMapper(new NameResolver(file), eventContext.settings);
    reached.push({ model: mapper.dataClass(file, node), uses });
  }
  return reached;
}
