/**
 * Writing the imported sources: all or nothing. An existing file with other content is never
 * replaced without `force`, and then one refused file stops every write, so a half-updated
 * catalog (signals importing classes that are not there) is never left behind.
 */
import fs from "node:fs";
import path from "node:path";
import { describeError } from "../catalog/index.js";
import { errorCode } from "../errors.js";
import { writeAtomically } from "../snapshots/write.js";
import type { RenderedFile } from "./render.js";

export type SourceWrite =
  | { readonly status: "written" | "unchanged" | "replaced"; readonly file: string }
  | { readonly status: "refused" | "error"; readonly file: string; readonly reason: string };

/**
 * Why a directory between `outDir` and the file at `relativePath` cannot be written into (a
 * symbolic link would lead the write out of the output), or null; `outDir` itself may be a link.
 */
function blockedDirectory(outDir: string, relativePath: string): string | null {
  const segments = relativePath.split("/").slice(0, -1);
  for (let i = 0; i <= segments.length; i++) {
    const dir = path.join(outDir, ...segments.slice(0, i));
    const shown = i === 0 ? "the output directory" : `\`${segments.slice(0, i).join("/")}\` (in the output directory)`;
    let stats: fs.Stats;
    try {
      stats = i === 0 ? fs.statSync(dir) : fs.lstatSync(dir);
    } catch (error) {
      if (errorCode(error) === "ENOENT") return null;
      return `${shown} cannot be read: ${describeError(error)}`;
    }
    if (stats.isSymbolicLink()) return `${shown} is a symbolic link, never written through`;
    if (!stats.isDirectory()) return `${shown} exists and is not a directory`;
  }
  return null;
}

/** What writing `file` would do, without writing. */
function inspect(outDir: string, relativePath: string, target: string, text: string, force: boolean): SourceWrite | { replace: number } | "write" {
  const blocked = blockedDirectory(outDir, relativePath);
  if (blocked !== null) return { status: "refused", file: target, reason: blocked };
  let stats: fs.Stats;
  try {
    stats = fs.lstatSync(target);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return "write";
    return { status: "error", file: target, reason: describeError(error) };
  }
  if (!stats.isFile()) {
    return { status: "refused", file: target, reason: stats.isSymbolicLink() ? "it is a symbolic link, never written through" : "it exists and is not a regular file" };
  }
  // Another size is other content: a large file is not read to say so.
  if (stats.size === Buffer.byteLength(text)) {
    try {
      if (fs.readFileSync(target, "utf8") === text) return { status: "unchanged", file: target };
    } catch (error) {
      return { status: "error", file: target, reason: describeError(error) };
    }
  }
  if (!force) return { status: "refused", file: target, reason: "it exists with other content; pass --force to replace it" };
  return { replace: stats.mode };
}

/** Writes every file under `outDir`, or none when one is refused (with the reasons). */
export function writeSources(outDir: string, files: readonly RenderedFile[], force: boolean): { results: SourceWrite[]; wrote: boolean } {
  const planned = files.map((file) => {
    const target = path.join(outDir, ...file.path.split("/"));
    return { file, target, action: inspect(outDir, file.path, target, file.text, force) };
  });
  const stopped = planned.flatMap(({ action }) => (typeof action === "object" && "status" in action && (action.status === "refused" || action.status === "error") ? [action] : []));
  if (stopped.length > 0) return { results: stopped, wrote: false };
  const results: SourceWrite[] = [];
  for (const { file, target, action } of planned) {
    if (typeof action === "object" && "status" in action) {
      results.push(action);
      continue;
    }
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      if (action === "write") {
        // "wx": a file that appeared since the check is not overwritten.
        fs.writeFileSync(target, file.text, { flag: "wx" });
        results.push({ status: "written", file: target });
      } else {
        // As generate writes snapshots: renamed into place (a reader never sees half a file, a link is replaced, not followed), the file's mode kept.
        writeAtomically(path.dirname(target), target, Buffer.from(file.text, "utf8"), action.replace);
        results.push({ status: "replaced", file: target });
      }
    } catch (error) {
      results.push({ status: "error", file: target, reason: describeError(error) });
    }
  }
  return { results, wrote: true };
}
