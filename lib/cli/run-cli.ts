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

/** node:util parseArgs reports unknown or malformed flags with these codes. */
const PARSE_ARGS_CODES = new Set(["ERR_PARSE_ARGS_UNKNOWN_OPTION", "ERR_PARSE_ARGS_INVALID_OPTION_VALUE", "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL"]);

export function runCli(name: string, main: (argv: string[]) => string | { output: string; exitCode: number }): void {
  try {
    const result = main(process.argv.slice(2));
    const { output, exitCode } = typeof result === "string" ? { output: result, exitCode: 0 } : result;
    if (output) process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
    process.exitCode = exitCode;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (error instanceof UsageError || (code && PARSE_ARGS_CODES.has(code))) {
      process.stderr.write(`${name}: ${firstLine((error as Error).message)}\n`);
      process.exitCode = 2;
      return;
    }
    if (error instanceof CommandFailedError) {
      process.stderr.write(`${name}: ${firstLine(error.message)}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`${name}: internal error: ${firstLine(error instanceof Error ? error.message : String(error))}\n`);
    process.exitCode = 1;
  }
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
