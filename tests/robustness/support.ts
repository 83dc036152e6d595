/**
 * Shared harness of the robustness tests: every rule of the registry (read at run time, so rules
 * added later are covered too) driven through ESLint's real `Linter`, plus a "probe" rule that
 * walks the whole lib pipeline the way rules do (event context, schema, snapshot, compatibility,
 * reached data classes, project index), so that the lib is exercised even by rules not yet written.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "@typescript-eslint/typescript-estree";
import { Linter } from "eslint";
import plugin from "../../index.js";
import { recordProblems } from "../../lib/avro/index.js";
import { checkMode } from "../../lib/compat/index.js";
import type { SourceSpan } from "../../lib/source/index.js";
import { schemaDirectory } from "../../lib/settings.js";
import { readSnapshot } from "../../lib/snapshots/index.js";
import { rules } from "../../rules/index.js";
import { createRule, SETTINGS_MESSAGES } from "../../rules/utils/create-rule.js";
import { getEventContext } from "../../rules/utils/event-context.js";

export const PLUGIN_PREFIX = "openedx-events/";
export const PROBE_ID = "openedx-events-probe/pipeline";

/** Ids of every rule in the registry, now. */
export function registryRuleIds(): string[] {
  return Object.keys(rules).sort();
}

let probeCalls = 0;
/** How many files the probe rule has run on (a guard that the rules really ran). */
export function probeRunCount(): number {
  return probeCalls;
}

/**
 * A rule that asks the lib everything a rule may ask, and reports every problem the lib locates
 * in the linted file: its report locations are lib spans, checked like any rule's.
 */
const probe = createRule({
  name: "probe",
  meta: {
    type: "problem",
    docs: { description: "test-only: walk the whole lib pipeline" },
    schema: [],
    messages: { ...SETTINGS_MESSAGES, probe: "{{message}}" },
  },
  defaultOptions: [],
  create(context) {
    return {
      "Program:exit"() {
        probeCalls++;
        const ec = getEventContext(context as never);
        if (!ec) return;
        const here = (span: SourceSpan | null | undefined, message: string): void => {
          if (!span || span.file !== ec.filename) return;
          context.report({ loc: span.loc, messageId: "probe", data: { message: message || "(empty)" } });
        };
        for (const signal of ec.model.signals) {
          const { schema, problems } = ec.schemaOf(signal);
          for (const problem of problems) here(problem.span, `${problem.path}: ${problem.reason}`);
          if (signal.eventType === null) continue;
          ec.isKnownUnserializable(signal);
          const snapshot = readSnapshot(schemaDirectory(ec.settings, ec.cwd), signal.eventType);
          const at = signal.eventTypeSpan ?? signal.span;
          if (snapshot.status === "ok") {
            if (schema) {
              const result = checkMode(ec.settings.compatibility, schema, snapshot.versions);
              for (const failure of result.failures) {
                for (const finding of failure.findings) here(at, `${finding.kind}: ${finding.message}`);
              }
            }
          } else if (snapshot.status === "problem") {
            here(at, `${snapshot.kind}: ${snapshot.message}`);
          } else {
            here(at, `missing ${snapshot.expectedFile}`);
          }
        }
        for (const reached of ec.reachedDataClasses()) {
          here(reached.model.nameSpan, `reached by ${reached.uses.length} use(s)`);
          for (const use of reached.uses) {
            for (const problem of recordProblems(reached.model, ec.settings, use.path)) here(problem.span, problem.reason);
          }
        }
        const project = ec.project();
        for (const [eventType, signals] of project.byEventType) {
          if (signals.length > 1) for (const signal of signals) here(signal.eventTypeSpan, `duplicate ${eventType}`);
        }
      },
    };
  },
});

export interface LintSettings {
  readonly schemaDir: string;
  readonly sourceDirs: readonly string[];
  readonly [key: string]: unknown;
}

/**
 * The flat config: `configs.strict`, every registry rule on (whatever its docs say), the probe,
 * the plugin settings. Inline config is off: real-world files carry `eslint-disable` comments for
 * rules that do not exist here.
 */
