import fs from "node:fs";
import { analyzeFilePath, mayDeclareSignals, type FileModel, type SignalDeclaration } from "../model/index.js";
import type { PluginSettings } from "../settings.js";
import { getSourceFile, type SourceProblem } from "../source/index.js";
import { describeError, discoverSources } from "./discover.js";

/** Every signal of a project, for the CLI and for project-wide checks. */
export interface Catalog {
  readonly files: readonly FileModel[];
  readonly signals: readonly SignalDeclaration[];
  /** Source files that could not be read or parsed, and directories that could not be listed. */
  readonly unreadable: readonly { readonly path: string; readonly reason: string }[];
}

function describeProblem(problem: SourceProblem): string {
  const where = problem.line ? ` at line ${problem.line}${problem.column ? `, column ${problem.column}` : ""}` : "";
  return `${problem.message}${where}`;
}

/**
 * Reads the signals under `roots`. Files that never mention a signal constructor are read but
 * not analysed; files that do are parsed once and modelled with everything they import.
 */
export function loadCatalog(roots: readonly string[], settingsFor: (file: string) => PluginSettings): Catalog {
  const discovered = discoverSources(roots);
  const unreadable = [...discovered.unreadable];
  const files: FileModel[] = [];
  for (const file of discovered.files) {
    const settings = settingsFor(file);
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (error) {
      unreadable.push({ path: file, reason: describeError(error) });
      continue;
    }
    // Only files that mention a signal constructor are parsed (and then once, with their imports).
    if (!mayDeclareSignals(text, settings.signalConstructors)) continue;
    const source = getSourceFile(file);
    if (source.problem) {
      unreadable.push({ path: file, reason: describeProblem(source.problem) });
      continue;
    }
    const model = analyzeFilePath(file, settings);
    if (model.signals.length > 0) files.push(model);
  }
  return { files, signals: files.flatMap((model) => model.signals), unreadable };
}
