import Database from "better-sqlite3";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { progressFileSchema, type ProgressFile } from "@/lib/progress/progress-file";
import { Prisma } from "@/lib/server/generated/prisma/client";
import { getQuiz } from "@/lib/server/instructor-quiz-store";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";
import { readProgressRows } from "@/lib/server/progress-data";
import { exportProgress, importProgress } from "@/lib/server/progress-transfer";
import { loadQuestionSource, loadVersionQuiz } from "@/lib/server/question-source";
import { attemptAnswers } from "@/lib/server/quiz-results";
import { sessionView } from "@/lib/server/quiz-store";
import { reviewCardFor, undoLastReview } from "@/lib/server/review-store";
import { classQuizDefinition } from "../server/shared-quiz-seed";
import { markRolledBackSql, migrateDeploy, migrateTo, migrationNamed } from "./migrate-to";
import { createPostgresDatabase, dropPostgresDatabase, onPostgres, postgresRows, postgresSql } from "./test-postgres";

vi.mock("server-only", () => ({}));

/*
 * Issue 13: the migration that made the schema's JSON text columns Json
 * (jsonb on PostgreSQL) keeps every value of a database that has them. A
 * database migrated to the migration before it gets rows holding JSON text
 * in every column that changes, as earlier releases wrote it (and as a
 * person might: spaces, keys in another order, escapes), then `prisma
 * migrate deploy` migrates it as `npm start` does, and the app's own reads
 * return the same values: content, a learner's progress, an answer, a
 * session, an instructor's draft and its published version. Runs on SQLite
 * in "unit" and on PostgreSQL in "postgresql".
 */

const AT = "2026-11-20T09:00:00.000+00:00";
const NOW = new Date("2026-11-21T09:00:00.000Z");

/** A published quiz's definition, as the builder saved it: its draft with the keys in one order, the version in another. */
const definition = classQuizDefinition({ feedback: "each" });
const draftText = JSON.stringify(definition, null, 1);
const versionText = JSON.stringify(Object.fromEntries(Object.entries(definition).reverse()));

const beforeState = { due: "2026-11-19T09:00:00.000Z", stability: 2.5, difficulty: 5, elapsedDays: 0, scheduledDays: 1, learningSteps: 0, reps: 1, lapses: 0, state: 2, lastReview: "2026-11-18T09:00:00.000Z" };

type Value = string | number | boolean | null;
type Row = { table: string; values: Record<string, Value> };

/** The JSON text every converted column gets, by table, row id and column: what the reads must give back, parsed. */
const JSON_TEXT = {
  Note: { "n-1": { tags: '[ "handshake", "syn" ]' } },
  Card: {
    "c-why": {
      tags: '["close"]',
      keyPoints: '{ "en": ["FIN, then ACK"], "zh": ["先 FIN，再 ACK"] }',
      followUp: '{"prompt":{"zh":"为什么等待？","en":"Why wait?"},"keyPoints":{"zh":["2MSL"],"en":["2 MSL"]}}',
    },
    "c-fact": { tags: "[]", keyPoints: null, followUp: null },
  },
  Quiz: {
    "file-quiz": {
      topics: '["handshake"]',
      questions: '[{"id":"fq1","type":"true-false","prompt":{"zh":"SYN 占一个序号。","en":"A SYN takes one sequence number."},"answer":true}]',
      generated: '[{"count": 1, "kinds": ["next-state"]}]',
      settings: '{"feedback":"end","attempts":2}',
      captures: "[]",
    },
  },
  ReviewLog: {
    "r-new": { before: null },
    "r-again": { before: JSON.stringify(beforeState, null, 2) },
  },
  StudySession: {
    "s-practice": { config: '{"mode":"quiz","topics":["handshake"],"length":3,"weakSpots":false}', questions: '[{"source":"generated","kind":"next-state","seed":7}]' },
    "s-attempt": {
      config: '{"quizId":"version:v-1","mode":"quiz","topics":[],"length":3,"weakSpots":false}',
      questions: '[{"source":"quiz","quizId":"version:v-1","questionId":"q1"},{"source":"quiz","quizId":"version:v-1","questionId":"q2"}]',
    },
  },
  Answer: {
    "a-practice": { topics: '["handshake"]', tests: '["LISTEN|rcv SYN"]', response: '{"kind":"choice","choice":"SYN_RECEIVED"}' },
    "a-attempt": { topics: "[]", tests: "[]", response: '{ "kind" : "choice", "choice" : "fals\\u0065" }' },
  },
  InstructorQuiz: { "iq-1": { definition: draftText } },
  QuizVersion: { "v-1": { definition: versionText } },
} as const satisfies Record<string, Record<string, Record<string, string | null>>>;

