/*
 * When the database itself cannot do what was asked: the disk is full, the
 * file or its disk is read-only, another process holds the write lock past
 * the busy timeout, the file cannot be opened, or the disk fails. These are
 * not bugs in SynAck and not the learner's fault; SQLite's atomic commit
 * means the request stored nothing and everything stored before is intact.
 * The error arrives from better-sqlite3 (SqliteError, `code`), from Prisma's
 * adapter (DriverAdapterError, `cause.originalCode`) or from Prisma's client
 * (`code` set to SQLite's name, or P1008/P2028 for a wait that ran out).
 *
 * On PostgreSQL the same failures have other names: the server's SQLSTATE
 * (53100 disk full, 25006 a read-only transaction on a standby or a database
 * set read-only, 58030 an I/O error, 53300 too many connections, 40P01 and
 * 55P03 lock waits, 57014 a statement timeout), or the pg adapter's kind for a
 * server that cannot be reached or a database that is not there. They map to
 * the same five answers, so a learner reads the same message on either.
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

type AdapterCause = { kind?: unknown; code?: unknown; originalCode?: unknown };

/** The pg adapter's description of what went wrong (DriverAdapterError's cause), found in the error or its meta. */
function postgresCause(error: unknown, depth = 0): AdapterCause | null {
  const found = fields(error);
  if (!found || depth > 4) return null;
  const candidates = [found.meta?.driverAdapterError?.cause, (error as Error).name === "DriverAdapterError" ? found.cause : undefined];
  for (const candidate of candidates) {
    const cause = fields(candidate) as AdapterCause | null;
    if (cause && typeof cause.kind === "string") return cause;
  }
  return postgresCause(found.cause, depth + 1);
}

const POSTGRES_KINDS: Record<string, StorageFailure> = {
  DatabaseNotReachable: "unavailable",
  ConnectionClosed: "unavailable",
  DatabaseDoesNotExist: "unavailable",
  DatabaseAccessDenied: "unavailable",
  AuthenticationFailed: "unavailable",
  TlsConnectionError: "unavailable",
  SocketTimeout: "busy",
  TooManyConnections: "busy",
};

const POSTGRES_STATES: Record<string, StorageFailure> = {
  "53100": "full",
  "25006": "read-only",
  "58030": "io",
  "53300": "busy",
  "40P01": "busy",
  "55P03": "busy",
  "57014": "busy",
  "57P01": "unavailable",
  "57P02": "unavailable",
  "57P03": "unavailable",
};

function postgresFailure(error: unknown): StorageFailure | null {
  const cause = postgresCause(error);
  if (!cause) return null;
  const state = [cause.code, cause.originalCode].find((value): value is string => typeof value === "string");
  return POSTGRES_KINDS[cause.kind as string] ?? (state ? POSTGRES_STATES[state] : undefined) ?? null;
}

/** Which storage failure the error is, or null for any other error (a bug, bad input). */
export function storageFailure(error: unknown): StorageFailure | null {
  const postgres = postgresFailure(error);
  if (postgres) return postgres;
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
  // P1001: the database server cannot be reached; P1017: it closed the connection.
  if (prisma === "P1001" || prisma === "P1017") return "unavailable";
  // better-sqlite3 checks the folder itself before SQLite is asked.
  if (error instanceof Error && error.message.includes("Cannot open database because the directory does not exist")) return "unavailable";
  return null;
}
