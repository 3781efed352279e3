import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { dataModels } from "../db/data-model";
import { CopyMismatchError, copyDatabase, tableMatches, TargetNotEmptyError, type TableCopy } from "../server/database-copy";
import { databaseProvider, printableDatabaseUrl } from "../server/database-url";
import { APPLIED_MIGRATIONS_SQL, migrationsFolder, missingMigrations } from "../server/migration-history";
import { connectPostgres } from "../server/postgres-connection";
import { createPrismaClient } from "../server/prisma-client";
import { createSqliteSnapshotClient } from "../server/sqlite-snapshot-client";
import { CommandFailedError, type CommandIo, UsageError } from "./run-cli";

/*
 * `db -- copy --to postgresql://… [--replace]`: moving a SQLite database up
 * to PostgreSQL. The source is the database DATABASE_URL names (SQLite); the
 * target, an existing PostgreSQL database, is migrated first, exactly as
 * `npm start` migrates one, and must hold no SynAck rows unless --replace.
 * lib/server/database-copy.ts does the copy and its verification.
 *
 * Only SQLite → PostgreSQL: between two PostgreSQL databases pg_dump and
 * pg_restore (`db -- backup`) copy faster and keep everything PostgreSQL
 * has; back down to SQLite is not a move anyone has asked for.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The scheme of a URL the copy refuses, without the rest (it may hold a password). */
const scheme = (url: string) => /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? "(no scheme)";

function checkSource(url: string): string {
  if (databaseProvider(url) !== "sqlite") {
    throw new UsageError(`copy reads a SQLite database, and DATABASE_URL names ${printableDatabaseUrl(url)}; between PostgreSQL databases use db -- backup and pg_restore`);
  }
  const path = url.slice("file:".length);
  if (!existsSync(path)) throw new UsageError(`no database at ${path} (DATABASE_URL=${url}); set DATABASE_URL to the SQLite file to copy`);
  const database = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const migrated = database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    const applied = migrated ? (database.prepare(APPLIED_MIGRATIONS_SQL).all() as { migration_name: string }[]).map((row) => row.migration_name) : [];
    const missing = missingMigrations("sqlite", applied);
    if (missing.length > 0) throw new UsageError(`${path} lacks ${missing.length} of the migrations in ${migrationsFolder("sqlite")} (${missing.at(-1)}…): start the app on it once (npm start migrates it), then copy`);
  } finally {
    database.close();
  }
  return url;
}

function checkTarget(to: string | undefined): string {
  if (to === undefined) throw new UsageError("copy needs --to postgresql://USER@HOST:PORT/DATABASE, the PostgreSQL database to copy into");
  if (databaseProvider(to) !== "postgresql") throw new UsageError(`--to must be a postgresql:// URL (copy moves a SQLite database to PostgreSQL), not a ${scheme(to)} URL`);
  try {
    new URL(to);
  } catch {
    throw new UsageError("--to is not a valid postgresql:// URL");
  }
  return to;
}

/** A tool's message with the URL, or its password between ":" and "@", as printableDatabaseUrl shows it (none of ours print it: a safeguard). */
function redacted(text: string, url: string): string {
  const password = new URL(url).password;
  const plain = text.replaceAll(url, printableDatabaseUrl(url));
  return password ? plain.replaceAll(`:${password}@`, ":***@").replaceAll(`:${decodeURIComponent(password)}@`, ":***@") : plain;
}

/** Connects to the target (an unreachable one is refused here) and lists the committed migrations it lacks. */
async function missingTargetMigrations(url: string): Promise<string[]> {
  const client = await connectPostgres(url);
  try {
    const table = (await client.query<{ found: string | null }>("SELECT to_regclass('_prisma_migrations')::text AS found")).rows[0]!.found;
    const applied = table ? (await client.query<{ migration_name: string }>(APPLIED_MIGRATIONS_SQL)).rows.map((row) => row.migration_name) : [];
    return missingMigrations("postgresql", applied);
  } finally {
    await client.end().catch(() => {});
  }
}

/** `prisma migrate deploy` on the target, as `npm start` runs it (prisma.config.ts picks the PostgreSQL history by the URL). */
function migrate(url: string): void {
  const result = spawnSync(join(ROOT, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
  if (result.status !== 0) {
    const detail = `${result.stderr ?? ""}${result.stdout ?? ""}`.trim().split("\n").filter(Boolean).at(-1) ?? "no output";
    throw new CommandFailedError(redacted(`could not apply the migrations to ${printableDatabaseUrl(url)}: ${detail}`, url));
  }
}

function table(tables: readonly TableCopy[]): string {
  const rows = [["TABLE", "SOURCE", "TARGET", "SAME"], ...tables.map((t) => [t.model, String(t.source), String(t.target), tableMatches(t) ? "ok" : t.source === t.target ? "ROWS DIFFER" : "COUNT DIFFERS"])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 || column === 3 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ").trimEnd()).join("\n");
}

export async function copyCommand(sourceUrl: string, toFlag: string | undefined, replace: boolean, io: CommandIo): Promise<{ output: string; exitCode: number }> {
  const to = checkTarget(toFlag);
  const source = checkSource(sourceUrl);
  const target = printableDatabaseUrl(to);
  const progress = (line: string) => io.warn(`db: copy: ${line}`);
  if ((await missingTargetMigrations(to)).length > 0) {
    progress(`migrating ${target}`);
    migrate(to);
  }
  const models = dataModels(readFileSync(join(ROOT, "prisma/schema.prisma"), "utf8"));
  const reader = createSqliteSnapshotClient(source);
  const writer = createPrismaClient(to);
  const started = Date.now();
  try {
    progress(`reading ${source} in one read transaction; writing ${target} in one transaction`);
    const tables = await copyDatabase(reader, writer, { models, replace, progress });
    const rows = tables.reduce((sum, t) => sum + t.source, 0);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    return { output: `${table(tables)}\ncopied ${source} to ${target} in ${seconds} s: ${tables.length} tables, ${rows} rows; every count and every row's SHA-256 the same on both sides`, exitCode: 0 };
  } catch (error) {
    if (error instanceof TargetNotEmptyError) {
      throw new UsageError(`${target} already holds SynAck data (${error.tables.map((t) => `${t.model} ${t.rows}`).join(", ")}); give --replace to empty those tables and copy anyway`);
    }
    if (error instanceof CopyMismatchError) {
      io.warn(`db: ${error.message}; nothing was committed: the rows of ${target} are as they were`);
      return { output: table(error.tables), exitCode: 1 };
    }
    throw new CommandFailedError(redacted(`${error instanceof Error ? error.message : String(error)}; nothing was committed: the rows of ${target} are as they were`, to));
  } finally {
    await reader.$disconnect();
    await writer.$disconnect();
  }
}
