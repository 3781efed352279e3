import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "./generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/prisma-postgresql/client";
import { databaseProvider, databaseUrl } from "./database-url";
import { SerializedSQLite } from "./sqlite-connection";

// Hang guards, not goals: a burst of hundreds of requests queues for a while on a busy machine, and a transaction is a few statements.
const transactionOptions = { maxWait: 60_000, timeout: 20_000 };

/**
 * A Prisma client on the database at `url`: a SQLite file through one
 * serialized WAL connection (lib/server/sqlite-connection.ts), or PostgreSQL
 * through the pg driver adapter's pool. Scripts and tests call this
 * directly; the app goes through lib/server/db.ts, which keeps one client.
 *
 * Each provider has its own generated client (Prisma compiles queries for
 * one provider), made from the same data model (lib/db/postgres-schema.ts),
 * so the two have the same models, fields and methods: the PostgreSQL one
 * is typed as the SQLite one, which the rest of the code is written against.
 */
export function createPrismaClient(url: string = databaseUrl()): PrismaClient {
  if (databaseProvider(url) === "postgresql") {
    const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url, max: POSTGRES_POOL_SIZE }), transactionOptions });
    return client as unknown as PrismaClient;
  }
  return new PrismaClient({ adapter: new SerializedSQLite(url), transactionOptions });
}

/**
 * Connections each app server keeps to PostgreSQL (pg's pool). PostgreSQL's default max_connections is 100: ten
 * servers fit with room for migrations, backups and psql. A server's requests are short, so more would only queue
 * in PostgreSQL instead of in the pool.
 */
const POSTGRES_POOL_SIZE = poolSize(process.env.SYNACK_DB_POOL_SIZE);

function poolSize(value: string | undefined): number {
  if (value === undefined || value === "") return 10;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > 1000) throw new Error(`SYNACK_DB_POOL_SIZE must be a whole number from 1 to 1000, not "${value}"`);
  return size;
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
