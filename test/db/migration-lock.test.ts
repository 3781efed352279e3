import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { withMigrationLock } from "@/lib/server/migration-lock";
import { migrateDeploy } from "./migrate-to";
import { createPostgresDatabase, dropPostgresDatabase, onPostgres } from "./test-postgres";

/*
 * Issue 13: `npm start` on several servers at once migrates one at a time
 * (Prisma's own lock gives up after 10 s). PostgreSQL only: on SQLite the
 * database is one machine's file and migrations need it to themselves.
 */
describe.skipIf(!onPostgres())("the migration lock npm start takes on PostgreSQL", () => {
  const url = onPostgres() ? createPostgresDatabase() : "";
  afterAll(() => {
    if (url) dropPostgresDatabase(url);
  });

  it("a second start waits, says so, and migrates only once the first has finished", async () => {
    const events: string[] = [];
    let finishFirst!: () => void;
    const firstMayFinish = new Promise<void>((resolve) => (finishFirst = resolve));
    let firstStarted!: () => void;
    const firstHasLock = new Promise<void>((resolve) => (firstStarted = resolve));

    const first = withMigrationLock(url, () => events.push("first waited"), async () => {
      events.push("first migrates");
      firstStarted();
      await firstMayFinish;
      events.push("first done");
    });
    await firstHasLock;
    const second = withMigrationLock(url, () => {
      events.push("second waits");
      finishFirst();
    }, async () => {
      events.push("second migrates");
    });
    await Promise.all([first, second]);

    expect(events).toEqual(["first migrates", "second waits", "first done", "second migrates"]);
  });

  it("lets go when the work fails, so that the next start is not stuck", async () => {
    await expect(withMigrationLock(url, () => undefined, async () => Promise.reject(new Error("migrate deploy failed")))).rejects.toThrow("migrate deploy failed");
    const waited: string[] = [];
    await withMigrationLock(url, () => waited.push("waited"), async () => undefined);
    expect(waited).toEqual([]);
  });

  // lib/server/postgres-migration-adapter.ts unrefs the engine's 10 s lock timer so that a finished deploy exits at
  // once; the timer must still fire for a deploy that waits. Prisma's lock id is its own constant (pris.ly/d/migrate-advisory-locking).
  it("Prisma's own lock: a deploy that cannot get it still gives up after Prisma's timeout, with Prisma's message", async () => {
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock(72707369)");
      const deploy = migrateDeploy(url);
      expect(deploy.code).toBe(1);
      expect(deploy.output).toContain("Timed out trying to acquire a postgres advisory lock (SELECT pg_advisory_lock(72707369)). Timeout: 10000ms.");
    } finally {
      await holder.end();
    }
    expect(migrateDeploy(url).code).toBe(0);
  });
});
