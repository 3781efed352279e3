/**
 * The one place CLI errors become output: a usage mistake is one line on
 * stderr and exit code 2; anything else is one line and exit code 1. Never a
 * stack trace.
 */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A refusal or failure the command expected (a missing tool, a copy that failed): one line and exit code 1, not an internal error. */
export class CommandFailedError extends Error {
  override name = "CommandFailedError";
}

/** Where a command writes the lines it reports as it goes (problems found, a file it could not read): stderr, in a process. */
export interface CommandIo {
  warn(line: string): void;
}

/** What a command prints on stdout: its text (exit code 0), or its text and exit code. */
export type CommandResult = string | { output: string; exitCode: number };

export type Command = (argv: string[], io: CommandIo) => CommandResult;

/** A command that waits on a database or another process. */
export type AsyncCommand = (argv: string[], io: CommandIo) => Promise<CommandResult>;

/** node:util parseArgs reports unknown or malformed flags with these codes. */
const PARSE_ARGS_CODES = new Set(["ERR_PARSE_ARGS_UNKNOWN_OPTION", "ERR_PARSE_ARGS_INVALID_OPTION_VALUE", "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL"]);

/**
 * Runs `main` on `argv` and returns its stdout text and exit code, its errors
 * turned into one line through `io.warn`. The process entry (runCli) and the
 * tests, which run a command in-process, share it, so both see the same output.
 */
export function runCommand(name: string, main: Command, argv: string[], io: CommandIo): { output: string; exitCode: number } {
  try {
    return settled(main(argv, io));
  } catch (error) {
    return failed(name, error, io);
  }
}

/** runCommand for a command that waits: the same output and exit codes once it has finished. */
export async function runAsyncCommand(name: string, main: AsyncCommand, argv: string[], io: CommandIo): Promise<{ output: string; exitCode: number }> {
  try {
    return settled(await main(argv, io));
  } catch (error) {
    return failed(name, error, io);
  }
}

function settled(result: CommandResult): { output: string; exitCode: number } {
  return typeof result === "string" ? { output: result, exitCode: 0 } : result;
}

function failed(name: string, error: unknown, io: CommandIo): { output: string; exitCode: number } {
  const code = (error as { code?: string }).code;
  if (error instanceof UsageError || (code && PARSE_ARGS_CODES.has(code))) {
    io.warn(`${name}: ${firstLine((error as Error).message)}`);
    return { output: "", exitCode: 2 };
  }
  if (error instanceof CommandFailedError) {
    io.warn(`${name}: ${firstLine(error.message)}`);
    return { output: "", exitCode: 1 };
  }
  io.warn(`${name}: internal error: ${firstLine(error instanceof Error ? error.message : String(error))}`);
  return { output: "", exitCode: 1 };
}

/** The text a process prints for `output` on stdout: ending in one newline, or nothing. */
export function stdoutText(output: string): string {
  return output ? (output.endsWith("\n") ? output : `${output}\n`) : "";
}

const processIo: CommandIo = { warn: (line) => process.stderr.write(`${line}\n`) };

/** Runs `main` on this process's arguments: warnings to stderr as they come, the output to stdout, the exit code set. */
export function runCli(name: string, main: Command): void {
  exitWith(runCommand(name, main, process.argv.slice(2), processIo));
}

/** runCli for a command that waits: the output and exit code once it has finished. */
export function runAsyncCli(name: string, main: AsyncCommand): void {
  void runAsyncCommand(name, main, process.argv.slice(2), processIo).then(exitWith);
}

function exitWith({ output, exitCode }: { output: string; exitCode: number }): void {
  process.stdout.write(stdoutText(output));
  process.exitCode = exitCode;
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
