import { createHash } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import {
  PROGRESS_FILE_FORMAT,
  PROGRESS_FILE_VERSION,
  type ParsedProgressFile,
  type ProgressFile,
} from "../progress/progress-file";
import { Prisma } from "./generated/prisma/client";
import type { PrismaClient } from "./prisma-client";
import { DISPLAY_NAME_MAX } from "./profile-store";
import { sqlDialect, type RecordColumnType } from "./sql-dialect";

/*
 * Export and import of one learner's progress. Import merges and never
 * deletes: a review, answer or session is added unless this learner already
 * has it, and a card keeps whichever scheduling state was reviewed last.
 *
 * "Already has it" means the same id, or the same natural key (a card's
 * review at the same instant, a question answered at the same instant, a
 * session of the same mode started at the same instant): a file exported
 * after an earlier import carries the ids that import gave, and must still
 * add nothing. Ids are kept when free; an id taken by another learner on the
 * same server (the usual case: moving to a new browser) is replaced by one
 * derived from this learner and the original, so a second import finds it again.
 */

const DEFAULT_NEW_CARDS_PER_DAY = 20;

/*
 * The columns a file holds, named one by one: a column added to the schema
 * later must not slip into (or out of) version 1 of the format unnoticed.
 */
const CARD_STATE_FIELDS = {
  cardId: true, due: true, stability: true, difficulty: true, elapsedDays: true, scheduledDays: true,
  learningSteps: true, reps: true, lapses: true, state: true, lastReview: true,
} as const;
const REVIEW_FIELDS = {
  id: true, cardId: true, rating: true, state: true, due: true, stability: true, difficulty: true, elapsedDays: true,
  lastElapsedDays: true, scheduledDays: true, learningSteps: true, review: true, before: true, createdAt: true,
} as const;
const SESSION_FIELDS = { id: true, mode: true, config: true, questions: true, createdAt: true, finishedAt: true } as const;
const ANSWER_FIELDS = {
  id: true, sessionId: true, position: true, questionId: true, kind: true, topics: true, tests: true,
  correct: true, score: true, response: true, createdAt: true,
} as const;

/**
 * A Json column as version 1 of the file holds it: JSON text in a string.
 * The text is written anew from the value (PostgreSQL keeps jsonb, not the
 * text it was given), so it is the same JSON, not always the same characters.
 */
const jsonString = (value: unknown): string => JSON.stringify(value);

