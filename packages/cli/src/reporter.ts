import { Writable } from 'node:stream';
import ora, { type Ora } from 'ora';
import { createColors } from 'picocolors';

/**
 * An output the CLI writes to: all it uses of a stream, so that a test can pass a collector.
 *
 * @example
 * ```ts
 * let text = '';
 * const collector: CliOutput = { write: (chunk) => (text += chunk) };
 * ```
 */
export interface CliOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/**
 * Where the CLI reads and writes: the process, or a test's buffers.
 *
 * @example
 * ```ts
 * let out = '';
 * const io: CliIO = { stdout: { write: (t) => (out += t) }, stderr: process.stderr, interactive: false, cwd: '.', env: {} };
 * await main(['check', '--offline'], io);
 * ```
 */
export interface CliIO {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  /** True when a person is at the terminal: colors, spinners and questions. */
  readonly interactive: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * The CLI's output: colored lines and spinners for a person at a terminal, plain lines
 * otherwise, and with `--json` one JSON document on stdout at the end (nothing else there).
 */
export class Reporter {
  readonly #io: CliIO;
  readonly json: boolean;
  readonly #colors: ReturnType<typeof createColors>;
  readonly #data: Record<string, unknown> = {};

  constructor(io: CliIO, json: boolean) {
    this.#io = io;
    this.json = json;
    this.#colors = createColors(io.interactive && !json && io.env.NO_COLOR === undefined);
  }

  get colors(): ReturnType<typeof createColors> {
    return this.#colors;
  }

  /** A line of human output (dropped with --json). */
  line(text = ''): void {
    if (!this.json) this.#io.stdout.write(`${text}\n`);
  }

  ok(text: string): void {
    this.line(`${this.#colors.green('✔')} ${text}`);
  }

  warn(text: string): void {
    this.line(`${this.#colors.yellow('!')} ${text}`);
  }

  /** An error: on stderr, so scripts reading stdout (and --json) stay clean. */
  fail(text: string): void {
    this.#io.stderr.write(`${this.#colors.red('✖')} ${text}\n`);
  }

  /** Adds a field to the --json document. */
  record(key: string, value: unknown): void {
    this.#data[key] = value;
  }

  /** The --json document. */
  document(ok: boolean, command: string): string {
    return `${JSON.stringify({ ok, command, ...this.#data }, (_, value) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`;
  }

  /** Runs a long step with a spinner on a terminal (stderr), silently otherwise. */
  async step<T>(label: string, work: (update: (text: string) => void) => Promise<T>): Promise<T> {
    const stderr = this.#io.stderr;
    // ora moves the cursor and hooks the stream: only a real stream gets a spinner (a test's
    // collector marked interactive gets the plain output).
    const spinner: Ora | undefined =
      this.#io.interactive && !this.json && stderr instanceof Writable
        ? ora({ text: label, stream: stderr, discardStdin: false }).start()
        : undefined;
    try {
      const result = await work((text) => {
        if (spinner) spinner.text = `${label} ${this.#colors.dim(text)}`;
      });
      spinner?.stop();
      return result;
    } catch (error) {
      spinner?.stop();
      throw error;
    }
  }
}
