import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/*
 * The SQLite files every test database is a byte copy of: one that `prisma
 * migrate deploy` migrated, and one that scripts/load-content.ts then filled
 * with content/, each exactly as `npm start` makes it. Migrating took two
 * seconds a database and loading content as many again; copying a file takes
 * milliseconds. The unit project's global setup (test/setup/sqlite-templates.ts)
 * makes both once for the run and hands them to the workers in the
 * environment; outside vitest (the bench) they are made once per process.
 */

const VARIABLES = { migrated: "SYNACK_TEST_SQLITE_TEMPLATE", content: "SYNACK_TEST_SQLITE_CONTENT_TEMPLATE" } as const;

export type SqliteTemplate = keyof typeof VARIABLES;

/** The path of the template, made now if this run has none yet. */
export function sqliteTemplate(kind: SqliteTemplate): string {
  const made = process.env[VARIABLES[kind]];
  if (made && existsSync(made)) return made;
  const path = join(mkdtempSync(join(tmpdir(), "synack-template-")), `${kind}.db`);
  const env = { ...process.env, DATABASE_URL: `file:${path}` };
  if (kind === "migrated") {
    execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], { env, stdio: "pipe" });
  } else {
    copyFileSync(sqliteTemplate("migrated"), path);
    execFileSync("node_modules/.bin/tsx", ["scripts/load-content.ts", "content"], { env, stdio: "pipe" });
  }
  settle(path);
  process.env[VARIABLES[kind]] = path;
  return path;
}

/** Removes the templates this process made or was handed. */
export function removeSqliteTemplates(): void {
  for (const variable of Object.values(VARIABLES)) {
    const path = process.env[variable];
    if (path) rmSync(dirname(path), { recursive: true, force: true });
    delete process.env[variable];
  }
}

/** Folds any write-ahead log into the file, so that the file alone is the whole database and a copy of it is too. */
function settle(path: string): void {
  const database = new Database(path);
  try {
    database.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    database.close();
  }
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) throw new Error(`${wal} still holds writes after a checkpoint: a copy of ${path} alone would miss them`);
}
