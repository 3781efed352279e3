/*
 * When the database itself cannot do what was asked: the disk is full, the
 * file or its disk is read-only, another process holds the write lock past
 * the busy timeout, the file cannot be opened, or the disk fails. These are
 * not bugs in SynAck and not the learner's fault; SQLite's atomic commit
 * means the request stored nothing and everything stored before is intact.
 * The error arrives from better-sqlite3 (SqliteError, `code`), from Prisma's
 * adapter (DriverAdapterError, `cause.originalCode`) or from Prisma's client
 * (`code` set to SQLite's name, or P1008/P2028 for a wait that ran out).
 */

export const STORAGE_FAILURES = ["full", "read-only", "busy", "unavailable", "io"] as const;
export type StorageFailure = (typeof STORAGE_FAILURES)[number];

type ErrorFields = { code?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } };

function fields(error: unknown): ErrorFields | null {
  return typeof error === "object" && error !== null ? (error as ErrorFields) : null;
}

/** SQLite's result code name ("SQLITE_FULL", "SQLITE_READONLY_DBMOVED") found anywhere in the error, or null. */
export function sqliteErrorCode(error: unknown, depth = 0): string | null {
  const found = fields(error);
  if (!found || depth > 4) return null;
  for (const candidate of [found.code, found.originalCode]) {
    if (typeof candidate === "string" && candidate.startsWith("SQLITE_")) return candidate;
  }
  return sqliteErrorCode(found.cause, depth + 1) ?? sqliteErrorCode(found.meta?.driverAdapterError?.cause, depth + 1);
}

/** Which storage failure the error is, or null for any other error (a bug, bad input). */
export function storageFailure(error: unknown): StorageFailure | null {
  const code = sqliteErrorCode(error);
  if (code) {
    if (code.startsWith("SQLITE_FULL")) return "full";
    if (code.startsWith("SQLITE_READONLY")) return "read-only";
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "busy";
    if (code.startsWith("SQLITE_CANTOPEN")) return "unavailable";
    if (code.startsWith("SQLITE_IOERR")) return "io";
    return null;
  }
  const prisma = fields(error)?.code;
  // P1008: the adapter's SQLITE_BUSY (a wait that timed out); P2028: a transaction that waited too long for its turn.
  if (prisma === "P1008" || prisma === "P2028") return "busy";
  // better-sqlite3 checks the folder itself before SQLite is asked.
  if (error instanceof Error && error.message.includes("Cannot open database because the directory does not exist")) return "unavailable";
  return null;
}
