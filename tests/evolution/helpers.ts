import fs from "node:fs";
import path from "node:path";
import { fixture } from "../helpers.js";

export const EVOLUTION = fixture("evolution");

/** The evolution cases: directories with `previous/` and `current/` sources. */
export function evolutionCases(): string[] {
  return fs
    .readdirSync(EVOLUTION, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(EVOLUTION, entry.name, "previous")))
    .map((entry) => entry.name)
    .sort();
}

export function caseDir(name: string, ...parts: string[]): string {
  return path.join(EVOLUTION, name, ...parts);
}

export function read(file: string): string {
  return fs.readFileSync(file, "utf8");
}
