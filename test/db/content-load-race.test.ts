import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { checkContent } from "@/lib/content";
import { loadContentFiles } from "@/lib/content/load-content-files";
import { CONTENT_LOCK, contentChecksum, storeContent } from "@/lib/server/content-store";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { createTestDatabase } from "../server/test-database";
import { dropPostgresDatabase, onPostgres } from "./test-postgres";

/*
 * Issue 13: several app servers started at the same moment on one database
 * each run `npm start`'s content step (scripts/load-content.ts). The content
 * must be loaded once and whole: the check for the last load and the load
 * itself take turns on a database lock (PostgreSQL's advisory lock, SQLite's
 * write lock). Runs on SQLite in "unit" and on PostgreSQL in "postgresql".
 */

const files = loadContentFiles("content");
const report = checkContent(files);
const checksum = contentChecksum(files);

const opened: { url: string; db: PrismaClient }[] = [];

function freshDatabase(): { url: string; path: string; db: PrismaClient } {
  const database = createTestDatabase();
  opened.push(database);
  return database;
}

afterEach(async () => {
  for (const { url, db } of opened.splice(0)) {
    await db.$disconnect();
    if (onPostgres()) dropPostgresDatabase(url);
  }
});

function loadContentProcess(url: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("node_modules/.bin/tsx", ["scripts/load-content.ts"], { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

const counts = `${report.notes.length} notes, ${report.decks.flatMap((deck) => deck.cards).length} cards, ${report.quizzes.length} quizzes`;

describe(`content loading by servers starting together (${onPostgres() ? "PostgreSQL" : "SQLite"})`, () => {
  it("two load-content processes started at the same moment load content/ once, whole", async () => {
    const { url, db } = freshDatabase();
    const runs = await Promise.all([loadContentProcess(url), loadContentProcess(url)]);

    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const said = runs.map((run) => run.stdout.trim()).sort();
    // The other either waited for the lock while the first loaded, or started after it had finished.
    expect(said[0]).toBe(`content: loaded ${counts}`);
    expect([`content: loaded by another process while this one waited (${counts})`, `content: unchanged (${counts})`]).toContain(said[1]);
    expect(await db.contentLoad.count()).toBe(1);
    expect(await db.contentLoad.findFirst({ select: { checksum: true } })).toEqual({ checksum });
    expect(await db.note.count({ where: { active: true } })).toBe(report.notes.length);
    expect(await db.card.count({ where: { active: true } })).toBe(report.decks.flatMap((deck) => deck.cards).length);
    expect(await db.quiz.count({ where: { active: true } })).toBe(report.quizzes.length);
  });

  it("a load that waited for another's lock finds those files loaded and writes nothing", async () => {
    const { url, path, db } = freshDatabase();
    // The client's first statement sets the SQLite file to WAL; done before the lock below, which would refuse it.
    expect(await db.contentLoad.count()).toBe(0);
    const other = await holdContentLock(url, path);

    const load = storeContent(db, report, checksum);
    await other.untilWaitedFor();
    await other.commitLoad();

    expect(await load).toMatchObject({ outcome: "loaded-elsewhere" });
    expect(await db.contentLoad.count()).toBe(1);
    // The other "load" wrote only its ContentLoad row: had this one loaded anyway, its notes would be here.
    expect(await db.note.count()).toBe(0);
  });
});

/** Another server in the middle of loading the same files: it holds the lock and has written its ContentLoad row, not yet committed. */
async function holdContentLock(url: string, path: string): Promise<{ untilWaitedFor(): Promise<void>; commitLoad(): Promise<void> }> {
  const row = { checksum, files: report.counts.files, notes: 0, cards: 0, quizzes: 0, claims: 0 };
  if (onPostgres()) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("BEGIN");
    // As holdTransactionLock takes it (lib/server/sql-dialect.ts).
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [CONTENT_LOCK]);
    await client.query('INSERT INTO "ContentLoad" (checksum, files, notes, cards, quizzes, claims) VALUES ($1, $2, $3, $4, $5, $6)', Object.values(row));
    return {
      async untilWaitedFor() {
        // Hang guard, not a timing goal: the load asks for the lock within moments.
        for (let tries = 0; tries < 6000; tries++) {
          const { rows } = await client.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
          if (rows[0].n > 0) return;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error("the load never waited for the content lock");
      },
      async commitLoad() {
        await client.query("COMMIT");
        await client.end();
      },
    };
  }
  const raw = new Database(path);
  raw.exec("BEGIN IMMEDIATE");
  raw.prepare("INSERT INTO ContentLoad (loadedAt, checksum, files, notes, cards, quizzes, claims) VALUES (?, ?, ?, ?, ?, ?, ?)").run(Date.now(), ...Object.values(row));
  return {
    // SQLite has no lock table to look at. better-sqlite3 waits out its busy timeout (5 s) holding the event loop,
    // so a timer set now runs only once the load's first BEGIN IMMEDIATE has been refused: the load then tries again.
    untilWaitedFor: () => new Promise((resolve) => setTimeout(resolve, 500)),
    async commitLoad() {
      raw.exec("COMMIT");
      raw.close();
    },
  };
}
