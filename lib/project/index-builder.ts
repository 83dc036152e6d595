import fs from "node:fs";
import { discoverSources } from "../catalog/index.js";
import { analyzeFilePath, mayDeclareSignals, type FileModel, type SignalDeclaration } from "../model/index.js";
import { settingsCacheKey, sourceDirectories, type PluginSettings } from "../settings.js";
import { detached, stampOf } from "../source/index.js";
import { registerCache, registerCounter, registerTimeToLive } from "../testing.js";
import { dataClassUses, type DataClassUse } from "./uses.js";

/** The signals of the whole project and the data classes they reach: what a data file needs to know. */
export interface ProjectIndex {
  readonly signals: readonly SignalDeclaration[];
  /** Data class id (`file#Name`) → where signals reach it. */
  readonly uses: ReadonlyMap<string, readonly DataClassUse[]>;
  /** Event type → the signals declaring it (more than one is a duplicate). */
  readonly byEventType: ReadonlyMap<string, readonly SignalDeclaration[]>;
  /** Files with signals (absolute paths). */
  readonly signalFiles: readonly string[];
}

interface FileState {
  readonly stamp: string;
  readonly mentionsSignals: boolean;
  /**
   * The text of a file that mentions a signal constructor, until the project index's parse of it
   * has used it (then null: nothing asks for it again while the file is unchanged).
   */
  text: string | null;
  /** The quoted dotted strings it spells out (candidate event types), copied out of its text. */
  readonly literals: readonly string[];
}

interface ScanState {
  files: Map<string, FileState>;
  /** Quoted dotted strings (candidate event types) → the files that spell them out. */
  literals: Map<string, string[]> | null;
  walkedAt: number;
  checkedAt: number;
  models: readonly FileModel[];
  index: ProjectIndex | null;
}

/**
 * How stale the index may be, in milliseconds. An editor sees a new signal file after at most
 * `walk` ms and a change in a known signal file after `check` ms; a batch run scans the tree
 * about once. Tests set both to 0 (lib/testing.ts).
 */
const DEFAULT_TTL = Object.freeze({ walk: 10_000, check: 1_000 });
const projectIndexTtl = { ...DEFAULT_TTL };
registerTimeToLive((ms) => Object.assign(projectIndexTtl, ms === null ? DEFAULT_TTL : { walk: ms, check: ms }));

const states = new Map<string, ScanState>();
let scans = 0;

function scanState(cwd: string, settings: PluginSettings): ScanState {
  const roots = sourceDirectories(settings, cwd);
  const key = `${roots.join("\0")}\0${settingsCacheKey(settings)}`;
  let state = states.get(key);
  if (!state) {
    state = { files: new Map(), literals: null, walkedAt: -Infinity, checkedAt: -Infinity, models: [], index: null };
    states.set(key, state);
  }
  if (Date.now() - state.walkedAt >= projectIndexTtl.walk) {
    state.files = walk(roots, state.files, settings);
    state.literals = null;
    state.walkedAt = Date.now();
  }
  return state;
}

/** A string literal that could be an event type: quoted, dotted, no spaces. */
const DOTTED_LITERAL = /(["'`])([A-Za-z0-9_.+-]+\.[A-Za-z0-9_.+-]+)\1/g;

/** The distinct dotted literals of a file's text, as copies: a match is a slice that would keep the text alive. */
function dottedLiterals(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(DOTTED_LITERAL)) found.add(match[2]!);
  return [...found].map(detached);
}

function literalIndex(state: ScanState): Map<string, string[]> {
  if (state.literals) return state.literals;
  const literals = new Map<string, string[]>();
  for (const [file, entry] of state.files) {
    for (const literal of entry.literals) {
      const list = literals.get(literal);
      if (!list) literals.set(literal, [file]);
      else list.push(file);
    }
  }
  state.literals = literals;
  return literals;
}

/**
 * The signals of other files declaring `eventType`. Only files whose text contains the event
 * type are parsed: a duplicate must spell it out, so most lints parse nothing.
 */
export function signalsDeclaring(cwd: string, settings: PluginSettings, eventType: string, exceptFile: string): SignalDeclaration[] {
  const found: SignalDeclaration[] = [];
  for (const file of literalIndex(scanState(cwd, settings)).get(eventType) ?? []) {
    if (file === exceptFile) continue;
    for (const signal of analyzeFilePath(file, settings).signals) if (signal.eventType === eventType) found.push(signal);
  }
  return found;
}

/** The project index for `cwd`, rebuilt only when files may have changed (see `projectIndexTtl`). */
export function getProjectIndex(cwd: string, settings: PluginSettings): ProjectIndex {
  const state = scanState(cwd, settings);
  const now = Date.now();
  if (state.index && now - state.checkedAt < projectIndexTtl.check) return state.index;
  const models: FileModel[] = [];
  for (const [file, entry] of state.files) {
    if (!entry.mentionsSignals) continue;
    // The scan's text serves the parse when the file has not changed since: it is not read twice.
    models.push(analyzeFilePath(file, settings, entry.text !== null ? { stamp: entry.stamp, text: entry.text } : undefined));
    // Its model is cached by the same stamp: the text will not be asked for again.
    entry.text = null;
  }
  state.checkedAt = now;
  if (!state.index || models.length !== state.models.length || models.some((model, i) => model !== state!.models[i])) {
    state.models = models;
    state.index = buildIndex(models);
  }
  return state.index;
}

function walk(roots: readonly string[], previous: ReadonlyMap<string, FileState>, settings: PluginSettings): Map<string, FileState> {
  scans++;
  const files = new Map<string, FileState>();
  for (const file of discoverSources(roots).files) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      continue;
    }
    const stamp = stampOf(stat);
    const known = previous.get(file);
    if (known && known.stamp === stamp) {
      files.set(file, known);
      continue;
    }
    let text: string | null = null;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      // An unreadable file has no signals we can know of; the CLI reports it.
    }
    const mentionsSignals = text !== null && mayDeclareSignals(text, settings.signalConstructors);
    files.set(file, { stamp, mentionsSignals, text: mentionsSignals ? text : null, literals: mentionsSignals ? dottedLiterals(text!) : [] });
  }
  return files;
}

function buildIndex(models: readonly FileModel[]): ProjectIndex {
  const signals = models.flatMap((model) => model.signals);
  return { signals, ...indexSignals(signals), signalFiles: models.map((model) => model.file) };
}

/** Signals by event type (more than one is a duplicate), and where they reach each data class (by id). */
export function indexSignals(signals: readonly SignalDeclaration[]): Pick<ProjectIndex, "byEventType" | "uses"> {
  const uses = new Map<string, DataClassUse[]>();
  const byEventType = new Map<string, SignalDeclaration[]>();
  for (const signal of signals) {
    if (signal.eventType !== null) {
      const list = byEventType.get(signal.eventType);
      if (list) list.push(signal);
      else byEventType.set(signal.eventType, [signal]);
    }
    for (const use of dataClassUses(signal)) {
      const list = uses.get(use.dataClass.id);
      if (list) list.push(use);
      else uses.set(use.dataClass.id, [use]);
    }
  }
  return { byEventType, uses };
}

registerCache("project", () => {
  states.clear();
  scans = 0;
});
registerCounter("projectScans", () => scans);
