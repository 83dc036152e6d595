// Writes a synthetic event catalog shaped like a real one: subdomains with a data file of shared
// data classes (inheritance, cross-subdomain imports, nullable and array fields, aliases) and
// signal files that import data classes from two subdomains.
//
// Two shapes:
// - "realistic" (the default) follows openedx-events: payloads nest three records deep (a user with
//   its personal data, a course), every signal carries its `.. event_*` annotations, and a snapshot
//   is about 2 KB for about 0.6 KB of source per signal (examples/ has 1.7 KB for 0.9 KB).
// - "deep", a stress shape: records chained eight deep through `previous`, about 11 KB of
//   snapshot for 0.2 KB of source per signal.
import fs from "node:fs";
import path from "node:path";

/**
 * @param {string} root directory to write into (created)
 * @param {{ signals: number, files: number, shape?: "realistic" | "deep" }} size files = data files + signal files + types.ts
 * @returns {{ files: string[], signalFiles: string[], dataFiles: string[], eventTypes: string[] }}
 */
export function writeCatalog(root, { signals, files, shape = "realistic" }) {
  if (shape === "realistic") return writeRealisticCatalog(root, { signals, files });
  if (shape !== "deep") throw new Error(`unknown catalog shape ${shape}`);
  const { dataCount, signalFiles, written, write } = startCatalog(root, signals, files);
  const classesPerData = 10;
  write("types.ts", "export type Int = number;\nexport type Float = number;\nexport type Percent = Float;\n");
  for (let d = 0; d < dataCount; d++) {
    const other = (d + 1) % dataCount;
    const lines = [`import type { Int, Percent } from "../types";`];
    if (other !== d) lines.push(`import { Base${other}, Leaf${other} } from "../sub${other}/data";`);
    lines.push("", `export class Base${d} {`, "  readonly id!: Int;", "  readonly created!: Date;", "}", "");
    lines.push(`export interface Leaf${d} {`, "  key: string;", "  weight: Percent;", "}", "");
    for (let c = 0; c < classesPerData; c++) {
      const parent = c % 3 === 0 ? ` extends Base${d}` : "";
      lines.push(`export class Item${d}_${c}${parent} {`);
      lines.push("  readonly name!: string;", "  readonly score!: Percent;", "  readonly tags!: readonly string[];");
      if (c > 0) lines.push(`  readonly previous!: Item${d}_${c - 1} | null;`);
      else if (other !== d) lines.push(`  readonly remote!: Leaf${other};`, `  readonly remote_base!: Base${other};`);
      lines.push(`  readonly count!: Int;`, "}", "");
    }
    written.dataFiles.push(write(`sub${d}/data.ts`, lines.join("\n")));
  }
  for (const { f, d, e, perFile } of signalFiles) {
    // The constructor comes from a package, as in a real service: the plugin matches it by name.
    const lines = [`import { OpenEdxPublicSignal } from "@openedx/events";`];
    lines.push(`import { Item${d}_3, Item${d}_7 } from "../../sub${d}/data";`);
    if (e !== d) lines.push(`import { Leaf${e} } from "../../sub${e}/data.js";`);
    lines.push("");
    for (let s = 0; s < perFile; s++) {
      const eventType = `org.openedx.sub${d}.thing${f}_${s}.happened.v1`;
      written.eventTypes.push(eventType);
      lines.push("/** Synthetic event. */");
      lines.push(`export const THING_${f}_${s}_HAPPENED = new OpenEdxPublicSignal({`);
      lines.push(`  event_type: "${eventType}",`);
      lines.push(`  data: { item: Item${d}_${(s % 2) * 4 + 3}, ${e !== d ? `other: Leaf${e}, ` : ""}again: Item${d}_3 },`);
      lines.push("});", "");
    }
    written.signalFiles.push(write(`signals/sub${d}/signals${f}.ts`, lines.join("\n")));
  }
  if (written.eventTypes.length !== signals) throw new Error(`made ${written.eventTypes.length} signals instead of ${signals}`);
  return written;
}

/**
 * What both shapes share: one data file per five files, the rest signal files (each in subdomain
 * `d`, importing from subdomain `e` too, with its share of the signals) and types.ts.
 */
function startCatalog(root, signals, files) {
  fs.mkdirSync(root, { recursive: true });
  const dataCount = Math.max(1, Math.round(files / 5));
  const signalFileCount = files - dataCount - 1;
  const signalFiles = Array.from({ length: signalFileCount }, (_, f) => ({
    f,
    d: f % dataCount,
    e: (f * 7 + 3) % dataCount,
    perFile: Math.floor(signals / signalFileCount) + (f < signals % signalFileCount ? 1 : 0),
  }));
  const written = { files: [], signalFiles: [], dataFiles: [], eventTypes: [] };
  const write = (rel, text) => {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    written.files.push(file);
    return file;
  };
  return { dataCount, signalFiles, written, write };
}

