/** Where the CLI writes, and how: coloured and aligned on a terminal, plain otherwise. */
export interface CliIO {
  readonly cwd: string;
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
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
