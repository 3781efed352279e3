import { execFile, spawnSync } from "node:child_process";
import { readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";
import { dataModels } from "../db/data-model";
import { printableDatabaseUrl } from "../server/database-url";
import { APPLIED_MIGRATIONS_SQL, committedMigrations, missingMigrations } from "../server/migration-history";
import { connectPostgres, serverVersion } from "../server/postgres-connection";
import { partialBackupPath } from "./backup-target";
import { COUNTED, describeCounts, type CountedTable } from "./counted-tables";
import { CommandFailedError } from "./run-cli";

/*
 * `db -- backup` and `db -- check` on PostgreSQL.
 *
 * A backup is pg_dump's custom format (compressed; pg_restore restores all or
 * part of it, into any database, without our roles: --no-owner), taken while
 * the app serves: pg_dump reads one snapshot. That snapshot is exported from
 * a transaction of our own first, so the counts printed are those of the
 * dump itself. The dump is written beside the target, read back with
 * `pg_restore --list` (which reads the whole table of contents and fails on a
 * truncated or foreign file), checked to hold the data of every table, and
 * only then renamed into place.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The major version of a PostgreSQL client tool on PATH, or a CommandFailedError saying how to get it. */
function toolMajor(tool: string): number {
  const run = spawnSync(tool, ["--version"], { encoding: "utf8" });
  if (run.error || run.status !== 0) {
    throw new CommandFailedError(`${tool} was not found on PATH (${run.error?.message ?? `exit code ${run.status}`}): install PostgreSQL's client tools, of the server's major version or newer (Debian: apt-get install postgresql-client)`);
  }
  const major = /\(PostgreSQL\)\s+(\d+)/.exec(run.stdout)?.[1];
  if (!major) throw new CommandFailedError(`${tool} --version said "${run.stdout.trim()}", not a PostgreSQL version`);
  return Number(major);
}

/** libpq takes the password from PGPASSWORD rather than the command line, where `ps` would show it. */
function withoutPassword(url: string): { url: string; password: string | undefined } {
  const parsed = new URL(url);
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  parsed.password = "";
  return { url: parsed.toString(), password };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { env, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const lastLine = (text: string) => text.split("\n").map((line) => line.trim()).filter(Boolean).at(-1) ?? "no output";

async function counts(client: pg.Client): Promise<string> {
  const found = new Map<CountedTable, number>();
  for (const [, table] of COUNTED) found.set(table, Number((await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${table}"`)).rows[0]!.n));
  return describeCounts((table) => found.get(table)!);
}

/** The tables of the data model, as pg_restore --list names them. */
function modelTables(): string[] {
  return dataModels(readFileSync(join(ROOT, "prisma/schema.prisma"), "utf8")).map((model) => model.table);
}

export async function backupPostgres(url: string, target: string, force: boolean): Promise<string> {
  const partial = partialBackupPath(target, force);
  const dumpMajor = toolMajor("pg_dump");
  toolMajor("pg_restore");
  const client = await connectPostgres(url);
  try {
    const server = await serverVersion(client);
    if (dumpMajor < server.major) {
      throw new CommandFailedError(`pg_dump ${dumpMajor} cannot dump a PostgreSQL ${server.major} server: install the client tools of version ${server.major} or newer (Debian: postgresql-client-${server.major}) and put them first on PATH`);
    }
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const snapshot = (await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0]!.id;
    const counted = await counts(client);
    const plain = withoutPassword(url);
    const dump = await run(
      "pg_dump",
      ["--format=custom", "--no-owner", "--no-password", `--snapshot=${snapshot}`, `--file=${partial}`, `--dbname=${plain.url}`],
      { ...process.env, ...(plain.password === undefined ? {} : { PGPASSWORD: plain.password }) },
    );
    await client.query("COMMIT");
    if (dump.code !== 0) throw new CommandFailedError(`pg_dump of ${printableDatabaseUrl(url)} failed: ${lastLine(dump.stderr)}; nothing was replaced`);
    const list = await run("pg_restore", ["--list", partial]);
    if (list.code !== 0) throw new CommandFailedError(`pg_restore --list could not read the dump: ${lastLine(list.stderr)}; nothing was replaced`);
    const withData = new Set([...list.stdout.matchAll(/^\d+; \d+ \d+ TABLE DATA \S+ (\S+) /gm)].map((match) => match[1]!));
    const lacking = modelTables().filter((table) => !withData.has(table));
    if (lacking.length > 0) throw new CommandFailedError(`the dump has no data for ${lacking.join(", ")} (pg_restore --list); nothing was replaced`);
    renameSync(partial, target);
    return `backed up ${printableDatabaseUrl(url)} to ${target} (${statSync(target).size} bytes, pg_dump custom format; pg_restore --list ok, data of all ${withData.size} tables): ${counted}`;
  } finally {
    rmSync(partial, { force: true });
    await client.end().catch(() => {});
  }
}

/**
 * PostgreSQL has no integrity_check: it checks its own pages as it reads
 * them (and their checksums, when the cluster has them). Here: the
 * connection, the server's version, that every committed migration is
 * applied and none failed half-way, and the counts.
 */
export async function checkPostgres(url: string): Promise<{ output: string; exitCode: number }> {
  const client = await connectPostgres(url);
  try {
    const server = await serverVersion(client);
    const where = `${printableDatabaseUrl(url)}: connected (PostgreSQL ${server.text})`;
    const table = (await client.query<{ found: string | null }>("SELECT to_regclass('_prisma_migrations')::text AS found")).rows[0]!.found;
    if (!table) return { output: `${where}; not migrated: no _prisma_migrations table (npm start migrates it)`, exitCode: 1 };
    const applied = (await client.query<{ migration_name: string }>(APPLIED_MIGRATIONS_SQL)).rows.map((row) => row.migration_name);
    const failed = (await client.query<{ migration_name: string }>("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NULL AND rolled_back_at IS NULL")).rows.map((row) => row.migration_name);
    const missing = missingMigrations("postgresql", applied);
    const total = committedMigrations("postgresql").length;
    const migrations = `migrations ${total - missing.length} of ${total} applied${missing.length ? ` (missing ${missing.join(", ")})` : ""}${failed.length ? `, failed: ${failed.join(", ")}` : ""}`;
    if (missing.length === total) return { output: `${where}; ${migrations}`, exitCode: 1 };
    return { output: `${where}; ${migrations}; ${await counts(client)}`, exitCode: missing.length === 0 && failed.length === 0 ? 0 : 1 };
  } finally {
    await client.end().catch(() => {});
  }
}
