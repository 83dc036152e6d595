/** Where the CLI writes, and how: coloured and aligned on a terminal, plain otherwise. */
export interface CliIO {
  readonly cwd: string;
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
}

type Writable = CliIO["stdout"];

/**
 * The process's streams as the CLI writes to them. A reader that stops early (`… | head -1`)
 * closes the pipe, and the next write fails with EPIPE: without a listener that is an unhandled
 * 'error' event, a stack trace and exit 1 whatever the result. Here a closed stream just drops
 * what is written to it, and the command goes on to the exit code of its work. Any other write
 * error (a full disk) is said once on the other stream, and does not change the exit code either.
 */
export function processIO(proc: Pick<NodeJS.Process, "cwd" | "env" | "stdout" | "stderr">): CliIO {
  const stderr = guarded(proc.stderr, () => undefined);
  const stdout = guarded(proc.stdout, (error) => stderr.write(`error: the output could not be written: ${error.message}\n`));
  return { cwd: proc.cwd(), stdout, stderr, env: proc.env };
}

function guarded(stream: NodeJS.WriteStream, onError: (error: Error) => void): Writable {
  let failed = false;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (failed) return;
    failed = true;
    if (error.code !== "EPIPE") onError(error);
  });
  return {
    isTTY: stream.isTTY,
    write: (text: string) => (failed || stream.destroyed ? false : stream.write(text)),
  };
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90, bold: 1 } as const;
export type Colour = keyof typeof CODES;

export class Reporter {
  private readonly colour: boolean;

  constructor(
    private readonly io: CliIO,
    readonly quiet: boolean,
  ) {
    const forced = io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0";
    this.colour = forced || (Boolean(io.stdout.isTTY) && io.env.NO_COLOR === undefined && io.env.TERM !== "dumb");
  }

  paint(colour: Colour, text: string): string {
    return this.colour ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text;
  }

  /** A status line: `label` padded so that the subjects line up. Suppressed by --quiet. */
  status(label: string, colour: Colour, subject: string, detail = ""): void {
    if (this.quiet) return;
    this.io.stdout.write(`${this.paint(colour, labelColumn(label))}${subject}${detail ? `  ${this.paint("gray", detail)}` : ""}\n`);
  }

  /** A problem: always shown, on stdout so that it can be piped with the rest of the report. */
  problem(label: string, subject: string, details: readonly string[] = []): void {
    this.io.stdout.write(`${this.paint("red", labelColumn(label))}${subject}\n`);
    for (const detail of details) this.io.stdout.write(`${" ".repeat(10)}${detail}\n`);
  }

  line(text = ""): void {
    this.io.stdout.write(`${text}\n`);
  }

  /** Errors that stop the command: on stderr. */
  error(message: string): void {
    this.io.stderr.write(`${this.paint("red", "error")}: ${message}\n`);
  }

  summary(text: string, ok: boolean): void {
    this.io.stdout.write(`${this.paint(ok ? "green" : "red", text)}\n`);
  }
}

/** The label column: 10 wide, and always at least one space before the subject ("unreadable" is 10 long). */
function labelColumn(label: string): string {
  return label.length >= 10 ? `${label} ` : label.padEnd(10);
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
