import { dbCommand } from "@/lib/cli/db-command";
import type { CliResult } from "./cli-process";
import { runAsyncInProcess } from "./run-in-process";

/**
 * `npm run -s db -- ARGS` in-process (test/cli/entry-points.test.ts runs the entry as a process), on the database
 * at `url` and with `path` as PATH (a test hides pg_dump by giving a PATH without it). Runs may not overlap.
 */
export function runDbCli(args: string[], url: string, path = process.env.PATH): Promise<CliResult> {
  return runAsyncInProcess("db", dbCommand, args, { DATABASE_URL: url, PATH: path });
}
