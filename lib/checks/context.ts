import type { TSESTree } from "@typescript-eslint/typescript-estree";
import { toAvroSchema } from "../avro/index.js";
import { analyzeFilePath, analyzeLintedFile, analyzeProgram, mayDeclareSignals, topLevelDataClassNodes, TypeMapper } from "../model/index.js";
import { getProjectIndex, signalsDeclaring, type ProjectIndex } from "../project/index.js";
import type { PluginSettings } from "../settings.js";
import { NameResolver, adoptLintedFile, diskStampOf, getSourceFile, type SourceFile } from "../source/index.js";
import type { CheckContext, ReachedDataClass } from "./types.js";

export interface CheckedFile {
  /** Absolute, by real path (as module resolution and the project index name files). */
  readonly filename: string;
  readonly text: string;
  readonly program: TSESTree.Program;
  /**
   * `buffer`: an editor's text, which may differ from the file on disk (when it does not, its
   * model is shared with the project index); `disk`: the file as the parse cache read it.
   */
  readonly origin: "buffer" | "disk";
}

/** The context the checks judge one file in. Lazy: what a check does not ask for is not computed. */
export function createCheckContext(file: CheckedFile, settings: PluginSettings, cwd: string): CheckContext {
  const { filename, text, program } = file;
  let project: ProjectIndex | null = null;
  let reached: ReachedDataClass[] | null = null;
  const context: CheckContext = {
    settings,
    filename,
    cwd,
    text,
    program,
    model: file.origin === "disk" ? analyzeFilePath(filename, settings) : bufferModel(filename, text, program, settings),
    schemaOf: (signal) => toAvroSchema(signal, settings),
    project() {
      project ??= getProjectIndex(cwd, settings);
      return project;
    },
    signalsElsewhere: (eventType) => signalsDeclaring(cwd, settings, eventType, filename),
    reachedDataClasses() {
      reached ??= findReachedDataClasses(
        context,
        file.origin === "disk" ? getSourceFile(filename) : { path: filename, text, ast: program, problem: null, stamp: null },
      );
      return reached;
    },
    isKnownUnserializable: (signal) => signal.eventType !== null && settings.knownUnserializableSignals.includes(signal.eventType),
  };
  return context;
}

/**
 * An editor's buffer. When it is the file on disk, its model is the one the project index uses,
 * and a file declaring data classes lends its AST to the files that import it.
 */
function bufferModel(filename: string, text: string, program: TSESTree.Program, settings: PluginSettings) {
  const declaresDataClasses = topLevelDataClassNodes(program).length > 0;
  const stamp = declaresDataClasses || mayDeclareSignals(text, settings.signalConstructors) ? diskStampOf(filename, text) : null;
  if (stamp !== null && declaresDataClasses) adoptLintedFile(filename, text, program, stamp);
  return stamp !== null ? analyzeLintedFile(filename, text, program, stamp, settings) : analyzeProgram(filename, text, program, settings);
}

function findReachedDataClasses(context: CheckContext, file: SourceFile): ReachedDataClass[] {
  const nodes = topLevelDataClassNodes(file.ast!);
  if (nodes.length === 0) return [];
  const index = context.project();
  const reached: ReachedDataClass[] = [];
  let mapper: TypeMapper | null = null;
  for (const node of nodes) {
    const uses = index.uses.get(`${file.path}#${node.id!.name}`);
    if (!uses) continue;
    mapper ??= new TypeMapper(new NameResolver(file), context.settings);
    reached.push({ model: mapper.dataClass(file, node), uses });
  }
  return reached;
}
