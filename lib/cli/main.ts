import { errorMessage } from "../errors.js";
import { EXIT, UsageError } from "./context.js";
import { CHECK_HELP, checkCommand } from "./check.js";
import { COMPAT_HELP, compatCommand } from "./compat.js";
import { GENERATE_HELP, generateCommand } from "./generate.js";
import { IMPORT_HELP, importCommand } from "./import.js";
import type { CliIO } from "./output.js";
import { packageVersion } from "./version.js";

type Command = { readonly run: (argv: readonly string[], io: CliIO) => Promise<number>; readonly summary: string; readonly help: string };

const COMMANDS: Readonly<Record<string, Command>> = {
  generate: { run: generateCommand, summary: "write Avro schema snapshots of events", help: GENERATE_HELP },
  check: { run: checkCommand, summary: "check events against their snapshots (the rules' checks, for CI)", help: CHECK_HELP },
  compat: { run: compatCommand, summary: "check two Avro schemas, or a schema history, for compatibility", help: COMPAT_HELP },
  import: { run: importCommand, summary: "write TypeScript event definitions from a directory of Avro snapshots", help: IMPORT_HELP },
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return `Usage: openedx-events-avro <command> [options]

Generate and check the Avro schemas of TypeScript Open edX events.

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`)
  .join("\n")}

Run "openedx-events-avro <command> --help" for a command's options.
Exit codes: 0 done, 1 problems found, 2 bad usage or unreadable input.
`;
}

/** Runs the CLI and returns its exit code; never throws for bad input. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    const topic = name === "help" && rest[0] && Object.hasOwn(COMMANDS, rest[0]) ? COMMANDS[rest[0]] : undefined;
    io.stdout.write(topic ? topic.help : mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "--version" || name === "-v") {
    io.stdout.write(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr.write(`error: unknown command "${name}"\n\n${mainHelp()}`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr.write(`error: ${(error as Error).message}\nRun "openedx-events-avro ${name} --help" for usage.\n`);
      return EXIT.usage;
    }
    io.stderr.write(`error: ${errorMessage(error)}\n`);
    return EXIT.usage;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}
