import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseProvider } from "@/lib/server/database-url";
import { PrismaClient } from "@/lib/server/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/server/generated/prisma-postgresql/client";

export interface RecordedQuery {
  sql: string;
  /** Values bound to the statement. */
  params: number;
  ms: number;
  /** Run inside an interactive or batch transaction (between BEGIN and COMMIT), rather than as its own. */
  inTransaction: boolean;
}

type Query = { sql: string; args: unknown[] };
type Queryable = { queryRaw(query: Query): Promise<unknown>; executeRaw(query: Query): Promise<unknown> };

/**
 * A Prisma client on `url` (a SQLite file or PostgreSQL) whose driver
 * adapter records every statement it runs: its SQL, how many values it
 * binds, how long it took and whether it ran inside a transaction. What
 * SQLite limits (bound parameters; PostgreSQL's limit is 65,535) and what
 * holds the database (one statement's time) are seen where they happen,
 * below Prisma.
 */
export function createCountingClient(url: string): { db: PrismaClient; queries: RecordedQuery[] } {
  const queries: RecordedQuery[] = [];
  const postgres = databaseProvider(url) === "postgresql";
  const factory = postgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url });
  const record = <T>(target: Queryable, method: "queryRaw" | "executeRaw", inTransaction: boolean) => {
    const original = target[method].bind(target);
    target[method] = async (query: Query) => {
      const start = performance.now();
      try {
        return (await original(query)) as T;
      } finally {
        queries.push({ sql: query.sql, params: query.args.length, ms: performance.now() - start, inTransaction });
      }
    };
  };
  const adapter = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const connection = await factory.connect();
      const queryable = connection as unknown as Queryable & { startTransaction(level?: string): Promise<Queryable> };
      record(queryable, "queryRaw", false);
      record(queryable, "executeRaw", false);
      const startTransaction = queryable.startTransaction.bind(queryable);
      queryable.startTransaction = async (level?: string) => {
        const transaction = await startTransaction(level);
        record(transaction, "queryRaw", true);
        record(transaction, "executeRaw", true);
        return transaction;
      };
      return connection;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
  const db = postgres
    ? (new PostgresPrismaClient({ adapter: adapter as unknown as PrismaPg }) as unknown as PrismaClient)
    : new PrismaClient({ adapter: adapter as unknown as PrismaBetterSQLite3 });
  return { db, queries };
}

/** The statement binding the most values, for a failure message that shows it. */
export function widest(queries: readonly RecordedQuery[]): RecordedQuery | undefined {
  return queries.reduce<RecordedQuery | undefined>((most, query) => (!most || query.params > most.params ? query : most), undefined);
}
