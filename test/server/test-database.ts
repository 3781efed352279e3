import Database from "better-sqlite3";
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { databaseProvider } from "@/lib/server/database-url";
import { createPostgresDatabase, onPostgres, postgresContentTemplate, postgresRows } from "../db/test-postgres";
import { sqliteTemplate } from "./sqlite-template";

/**
 * A real SQLite file in a temporary folder, migrated by `prisma migrate
 * deploy` exactly as `npm start` does it (a copy of the run's migrated
 * template: test/server/sqlite-template.ts); with `content`, with content/
 * loaded as `npm start` loads it too. In the PostgreSQL project, a new
 * PostgreSQL database cloned from a template made the same way (`path` is
 * then empty: there is no file).
 */
export function createTestDatabase(options: { content?: boolean } = {}): { url: string; path: string; db: PrismaClient } {
  if (onPostgres()) {
    const url = createPostgresDatabase(options.content ? postgresContentTemplate() : undefined);
    return { url, path: "", db: createPrismaClient(url) };
  }
  const path = join(mkdtempSync(join(tmpdir(), "synack-db-")), "test.db");
  copyFileSync(sqliteTemplate(options.content ? "content" : "migrated"), path);
  const url = `file:${path}`;
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
