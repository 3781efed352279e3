import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client";
import { databaseUrl } from "./database-url";
import { serializeConnection } from "./serialized-adapter";

/**
 * A Prisma client on the SQLite file at `url`. Scripts and tests call this
 * directly; the app goes through lib/server/db.ts, which keeps one client.
 */
export function createPrismaClient(url: string = databaseUrl()): PrismaClient {
  return new PrismaClient({ adapter: serializeConnection(new PrismaBetterSQLite3({ url })) });
}

export type { PrismaClient };
