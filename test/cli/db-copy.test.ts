import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataModels, type DataModel } from "@/lib/db/data-model";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { createPostgresDatabase, dropPostgresDatabase } from "../db/test-postgres";
import { seedLearner } from "../server/progress-seed";
import { seedCards, seedProgress } from "../server/scale-seed";
import { seedSharedQuiz } from "../server/shared-quiz-seed";
import { createTestDatabase } from "../server/test-database";
import { ROOT, type CliResult } from "./cli-process";
import { runDbCli } from "./run-db-cli";

/*
 * `npm run -s db -- copy --to postgresql://…` and `db -- backup | check` on
 * PostgreSQL, in-process as the entry runs them: a SQLite database with thousands of reviews and
 * a row in every table is copied into fresh PostgreSQL databases (created
 * from template0: the copy migrates them itself) and read back. They need a
 * PostgreSQL server: SYNACK_TEST_POSTGRES_URL (.ci/run starts a throwaway one).
 */

const server = process.env.SYNACK_TEST_POSTGRES_URL;
const title = (name: string) => (server ? name : `${name} (skipped: SYNACK_TEST_POSTGRES_URL is not set; scripts/throwaway-postgres.sh starts a server)`);

/** Reviews (and card states) of one learner: more than two pages of the copy (1,000 rows), so paging by key is crossed, compound keys included. */
const REVIEWS = 2_200;
/** Cards in the content: progress may name cards the content no longer has, and copying thousands of cards would only slow the test. */
const CARDS = 100;
const MODELS = dataModels(readFileSync(join(ROOT, "prisma/schema.prisma"), "utf8"));
/** Every value of a byte, and then some: a capture's bytes must come back exactly. */
const CAPTURE_BYTES = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256));

let source: ReturnType<typeof createTestDatabase>;
let target: PrismaClient;
let targetUrl: string;
const databases: string[] = [];
let folder: string;

function db(args: string[], url = source.url, path = process.env.PATH): Promise<CliResult> {
  return runDbCli(args, url, path);
}

function freshDatabase(): string {
  const url = createPostgresDatabase("template0");
  databases.push(url);
  return url;
}

function delegate(client: PrismaClient, model: DataModel) {
  return (client as unknown as Record<string, { findMany(): Promise<Record<string, unknown>[]>; count(): Promise<number> }>)[model.name[0]!.toLowerCase() + model.name.slice(1)]!;
}

async function countsOf(client: PrismaClient): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const model of MODELS) counts[model.name] = await delegate(client, model).count();
  return counts;
}

/** The rows of the printed table of counts: TABLE SOURCE TARGET SAME. */
function printedCounts(stdout: string): Record<string, { source: number; target: number; same: string }> {
  const rows = [...stdout.matchAll(/^(\w+) +(\d+) +(\d+) +(.+)$/gm)];
  return Object.fromEntries(rows.map((row) => [row[1]!, { source: Number(row[2]), target: Number(row[3]), same: row[4]! }]));
}