/** Every row, the converted columns from JSON_TEXT, in an order the foreign keys allow. */
function rows(): Row[] {
  const json = <T extends keyof typeof JSON_TEXT>(table: T, id: keyof (typeof JSON_TEXT)[T]) => ({ id: id as string, ...(JSON_TEXT[table][id] as Record<string, Value>) });
  const learner = (id: string) => ({ table: "Learner", values: { id, tokenHash: `hash-${id}`, newCardsPerDay: 20, createdAt: AT } });
  const review = (id: "r-new" | "r-again", cardId: string, minutes: number) => ({
    table: "ReviewLog",
    values: {
      ...json("ReviewLog", id), learnerId: "l-1", cardId, rating: 3, state: 2, due: AT, stability: 3, difficulty: 5, elapsedDays: 1, lastElapsedDays: 0,
      scheduledDays: 2, learningSteps: 0, review: `2026-11-20T09:${String(minutes).padStart(2, "0")}:00.000+00:00`, createdAt: `2026-11-20T09:${String(minutes).padStart(2, "0")}:00.000+00:00`,
    },
  });
  const answer = (id: "a-practice" | "a-attempt", sessionId: string, questionId: string, kind: string, createdAt: string) => ({
    table: "Answer",
    values: { ...json("Answer", id), learnerId: "l-1", sessionId, position: 0, questionId, kind, correct: true, score: 1, createdAt },
  });
  return [
    { table: "Note", values: { ...json("Note", "n-1"), titleZh: "握手", titleEn: "Handshake", bodyZh: "正文", bodyEn: "Body", order: 1, sourcePath: "notes/n-1.md", active: true, updatedAt: AT } },
    { table: "Deck", values: { id: "d-1", titleZh: "卡组", titleEn: "Deck", sourcePath: "cards/d-1.yaml", active: true, updatedAt: AT } },
    ...(["c-why", "c-fact"] as const).map((id, i) => ({
      table: "Card",
      values: { ...json("Card", id), deckId: "d-1", kind: id === "c-why" ? "why" : "fact", frontZh: "问", frontEn: "Q", backZh: "答", backEn: "A", sourcePath: "cards/d-1.yaml", sourceLine: i + 1, active: true, updatedAt: AT },
    })),
    { table: "Quiz", values: { ...json("Quiz", "file-quiz"), titleZh: "文件测验", titleEn: "File quiz", sourcePath: "quizzes/file-quiz.yaml", active: true, updatedAt: AT } },
    learner("l-1"),
    learner("l-2"),
    { table: "CardState", values: { learnerId: "l-1", cardId: "c-fact", due: AT, stability: 3, difficulty: 5, elapsedDays: 1, scheduledDays: 2, learningSteps: 0, reps: 2, lapses: 0, state: 2, lastReview: AT } },
    review("r-new", "c-why", 1),
    review("r-again", "c-fact", 2),
    { table: "Instructor", values: { id: "i-1", email: "teacher@example.edu", passwordHash: "x", mustChangePassword: false, createdAt: AT } },
    { table: "InstructorQuiz", values: { ...json("InstructorQuiz", "iq-1"), instructorId: "i-1", code: "UPGRD1", createdAt: AT, updatedAt: AT } },
    { table: "QuizVersion", values: { ...json("QuizVersion", "v-1"), instructorQuizId: "iq-1", createdAt: AT } },
    { table: "StudySession", values: { ...json("StudySession", "s-practice"), learnerId: "l-1", mode: "quiz", createdAt: AT } },
    { table: "StudySession", values: { ...json("StudySession", "s-attempt"), learnerId: "l-1", mode: "quiz", createdAt: AT, quizVersionId: "v-1", attempt: 1, studentName: "Ada" } },
    answer("a-practice", "s-practice", "generated:next-state", "next-state", AT),
    answer("a-attempt", "s-attempt", "quiz:version:v-1:q1", "true-false", "2026-11-20T09:05:00.000+00:00"),
  ];
}

function literal(value: Value): string {
  if (value === null) return "NULL";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return String(value);
  return `'${value.replaceAll("'", "''")}'`;
}

/** One script, the same SQL on both databases (quoted identifiers, TRUE and FALSE, dates as the SQLite adapter stores them). */
function insertScript(extra: Row[] = []): string {
  const statements = [...rows(), ...extra].map(({ table, values }) => `INSERT INTO "${table}" (${Object.keys(values).map((column) => `"${column}"`).join(", ")}) VALUES (${Object.values(values).map(literal).join(", ")})`);
  return [...statements, `UPDATE "InstructorQuiz" SET "liveVersionId" = 'v-1' WHERE "id" = 'iq-1'`].join(";\n") + ";";
}