function writeRealisticCatalog(root, { signals, files }) {
  const { dataCount, signalFiles, written, write } = startCatalog(root, signals, files);
  const thingsPerData = 8;
  write(
    "types.ts",
    "/** Avro `long`. */\nexport type Int = number;\n/** Avro `double`. */\nexport type Float = number;\n/** A grade between 0 and 1. */\nexport type Score = Float;\n",
  );
  for (let d = 0; d < dataCount; d++) {
    const other = (d + 1) % dataCount;
    const lines = ["/**", ` * Data classes of the \`sub${d}\` subdomain.`, " */", `import type { Int, Score } from "../types";`];
    if (other !== d) lines.push(`import { UserData${other} } from "../sub${other}/data";`);
    lines.push(
      "",
      "/** Attributes of a user that are not personally identifiable. */",
      `export class UserNonPersonalData${d} {`,
      "  readonly id!: Int;",
      "  readonly is_active!: boolean;",
      "}",
      "",
      "/** Personally identifiable attributes of a user. */",
      `export class UserPersonalData${d} {`,
      "  readonly username!: string;",
      "  readonly email!: string;",
      "  readonly name!: string;",
      "}",
      "",
      "/** A user: the inherited fields come first, then `pii`. */",
      `export class UserData${d} extends UserNonPersonalData${d} {`,
      `  readonly pii!: UserPersonalData${d};`,
      "}",
      "",
      "/** A course as the service sees it. */",
      `export class CourseData${d} {`,
      "  readonly course_key!: string;",
      "  readonly display_name!: string;",
      "  readonly start!: Date | null;",
      "  readonly end!: Date | null;",
      "}",
      "",
    );
    for (let c = 0; c < thingsPerData; c++) {
      // Half the payloads reach the user class of the next subdomain, as a catalog shares its user data.
      const user = c % 2 === 1 && other !== d ? other : d;
      lines.push(
        `/** What happened to thing ${c} of subdomain ${d}, for a user in a course. */`,
        `export class Thing${d}_${c}Data {`,
        `  readonly user!: UserData${user};`,
        `  readonly course!: CourseData${d};`,
        "  readonly mode!: string;",
        "  readonly score!: Score;",
        "  readonly tags!: readonly string[];",
        "  readonly created_at!: Date | null;",
        "  readonly count!: Int;",
        "}",
        "",
      );
    }
    written.dataFiles.push(write(`sub${d}/data.ts`, lines.join("\n")));
  }
  for (const { f, d, e, perFile } of signalFiles) {
    const things = Array.from({ length: Math.min(thingsPerData, perFile) }, (_, c) => `Thing${d}_${c}Data`);
    // The constructor comes from a package, as in a real service: the plugin matches it by name.
    const lines = ["/**", ` * Signals of the \`sub${d}\` subdomain, part ${f}.`, " */", `import { OpenEdxPublicSignal } from "@openedx/events";`];
    if (things.length > 0) lines.push(`import { ${things.join(", ")} } from "../../sub${d}/data";`);
    if (e !== d) lines.push(`import { UserData${e} } from "../../sub${e}/data.js";`);
    lines.push("");
    for (let s = 0; s < perFile; s++) {
      const eventType = `org.openedx.sub${d}.thing${f}_${s}.happened.v1`;
      const name = `THING_${f}_${s}_HAPPENED`;
      const thing = things[s % thingsPerData];
      const actor = s % 3 === 2 && e !== d;
      written.eventTypes.push(eventType);
      lines.push(
        "/**",
        ` * Thing ${s} of part ${f} happened.`,
        " *",
        ` * .. event_type: ${eventType}`,
        ` * .. event_name: ${name}`,
        " * .. event_key_field: thing.course.course_key",
        ` * .. event_description: emitted when thing ${s} happens in part ${f} of subdomain ${d}.`,
        ` * .. event_data: ${thing}`,
        " * .. event_trigger_repository: openedx/synthetic-service",
        " */",
        `export const ${name} = new OpenEdxPublicSignal({`,
        `  event_type: "${eventType}",`,
        "  data: {",
        `    thing: ${thing},`,
        ...(actor ? [`    actor: UserData${e},`] : []),
        "  },",
        "});",
        "",
      );
    }
    written.signalFiles.push(write(`signals/sub${d}/signals${f}.ts`, lines.join("\n")));
  }
  if (written.eventTypes.length !== signals) throw new Error(`made ${written.eventTypes.length} signals instead of ${signals}`);
  return written;
}
