import pg from "pg";

/*
 * `npm start` migrates the database before it serves. Prisma's `migrate
 * deploy` takes a PostgreSQL advisory lock itself, so two servers starting
 * at once never apply a migration twice, but it gives up after 10 seconds
 * (P1002, "Timed out trying to acquire a postgres advisory lock"), and on a
 * busy machine the first server's migrations take longer than that: the
 * second server's start failed. So each start first waits its turn on a
 * lock of its own, held for the whole `migrate deploy`; the one that waited
 * then finds every migration applied.
 */

/** Any fixed number other than Prisma's own (72707369): "SynMigr" in ASCII. Held by a session, apart from the transaction locks of lib/server/sql-dialect.ts. */
const MIGRATION_LOCK_KEY = 0x53796e4d696772n.toString();

/** A hang guard: migrations take seconds; a holder still migrating after this is stuck. */
const WAIT = "15min";

/** Runs `work` holding the migration lock of the PostgreSQL database at `url`; `onWait` is told when another process holds it. */
export async function withMigrationLock<T>(url: string, onWait: () => void, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS locked", [MIGRATION_LOCK_KEY]);
    if (!rows[0]?.locked) {
      onWait();
      await client.query(`SET lock_timeout = '${WAIT}'`);
      await client.query("SELECT pg_advisory_lock($1::bigint)", [MIGRATION_LOCK_KEY]);
    }
    // The lock is the session's: ending the connection below lets it go, as does this process dying.
    return await work();
  } finally {
    await client.end();
  }
}