function runSql(url: string, script: string): void {
  if (onPostgres()) {
    postgresSql(url, script);
    return;
  }
  const database = new Database(url.slice("file:".length));
  try {
    database.exec(script);
  } finally {
    database.close();
  }
}

/** The declared type of each converted column, and of IdempotencyKey.body, which stays text. */
function columnTypes(url: string): Record<string, string> {
  const types: Record<string, string> = {};
  const columns = [...Object.entries(JSON_TEXT).flatMap(([table, byId]) => Object.keys(Object.values(byId)[0]!).map((column) => [table, column] as const)), ["IdempotencyKey", "body"] as const];
  if (onPostgres()) {
    for (const row of postgresRows(url, `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'`)) {
      types[`${row.table_name}.${row.column_name}`] = String(row.data_type);
    }
  } else {
    const database = new Database(url.slice("file:".length), { readonly: true });
    for (const [table] of columns) for (const column of database.pragma(`table_info("${table}")`) as { name: string; type: string }[]) types[`${table}.${column.name}`] = column.type.toLowerCase();
    database.close();
  }
  return Object.fromEntries(columns.map(([table, column]) => [`${table}.${column}`, types[`${table}.${column}`] ?? "missing"]));
}

function newDatabase(): string {
  return onPostgres() ? createPostgresDatabase("template0") : `file:${join(mkdtempSync(join(tmpdir(), "synack-upgrade-")), "upgrade.db")}`;
}

