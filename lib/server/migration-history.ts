import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DatabaseProvider } from "./database-url";

/*
 * Which of a provider's committed migrations (prisma/migrations for SQLite,
 * prisma/postgresql/migrations for PostgreSQL) a database lacks, from the
 * rows Prisma keeps in its _prisma_migrations table: a database tool that
 * reads every table must know they are all there, and `db -- check` reports it.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The folder the provider's migration history is in, from the project root. */
export function migrationsFolder(provider: DatabaseProvider): string {
  return provider === "postgresql" ? "prisma/postgresql/migrations" : "prisma/migrations";
}

/** The provider's committed migrations, oldest first. */
export function committedMigrations(provider: DatabaseProvider): string[] {
  const dir = join(ROOT, migrationsFolder(provider));
  return readdirSync(dir)
    .filter((entry) => statSync(join(dir, entry)).isDirectory())
    .sort();
}

/** Valid on both providers: the migrations Prisma finished and did not roll back. */
export const APPLIED_MIGRATIONS_SQL = "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL";

/** The committed migrations that are not among `applied` (migration names), oldest first. */
export function missingMigrations(provider: DatabaseProvider, applied: Iterable<string>): string[] {
  const done = new Set(applied);
  return committedMigrations(provider).filter((name) => !done.has(name));
}
