import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach } from "vitest";
import { runCli } from "../../lib/cli/main.js";
import type { CliIO } from "../../lib/cli/output.js";

export const DOC = "Avro Event Format for CloudEvents created with openedx_events/schema";

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** The text openedx-events writes for an event (`json.dump(schema, f, indent=2)`; no non-ASCII here). */
export function snapshotText(eventType: string, fields: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ name: "CloudEvent", type: "record", doc: DOC, fields, namespace: eventType, ...extra }, null, 2);
}

export function snapshotFile(eventType: string): string {
  return `${eventType.replaceAll(".", "+")}_schema.avsc`;
}

/** A schema directory holding the given snapshots (event type → fields, or → the file's whole text). */
export function schemaDir(snapshots: Record<string, unknown[] | string>): string {
  const dir = tempDir("import-schemas-");
  for (const [eventType, content] of Object.entries(snapshots)) {
    fs.writeFileSync(path.join(dir, snapshotFile(eventType)), typeof content === "string" ? content : snapshotText(eventType, content));
  }
  return dir;
}

/** Every file under `dir` with its content. */
export function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  if (!fs.existsSync(dir)) return files;
  const visit = (current: string): void => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) visit(full);
      else files[path.relative(dir, full).split(path.sep).join("/")] = fs.readFileSync(full, "utf8");
    }
  };
  visit(dir);
  return files;
}

/** Runs the CLI in-process from `cwd`, capturing both streams. */
export async function runCapture(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = { cwd, stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) }, env: {} };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
