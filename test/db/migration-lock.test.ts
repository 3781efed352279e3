import { afterAll, describe, expect, it } from "vitest";
import { withMigrationLock } from "@/lib/server/migration-lock";
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
});
