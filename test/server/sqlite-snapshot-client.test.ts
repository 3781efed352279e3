import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteSnapshotClient } from "@/lib/server/sqlite-snapshot-client";
import { createTestDatabase } from "./test-database";

/*
 * `db -- copy` reads its SQLite source in one transaction of this client
 * while the app goes on writing: the app's writes must not wait for the
 * copy, and the copy must see the database as it was when it began.
 */

describe("the SQLite snapshot client", () => {
  let database: ReturnType<typeof createTestDatabase>;

  beforeAll(async () => {
    database = createTestDatabase();
    await database.db.learner.createMany({ data: [{ id: "before-1", tokenHash: "t1" }, { id: "before-2", tokenHash: "t2" }] });
  });
  afterAll(async () => {
    await database.db.$disconnect();
  });

  it("reads one snapshot in a transaction while another connection writes and commits at once", async () => {
    const reader = createSqliteSnapshotClient(database.url);
    try {
      const seen = await reader.$transaction(async (read) => {
        const first = await read.learner.count();
        // The app's own client, writing while the read transaction is open: it commits without waiting for it.
        await database.db.learner.create({ data: { id: "during", tokenHash: "t3" } });
        const other = new Database(database.path, { readonly: true });
        const committed = (other.prepare("SELECT COUNT(*) AS n FROM Learner").get() as { n: number }).n;
        other.close();
        return { first, committed, again: await read.learner.count(), ids: (await read.learner.findMany({ orderBy: { id: "asc" } })).map((row) => row.id) };
      });
      expect(seen).toEqual({ first: 2, committed: 3, again: 2, ids: ["before-1", "before-2"] });
      expect(await reader.learner.count()).toBe(3);
    } finally {
      await reader.$disconnect();
    }
  });

  it("cannot write the file it reads", async () => {
    const reader = createSqliteSnapshotClient(database.url);
    try {
      await expect(reader.learner.create({ data: { tokenHash: "never" } })).rejects.toThrow(/readonly/i);
      expect(await database.db.learner.count({ where: { tokenHash: "never" } })).toBe(0);
    } finally {
      await reader.$disconnect();
    }
  });
});
