import { Prisma, PrismaClient } from "./generated/prisma/client";
import { databaseUrl } from "./database-url";
import { SerializedSQLite } from "./sqlite-connection";

/**
 * A Prisma client on the SQLite file at `url`, through one serialized WAL
 * connection (lib/server/sqlite-connection.ts). Scripts and tests call this
 * directly; the app goes through lib/server/db.ts, which keeps one client.
 */
export function createPrismaClient(url: string = databaseUrl()): PrismaClient {
  return new PrismaClient({
    adapter: new SerializedSQLite(url),
    // Transactions take turns on the one connection. Hang guards, not goals: a burst of hundreds
    // of requests queues for a while on a busy machine, and a transaction is a few statements.
    transactionOptions: { maxWait: 60_000, timeout: 20_000 },
  });
}

/** A client or an open interactive transaction: what data access that may run inside one takes. */
export type Db = Prisma.TransactionClient;

/**
 * Runs the statements as one transaction: a batch of their own on a client,
 * one after another inside a transaction that is already open.
 */
export async function atomically(db: Db, statements: Prisma.PrismaPromise<unknown>[]): Promise<void> {
  if ("$transaction" in db) await (db as PrismaClient).$transaction(statements);
  else for (const statement of statements) await statement;
}

export type { PrismaClient };
