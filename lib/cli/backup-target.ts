import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "./run-cli";

/**
 * Checks that a backup may be written to `target` (a new file, or an
 * existing one with --force, in a folder that exists) and returns the
 * partial file to write first, beside it: only a verified backup is renamed
 * to the name a restore would use, so a failed or interrupted one never
 * leaves half a file there.
 */
export function partialBackupPath(target: string, force: boolean): string {
  if (existsSync(target) && !force) throw new UsageError(`${target} exists; give --force to replace it`);
  if (!existsSync(dirname(resolve(target))) || !statSync(dirname(resolve(target))).isDirectory()) throw new UsageError(`${dirname(target)}: no such folder`);
  return join(dirname(resolve(target)), `.${basename(target)}.partial-${process.pid}`);
}
