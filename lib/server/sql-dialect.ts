import type { DatabaseProvider } from "./database-url";
import { Prisma } from "./generated/prisma/client";
import type { Db } from "./prisma-client";

/*
 * The few places where SynAck's raw SQL cannot be written once for SQLite
 * and PostgreSQL. Everything else is plain SQL that both read alike: quoted
 * identifiers ("Card"."deckId": PostgreSQL folds unquoted names to lower
 * case), TRUE and FALSE for booleans, ON CONFLICT ... excluded, CASE over
 * SUM(boolean). Each fragment here is built with Prisma.sql, so a value
 * inside one is still a bound parameter.
 *
 * Dates: both drivers hand DateTime columns back as Date, and compare them
 * with a Date parameter in time. SQLite stores a DateTime as ISO 8601 text
 * ("2026-11-21T09:37:12.000+00:00", the better-sqlite3 adapter's "iso8601"
 * format, also what it binds a Date parameter as), so text comparison is
 * time order there; PostgreSQL stores timestamp(3) in UTC.
 *
 * JSON: the data model's Json fields are jsonb on PostgreSQL and JSON text
 * on SQLite (in a column declared JSONB). Prisma's model API reads and
 * writes both as JSON values; raw SQL reads them through jsonText and
 * writes them through jsonFromText, so that it sees and sends the same on both.
 */

/** What a column of jsonRecords is read as: PostgreSQL needs the type; SQLite takes JSON's own. */
export type RecordColumnType = "text" | "integer" | "double" | "boolean" | "timestamp";

export interface SqlDialect {
  readonly provider: DatabaseProvider;
  /**
   * `INDEXED BY index` after a table where SQLite's planner must be told the
   * index (it would otherwise pick a worse one); PostgreSQL has no such
   * clause, and its planner picks by statistics.
   */
  indexedBy(index: string): Prisma.Sql;
  /**
   * True when a Json column holds JSON: jsonb always does; SQLite's text
   * could hold anything written there by hand, and its JSON functions stop
   * the statement at text that is not JSON. (`column ->> 'key'` reads a
   * member on both.)
   */
  jsonValid(column: Prisma.Sql): Prisma.Sql;
  /** The length of the JSON array a Json column holds; 0 for any other JSON value. */
  jsonArrayLength(column: Prisma.Sql): Prisma.Sql;
  /** A FROM item: one row per element (as text) of the JSON array a Json column holds (none for any other JSON value), as column "value" of `alias`. */
  jsonArrayStrings(column: Prisma.Sql, alias: string): Prisma.Sql;
  /**
   * JSON text (a bound string, or a text column of jsonRecords) as the value
   * to store in a Json column: SQLite stores the text, PostgreSQL parses it
   * into jsonb (a text value is not cast to jsonb unasked).
   */
  jsonFromText(text: Prisma.Sql): Prisma.Sql;
  /**
   * A FROM item: the objects of the JSON array `json`, bound as ONE
   * parameter whatever its length, as rows of `alias` with the named
   * columns. A statement that writes many rows binds a handful of values
   * (SQLite refuses more than a few thousand, and each one costs).
   */
  jsonRecords(json: string, columns: Readonly<Record<string, RecordColumnType>>, alias: string): Prisma.Sql;
  /**
   * Seconds from `earlier` to `later`, two DateTime expressions, to the
   * millisecond (as the columns hold them), so that equal spans compare equal.
   */
  secondsBetween(later: Prisma.Sql, earlier: Prisma.Sql): Prisma.Sql;
  /**
   * The start of the 15-minute slot holding a DateTime expression, as ISO
   * text ("2026-11-21T09:30:00.000Z"): every time zone's offset is a whole
   * number of quarter hours.
   */
  quarterHour(dateTime: Prisma.Sql): Prisma.Sql;
  /** Text lower-cased in A–Z only, as SQLite's lower() does (PostgreSQL's follows the locale). */
  asciiLower(text: Prisma.Sql): Prisma.Sql;
  /**
   * A statement that, run inside a transaction, makes any other transaction
   * that runs it with the same key wait until this one ends; null where a
   * transaction already excludes every other writer (SQLite's begin
   * IMMEDIATE and hold the database's write lock: lib/server/sqlite-connection.ts).
   * PostgreSQL's transactions read committed rows and run side by side.
   */
  transactionLock(key: string): Prisma.Sql | null;
}

const identifier = (name: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`sql-dialect: "${name}" is not a plain SQL identifier`);
  return Prisma.raw(`"${name}"`);
};

