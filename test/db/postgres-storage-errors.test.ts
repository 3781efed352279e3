import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/server/prisma-client";
import { storageFailure } from "@/lib/server/storage-errors";
import { adminSql, createPostgresDatabase, dropPostgresDatabase, onPostgres, postgresServerUrl, withDatabase } from "./test-postgres";

/*
 * Issue 13: the database failures a learner is told about (503 with a code,
 * lib/server/api-response.ts) are named the same on PostgreSQL as on SQLite.
 * Each error here is a real one from a real server.
 */
describe.skipIf(!onPostgres())("storage failures on PostgreSQL", () => {
  const made: string[] = [];
  afterAll(() => {
    for (const url of made) dropPostgresDatabase(url);
  });

  async function failureOf(url: string, work: (db: ReturnType<typeof createPrismaClient>) => Promise<unknown>) {
    const db = createPrismaClient(url);
    try {
      await work(db);
      return "no error";
    } catch (error) {
      return storageFailure(error);
    } finally {
      await db.$disconnect().catch(() => undefined);
    }
  }

  it("a server that does not answer is unavailable", async () => {
    const closed = new URL(postgresServerUrl());
    closed.port = "1";
    expect(await failureOf(closed.toString(), (db) => db.contentLoad.count())).toBe("unavailable");
  });

  it("a database that is not there is unavailable", async () => {
    expect(await failureOf(withDatabase(postgresServerUrl(), "synack_no_such_database"), (db) => db.contentLoad.count())).toBe("unavailable");
  });

  it("a write to a read-only database is read-only, and reading still works", async () => {
    const url = createPostgresDatabase();
    made.push(url);
    adminSql(`ALTER DATABASE "${new URL(url).pathname.slice(1)}" SET default_transaction_read_only = on`);
    expect(await failureOf(url, (db) => db.contentLoad.count())).toBe("no error");
    expect(await failureOf(url, (db) => db.contentLoad.create({ data: { checksum: "x", files: 0, notes: 0, cards: 0, quizzes: 0, claims: 0 } }))).toBe("read-only");
    expect(await failureOf(url, (db) => db.$transaction(async (tx) => tx.learner.create({ data: { tokenHash: "read-only" } })))).toBe("read-only");
  });

  it("a statement cancelled by statement_timeout is busy", async () => {
    const url = createPostgresDatabase();
    made.push(url);
    adminSql(`ALTER DATABASE "${new URL(url).pathname.slice(1)}" SET statement_timeout = 50`);
    expect(await failureOf(url, (db) => db.$queryRawUnsafe("SELECT pg_sleep(5)"))).toBe("busy");
  });

  it("a constraint violation is not a storage failure: it stays the caller's error", async () => {
    const url = createPostgresDatabase();
    made.push(url);
    expect(await failureOf(url, async (db) => {
      await db.learner.create({ data: { tokenHash: "twice" } });
      await db.learner.create({ data: { tokenHash: "twice" } });
    })).toBe(null);
  });
});
