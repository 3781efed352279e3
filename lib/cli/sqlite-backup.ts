import Database from "better-sqlite3";
import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { partialBackupPath } from "./backup-target";
import { describeCounts } from "./counted-tables";
import { UsageError } from "./run-cli";

/*
 * `db -- backup` and `db -- check` on SQLite, while the app keeps serving.
 *
 * A backup is `VACUUM INTO`: SQLite copies the database as one read
 * transaction sees it, so a backup taken mid-burst is a consistent snapshot
 * (with or without WAL) and never blocks the server's writes for long. The copy
 * is written beside the target, checked with `PRAGMA integrity_check`, and only
 * then renamed into place.
 */

function counts(database: Database.Database): string {
  return describeCounts((table) => (database.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n);
}

function integrity(database: Database.Database): string {
  const rows = database.pragma("integrity_check") as { integrity_check: string }[];
  return rows.map((row) => row.integrity_check).join("; ");
}

export function openExistingSqlite(path: string, readonly: boolean): Database.Database {
  if (!existsSync(path)) throw new UsageError(`no database at ${path} (DATABASE_URL=file:${path}); start the app once, or set DATABASE_URL`);
  return new Database(path, { readonly, fileMustExist: true });
}

export function backupSqlite(source: string, target: string, force: boolean): string {
  if (resolve(target) === resolve(source)) throw new UsageError("the backup must be another file than the database itself");
  const partial = partialBackupPath(target, force);
  const database = openExistingSqlite(source, false);
  // SQLite refuses to VACUUM INTO an existing file.
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

export function checkSqlite(source: string): { output: string; exitCode: number } {
  const database = openExistingSqlite(source, true);
  try {
    const verdict = integrity(database);
    return { output: `${source}: integrity ${verdict}; ${counts(database)}`, exitCode: verdict === "ok" ? 0 : 1 };
  } finally {
    database.close();
  }
}