const sqlite: SqlDialect = {
  provider: "sqlite",
  indexedBy: (index) => Prisma.sql`INDEXED BY ${identifier(index)}`,
  jsonValid: (column) => Prisma.sql`json_valid(${column})`,
  jsonArrayLength: (column) => Prisma.sql`json_array_length(${column})`,
  jsonArrayStrings: (column, alias) => Prisma.sql`json_each(CASE json_type(${column}) WHEN 'array' THEN ${column} END) AS ${identifier(alias)}`,
  jsonFromText: (text) => text,
  jsonRecords: (json, columns, alias) => {
    const fields = Object.keys(columns).map((name) => Prisma.sql`value ->> ${Prisma.raw(`'${name}'`)} AS ${identifier(name)}`);
    return Prisma.sql`(SELECT ${Prisma.join(fields)} FROM json_each(${json})) AS ${identifier(alias)}`;
  },
  // julianday() is a floating-point day (to some 40 µs today): rounded to the millisecond the columns hold.
  secondsBetween: (later, earlier) => Prisma.sql`(round((julianday(${later}) - julianday(${earlier})) * 86400000.0) / 1000.0)`,
  // Stored as "2026-11-21T09:37:12.000+00:00": the hour as written, the minutes rounded down to a quarter.
  quarterHour: (dateTime) =>
    Prisma.sql`(substr(${dateTime}, 1, 14) || printf('%02d', CAST(substr(${dateTime}, 15, 2) AS INTEGER) / 15 * 15) || ':00.000Z')`,
  asciiLower: (text) => Prisma.sql`lower(${text})`,
  transactionLock: () => null,
};

const POSTGRES_TYPES: Record<RecordColumnType, string> = {
  text: "text",
  integer: "integer",
  double: "double precision",
  boolean: "boolean",
  // The dates in the JSON end in "+00:00" (lib/server/progress-transfer.ts: stored): UTC, as timestamp(3) holds them.
  timestamp: "timestamp(3)",
};

const postgresql: SqlDialect = {
  provider: "postgresql",
  indexedBy: () => Prisma.empty,
  jsonValid: () => Prisma.sql`TRUE`,
  // jsonb_array_length and jsonb_array_elements_text stop the statement at anything but an array.
  jsonArrayLength: (column) => Prisma.sql`(CASE jsonb_typeof(${column}) WHEN 'array' THEN jsonb_array_length(${column}) ELSE 0 END)`,
  jsonArrayStrings: (column, alias) =>
    Prisma.sql`jsonb_array_elements_text(CASE jsonb_typeof(${column}) WHEN 'array' THEN ${column} END) AS ${identifier(alias)}("value")`,
  jsonFromText: (text) => Prisma.sql`CAST(${text} AS jsonb)`,
  jsonRecords: (json, columns, alias) => {
    const fields = Object.entries(columns).map(([name, type]) => Prisma.sql`${identifier(name)} ${Prisma.raw(POSTGRES_TYPES[type])}`);
    return Prisma.sql`jsonb_to_recordset(CAST(${json} AS jsonb)) AS ${identifier(alias)}(${Prisma.join(fields)})`;
  },
  secondsBetween: (later, earlier) => Prisma.sql`CAST(EXTRACT(EPOCH FROM (${later}) - (${earlier})) AS double precision)`,
  quarterHour: (dateTime) =>
    Prisma.sql`to_char(date_trunc('hour', ${dateTime}) + floor(date_part('minute', ${dateTime}) / 15) * interval '15 minutes', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  asciiLower: (text) => Prisma.sql`translate(${text}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`,
  // An advisory lock, released at COMMIT or ROLLBACK; two keys that hash alike only wait for each other.
  transactionLock: (key) => Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`,
};

/**
 * A Json column as its JSON text, for a raw statement to read: the same SQL
 * on both, and the reason it exists is a difference between them. Prisma
 * hands a Json column back parsed when the driver reports it as JSON (a
 * jsonb column, a SQLite column declared JSONB when selected as itself) and
 * as text otherwise (any SQLite expression over it), so a raw read that
 * took the column as it comes would get a value on one and text on the
 * other. Read as text, it is parsed (and its shape checked) by the reader,
 * as every read of stored JSON is. jsonb's text has its own spacing and key
 * order: the same JSON, not the same characters.
 */
export function jsonText(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CAST(${column} AS TEXT)`;
}

/** The JSON a jsonText column holds, or undefined for NULL or text that is not JSON (SQLite's, written by hand): the reader's check then refuses it. */
export function parseJsonText(text: unknown): unknown {
  if (typeof text !== "string") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The dialect of the database `db` (a client, or a transaction of one) is
 * on. Prisma's clients, and the transaction clients made from them, carry
 * the provider of the schema they were generated from (`_activeProvider`,
 * outside Prisma's typings: test/server/sql-dialect.test.ts holds it to that).
 */
/** `value` bound as one parameter of JSON text, into a Json column on either database (jsonFromText). */
export function jsonParameter(db: Db, value: object): Prisma.Sql {
  return sqlDialect(db).jsonFromText(Prisma.sql`${JSON.stringify(value)}`);
}

export function sqlDialect(db: Db): SqlDialect {
  const provider = (db as unknown as { _activeProvider?: unknown })._activeProvider;
  if (provider === "sqlite") return sqlite;
  if (provider === "postgresql") return postgresql;
  throw new Error(`sql-dialect: the Prisma client says its provider is ${JSON.stringify(provider)}, not "sqlite" or "postgresql"`);
}

/**
 * Inside a transaction: waits for, then holds until the transaction ends,
 * the lock named `key`, so that transactions that read and then write on
 * the strength of what they read (a count, a look-up) take turns.
 */
export async function holdTransactionLock(tx: Db, key: string): Promise<void> {
  const lock = sqlDialect(tx).transactionLock(key);
  // executeRaw: PostgreSQL's lock function returns void, a column type Prisma cannot read back.
  if (lock) await tx.$executeRaw(lock);
}
