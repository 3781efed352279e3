import Database from "better-sqlite3";
import { mkdirSync, mkdtempSync, rmdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { BUSY_TIMEOUT_MS } from "@/lib/server/sqlite-connection";
import { sqliteErrorCode, storageFailure } from "@/lib/server/storage-errors";
import { createTestDatabase } from "./test-database";

/*
 * Issue 10: the app's one SQLite connection (lib/server/sqlite-connection.ts).
 * Statements never run inside another request's transaction
 * (serialized-adapter.test.ts). Here: a COMMIT that fails is rolled back and
 * lets go (before, SQLite's transaction stayed open, the next write was
 * acknowledged into it and never committed, and with a lock around
 * transactions every later statement waited for ever); the WAL settings; a
 * file that could not be opened is opened again once it can be.
 */

const learnerRow = (id: string) => ({ data: { id, tokenHash: `token-${id}` } });

/** What another process sees: only committed rows. */
function committedLearners(path: string): string[] {
  const raw = new Database(path, { readonly: true });
  try {
    return (raw.prepare("SELECT id FROM Learner ORDER BY id").all() as { id: string }[]).map((row) => row.id);
  } finally {
    raw.close();
  }
}

describe("the app's SQLite connection", () => {
  let db: PrismaClient;
  let path: string;

  beforeAll(() => {
    ({ db, path } = createTestDatabase());
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("is in WAL mode, syncs at checkpoints (synchronous NORMAL) and waits 5 s for another process's lock", async () => {
    const pragma = async (name: string) => Object.values((await db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`))[0]!)[0];
    expect(await pragma("journal_mode")).toBe("wal");
    expect(Number(await pragma("synchronous"))).toBe(1);
    expect(Number(await pragma("busy_timeout"))).toBe(BUSY_TIMEOUT_MS);
  });

  it("a COMMIT that fails (a deferred foreign key) is rolled back and lets later statements and transactions through", async () => {
    const failed = await db
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
        await tx.cardState.create({
          data: { learnerId: "nobody", cardId: "c", due: new Date(), stability: 1, difficulty: 1, elapsedDays: 0, scheduledDays: 0, learningSteps: 0, reps: 0, lapses: 0, state: 0 },
        });
      })
      .then(
        () => "committed",
        (error: unknown) => sqliteErrorCode(error),
      );
    expect(failed).toMatch(/^SQLITE_CONSTRAINT/);
    await db.learner.create(learnerRow("after-failed-commit"));
    await db.$transaction([db.learner.create(learnerRow("next-transaction"))]);
    expect(committedLearners(path)).toEqual(expect.arrayContaining(["after-failed-commit", "next-transaction"]));
    expect(await db.cardState.count({ where: { learnerId: "nobody" } })).toBe(0);
  });
});

describe("a database file that cannot be opened", () => {
  it("fails each query as unavailable (its folder is missing, then a folder stands in its place), and the first query after it can be opened works", async () => {
    const folder = join(mkdtempSync(join(tmpdir(), "synack-cantopen-")), "not-yet");
    const path = join(folder, "app.db");
    const db = createPrismaClient(`file:${path}`);
    try {
      expect(storageFailure(await db.learner.count().catch((caught: unknown) => caught))).toBe("unavailable");
      mkdirSync(path, { recursive: true });
      const error = await db.learner.count().catch((caught: unknown) => caught);
      expect(sqliteErrorCode(error)).toBe("SQLITE_CANTOPEN");
      expect(storageFailure(error)).toBe("unavailable");
      rmdirSync(path);
      const raw = new Database(path);
      raw.exec(`CREATE TABLE "Learner" ("id" TEXT NOT NULL PRIMARY KEY, "tokenHash" TEXT NOT NULL, "displayName" TEXT, "newCardsPerDay" INTEGER NOT NULL DEFAULT 20, "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP)`);
      raw.close();
      expect(await db.learner.count()).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });
});

describe("storageFailure", () => {
  const sqliteError = (code: string) => Object.assign(new Error(code), { name: "SqliteError", code });
  it.each([
    ["better-sqlite3's SqliteError", sqliteError("SQLITE_FULL"), "full"],
    ["better-sqlite3's missing folder", new TypeError("Cannot open database because the directory does not exist"), "unavailable"],
    ["Prisma's error with SQLite's code", Object.assign(new Error("Invalid `db.learner.create()` invocation"), { code: "SQLITE_READONLY" }), "read-only"],
    ["an extended read-only code", sqliteError("SQLITE_READONLY_DBMOVED"), "read-only"],
    ["the adapter's DriverAdapterError", Object.assign(new Error("adapter"), { cause: { kind: "SocketTimeout", originalCode: "SQLITE_BUSY", originalMessage: "database is locked" } }), "busy"],
    ["Prisma's wrapper of an adapter error", Object.assign(new Error("P2036"), { code: "P2036", meta: { driverAdapterError: { cause: { originalCode: "SQLITE_IOERR_WRITE" } } } }), "io"],
    ["a file that cannot be opened", sqliteError("SQLITE_CANTOPEN"), "unavailable"],
    ["a transaction that waited too long for its turn", Object.assign(new Error("Transaction API error"), { code: "P2028" }), "busy"],
    ["a constraint (a bug, not storage)", sqliteError("SQLITE_CONSTRAINT_UNIQUE"), null],
    ["any other error", new TypeError("x is undefined"), null],
    ["not an error", "SQLITE_FULL", null],
  ])("%s", (_, error, expected) => {
    expect(storageFailure(error)).toBe(expected);
  });
});
