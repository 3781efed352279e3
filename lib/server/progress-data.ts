import { quizSettingsSchema } from "../content";
import type { AnswerRow, CardStateRow, ProgressRows, ReviewRow } from "../progress/progress-rows";
import { Prisma } from "./generated/prisma/client";
import type { PrismaClient } from "./prisma-client";
import { effectiveFinish, feedbackShown } from "./quiz-rules";
import { jsonText, parseJsonText, sqlDialect } from "./sql-dialect";

/*
 * Reads one learner's progress rows for lib/progress's statistics. Takes the
 * client so that tests pass their own; the app goes through progress-queries.ts.
 * Every query filters by learnerId: nothing here can see another learner's rows.
 */

/** A Json column's array of strings (as read); anything else reads as empty rather than failing the page. */
export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

type Grouped = { at: string; state: number | bigint; n: number | bigint };

/**
 * One learner's progress, grouped in the database: reviews by 15-minute slot
 * (every time zone's offset is a whole number of quarter hours), state and
 * rating, card states (of cards still in the content) by due slot,
 * state and whether reviewed, so that the rows handed to lib/progress grow
 * with the days studied rather than with every review. Joins, never an IN
 * list of ids: those grow past SQLite's limit on bound parameters.
 */
export async function readProgressRows(client: PrismaClient, learnerId: string, now = new Date()): Promise<ProgressRows> {
  const { quarterHour } = sqlDialect(client);
  const [cardStates, reviews, answers, studied, withheld] = await Promise.all([
    client.$queryRaw<(Grouped & { reviewed: boolean | number | bigint })[]>`
      SELECT ${quarterHour(Prisma.sql`s."due"`)} AS "at", s."state", s."reps" > 0 AS "reviewed", COUNT(*) AS "n"
      FROM "CardState" s JOIN "Card" c ON c."id" = s."cardId" AND c."active" = TRUE
      WHERE s."learnerId" = ${learnerId}
      GROUP BY "at", s."state", "reviewed"`,
    client.$queryRaw<(Grouped & { rating: number | bigint })[]>`
      SELECT ${quarterHour(Prisma.sql`"review"`)} AS "at", "state", "rating", COUNT(*) AS "n"
      FROM "ReviewLog" WHERE "learnerId" = ${learnerId}
      GROUP BY "at", "state", "rating"
      ORDER BY "at"`,
    client.$queryRaw<{ sessionId: string | null; createdAt: Date; correct: boolean | number | bigint; score: number; topics: string; tests: string }[]>`
      SELECT "sessionId", "createdAt", "correct", "score", ${jsonText(Prisma.sql`"topics"`)} AS "topics", ${jsonText(Prisma.sql`"tests"`)} AS "tests"
      FROM "Answer" WHERE "learnerId" = ${learnerId} ORDER BY "createdAt"`,
    // Cards reviewed here, or whose state says they were (an imported state may come without its reviews).
    client.$queryRaw<{ n: number | bigint }[]>`
      SELECT COUNT(*) AS "n" FROM (
        SELECT s."cardId" FROM "CardState" s JOIN "Card" c ON c."id" = s."cardId" AND c."active" = TRUE WHERE s."learnerId" = ${learnerId} AND s."reps" > 0
        UNION SELECT "cardId" FROM "ReviewLog" WHERE "learnerId" = ${learnerId}) AS studied`,
    withheldSessions(client, learnerId, now),
  ]);
  return {
    cardStates: cardStates.map((row): CardStateRow => ({ due: new Date(row.at), state: Number(row.state), reps: Number(row.reviewed), lastReview: null, count: Number(row.n) })),
    reviews: reviews.map((row): ReviewRow => ({ review: new Date(row.at), state: Number(row.state), rating: Number(row.rating), count: Number(row.n) })),
    answers: answers.filter((answer) => answer.sessionId === null || !withheld.has(answer.sessionId)).map((answer): AnswerRow => ({
      createdAt: answer.createdAt,
      correct: Boolean(answer.correct),
      score: answer.score,
      topics: stringList(parseJsonText(answer.topics)),
      tests: stringList(parseJsonText(answer.tests)),
    })),
    cardsStudied: Number(studied[0]?.n ?? 0),
  };
}

export interface ProgressCounts {
  reviews: number;
  answers: number;
  sessions: number;
  cardStates: number;
}

/** How many rows of each kind one learner has: what an export would hold. */
export async function countProgressRows(client: PrismaClient, learnerId: string): Promise<ProgressCounts> {
  const where = { learnerId };
  const [reviews, answers, sessions, cardStates] = await Promise.all([
    client.reviewLog.count({ where }),
    client.answer.count({ where }),
    client.studySession.count({ where }),
    client.cardState.count({ where }),
  ]);
  return { reviews, answers, sessions, cardStates };
}

/**
 * The learner's quiz attempts whose results the quiz still withholds
 * (feedback at the end of an unfinished attempt, or after a close date not
 * yet passed): their answers stay out of progress until then, or the
 * accuracy by state would tell what the quiz does not yet show.
 */
async function withheldSessions(client: PrismaClient, learnerId: string, now: Date): Promise<Set<string>> {
  const { jsonValid } = sqlDialect(client);
  const attempts = await client.$queryRaw<{ id: string; finishedAt: Date | null; deadline: Date | null; version: string | null; file: string | null }[]>`
    SELECT s."id", s."finishedAt", s."deadline", ${jsonText(Prisma.sql`v."definition"`)} AS "version", ${jsonText(Prisma.sql`q."settings"`)} AS "file"
    FROM "StudySession" s
    LEFT JOIN "QuizVersion" v ON v."id" = s."quizVersionId"
    LEFT JOIN "Quiz" q ON s."quizVersionId" IS NULL AND q."id" = CASE WHEN ${jsonValid(Prisma.sql`s."config"`)} THEN s."config" ->> 'quizId' END
    WHERE s."learnerId" = ${learnerId} AND (v."id" IS NOT NULL OR q."id" IS NOT NULL)`;
  const withheld = new Set<string>();
  for (const attempt of attempts) {
    const settings = quizSettingsSchema.safeParse(settingsOf(attempt.version, attempt.file));
    const ended = effectiveFinish(attempt.finishedAt && new Date(attempt.finishedAt), attempt.deadline && new Date(attempt.deadline), now) !== null;
    if (!settings.success || !feedbackShown(settings.data, ended, now)) withheld.add(attempt.id);
  }
  return withheld;
}

/** A version's definition holds its settings; a file quiz's row holds them alone. Unreadable JSON reads as none. */
function settingsOf(version: string | null, file: string | null): unknown {
  if (version === null) return parseJsonText(file) ?? {};
  const definition = parseJsonText(version);
  return (definition && typeof definition === "object" && "settings" in definition ? definition.settings : undefined) ?? {};
}
