import Database from "better-sqlite3";
import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { databaseUrl } from "../server/database-url";
import { runCli, UsageError } from "./run-cli";

/**
 * `npm run -s db -- backup FILE [--force]` and `npm run -s db -- check`: the
 * database that DATABASE_URL names (data/synack.db by default), while the app
 * keeps serving.
 *
 * A backup is `VACUUM INTO`: SQLite copies the database as one read
 * transaction sees it, so a backup taken mid-burst is a consistent snapshot
 * (with or without WAL) and never blocks the server's writes for long. The copy
 * is written beside the target, checked with `PRAGMA integrity_check`, and only
 * then renamed into place, so a failed backup never leaves a half file under
 * the name a restore would use.
 */

const USAGE = "usage: npm run -s db -- backup FILE [--force] | check";

/** What a learner would miss if it were lost: the counts a backup and a check report. */
const COUNTED = [
  ["learners", "Learner"],
  ["card states", "CardState"],
  ["reviews", "ReviewLog"],
  ["quiz and interview sessions", "StudySession"],
  ["answers", "Answer"],
] as const;

function counts(database: Database.Database): string {
  return COUNTED.map(([label, table]) => `${(database.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n} ${label}`).join(", ");
}

function integrity(database: Database.Database): string {
  const rows = database.pragma("integrity_check") as { integrity_check: string }[];
  return rows.map((row) => row.integrity_check).join("; ");
}

function openExisting(path: string, readonly: boolean): Database.Database {
  if (!existsSync(path)) throw new UsageError(`no database at ${path} (DATABASE_URL=file:${path}); start the app once, or set DATABASE_URL`);
  return new Database(path, { readonly, fileMustExist: true });
}

function backup(source: string, target: string, force: boolean): string {
  if (resolve(target) === resolve(source)) throw new UsageError("the backup must be another file than the database itself");
  if (existsSync(target) && !force) throw new UsageError(`${target} exists; give --force to replace it`);
  if (!existsSync(dirname(resolve(target))) || !statSync(dirname(resolve(target))).isDirectory()) throw new UsageError(`${dirname(target)}: no such folder`);
  const database = openExisting(source, false);
  // SQLite refuses to VACUUM INTO an existing file, and a crash must not leave a partial copy under the target's name.
  const partial = join(dirname(resolve(target)), `.${basename(target)}.partial-${process.pid}`);
  rmSync(partial, { force: true });
  try {
    database.prepare("VACUUM INTO ?").run(partial);
    const copy = new Database(partial, { readonly: true, fileMustExist: true });
    const verdict = integrity(copy);
    const copied = counts(copy);
    copy.close();
    if (verdict !== "ok") throw new Error(`the copy failed its integrity check (${verdict}); nothing was replaced`);
    renameSync(partial, target);
    return `backed up ${source} to ${target} (${statSync(target).size} bytes, integrity ok): ${copied}`;
  } finally {
    rmSync(partial, { force: true });
    database.close();
  }
}

function check(source: string): { output: string; exitCode: number } {
  const database = openExisting(source, true);
  try {
    const verdict = integrity(database);
    return { output: `${source}: integrity ${verdict}; ${counts(database)}`, exitCode: verdict === "ok" ? 0 : 1 };
  } finally {
    database.close();
  }
}

function main(argv: string[]) {
  let parsed: { values: { force?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, strict: true, allowPositionals: true, options: { force: { type: "boolean" } } });
  } catch (error) {
    const flag = /'(-[^' ]*)/.exec((error as Error).message)?.[1];
    throw new UsageError(flag ? `unknown flag ${flag}; ${USAGE}` : USAGE);
  }
  const [command, ...rest] = parsed.positionals;
  const source = databaseUrl().slice("file:".length);
  if (command === "backup") {
    if (rest.length !== 1) throw new UsageError(`backup takes one FILE; ${USAGE}`);
    return backup(source, rest[0]!, parsed.values.force === true);
  }
  if (command === "check") {
    if (rest.length !== 0 || parsed.values.force) throw new UsageError(`check takes no arguments; ${USAGE}`);
    return check(source);
  }
  throw new UsageError(command ? `unknown command "${command}"; ${USAGE}` : USAGE);
}

runCli("db", main);
