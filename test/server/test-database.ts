import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { databaseProvider } from "@/lib/server/database-url";
import { createPostgresDatabase, onPostgres, postgresRows } from "../db/test-postgres";

/**
 * A real SQLite file in a temporary folder, migrated by `prisma migrate
 * deploy` exactly as `npm start` does it; in the PostgreSQL project, a new
 * PostgreSQL database cloned from one migrated the same way (`path` is then
 * empty: there is no file).
 */
export function createTestDatabase(): { url: string; path: string; db: PrismaClient } {
  if (onPostgres()) {
    const url = createPostgresDatabase();
    return { url, path: "", db: createPrismaClient(url) };
  }
  const path = join(mkdtempSync(join(tmpdir(), "synack-db-")), "test.db");
  const url = `file:${path}`;
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
  return { url, path, db: createPrismaClient(url) };
}

/**
 * The rows of one SELECT, read from the database at `url` itself rather
 * than through Prisma: with better-sqlite3 from a SQLite file (a Boolean
 * reads 1 or 0), with psql from PostgreSQL (true or false).
 */
export function readRaw(url: string, select: string): Record<string, unknown>[] {
  if (databaseProvider(url) === "postgresql") return postgresRows(url, select);
  const raw = new Database(url.slice("file:".length), { readonly: true });
  try {
    return raw.prepare(select).all() as Record<string, unknown>[];
  } finally {
    raw.close();
  }
}
