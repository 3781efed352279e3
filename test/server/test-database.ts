import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { createPostgresDatabase, onPostgres } from "../db/test-postgres";

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
