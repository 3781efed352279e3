import { runScript, type CliResult } from "./cli-process";

/**
 * `npm run -s db -- ARGS` as a process, on the database at `url` and with `path` as PATH (a test hides pg_dump
 * by giving a PATH without it). The child reads both from this process's environment, restored afterwards.
 */
export function runDbCli(args: string[], url: string, path = process.env.PATH): Promise<CliResult> {
  const previous = { url: process.env.DATABASE_URL, path: process.env.PATH };
  process.env.DATABASE_URL = url;
  process.env.PATH = path;
  try {
    return runScript("lib/cli/db.ts", args);
  } finally {
    process.env.DATABASE_URL = previous.url;
    process.env.PATH = previous.path;
  }
}
