import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import pg from "pg";
import { databaseProvider } from "@/lib/server/database-url";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { createTestDatabase } from "../server/test-database";

/*
 * The app's own database client (lib/server/db.ts) pointed at a fresh,
 * migrated database (createTestDatabase: a SQLite file, or PostgreSQL) with
 * content/ loaded: DATABASE_URL set and the client singleton on globalThis
 * cleared before the route modules are imported, so the handlers under test
 * use this database and no other. A test may hand in the client to use (one
 * that records its statements).
 */
export async function useAppDatabase(client?: (url: string) => PrismaClient): Promise<{ db: PrismaClient; url: string; path: string }> {
  const { db: setup, url, path } = createTestDatabase({ content: true });
  await setup.$disconnect();
  process.env.DATABASE_URL = url;
  (globalThis as { synackPrisma?: PrismaClient }).synackPrisma = client?.(url);
  const { db } = await import("@/lib/server/db");
  return { db, url, path };
}

/** A learner with a known cookie token, as ensureLearner would have made it. */
export async function learnerWithCookie(db: PrismaClient, token: string): Promise<{ id: string; cookie: string }> {
  const learner = await db.learner.create({ data: { tokenHash: createHash("sha256").update(token).digest("hex") } });
  return { id: learner.id, cookie: `synack_learner=${token}` };
}

/**
 * A signed-in instructor with a known cookie token, as logIn would have left
 * them: a new Instructor row, or a further session for `instructorId`.
 */
export async function instructorWithCookie(db: PrismaClient, token: string, instructorId?: string): Promise<{ id: string; cookie: string }> {
  const id = instructorId ?? (await db.instructor.create({ data: { email: `${token}@example.edu`, name: token, passwordHash: "not-a-hash" } })).id;
  await db.instructorSession.create({ data: { tokenHash: createHash("sha256").update(token).digest("hex"), instructorId: id, expiresAt: new Date(Date.now() + 12 * 3600_000) } });
  return { id, cookie: `synack_instructor=${token}` };
}

/**
 * Every row of every table of the database at `url`, hashed, read outside
 * Prisma: equal before and after a refused request means nothing stored changed.
 */
export async function databaseDigest(url: string): Promise<string> {
  return databaseProvider(url) === "postgresql" ? postgresDigest(url) : sqliteDigest(url.slice("file:".length));
}

function sqliteDigest(path: string): string {
  const raw = new Database(path, { readonly: true });
  try {
    const hash = createHash("sha256");
    const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    for (const { name } of tables) {
      hash.update(name);
      for (const row of raw.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).iterate()) hash.update(JSON.stringify(row, (_, value) => (typeof value === "bigint" ? value.toString() : value)));
    }
    return hash.digest("hex");
  } finally {
    raw.close();
  }
}

/*
 * On PostgreSQL, one statement per digest on a connection kept per database
 * (a refused-request test takes two digests per request, hundreds of times),
 * each table's rows in primary-key order (there is no rowid) as JSON. The
 * pool lets the process exit while its connections are idle.
 */
const digestPools = new Map<string, { pool: pg.Pool; statement: Promise<string> }>();

async function postgresDigest(url: string): Promise<string> {
  let entry = digestPools.get(url);
  if (!entry) {
    const pool = new pg.Pool({ connectionString: url, max: 1, allowExitOnIdle: true });
    entry = { pool, statement: digestStatement(pool) };
    digestPools.set(url, entry);
  }
  const { rows } = await entry.pool.query<{ digest: string }>(await entry.statement);
  return createHash("sha256").update(rows[0]!.digest).digest("hex");
}

async function digestStatement(pool: pg.Pool): Promise<string> {
  const { rows: tables } = await pool.query<{ name: string; key: string }>(
    `SELECT c.relname AS name, string_agg(format('t.%I', a.attname), ', ' ORDER BY k.n) AS key
     FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace AND ns.nspname = current_schema()
     JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
     CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
     WHERE c.relkind = 'r'
     GROUP BY c.relname
     ORDER BY c.relname`,
  );
  if (tables.length === 0) throw new Error("databaseDigest: no tables with a primary key");
  const perTable = tables.map(
    ({ name, key }) => `(SELECT md5(${quoteLiteral(name)} || coalesce(string_agg(row_to_json(t)::text, E'\\n' ORDER BY ${key}), '')) FROM "${name}" AS t)`,
  );
  return `SELECT concat_ws(',', ${perTable.join(", ")}) AS digest`;
}

const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;
