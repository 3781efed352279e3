import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./run-cli";

/**
 * node:util parseArgs, strict, with its errors turned into one-line usage
 * errors that name the flag and list the valid ones (its own messages quote
 * the whole option spec and suggest `--` escapes).
 */
export function parseFlags<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T, allowPositionals: boolean) {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals, options });
  } catch (error) {
    const flag = /'(-[^' ]*)/.exec((error as Error).message)?.[1];
    const valid = Object.keys(options).map((name) => `--${name}`).join(", ");
    const code = (error as { code?: string }).code;
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new UsageError(`unknown flag ${flag}; valid: ${valid}`);
    if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") throw new UsageError(`unexpected argument; valid flags: ${valid}`);
    throw new UsageError(flag ? `flag ${flag} needs a value` : (error as Error).message);
  }
}