/** Every row of one learner's; `learnerId` null (a first visit) gives a valid, empty file. */
export async function exportProgress(client: PrismaClient, learnerId: string | null, now: Date): Promise<ProgressFile> {
  const [learner, cardStates, reviews, sessions, answers] = learnerId
    ? await Promise.all([
        client.learner.findUnique({ where: { id: learnerId }, select: { displayName: true, newCardsPerDay: true } }),
        client.cardState.findMany({ where: { learnerId }, select: CARD_STATE_FIELDS, orderBy: { cardId: "asc" } }),
        client.reviewLog.findMany({ where: { learnerId }, select: REVIEW_FIELDS, orderBy: [{ review: "asc" }, { id: "asc" }] }),
        client.studySession.findMany({ where: { learnerId }, select: SESSION_FIELDS, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
        client.answer.findMany({ where: { learnerId }, select: ANSWER_FIELDS, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
      ])
    : [null, [], [], [], []];
  return {
    format: PROGRESS_FILE_FORMAT,
    version: PROGRESS_FILE_VERSION,
    exportedAt: now.toISOString(),
    learner: { displayName: learner?.displayName ?? null, newCardsPerDay: learner?.newCardsPerDay ?? DEFAULT_NEW_CARDS_PER_DAY },
    cardStates: cardStates.map((state) => ({ ...state, due: state.due.toISOString(), lastReview: state.lastReview?.toISOString() ?? null })),
    reviews: reviews.map((review) => ({
      ...review,
      before: review.before === null ? null : jsonString(review.before),
      due: review.due.toISOString(),
      review: review.review.toISOString(),
      createdAt: review.createdAt.toISOString(),
    })),
    sessions: sessions.map((session) => ({
      ...session,
      config: jsonString(session.config),
      questions: jsonString(session.questions),
      createdAt: session.createdAt.toISOString(),
      finishedAt: session.finishedAt?.toISOString() ?? null,
    })),
    answers: answers.map((answer) => ({
      ...answer,
      topics: jsonString(answer.topics),
      tests: jsonString(answer.tests),
      response: jsonString(answer.response),
      createdAt: answer.createdAt.toISOString(),
    })),
  };
}

export interface ImportCounts {
  sessions: number;
  answers: number;
  reviews: number;
  cardStates: number;
}

export interface ImportResult {
  /** Rows this learner did not have. */
  added: ImportCounts;
  /** Card states replaced because the file's was reviewed later. */
  updatedCardStates: number;
  /** Rows already present (or, for cards, a state at least as recent). */
  unchanged: ImportCounts;
  /** Profile fields taken from the file: only those still at their defaults here. */
  settings: ("displayName" | "newCardsPerDay")[];
}

export interface ImportOptions {
  /** Rows per INSERT or UPDATE statement; each statement is its own short transaction. */
  chunkSize?: number;
}

/**
 * Merges a checked file into this learner's progress. Each list is written
 * in statements of at most `chunkSize` rows, each its own transaction, with
 * a turn of the event loop between them: a 20 MB file never holds the
 * database for more than one statement, so other learners' grades go
 * through while it is written. An import cut short leaves a prefix of the
 * file behind, and importing the file again adds exactly the rest.
 */
export async function importProgress(client: PrismaClient, learnerId: string, file: ParsedProgressFile, options: ImportOptions = {}): Promise<ImportResult> {
  const chunkSize = options.chunkSize ?? 500;
  const sessions = await importSessions(client, learnerId, file.sessions, chunkSize);
  const answers = await importAnswers(client, learnerId, file.answers, sessions.ids, chunkSize);
  const reviews = await importReviews(client, learnerId, file.reviews, chunkSize);
  const cards = await importCardStates(client, learnerId, file.cardStates, chunkSize);
  const settings = await importSettings(client, learnerId, file.learner);
  return {
    added: { sessions: sessions.added, answers: answers.added, reviews: reviews.added, cardStates: cards.added },
    updatedCardStates: cards.updated,
    unchanged: {
      sessions: file.sessions.length - sessions.added,
      answers: file.answers.length - answers.added,
      reviews: file.reviews.length - reviews.added,
      cardStates: file.cardStates.length - cards.added - cards.updated,
    },
    settings,
  };
}

/** The id a row from the file gets here: its own when free, else one derived from this learner and it. */
function derivedId(learnerId: string, id: string): string {
  return `i${createHash("sha256").update(`${learnerId}\0${id}`).digest("hex").slice(0, 24)}`;
}

/**
 * A date as the SQLite driver adapter stores a DateTime (PrismaBetterSQLite3's
 * default "iso8601" format), so that rows written here compare and read
 * back exactly as rows Prisma wrote. PostgreSQL reads the same text as the
 * timestamp(3) it names (UTC, as Prisma stores them).
 */
function stored(date: Date): string;
function stored(date: Date | null): string | null;
function stored(date: Date | null): string | null {
  return date === null ? null : date.toISOString().replace("Z", "+00:00");
}

/**
 * Writes `rows` in chunks: each chunk is prepared (`prepare` turns a file
 * row into what is stored, or null for a row this learner already has),
 * then handed to `write` as one JSON array, bound as a single parameter and
 * read as rows in the statement (sqlDialect's jsonRecords), so that no
 * statement binds more than a few values however long the file. Preparing
 * chunk by chunk, with a turn of the event loop between chunks, keeps every
 * pause short.
 */
async function inChunks<T, R>(rows: readonly T[], chunkSize: number, prepare: (row: T) => R | null, write: (json: string) => Promise<number>): Promise<number> {
  let changed = 0;
  for (let start = 0; start < rows.length; start += chunkSize) {
    if (start > 0) await nextTurn();
    const prepared = rows.slice(start, start + chunkSize).flatMap((row) => prepare(row) ?? []);
    if (prepared.length > 0) changed += await write(JSON.stringify(prepared));
  }
  return changed;
}

/** A file row this learner does not have yet (by id, derived id or natural key), with the id it gets if its own is taken; null when they have it. */
function fresh<T extends { id: string }>(learnerId: string, row: T, mine: ReadonlyMap<string, string>, naturalKey: (row: T) => string): (T & { derivedId: string }) | null {
  const derived = derivedId(learnerId, row.id);
  if (mine.has(`id:${row.id}`) || mine.has(`id:${derived}`) || mine.has(`key:${naturalKey(row)}`)) return null;
  return { ...row, derivedId: derived };
}

function findMine<T extends { id: string }>(learnerId: string, row: T, mine: ReadonlyMap<string, string>, naturalKey: (row: T) => string): string | undefined {
  return mine.get(`id:${row.id}`) ?? mine.get(`id:${derivedId(learnerId, row.id)}`) ?? mine.get(`key:${naturalKey(row)}`);
}

function index<T extends { id: string }>(rows: readonly T[], naturalKey: (row: T) => string): Map<string, string> {
  const map = new Map<string, string>();
  for (const row of rows) map.set(`id:${row.id}`, row.id).set(`key:${naturalKey(row)}`, row.id);
  return map;
}

type FileSession = ParsedProgressFile["sessions"][number];
type FileAnswer = ParsedProgressFile["answers"][number];
type FileReview = ParsedProgressFile["reviews"][number];
type FileCardState = ParsedProgressFile["cardStates"][number];

/*
 * The columns each statement reads from its chunk's JSON, with their types
 * (PostgreSQL converts each to the column's; SQLite stores JSON's own). The
 * file's JSON columns are JSON text in strings, read as text and stored
 * through jsonFromText (parsed into jsonb on PostgreSQL).
 */
const SESSION_COLUMNS = {
  id: "text", derivedId: "text", mode: "text", config: "text", questions: "text", createdAt: "timestamp", finishedAt: "timestamp",
} as const satisfies Record<string, RecordColumnType>;
const ANSWER_COLUMNS = {
  id: "text", derivedId: "text", sessionId: "text", position: "integer", questionId: "text", kind: "text", topics: "text", tests: "text",
  correct: "boolean", score: "double", response: "text", createdAt: "timestamp",
} as const satisfies Record<string, RecordColumnType>;
const REVIEW_COLUMNS = {
  id: "text", derivedId: "text", cardId: "text", rating: "integer", state: "integer", due: "timestamp", stability: "double", difficulty: "double",
  elapsedDays: "integer", lastElapsedDays: "integer", scheduledDays: "integer", learningSteps: "integer", review: "timestamp", before: "text",
  createdAt: "timestamp",
} as const satisfies Record<string, RecordColumnType>;
const CARD_STATE_COLUMNS = {
  cardId: "text", due: "timestamp", stability: "double", difficulty: "double", elapsedDays: "integer", scheduledDays: "integer",
  learningSteps: "integer", reps: "integer", lapses: "integer", state: "integer", lastReview: "timestamp",
} as const satisfies Record<string, RecordColumnType>;

const sessionKey = (s: { mode: string; createdAt: Date }) => `${s.mode}|${s.createdAt.toISOString()}`;
const answerKey = (a: { questionId: string; createdAt: Date }) => `${a.questionId}|${a.createdAt.toISOString()}`;
const reviewKey = (r: { cardId: string; review: Date }) => `${r.cardId}|${r.review.toISOString()}`;

/*
 * Each INSERT picks the row's own id unless another learner's row already
 * has it (then the derived id), in the same statement, so no other write can
 * slip between the check and the insert. A row this learner already has
 * under that id is left alone (ON CONFLICT DO NOTHING): a second import of
 * the same file running at the same time adds nothing twice.
 */

/** Adds new sessions; returns the id here of every session in the file, for the answers that point at them. */
async function importSessions(client: PrismaClient, learnerId: string, sessions: readonly FileSession[], chunkSize: number) {
  const mineNow = async () => index(await client.studySession.findMany({ where: { learnerId }, select: { id: true, mode: true, createdAt: true } }), sessionKey);
  const before = await mineNow();
  const prepare = (session: FileSession) => {
    const row = fresh(learnerId, session, before, sessionKey);
    return row && { ...row, createdAt: stored(row.createdAt), finishedAt: stored(row.finishedAt) };
  };
  const { jsonFromText, jsonRecords } = sqlDialect(client);
  const added = await inChunks(sessions, chunkSize, prepare, (json) => client.$executeRaw`
    INSERT INTO "StudySession" ("id", "learnerId", "mode", "config", "questions", "createdAt", "finishedAt")
    SELECT CASE WHEN EXISTS (SELECT 1 FROM "StudySession" t WHERE t."id" = r."id" AND t."learnerId" <> ${learnerId}) THEN r."derivedId" ELSE r."id" END,
           ${learnerId}, r."mode", ${jsonFromText(Prisma.sql`r."config"`)}, ${jsonFromText(Prisma.sql`r."questions"`)}, r."createdAt", r."finishedAt"
    FROM ${jsonRecords(json, SESSION_COLUMNS, "r")} WHERE true
    ON CONFLICT DO NOTHING`);
  // Read back rather than trusted: a row another import added meanwhile is found here too.
  const mine = await mineNow();
  const ids = new Map<string, string>();
  for (const session of sessions) {
    const found = findMine(learnerId, session, mine, sessionKey);
    if (found) ids.set(session.id, found);
  }
  return { ids, added };
}

async function importAnswers(client: PrismaClient, learnerId: string, answers: readonly FileAnswer[], sessionIds: ReadonlyMap<string, string>, chunkSize: number) {
  const mine = index(await client.answer.findMany({ where: { learnerId }, select: { id: true, questionId: true, createdAt: true } }), answerKey);
  const prepare = (answer: FileAnswer) => {
    const row = fresh(learnerId, answer, mine, answerKey);
    return row && { ...row, sessionId: row.sessionId === null ? null : (sessionIds.get(row.sessionId) ?? null), createdAt: stored(row.createdAt) };
  };
  const { jsonFromText, jsonRecords } = sqlDialect(client);
  const added = await inChunks(answers, chunkSize, prepare, (json) => client.$executeRaw`
    INSERT INTO "Answer" ("id", "learnerId", "sessionId", "position", "questionId", "kind", "topics", "tests", "correct", "score", "response", "createdAt")
    SELECT CASE WHEN EXISTS (SELECT 1 FROM "Answer" t WHERE t."id" = r."id" AND t."learnerId" <> ${learnerId}) THEN r."derivedId" ELSE r."id" END,
           ${learnerId}, r."sessionId", r."position", r."questionId", r."kind", ${jsonFromText(Prisma.sql`r."topics"`)}, ${jsonFromText(Prisma.sql`r."tests"`)},
           r."correct", r."score", ${jsonFromText(Prisma.sql`r."response"`)}, r."createdAt"
    FROM ${jsonRecords(json, ANSWER_COLUMNS, "r")} WHERE true
    ON CONFLICT DO NOTHING`);
  return { added };
}

async function importReviews(client: PrismaClient, learnerId: string, reviews: readonly FileReview[], chunkSize: number) {
  const mine = index(await client.reviewLog.findMany({ where: { learnerId }, select: { id: true, cardId: true, review: true } }), reviewKey);
  // createdAt orders undo (the latest grade given here); a file without it falls back to the review time.
  const prepare = (review: FileReview) => {
    const row = fresh(learnerId, review, mine, reviewKey);
    return row && { ...row, due: stored(row.due), review: stored(row.review), createdAt: stored(row.createdAt ?? row.review) };
  };
  const { jsonFromText, jsonRecords } = sqlDialect(client);
  const added = await inChunks(reviews, chunkSize, prepare, (json) => client.$executeRaw`
    INSERT INTO "ReviewLog" ("id", "learnerId", "cardId", "rating", "state", "due", "stability", "difficulty", "elapsedDays", "lastElapsedDays", "scheduledDays",
      "learningSteps", "review", "before", "createdAt")
    SELECT CASE WHEN EXISTS (SELECT 1 FROM "ReviewLog" t WHERE t."id" = r."id" AND t."learnerId" <> ${learnerId}) THEN r."derivedId" ELSE r."id" END,
           ${learnerId}, r."cardId", r."rating", r."state", r."due", r."stability", r."difficulty", r."elapsedDays", r."lastElapsedDays", r."scheduledDays",
           r."learningSteps", r."review", ${jsonFromText(Prisma.sql`r."before"`)}, r."createdAt"
    FROM ${jsonRecords(json, REVIEW_COLUMNS, "r")} WHERE true
    ON CONFLICT DO NOTHING`);
  return { added };
}

/** A card keeps the state with the later lastReview; a never-reviewed state (null) is the earliest; a tie keeps ours. */
async function importCardStates(client: PrismaClient, learnerId: string, states: readonly FileCardState[], chunkSize: number) {
  const mine = new Map((await client.cardState.findMany({ where: { learnerId }, select: { cardId: true, lastReview: true } })).map((s) => [s.cardId, s.lastReview]));
  const time = (date: Date | null | undefined) => date?.getTime() ?? Number.NEGATIVE_INFINITY;
  const row = (state: FileCardState) => ({ ...state, due: stored(state.due), lastReview: stored(state.lastReview) });
  const added = await inChunks(states, chunkSize, (state) => (mine.has(state.cardId) ? null : row(state)), (json) => client.$executeRaw`
    INSERT INTO "CardState" ("learnerId", "cardId", "due", "stability", "difficulty", "elapsedDays", "scheduledDays", "learningSteps", "reps", "lapses", "state", "lastReview")
    SELECT ${learnerId}, r."cardId", r."due", r."stability", r."difficulty", r."elapsedDays", r."scheduledDays", r."learningSteps", r."reps", r."lapses", r."state", r."lastReview"
    FROM ${sqlDialect(client).jsonRecords(json, CARD_STATE_COLUMNS, "r")} WHERE true
    ON CONFLICT DO NOTHING`);
  // The check is repeated in the statement in case a grade came in meanwhile. On SQLite stored dates share one format, so comparing them as text
  // compares them in time; on PostgreSQL they are timestamps.
  const newer = (state: FileCardState) => (mine.has(state.cardId) && time(state.lastReview) > time(mine.get(state.cardId)) ? row(state) : null);
  const updated = await inChunks(states, chunkSize, newer, (json) => client.$executeRaw`
    UPDATE "CardState" SET "due" = r."due", "stability" = r."stability", "difficulty" = r."difficulty", "elapsedDays" = r."elapsedDays",
           "scheduledDays" = r."scheduledDays", "learningSteps" = r."learningSteps", "reps" = r."reps", "lapses" = r."lapses", "state" = r."state",
           "lastReview" = r."lastReview"
    FROM ${sqlDialect(client).jsonRecords(json, CARD_STATE_COLUMNS, "r")}
    WHERE "CardState"."learnerId" = ${learnerId} AND "CardState"."cardId" = r."cardId"
      AND r."lastReview" IS NOT NULL AND ("CardState"."lastReview" IS NULL OR r."lastReview" > "CardState"."lastReview")`);
  return { added, updated };
}

async function importSettings(client: PrismaClient, learnerId: string, settings: ParsedProgressFile["learner"]): Promise<ImportResult["settings"]> {
  const learner = await client.learner.findUniqueOrThrow({ where: { id: learnerId }, select: { displayName: true, newCardsPerDay: true } });
  const data: { displayName?: string; newCardsPerDay?: number } = {};
  const name = [...(settings.displayName?.trim() ?? "")].slice(0, DISPLAY_NAME_MAX).join("");
  if (learner.displayName === null && name) data.displayName = name;
  if (learner.newCardsPerDay === DEFAULT_NEW_CARDS_PER_DAY && settings.newCardsPerDay !== DEFAULT_NEW_CARDS_PER_DAY) {
    data.newCardsPerDay = settings.newCardsPerDay;
  }
  if (Object.keys(data).length > 0) await client.learner.update({ where: { id: learnerId }, data });
  return Object.keys(data) as ImportResult["settings"];
}
