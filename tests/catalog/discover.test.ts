import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { discoverSources, loadCatalog } from "../../lib/catalog/index.js";
import { counters, resetCaches } from "../../lib/testing.js";
import { resolveSettings } from "../../lib/settings.js";

const temp: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "catalog-"));
  temp.push(dir);
  return dir;
}

function write(root: string, rel: string, text = "export {};\n"): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

afterEach(() => {
  for (const dir of temp.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("discoverSources", () => {
  it("skips node_modules, build output and hidden directories, and declaration files", () => {
    const root = tempDir();
    for (const rel of [
      "src/a.ts",
      "src/types.d.ts",
      "src/legacy.js",
      "src/notes.md",
      "src/component.tsx",
      "src/module.mts",
      "src/common.cts",
      "src/decl.d.mts",
      "node_modules/pkg/index.ts",
      "src/node_modules/pkg/index.ts",
      "dist/index.ts",
      "build/index.ts",
      "coverage/index.ts",
      ".git/hooks/x.ts",
      ".cache/x.ts",
      "src/.hidden/x.ts",
      "src/deep/er/b.ts",
    ]) {
      write(root, rel);
    }
    const { files, unreadable } = discoverSources([root]);
    expect(unreadable).toEqual([]);
    expect(files.map((f) => path.relative(root, f))).toEqual([
      "src/a.ts",
      "src/common.cts",
      "src/component.tsx",
      "src/deep/er/b.ts",
      "src/module.mts",
    ]);
  });

  it("lists files in a stable order whatever order they were created in", () => {
    const names = ["b.ts", "A.ts", "a.ts", "z/1.ts", "m.ts", "_x.ts", "a/b.ts", "a0.ts"];
    const first = tempDir();
    const second = tempDir();
    for (const name of names) write(first, name);
    for (const name of [...names].reverse()) write(second, name);
    const one = discoverSources([first]).files.map((f) => path.relative(first, f));
    const two = discoverSources([second]).files.map((f) => path.relative(second, f));
    expect(one).toEqual(two);
    // By code unit, directories visited where their name sorts.
    expect(one).toEqual(["A.ts", "_x.ts", "a/b.ts", "a.ts", "a0.ts", "b.ts", "m.ts", "z/1.ts"]);
    expect(discoverSources([first]).files).toEqual(discoverSources([first]).files);
  });

  it("keeps the order of the roots and lists a file reached twice once", () => {
    const root = tempDir();
    const a = write(root, "one/a.ts");
    const b = write(root, "two/b.ts");
    expect(discoverSources([path.join(root, "two"), path.join(root, "one"), root]).files).toEqual([b, a]);
  });

  it("takes a file named as a root as it is, even a declaration file", () => {
    const root = tempDir();
    const file = write(root, "types.d.ts");
    expect(discoverSources([file]).files).toEqual([file]);
  });

  it("resolves relative roots from the current directory", () => {
    const root = tempDir();
    write(root, "src/a.ts");
    const rel = path.relative(process.cwd(), path.join(root, "src"));
    expect(discoverSources([rel]).files).toEqual([path.join(root, "src", "a.ts")]);
  });

  it("reports a root that does not exist", () => {
    const root = tempDir();
    const missing = path.join(root, "missing");
    expect(discoverSources([missing])).toEqual({ files: [], unreadable: [{ path: missing, reason: "no such file or directory" }] });
  });

  it("reads a symlinked source file (by its real path), reports a broken one, and does not follow linked directories", () => {
    const root = tempDir();
    const outside = tempDir();
    const target = write(outside, "real.ts");
    write(outside, "dir/inside.ts");
    write(root, "src/a.ts");
    fs.symlinkSync(target, path.join(root, "src", "linked.ts"));
    fs.symlinkSync(path.join(root, "nowhere.ts"), path.join(root, "src", "broken.ts"));
    fs.symlinkSync(path.join(outside, "dir"), path.join(root, "src", "linked-dir"));
    fs.symlinkSync(root, path.join(root, "src", "loop"));
    const { files, unreadable } = discoverSources([root]);
    expect(files).toEqual([path.join(fs.realpathSync(root), "src", "a.ts"), fs.realpathSync(target)]);
    expect(unreadable).toEqual([{ path: path.join(root, "src", "broken.ts"), reason: "broken symbolic link: no such file or directory" }]);
  });

  it("treats a directory named like a source file as a directory", () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, "x.ts"));
    const inside = write(root, "x.ts/inner.ts");
    expect(discoverSources([root])).toEqual({ files: [inside], unreadable: [] });
  });
});

describe("loadCatalog", () => {
  const settings = resolveSettings({});

  beforeEach(() => {
    resetCaches("sources", "models");
  });

  it("parses only the files that mention a signal constructor, and what they import", () => {
    const root = tempDir();
    write(root, "src/data.ts", "export class UserData {\n  readonly id!: number;\n}\n");
    write(root, "src/unrelated.ts", "export const x = 1;\n");
    write(root, "src/also-unrelated.ts", "export class Thing {}\n");
    write(
      root,
      "src/signals.ts",
      'import { UserData } from "./data";\nexport const A = new OpenEdxPublicSignal({ event_type: "org.openedx.test.a.v1", data: { user: UserData } });\n',
    );
    write(root, "src/b/more.ts", 'export const B = new OpenEdxPublicSignal({ event_type: "org.openedx.test.b.v1", data: { n: String } });\n');
    const catalog = loadCatalog([root], () => settings);
    expect(catalog.unreadable).toEqual([]);
    expect(catalog.signals.map((s) => s.eventType)).toEqual(["org.openedx.test.b.v1", "org.openedx.test.a.v1"]);
    expect(catalog.files.map((f) => path.relative(root, f.file))).toEqual(["src/b/more.ts", "src/signals.ts"]);
    // signals.ts, data.ts and b/more.ts: the unrelated files are read, not parsed.
    expect(counters().parses).toBe(3);
  });

  it("reports a file with a syntax error that mentions a signal, and still reads the others", () => {
    const root = tempDir();
    const broken = write(root, "broken.ts", "export const X = new OpenEdxPublicSignal({ event_type: = });\n");
    write(root, "good.ts", 'export const G = new OpenEdxPublicSignal({ event_type: "org.openedx.test.good.v1", data: {} });\n');
    write(root, "noise.ts", "export const = ;\n");
    const catalog = loadCatalog([root], () => settings);
    expect(catalog.unreadable).toEqual([{ path: broken, reason: "Expression expected. at line 1, column 56" }]);
    expect(catalog.signals.map((s) => s.eventType)).toEqual(["org.openedx.test.good.v1"]);
  });

  it("asks for the settings of each file and uses its signal constructors", () => {
    const root = tempDir();
    write(root, "a/one.ts", 'export const A = new MySignal({ event_type: "org.openedx.test.mine.v1", data: {} });\n');
    write(root, "b/two.ts", 'export const B = new OpenEdxPublicSignal({ event_type: "org.openedx.test.default.v1", data: {} });\n');
    const mine = resolveSettings({ signalConstructors: ["MySignal"] });
    const asked: string[] = [];
    const catalog = loadCatalog([root], (file) => {
      asked.push(path.relative(root, file));
      return file.includes(`${path.sep}a${path.sep}`) ? mine : settings;
    });
    expect(asked).toEqual(["a/one.ts", "b/two.ts"]);
    expect(catalog.signals.map((s) => s.eventType)).toEqual(["org.openedx.test.mine.v1", "org.openedx.test.default.v1"]);
  });
});
