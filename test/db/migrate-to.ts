import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { databaseProvider } from "@/lib/server/database-url";
import { committedMigrations, migrationsFolder } from "@/lib/server/migration-history";

/*
 * A database as an earlier release left it: the provider's committed
 * migrations up to one of them, applied by `prisma migrate deploy` through a
 * Prisma config of their own (prisma.config.ts names the whole history), so
 * that an upgrade test can put rows in it and then migrate the rest of the
 * way exactly as `npm start` does.
 */

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const PRISMA = join(ROOT, "node_modules/.bin/prisma");

/** The committed migration of `provider` whose name ends with `_suffix` (its timestamp is whenever it was made). */
export function migrationNamed(url: string, suffix: string): { name: string; before: string } {
  const names = committedMigrations(databaseProvider(url));
  const index = names.findIndex((name) => name.endsWith(`_${suffix}`));
  if (index < 1) throw new Error(`migrate-to: no migration *_${suffix} after a first one in ${migrationsFolder(databaseProvider(url))}`);
  return { name: names[index]!, before: names[index - 1]! };
}

/** Applies the committed migrations of the database's provider up to `last`, inclusive, and no further. */
export function migrateTo(url: string, last: string): void {
  const provider = databaseProvider(url);
  const names = committedMigrations(provider);
  if (!names.includes(last)) throw new Error(`migrate-to: ${migrationsFolder(provider)} has no migration ${last}`);
  const folder = mkdtempSync(join(tmpdir(), "synack-migrate-to-"));
  try {
    const history = join(folder, "migrations");
    mkdirSync(history);
    cpSync(join(ROOT, migrationsFolder(provider), "migration_lock.toml"), join(history, "migration_lock.toml"));
    for (const name of names.filter((candidate) => candidate <= last)) cpSync(join(ROOT, migrationsFolder(provider), name), join(history, name), { recursive: true });
    const config = join(folder, "prisma.config.ts");
    const schema = join(ROOT, provider === "postgresql" ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma");
    // prisma.config.ts's own adapters, by absolute path: the config is loaded from this temporary folder.
    writeFileSync(
      config,
      `import { defineConfig } from ${JSON.stringify(join(ROOT, "node_modules/prisma/config.js"))};
import { PrismaBetterSQLite3 } from ${JSON.stringify(join(ROOT, "node_modules/@prisma/adapter-better-sqlite3/dist/index.js"))};
import { postgresMigrationAdapter } from ${JSON.stringify(join(ROOT, "lib/server/postgres-migration-adapter.ts"))};
const url = ${JSON.stringify(url)};
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: ${JSON.stringify(schema)},
  migrations: { path: ${JSON.stringify(history)} },
  async adapter() {
    return ${provider === "postgresql" ? "postgresMigrationAdapter(url)" : "new PrismaBetterSQLite3({ url })"};
  },
});
`,
    );
    execFileSync(PRISMA, ["migrate", "deploy", "--config", config], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, stdio: "pipe" });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** `prisma migrate deploy` with the project's own config, as `npm start` runs it; the exit code and what it printed. */
export function migrateDeploy(url: string): { code: number | null; output: string } {
  const result = spawnSync(PRISMA, ["migrate", "deploy"], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/**
 * What `prisma migrate resolve --rolled-back NAME` does, in SQL, as
 * docs/deploy.md ("Upgrades") tells an operator to: that command needs
 * Prisma's native schema engine, which this setup does not have.
 */
export function markRolledBackSql(name: string): string {
  return `UPDATE "_prisma_migrations" SET "rolled_back_at" = now() WHERE "migration_name" = '${name.replaceAll("'", "''")}' AND "finished_at" IS NULL`;
}
