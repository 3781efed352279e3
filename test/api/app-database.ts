import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { checkContent } from "@/lib/content";
import { loadContentFiles } from "@/lib/content/load-content-files";
import { contentChecksum, storeContent } from "@/lib/server/content-store";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { createTestDatabase } from "../server/test-database";

/*
 * The app's own database client (lib/server/db.ts) pointed at a fresh,
 * migrated SQLite file with content/ loaded: DATABASE_URL set and the
 * client singleton on globalThis cleared before the route modules are
 * imported, so the handlers under test use this file and no other. A test
 * may hand in the client to use (one that records its statements).
 */
export async function useAppDatabase(client?: (url: string) => PrismaClient): Promise<{ db: PrismaClient; path: string }> {
  const { db: setup, url, path } = createTestDatabase();
  const files = loadContentFiles("content");
  await storeContent(setup, checkContent(files), contentChecksum(files));
  await setup.$disconnect();
  process.env.DATABASE_URL = url;
  (globalThis as { synackPrisma?: PrismaClient }).synackPrisma = client?.(url);
  const { db } = await import("@/lib/server/db");
  return { db, path };
}

/** A learner with a known cookie token, as ensureLearner would have made it. */
export async function learnerWithCookie(db: PrismaClient, token: string): Promise<{ id: string; cookie: string }> {
  const learner = await db.learner.create({ data: { tokenHash: createHash("sha256").update(token).digest("hex") } });
  return { id: learner.id, cookie: `synack_learner=${token}` };
}

/**
 * A signed-in instructor with a known cookie token, as logIn would have left
 * them: a new Instructor row, or a further session for `instructorId`.
 */
export async function instructorWithCookie(db: PrismaClient, token: string, instructorId?: string): Promise<{ id: string; cookie: string }> {
  const id = instructorId ?? (await db.instructor.create({ data: { email: `${token}@example.edu`, name: token, passwordHash: "not-a-hash" } })).id;
  await db.instructorSession.create({ data: { tokenHash: createHash("sha256").update(token).digest("hex"), instructorId: id, expiresAt: new Date(Date.now() + 12 * 3600_000) } });
  return { id, cookie: `synack_instructor=${token}` };
}

/** Every row of every table, hashed: equal before and after a refused request means nothing stored changed. */
export function databaseDigest(path: string): string {
  const raw = new Database(path, { readonly: true });
  try {
    const hash = createHash("sha256");
    const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    for (const { name } of tables) {
      hash.update(name);
      for (const row of raw.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).iterate()) hash.update(JSON.stringify(row, (_, value) => (typeof value === "bigint" ? value.toString() : value)));
    }
    return hash.digest("hex");
  } finally {
    raw.close();
  }
}