describe("upgrading across the migration that makes the JSON columns Json", () => {
  const urls: string[] = [];
  let url: string;
  let db: PrismaClient;
  let migration: { name: string; before: string };

  beforeAll(() => {
    url = newDatabase();
    urls.push(url);
    migration = migrationNamed(url, "json_columns");
    migrateTo(url, migration.before);
    // On SQLite also text that is not JSON, as a person could have written it there: PostgreSQL could not convert it (see below).
    const invalid: Row[] = onPostgres() ? [] : [{ table: "StudySession", values: { id: "s-hand-written", learnerId: "l-2", mode: "quiz", config: "{}", questions: "[not json", createdAt: AT } }];
    runSql(url, insertScript(invalid));
    const deployed = migrateDeploy(url);
    expect(deployed.code, deployed.output).toBe(0);
    db = createPrismaClient(url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    if (onPostgres()) for (const each of urls) dropPostgresDatabase(each);
  });

  it("the converted columns are JSON (jsonb on PostgreSQL), and IdempotencyKey.body is still text", () => {
    const types = columnTypes(url);
    // SQLite: declared JSONB (Prisma's Json there), holding JSON text.
    expect(Object.entries(types).filter(([column]) => column !== "IdempotencyKey.body").map(([, type]) => type)).toEqual(Array(17).fill("jsonb"));
    expect(types["IdempotencyKey.body"]).toBe("text");
  });

  it("every value reads back through Prisma as the JSON its text held, nulls as nulls", async () => {
    const delegates = db as unknown as Record<string, { findUniqueOrThrow(args: object): Promise<Record<string, unknown>> }>;
    for (const [table, byId] of Object.entries(JSON_TEXT)) {
      for (const [id, columns] of Object.entries(byId)) {
        const row = await delegates[table[0]!.toLowerCase() + table.slice(1)]!.findUniqueOrThrow({ where: { id } });
        for (const [column, text] of Object.entries(columns as Record<string, string | null>)) {
          expect(row[column], `${table} ${id} ${column}`).toEqual(text === null ? null : JSON.parse(text));
        }
      }
    }
  });

  it("a new card's review keeps SQL NULL before it (the daily limit of new cards counts those), not JSON null", async () => {
    expect(await db.reviewLog.count({ where: { id: "r-new", before: { equals: Prisma.DbNull } } })).toBe(1);
  });

  it("content reads the same: a why card's key points and follow-up, a file quiz's questions, slots and settings", async () => {
    const source = await loadQuestionSource(db);
    expect(source.context.whyCards).toEqual([
      {
        id: "c-why",
        front: { zh: "问", en: "Q" },
        back: { zh: "答", en: "A" },
        keyPoints: { zh: ["先 FIN，再 ACK"], en: ["FIN, then ACK"] },
        tags: ["close"],
        followUp: { prompt: { zh: "为什么等待？", en: "Why wait?" }, keyPoints: { zh: ["2MSL"], en: ["2 MSL"] } },
      },
    ]);
    expect(source.quizzes.find((quiz) => quiz.id === "file-quiz")).toMatchObject({
      topics: ["handshake"],
      questions: [{ id: "fq1", type: "true-false", answer: true }],
      generated: [{ count: 1, kinds: ["next-state"] }],
      settings: { feedback: "end", attempts: 2 },
      captures: [],
    });
    expect((await reviewCardFor(db, "l-1", "c-why", NOW))).toMatchObject({ keyPoints: { zh: ["先 FIN，再 ACK"], en: ["FIN, then ACK"] }, tags: ["close"] });
  });

  it("a learner's progress reads the same: sessions, answers and the state undo restores", async () => {
    const source = await loadQuestionSource(db);
    const practice = await sessionView(db, "l-1", "s-practice", source, NOW);
    expect(practice.config).toMatchObject({ mode: "quiz", topics: ["handshake"], length: 3, weakSpots: false });
    expect(practice.questions).toHaveLength(1);
    expect(practice.questions[0]).toMatchObject({ answered: true, result: { response: { kind: "choice", choice: "SYN_RECEIVED" } } });
    const rows = await readProgressRows(db, "l-1", NOW);
    expect(rows.answers.map((answer) => [answer.topics, answer.tests])).toEqual([
      [["handshake"], ["LISTEN|rcv SYN"]],
      [[], []],
    ]);
    const exported = await exportProgress(db, "l-1", NOW);
    expect(progressFileSchema.safeParse(exported).success).toBe(true);
    const parsedColumns = (list: Record<string, unknown>[], columns: string[]) => list.map((row) => Object.fromEntries(columns.map((column) => [column, row[column] === null ? null : JSON.parse(row[column] as string)])));
    expect(exported.sessions.map((session) => session.id)).toEqual(["s-attempt", "s-practice"]);
    expect(parsedColumns(exported.sessions, ["config", "questions"])).toEqual(parsedColumns([JSON_TEXT.StudySession["s-attempt"], JSON_TEXT.StudySession["s-practice"]], ["config", "questions"]));
    expect(parsedColumns(exported.answers, ["topics", "tests", "response"])).toEqual(parsedColumns([JSON_TEXT.Answer["a-practice"], JSON_TEXT.Answer["a-attempt"]], ["topics", "tests", "response"]));
    expect(parsedColumns(exported.reviews, ["before"])).toEqual([{ before: null }, { before: beforeState }]);
    expect(await undoLastReview(db, "l-1")).toBe("c-fact");
    expect(await db.cardState.findUniqueOrThrow({ where: { learnerId_cardId: { learnerId: "l-1", cardId: "c-fact" } } })).toMatchObject({
      ...beforeState,
      due: new Date(beforeState.due),
      lastReview: new Date(beforeState.lastReview),
    });
  });

  it("an instructor's draft and published version read the same, and the same JSON in another key order is no change", async () => {
    const quiz = await getQuiz(db, "i-1", "iq-1");
    expect(quiz.definition).toEqual(definition);
    expect(quiz.liveDefinition).toEqual(definition);
    expect(quiz.status).toBe("live");
    expect(quiz.draftDiffers).toBe(false);
    expect(await loadVersionQuiz(db, "v-1")).toMatchObject({ id: "version:v-1", title: definition.title, questions: definition.questions });
    const attempt = await attemptAnswers(db, "i-1", "iq-1", "s-attempt", await loadQuestionSource(db));
    // The answer text is made from the stored response ("fals\u0065" read as "false"): none when it could not be read.
    expect(attempt?.answers.map((answer) => [answer.answered, answer.correct, answer.answer !== null])).toEqual([
      [true, true, true],
      [false, false, false],
    ]);
  });

  it("a progress file exported before the upgrade (JSON columns as the text stored) still imports, and reads the same", async () => {
    const columns = (table: keyof typeof JSON_TEXT, id: string) => (JSON_TEXT[table] as Record<string, Record<string, string | null>>)[id]!;
    const original = rows().filter((row) => ["ReviewLog", "StudySession", "Answer"].includes(row.table));
    const stored = (table: string) => original.filter((row) => row.table === table).map((row) => ({ ...row.values, ...columns(table as keyof typeof JSON_TEXT, row.values.id as string) }));
    const iso = (value: Value) => new Date(String(value)).toISOString();
    const file: ProgressFile = {
      format: "synack-progress",
      version: 1,
      exportedAt: iso(AT),
      learner: { displayName: null, newCardsPerDay: 20 },
      cardStates: [],
      reviews: stored("ReviewLog").map((row) => ({
        id: `old-${row.id}`, cardId: String(row.cardId), rating: Number(row.rating), state: Number(row.state), due: iso(row.due!), stability: Number(row.stability),
        difficulty: Number(row.difficulty), elapsedDays: Number(row.elapsedDays), lastElapsedDays: Number(row.lastElapsedDays), scheduledDays: Number(row.scheduledDays),
        learningSteps: Number(row.learningSteps), review: iso(row.review!), before: row.before as string | null, createdAt: iso(row.createdAt!),
      })),
      sessions: stored("StudySession").filter((row) => row.quizVersionId === undefined).map((row) => ({
        id: `old-${row.id}`, mode: String(row.mode), config: String(row.config), questions: String(row.questions), createdAt: iso(row.createdAt!), finishedAt: null,
      })),
      answers: stored("Answer").filter((row) => row.sessionId === "s-practice").map((row) => ({
        id: `old-${row.id}`, sessionId: "old-s-practice", position: 0, questionId: String(row.questionId), kind: String(row.kind), topics: String(row.topics),
        tests: String(row.tests), correct: Boolean(row.correct), score: Number(row.score), response: String(row.response), createdAt: iso(row.createdAt!),
      })),
    };
    const learner = await db.learner.create({ data: { tokenHash: "imports-an-old-file" } });
    const result = await importProgress(db, learner.id, progressFileSchema.parse(file));
    expect(result.added).toEqual({ sessions: 1, answers: 1, reviews: 2, cardStates: 0 });
    const again = await exportProgress(db, learner.id, NOW);
    for (const [list, fields] of [["sessions", ["config", "questions"]], ["answers", ["topics", "tests", "response"]], ["reviews", ["before"]]] as const) {
      const values = (rows: readonly object[]) => rows.map((row) => fields.map((field) => ((row as Record<string, string | null>)[field] === null ? null : JSON.parse((row as Record<string, string>)[field]!))));
      expect(values(again[list]), list).toEqual(values(file[list]));
    }
    const view = await sessionView(db, learner.id, "old-s-practice", await loadQuestionSource(db), NOW);
    expect(view.questions[0]).toMatchObject({ answered: true, result: { response: { kind: "choice", choice: "SYN_RECEIVED" } } });
  });

  it.skipIf(onPostgres())("SQLite: text that was not JSON is kept as a JSON string of it, and its session says it cannot be read instead of failing", async () => {
    expect((await db.studySession.findUniqueOrThrow({ where: { id: "s-hand-written" } })).questions).toBe("[not json");
    await expect(sessionView(db, "l-2", "s-hand-written", await loadQuestionSource(db), NOW)).rejects.toMatchObject({ name: "SessionError", status: 409 });
    expect((await exportProgress(db, "l-2", NOW)).sessions.map((session) => session.questions)).toEqual(['"[not json"']);
  });

  it.skipIf(!onPostgres())("PostgreSQL: text that is not JSON stops the migration part-way; fixed, marked rolled back and deployed again, it finishes", async () => {
    const broken = newDatabase();
    urls.push(broken);
    migrateTo(broken, migration.before);
    runSql(broken, insertScript());
    // Answer comes after Note, Card, Quiz, ReviewLog and StudySession in the migration: those are converted when it stops.
    runSql(broken, `UPDATE "Answer" SET "response" = '{"kind":' WHERE "id" = 'a-practice'`);
    const failed = migrateDeploy(broken);
    expect(failed.code).not.toBe(0);
    expect(columnTypes(broken)).toMatchObject({ "Note.tags": "jsonb", "StudySession.config": "jsonb", "Answer.response": "text" });
    runSql(broken, `UPDATE "Answer" SET "response" = '{"kind":"choice","choice":"SYN_RECEIVED"}' WHERE "id" = 'a-practice'`);
    runSql(broken, markRolledBackSql(migration.name));
    const deployed = migrateDeploy(broken);
    expect(deployed.code, deployed.output).toBe(0);
    expect(Object.values(columnTypes(broken)).filter((type) => type === "jsonb")).toHaveLength(17);
    const client = createPrismaClient(broken);
    try {
      expect((await client.answer.findUniqueOrThrow({ where: { id: "a-practice" } })).response).toEqual({ kind: "choice", choice: "SYN_RECEIVED" });
      expect((await client.note.findUniqueOrThrow({ where: { id: "n-1" } })).tags).toEqual(["handshake", "syn"]);
    } finally {
      await client.$disconnect();
    }
  });
});
