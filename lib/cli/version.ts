import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The version in our package.json: the nearest one above this module, which is two levels up
 * from the sources (lib/cli) and three from the build (dist/lib/cli).
 */
export function packageVersion(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
    if (path.dirname(dir) === dir) return "unknown";
  }
}
