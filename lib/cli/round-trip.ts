/**
 * `check --round-trip [--samples N]`: the dynamic proof next to the static checks. Each problem
 * is a CheckProblem at the signal's event type, so every output format of `check` carries it.
 */
import { toAvroSchema } from "../avro/index.js";
import type { CompatibilityMode } from "../compat/index.js";
import type { SignalDeclaration } from "../model/index.js";
import { DEFAULT_SAMPLES, DEFAULT_SEED, roundTripEvent, type DynamicResult, type StoredVersion, type VersionRoundTrip } from "../roundtrip/index.js";
import { schemaDirectory, type PluginSettings } from "../settings.js";
import { readSnapshot } from "../snapshots/index.js";
import type { CheckProblem } from "./check.js";
import { UsageError, relative } from "./context.js";
import { plural, type CliIO, type Reporter } from "./output.js";

export const ROUND_TRIP_HELP = `  --round-trip        also encode sample data with avsc using each event's current schema and
                      decode it with every stored version of its snapshot (schema resolution);
                      a disagreement with the static verdict is reported as a bug of ours
  --samples N         samples per event for --round-trip (default ${DEFAULT_SAMPLES}; the first 3 cover empty,
                      one-item and two-item arrays and both branches of every nullable)`;

const MAX_SAMPLES = 10_000;

/** The round-trip flags of `check`, validated before any work; null without --round-trip. */
export function roundTripFlags(values: { "round-trip"?: boolean; samples?: string }): { samples: number } | null {
  if (values.samples !== undefined && !values["round-trip"]) throw new UsageError("--samples applies to --round-trip; add --round-trip");
  if (!values["round-trip"]) return null;
  const text = values.samples ?? String(DEFAULT_SAMPLES);
  const samples = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(samples) || samples < 1 || samples > MAX_SAMPLES) {
    throw new UsageError(`--samples must be a whole number from 1 to ${MAX_SAMPLES}, got ${JSON.stringify(text)}`);
  }
  return { samples };
}

/** Whether the mode requires the stored version to read what the current schema writes. */
function forwardRequired(mode: CompatibilityMode, version: StoredVersion): boolean {
  if (mode === "FORWARD_TRANSITIVE" || mode === "FULL_TRANSITIVE") return true;
  // The non-transitive modes ask it of the snapshot itself (the latest version) only.
  return (mode === "FORWARD" || mode === "FULL") && version.version === null;
}

function versionName(io: CliIO, version: StoredVersion): string {
  return `${version.version === null ? "the snapshot" : `stored version v${version.version}`} (${relative(io, version.file)})`;
}

function describeDynamic(result: Exclude<DynamicResult, { ok: true }>): string {
  const sample = result.sample === null ? "" : ` on sample ${result.sample + 1}`;
  const where = result.path ? ` at \`${result.path}\`` : "";
  switch (result.stage) {
    case "resolve":
      return `avsc cannot resolve the two schemas: ${result.message}`;
    case "encode":
      return `avsc cannot encode${sample}${where}: ${result.message}`;
    case "decode":
      return `avsc fails to decode${sample}: ${result.message}`;
    case "value":
      return `avsc${sample}${where}: ${result.message}`;
  }
}

function describeFindings(trip: VersionRoundTrip): string {
  const shown = trip.findings.slice(0, 3).map((finding) => `${finding.path.length > 0 ? `\`${finding.path.join(".")}\`: ` : ""}${finding.message.replace(/\.$/, "")}`);
  const more = trip.findings.length > 3 ? `; and ${trip.findings.length - 3} more` : "";
  return `${shown.join("; ")}${more}`;
}

/** The field a disagreement is about: the static finding's path, else where avsc failed. */
function fieldOf(trip: VersionRoundTrip): string {
  const path = trip.findings[0]?.path.join(".") || (trip.dynamic.ok ? null : trip.dynamic.path);
  return path ? `, field \`${path}\`` : "";
}

/** Runs the round trip for every serializable signal; returns the problems, and prints a summary line. */
export function roundTripProblems(
  io: CliIO,
  reporter: Reporter,
  signals: readonly SignalDeclaration[],
  settings: PluginSettings,
  flags: { samples: number },
  locate: (signal: SignalDeclaration) => Pick<CheckProblem, "file" | "line" | "column" | "endLine" | "endColumn">,
): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const schemaDir = schemaDirectory(settings, io.cwd);
  const seen = new Set<string>();
  let events = 0;
  let reads = 0;
  let disagreements = 0;
  for (const signal of signals) {
    const eventType = signal.eventType;
    if (eventType === null || seen.has(eventType) || settings.knownUnserializableSignals.includes(eventType)) continue;
    seen.add(eventType);
    const { schema } = toAvroSchema(signal, settings);
    if (!schema) continue; // the static checks say why
    const snapshot = readSnapshot(schemaDir, eventType);
    const stored: StoredVersion[] = [];
    if (snapshot.status === "ok") {
      for (const version of snapshot.history) if (version.status === "ok") stored.push({ version: version.version, file: version.file, schema: version.schema });
      stored.push({ version: null, file: snapshot.file, schema: snapshot.schema });
    }
    const trip = roundTripEvent(eventType, schema, stored, { samples: flags.samples, seed: DEFAULT_SEED });
    events++;
    reads += trip.versions.length;
    const problem = (messageId: string, message: string) => problems.push({ rule: "round-trip", messageId, eventType, ...locate(signal), message });
    if (!trip.self.ok) {
      disagreements++;
      problem(
        "selfRoundTrip",
        `Event \`${eventType}\`: sample data does not survive encoding and decoding with its own current schema: ${describeDynamic(trip.self)}. This is a bug of eslint-plugin-openedx-events (or avsc): please report it.`,
      );
      continue;
    }
    for (const version of trip.versions) {
      const name = versionName(io, version.version);
      if (!version.agree) {
        disagreements++;
        const verdicts = version.compatible
          ? `the static check says a consumer reading with it can decode what the current schema writes, but ${describeDynamic(version.dynamic as Exclude<DynamicResult, { ok: true }>)}`
          : `the static check says a consumer reading with it cannot decode what the current schema writes (${describeFindings(version)}), but avsc decoded all ${plural(trip.samples, "sample")} as the resolution rules say`;
        problem(
          "disagreement",
          `Event \`${eventType}\`, ${name}${fieldOf(version)}: ${verdicts}. The two verdicts must agree: this is a bug of eslint-plugin-openedx-events; please report it with the two schemas.`,
        );
      } else if (!version.dynamic.ok) {
        const text = `Event \`${eventType}\`: data written with the current schema cannot be read with ${name}: ${describeDynamic(version.dynamic)}. The static check agrees: ${describeFindings(version)}.`;
        if (forwardRequired(settings.compatibility, version.version)) {
          problem("incompatible", `${text} Consumers still reading with that version would fail (${settings.compatibility}): restore the field, or publish a new event type.`);
        } else {
          reporter.status("note", "yellow", text, `allowed by ${settings.compatibility}`);
        }
      }
    }
  }
  reporter.status(
    "round-trip",
    disagreements === 0 ? "green" : "red",
    `${plural(events, "event")}, ${plural(flags.samples, "sample")} each, ${plural(reads, "stored version")} as reader: ${plural(disagreements, "disagreement")}`,
  );
  return problems;
}
