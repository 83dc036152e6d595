/**
 * Records every path the code under test touches through `node:fs` (the lib imports the default
 * export and looks functions up at call time, so spies on that object see every call), and can
 * refuse to open chosen paths, so that a regression which would block on a FIFO or read a secret
 * fails the test instead of hanging it.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { vi, type MockInstance } from "vitest";

export interface FsAccess {
  readonly op: string;
  readonly path: string;
}

const READS = ["openSync", "readFileSync", "createReadStream", "opendirSync", "readdirSync", "accessSync", "existsSync"] as const;
const METADATA = ["statSync", "lstatSync", "readlinkSync"] as const;
const WRITES = [
  "writeFileSync",
  "appendFileSync",
  "renameSync",
  "linkSync",
  "symlinkSync",
  "copyFileSync",
  "unlinkSync",
  "rmSync",
  "mkdirSync",
  "truncateSync",
  "chmodSync",
  "utimesSync",
] as const;

/** Ops that would actually read the content of (or block on) a file. */
export const CONTENT_OPS = new Set<string>(["openSync", "readFileSync", "createReadStream"]);

export interface FsMonitor {
  readonly accesses: FsAccess[];
  /** Attempts refused because `block` said so. */
  readonly blocked: FsAccess[];
  restore(): void;
}

/**
 * An `openSync` with O_NOFOLLOW on a symbolic link fails (ELOOP) without touching the target:
 * recorded under its own name, which is not a content op.
 */
export const NOFOLLOW_LINK_OPEN = "openSync(O_NOFOLLOW, link)";

function cannotFollow(file: string, flags: unknown): boolean {
  if (typeof flags !== "number" || (flags & (fs.constants.O_NOFOLLOW ?? 0)) === 0 || !fs.constants.O_NOFOLLOW) return false;
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function asPath(value: unknown): string | null {
  if (typeof value === "string") return path.resolve(value);
  if (value instanceof URL) return fileURLToPath(value);
  if (Buffer.isBuffer(value)) return path.resolve(value.toString("utf8"));
  return null;
}

/**
 * Starts monitoring. `block(op, path)` returning true makes that call throw EACCES (recorded in
 * `blocked`) instead of reaching the disk.
 */
export function monitorFs(block: (op: string, file: string) => boolean = () => false): FsMonitor {
  const accesses: FsAccess[] = [];
  const blocked: FsAccess[] = [];
  const spies: MockInstance[] = [];
  const target = fs as unknown as Record<string, (...args: unknown[]) => unknown>;
  const wrap = (holder: Record<string, (...args: unknown[]) => unknown>, name: string, op: string, pathArgs: number): void => {
    const original = holder[name];
    if (typeof original !== "function") return;
    const spy = vi.spyOn(holder, name).mockImplementation(function (this: unknown, ...args: unknown[]) {
      for (let i = 0; i < pathArgs; i++) {
        const file = asPath(args[i]);
        if (file === null) continue;
        const kind = op === "openSync" && cannotFollow(file, args[1]) ? NOFOLLOW_LINK_OPEN : op;
        accesses.push({ op: kind, path: file });
        if (kind === NOFOLLOW_LINK_OPEN) continue;
        if (block(op, file)) {
          blocked.push({ op, path: file });
          throw Object.assign(new Error(`EACCES: refused by the test harness, ${op} '${file}'`), { code: "EACCES", errno: -13, syscall: op, path: file });
        }
      }
      return original.apply(this, args);
    });
    spies.push(spy as unknown as MockInstance);
  };
  for (const name of READS) wrap(target, name, name, 1);
  for (const name of METADATA) wrap(target, name, name, 1);
  for (const name of WRITES) wrap(target, name, name, name === "renameSync" || name === "linkSync" || name === "copyFileSync" || name === "symlinkSync" ? 2 : 1);
  // realpathSync.native is a property of the function: spy on it where it lives.
  wrap(fs.realpathSync as unknown as Record<string, (...args: unknown[]) => unknown>, "native", "realpathSync.native", 1);
  // Replacing realpathSync itself would lose `.native`; wrap it by hand and keep the property.
  const realpath = fs.realpathSync;
  const wrapped = Object.assign(
    function (this: unknown, ...args: unknown[]) {
      const file = asPath(args[0]);
      if (file !== null) accesses.push({ op: "realpathSync", path: file });
      return (realpath as unknown as (...a: unknown[]) => unknown).apply(this, args);
    },
    { native: fs.realpathSync.native },
  );
  target["realpathSync"] = wrapped as never;
  return {
    accesses,
    blocked,
    restore() {
      for (const spy of spies.splice(0)) spy.mockRestore();
      target["realpathSync"] = realpath as never;
    },
  };
}

/** True when `file` is `dir` or inside it. */
export function isWithin(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}