/** Every row of every table, in key order (sorted here: the two databases collate text differently). */
async function allRows(client: PrismaClient, model: DataModel) {
  const key = (row: Record<string, unknown>) => JSON.stringify(model.key.map((field) => row[field]));
  return (await delegate(client, model).findMany()).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** A row in every table, with nulls, booleans both ways, awkward floats, bytes and dates to the millisecond. */
async function seed(client: PrismaClient, url: string, path: string) {
  const cardIds = seedCards(url, CARDS);
  const reviewed = Array.from({ length: REVIEWS }, (_, i) => `card-${String(i).padStart(5, "0")}`);
  const now = new Date("2026-11-30T10:00:00.000Z");
  const learner = await client.learner.create({ data: { tokenHash: "many-reviews", displayName: "Ada 学习者", newCardsPerDay: 30 } });
  await seedProgress(client, learner.id, reviewed, now, { spreadDays: 30 });
  for (const tag of ["a", "b"]) await seedLearner(client, tag);
  await client.cardState.update({ where: { learnerId_cardId: { learnerId: learner.id, cardId: cardIds[0]! } }, data: { lastReview: null } });
  // Floats that need all 17 digits, stored exactly as a progress import stores them (Prisma's own writes round them to 16).
  const file = new Database(path);
  file.prepare("UPDATE CardState SET stability = ?, difficulty = ? WHERE cardId = ?").run(0.1 + 0.2, 1 / 3, cardIds[0]);
  file.prepare("UPDATE Answer SET score = ? WHERE questionId = ?").run(2 / 3, "q-a-2");
  file.close();
  await client.note.create({ data: { id: "handshake", titleZh: "三次握手", titleEn: "Handshake", bodyZh: "正文", bodyEn: "Body", summaryEn: "Why three", tags: ["handshake", "syn"], sourcePath: "notes/handshake.md", updatedAt: new Date("2026-01-02T03:04:05.678Z") } });
  await client.quiz.create({ data: { id: "basics", titleZh: "基础", titleEn: "Basics", topics: [], questions: [], generated: [{ count: 2 }], settings: { feedback: "end", attempts: 2 }, captures: [], sourcePath: "quizzes/basics.yaml", active: false, updatedAt: now } });
  await client.stateInfo.create({ data: { state: "SYN_SENT", nameZh: "同步已发送", nameEn: "SYN sent", meaningZh: "等待", meaningEn: "Waiting for a SYN+ACK" } });
  for (const id of [1, 7]) await client.contentLoad.create({ data: { id, checksum: `sum-${id}`, files: 10, notes: 1, cards: CARDS, quizzes: 1, claims: 3, loadedAt: new Date(now.getTime() - id * 1000) } });
  const quiz = await seedSharedQuiz(client, { code: "CLASS1" });
  await client.instructorSession.create({ data: { instructorId: quiz.instructorId, tokenHash: "session-token", expiresAt: new Date("2026-12-01T00:00:00.001Z"), revokedAt: null } });
  await client.instructor.update({ where: { id: quiz.instructorId }, data: { mustChangePassword: true } });
  for (let i = 0; i < 20; i++) {
    const bytes = i === 0 ? CAPTURE_BYTES : Buffer.from(`capture ${i}`);
    await client.instructorCapture.create({ data: { instructorId: quiz.instructorId, name: `c${i}.pcap`, sha256: createHash("sha256").update(bytes).digest("hex"), bytes, size: bytes.length } });
  }
  const attempt = await client.studySession.create({
    data: { learnerId: learner.id, mode: "quiz", config: { quizId: `version:${quiz.versionId}`, mode: "quiz" }, questions: [{ source: "quiz", quizId: `version:${quiz.versionId}`, questionId: "q1" }], quizVersionId: quiz.versionId, attempt: 1, studentName: "Zoë", deadline: new Date("2026-11-30T10:30:00.000Z") },
  });
  await client.answer.create({ data: { learnerId: learner.id, sessionId: attempt.id, position: 0, questionId: "q1", kind: "true-false", topics: ["handshake"], tests: [], correct: false, score: 1 / 3, response: { kind: "choice", choice: "false" } } });
  // JSON text as SQLite keeps it, written as older versions did or by hand: spaces, keys in any order, escapes. PostgreSQL keeps
  // jsonb (its own key order, no spaces): the copy must parse it, and its verification compare JSON, not text.
  const json = new Database(path);
  json.prepare("UPDATE StudySession SET config = ? WHERE id = ?").run('{ "quizId" : "version:x",\n  "mode":"quiz", "topics": [ ], "length": 1.0 }', attempt.id);
  json.prepare("UPDATE Answer SET response = ? WHERE sessionId = ?").run('{"choice":"fal\\u0073e", "kind":"choice"}', attempt.id);
  json.close();
  await client.idempotencyKey.create({ data: { learnerId: learner.id, key: "k-1", fingerprint: "f", status: 201, body: '{"ok":true}' } });
  await client.loginAttempt.createMany({ data: [{ scope: "email:ada@example.edu", succeeded: true }, { scope: "ip:203.0.113.9", succeeded: false }] });
}

beforeAll(async () => {
  source = createTestDatabase();
  folder = mkdtempSync(join(tmpdir(), "synack-copy-"));
  if (server) await seed(source.db, source.url, source.path);
});

afterAll(async () => {
  await source.db.$disconnect();
  await target?.$disconnect();
  for (const url of databases) dropPostgresDatabase(url);
});

describe.skipIf(!server)(title("db copy"), () => {
  let expected: Record<string, number>;

  beforeAll(async () => {
    expected = await countsOf(source.db);
    targetUrl = freshDatabase();
    target = createPrismaClient(targetUrl);
  });

  it("copies every table into an empty PostgreSQL database and prints the same counts on both sides", async () => {
    expect(expected.ReviewLog).toBeGreaterThanOrEqual(REVIEWS);
    expect(expected.CardState).toBeGreaterThanOrEqual(REVIEWS);
    const run = await db(["copy", "--to", targetUrl]);
    expect(run.code, run.stderr).toBe(0);
    const printed = printedCounts(run.stdout);
    expect(Object.keys(printed).sort()).toEqual(MODELS.map((model) => model.name).sort());
    for (const model of MODELS) expect(printed[model.name], model.name).toEqual({ source: expected[model.name], target: expected[model.name], same: "ok" });
    expect(run.stdout).toMatch(/\ncopied file:.*test\.db to postgresql:\/\/.* in [\d.]+ s: 18 tables, \d+ rows; every count and every row's SHA-256 the same on both sides\n$/);
    // Progress goes to stderr, a line for each table with rows.
    expect(run.stderr).toMatch(/^db: copy: ReviewLog: 2\d{3} rows copied$/m);
    expect(await countsOf(target)).toEqual(expected);
  });

  it("keeps every field of every row exactly: ids, dates, bytes, floats, booleans and nulls", async () => {
    for (const model of MODELS) expect(await allRows(target, model), model.name).toEqual(await allRows(source.db, model));
    const capture = await target.instructorCapture.findFirstOrThrow({ where: { name: "c0.pcap" } });
    expect(Buffer.compare(Buffer.from(capture.bytes), CAPTURE_BYTES)).toBe(0);
    const state = await target.cardState.findFirstOrThrow({ where: { cardId: "card-00000" } });
    expect([state.stability, state.difficulty, state.lastReview]).toEqual([0.1 + 0.2, 1 / 3, null]);
    const note = await target.note.findUniqueOrThrow({ where: { id: "handshake" } });
    expect([note.updatedAt.toISOString(), note.summaryZh, note.active, note.tags]).toEqual(["2026-01-02T03:04:05.678Z", null, true, ["handshake", "syn"]]);
    const attempt = await target.studySession.findFirstOrThrow({ where: { studentName: "Zoë" }, include: { answers: true } });
    expect(attempt.config).toEqual({ mode: "quiz", quizId: "version:x", topics: [], length: 1 });
    expect(attempt.answers.map((answer) => answer.response)).toEqual([{ kind: "choice", choice: "false" }]);
    // jsonb, not text holding JSON: PostgreSQL reads a member of it.
    const [member] = await target.$queryRaw<{ quiz: string }[]>`SELECT "config" ->> 'quizId' AS "quiz" FROM "StudySession" WHERE "id" = ${attempt.id}`;
    expect(member?.quiz).toBe("version:x");
  });

  it("moves the id sequence past the copied ids: the next content load gets the next id", async () => {
    const next = await target.contentLoad.create({ data: { checksum: "after-copy", files: 1, notes: 0, cards: 0, quizzes: 0, claims: 0 } });
    expect(next.id).toBe(8);
  });

  it("refuses a target that holds rows, naming the tables and their counts, and leaves it as it was", async () => {
    const before = await countsOf(target);
    const run = await db(["copy", "--to", targetUrl]);
    expect(run.code).toBe(2);
    const refusal = run.stderr.split("\n").filter((line) => !line.startsWith("db: copy: "));
    expect(refusal).toEqual([
      `db: ${targetUrl} already holds SynAck data (${MODELS.filter((model) => before[model.name]! > 0)
        .map((model) => `${model.name} ${before[model.name]}`)
        .join(", ")}); give --replace to empty those tables and copy anyway`,
      "",
    ]);
    expect(refusal[0]).toContain(`ReviewLog ${expected.ReviewLog}`);
    expect(run.stdout).toBe("");
    expect(await countsOf(target)).toEqual(before);
  });

  it("with --replace, empties those tables and copies again, in one transaction", async () => {
    const run = await db(["copy", "--to", targetUrl, "--replace"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^db: copy: emptied .*ContentLoad \(3\)/m);
    for (const [name, row] of Object.entries(printedCounts(run.stdout))) expect(row, name).toEqual({ source: expected[name], target: expected[name], same: "ok" });
    expect(await countsOf(target)).toEqual(expected);
    expect((await target.contentLoad.create({ data: { checksum: "after-replace", files: 1, notes: 0, cards: 0, quizzes: 0, claims: 0 } })).id).toBe(8);
    await target.contentLoad.delete({ where: { id: 8 } });
  });

  it("a copy that fails half-way commits nothing: the target keeps the rows it had, even with --replace", async () => {
    const before = Object.fromEntries(await Promise.all(MODELS.map(async (model) => [model.name, await allRows(target, model)] as const)));
    // PostgreSQL's text cannot hold a NUL character; SQLite's can. Learner comes after the content tables, and after --replace emptied every table.
    const file = new Database(source.path);
    file.prepare("INSERT INTO Learner (id, tokenHash, displayName, newCardsPerDay, createdAt) VALUES ('nul', 'nul', ?, 20, ?)").run("A\u0000", new Date().toISOString());
    file.close();
    try {
      const run = await db(["copy", "--to", targetUrl, "--replace"]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe("");
      const failure = run.stderr.split("\n").filter((line) => line && !line.startsWith("db: copy: "));
      expect(failure).toHaveLength(1);
      // The server's own words (invalid byte sequence for encoding "UTF8": 0x00, in its language) in the middle.
      expect(failure[0]).toMatch(/^db: copying Learner: .+; nothing was committed: the rows of postgresql:\/\/\S+ are as they were$/);
      expect(run.stderr).toMatch(/^db: copy: emptied Note \(1\), Deck \(1\), Card \(100\), /m);
      expect(run.stderr).toMatch(/^db: copy: Card: 100 rows copied$/m);
      for (const model of MODELS) expect(await allRows(target, model), model.name).toEqual(before[model.name]);
    } finally {
      await source.db.learner.delete({ where: { id: "nul" } });
    }
  });
});

describe.skipIf(!server)(title("db backup and check on PostgreSQL"), () => {
  it("dumps the database, verifies the dump with pg_restore --list, and the dump restores to the same counts", async () => {
    const file = join(folder, "synack.dump");
    const run = await db(["backup", file], targetUrl);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const learners = await target.learner.count();
    expect(run.stdout).toMatch(
      new RegExp(`^backed up postgresql://\\S+ to .*synack\\.dump \\(\\d+ bytes, pg_dump custom format; pg_restore --list ok, data of all 19 tables\\): ${learners} learners, ${await target.cardState.count()} card states, ${await target.reviewLog.count()} reviews, `),
    );
    expect(readdirSync(folder).filter((name) => name.includes("dump"))).toEqual(["synack.dump"]);
    expect(execFileSync("pg_restore", ["--list", file], { encoding: "utf8" })).toMatch(/TABLE DATA public ReviewLog/);
    const restored = freshDatabase();
    execFileSync("pg_restore", ["--no-owner", "--exit-on-error", `--dbname=${restored}`, file], { stdio: "pipe" });
    const client = createPrismaClient(restored);
    try {
      expect(await countsOf(client)).toEqual(await countsOf(target));
      expect(await allRows(client, MODELS.find((model) => model.name === "InstructorCapture")!)).toEqual(await allRows(target, MODELS.find((model) => model.name === "InstructorCapture")!));
    } finally {
      await client.$disconnect();
    }
  });

  it("refuses to replace an existing dump unless told", async () => {
    const file = join(folder, "synack.dump");
    const run = await db(["backup", file], targetUrl);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`db: ${file} exists; give --force to replace it\n`);
    expect(existsSync(file)).toBe(true);
  });

  it("refuses a pg_dump older than the server, saying which version to install", async () => {
    const bin = join(folder, "old-client");
    mkdirSync(bin);
    for (const tool of ["pg_dump", "pg_restore"]) {
      writeFileSync(join(bin, tool), `#!/bin/sh\necho "${tool} (PostgreSQL) 9.6.24"\n`);
      chmodSync(join(bin, tool), 0o755);
    }
    const run = await db(["backup", join(folder, "old.dump")], targetUrl, `${bin}:${process.env.PATH}`);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^db: pg_dump 9 cannot dump a PostgreSQL (\d+) server: install the client tools of version \1 or newer \(Debian: postgresql-client-\1\) and put them first on PATH\n$/);
    expect(readdirSync(folder).filter((name) => name.includes("old.dump"))).toEqual([]);
  });

  it("check reports the connection, the migrations and the counts", async () => {
    const run = await db(["check"], targetUrl);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const migrations = readdirSync(join(ROOT, "prisma/postgresql/migrations")).filter((name) => !name.endsWith(".toml")).length;
    expect(run.stdout).toMatch(new RegExp(`^postgresql://\\S+: connected \\(PostgreSQL [\\d.]+\\); migrations ${migrations} of ${migrations} applied; ${await target.learner.count()} learners, `));
  });
});
