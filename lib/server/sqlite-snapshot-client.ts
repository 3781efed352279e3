import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/prisma/client";
import { BUSY_TIMEOUT_MS } from "./sqlite-connection";

/**
 * A read-only Prisma client on a SQLite file, for reading all of it in one
 * transaction while a server goes on using it (`db -- copy`). The app's
 * client (createPrismaClient) begins every transaction IMMEDIATE, taking the
 * write lock: held for a whole copy, it would make the server's writes fail
 * with "database is locked". Prisma's own adapter begins DEFERRED, so the
 * first read takes a snapshot (WAL mode, which the app sets) and writers go
 * on; opened read-only, it cannot write the source by mistake.
 */
export function createSqliteSnapshotClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS }) });
}