export function lintConfig(settings: LintSettings, options: { probe?: boolean } = {}): Linter.Config[] {
  const everyRule: Linter.RulesRecord = {};
  for (const id of registryRuleIds()) everyRule[`${PLUGIN_PREFIX}${id}`] = "error";
  const configs: Linter.Config[] = [
    plugin.configs.strict,
    {
      files: ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"],
      rules: everyRule,
      settings: { "openedx-events": settings },
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: "off", reportUnusedInlineConfigs: "off" },
    },
  ];
  if (options.probe !== false) {
    configs.push({
      files: ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"],
      plugins: { "openedx-events-probe": { rules: { pipeline: probe as never } } },
      rules: { [PROBE_ID]: "error" },
    });
  }
  return configs;
}

/** Lints `text` as `filename`; a rule that throws makes this throw (ESLint names the rule). */
export function lintText(linter: Linter, text: string, filename: string, config: Linter.Config[]): Linter.LintMessage[] {
  return linter.verify(text, config, { filename });
}

/** ESLint's own line split. */
export function linesOf(text: string): string[] {
  return text.split(/\r\n|[\r\n\u2028\u2029]/u);
}

/** Problems with a message's location, fix and suggestions; empty when all is well. */
export function messageDefects(text: string, filename: string, message: Linter.LintMessage): string[] {
  const defects: string[] = [];
  const lines = linesOf(text);
  const where = `${message.ruleId ?? "(no rule)"} at ${message.line}:${message.column}`;
  if (typeof message.message !== "string" || message.message.trim() === "") defects.push(`${where}: empty message`);
  const lineLength = (line: number): number => lines[line - 1]?.length ?? -1;
  const validPosition = (line: number | undefined, column: number | undefined): boolean =>
    Number.isInteger(line) && Number.isInteger(column) && line! >= 1 && line! <= lines.length && column! >= 1 && column! <= lineLength(line!) + 1;
  if (!validPosition(message.line, message.column)) {
    defects.push(`${where}: start outside the file (${lines.length} lines, line length ${lineLength(message.line)})`);
  }
  if (message.endLine !== undefined || message.endColumn !== undefined) {
    if (!validPosition(message.endLine, message.endColumn)) {
      defects.push(`${where}: end ${message.endLine}:${message.endColumn} outside the file`);
    } else if (message.endLine! < message.line || (message.endLine === message.line && message.endColumn! < message.column)) {
      defects.push(`${where}: end ${message.endLine}:${message.endColumn} before start`);
    }
  }
  const checkFix = (label: string, fix: { range: [number, number]; text: string } | undefined): void => {
    if (!fix) return;
    const [start, end] = fix.range;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) {
      defects.push(`${where}: ${label} range [${start}, ${end}] outside the file (length ${text.length})`);
      return;
    }
    const fixed = text.slice(0, start) + fix.text + text.slice(end);
    const error = parseError(fixed, filename);
    if (error) defects.push(`${where}: ${label} produces text that does not parse: ${error}\n--- fixed text ---\n${fixed}`);
  };
  checkFix("fix", message.fix as never);
  for (const [i, suggestion] of (message.suggestions ?? []).entries()) {
    if (typeof suggestion.desc !== "string" || suggestion.desc.trim() === "") defects.push(`${where}: suggestion ${i} has no description`);
    checkFix(`suggestion ${i} (${suggestion.desc})`, suggestion.fix as never);
  }
  return defects;
}

/** Null when `text` parses as TypeScript, else the parser's message. */
export function parseError(text: string, filename: string): string | null {
  try {
    parse(text, { jsx: /\.[cm]?tsx$/.test(filename), filePath: filename, loc: true, range: true });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A fresh ESLint `Linter` rooted at `cwd`. */
export function newLinter(cwd: string): Linter {
  return new Linter({ cwd });
}

const tempRoots: string[] = [];

/** A new temporary directory, removed by {@link removeTempDirs}. */
export function tempDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `oxe-robust-${label}-`));
  tempRoots.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempRoots.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Every file under `dir` (relative paths, sorted). */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) visit(child);
      else out.push(child);
    }
  };
  visit("");
  return out.sort();
}

/** A CLI io that records what is written. */
export function fakeIo(cwd: string): { cwd: string; stdout: { write(text: string): boolean }; stderr: { write(text: string): boolean }; env: Record<string, string | undefined>; out(): string } {
  let stdout = "";
  let stderr = "";
  return {
    cwd,
    stdout: { write: (text: string) => ((stdout += text), true) },
    stderr: { write: (text: string) => ((stderr += text), true) },
    env: { NO_COLOR: "1" },
    out: () => `--- stdout ---\n${stdout}--- stderr ---\n${stderr}`,
  };
}
