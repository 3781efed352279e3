import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";

/**
 * A real SQLite file in a temporary folder, migrated by `prisma migrate
 * deploy` exactly as `npm start` does it.
 */
export function createTestDatabase(): { url: string; path: string; db: PrismaClient } {
  const path = join(mkdtempSync(join(tmpdir(), "synack-db-")), "test.db");
  const url = `file:${path}`;
  execFileSync("node_modules/.bin/prisma", ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
  return { url, path, db: createPrismaClient(url) };
}
