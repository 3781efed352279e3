import "server-only";
import { NextResponse } from "next/server";
import type { BilingualText } from "../content";
import { planQuiz, quizSeed, type QuestionContext } from "../questions";
import { Prisma } from "./generated/prisma/client";
import { jsonOf } from "./json-column";
import type { Db, PrismaClient } from "./prisma-client";
import { loadVersionQuiz, type SourceQuiz } from "./question-source";
import { pastDeadline, windowRefusal } from "./quiz-rules";
import { SessionError } from "./quiz-store";
import { holdTransactionLock, sqlDialect } from "./sql-dialect";

/*
 * Attempts at a quiz with rules: a builder quiz shared by its code
 * (/q/<code>, a published QuizVersion) or a file quiz from content/quizzes.
 * Starting one checks the open and close dates, counts this learner's
 * attempts and stores the new one in one transaction, so that two clicks at
 * once never pass the limit. Answers are checked against the same rules in
 * lib/server/quiz-store.ts.
 */

/** The quiz an attempt is made at. */
export interface AttemptTarget {
  /** The id its questions are found under: a file quiz's id, or "version:<QuizVersion.id>". */
  refQuizId: string;
  quiz: SourceQuiz;
  /** For a builder quiz: the version taken and the quiz it belongs to (attempts are counted across its versions). */
  quizVersionId: string | null;
  instructorQuizId: string | null;
}

/** A code as a student may type it: letters, digits, - and _, surrounding space ignored; null when no code could look like it. */
export function normalizeCode(raw: string): string | null {
  const code = raw.trim();
  return /^[A-Za-z0-9_-]{1,40}$/.test(code) ? code : null;
}

export type SharedQuiz =
  | { status: "missing" }
  /** Unpublished (no live version) or archived: the code is known, the quiz is not taken now. */
  | { status: "unavailable" }
  | { status: "live"; code: string; instructorName: string | null; target: AttemptTarget };

/** The quiz a code names (letter case ignored: codes are ASCII, normalizeCode), and whether students can take it now. */
export async function findSharedQuiz(db: Db, rawCode: string): Promise<SharedQuiz> {
  const code = normalizeCode(rawCode);
  if (!code) return { status: "missing" };
  const [row] = await db.$queryRaw<{ id: string; code: string; liveVersionId: string | null; archivedAt: unknown; instructorName: string | null }[]>`
    SELECT q."id", q."code", q."liveVersionId", q."archivedAt", i."name" AS "instructorName"
    FROM "InstructorQuiz" q JOIN "Instructor" i ON i."id" = q."instructorId"
    WHERE lower(q."code") = lower(${code}) LIMIT 1`;
  if (!row) return { status: "missing" };
  if (!row.liveVersionId || row.archivedAt !== null) return { status: "unavailable" };
  const quiz = await loadVersionQuiz(db, row.liveVersionId);
  if (!quiz) return { status: "unavailable" };
  return {
    status: "live",
    code: row.code,
    instructorName: row.instructorName,
    target: { refQuizId: quiz.id, quiz, quizVersionId: row.liveVersionId, instructorQuizId: row.id },
  };
}

/** A file quiz from content/quizzes as an attempt target. */
export function fileQuizTarget(quiz: SourceQuiz): AttemptTarget {
  return { refQuizId: quiz.id, quiz, quizVersionId: null, instructorQuizId: null };
}

/** SQL: the session `s`'s settings name the quiz `quizId` (a file quiz's sessions are told apart only by them). */
function configNamesQuiz(db: Db, quizId: string): Prisma.Sql {
  return Prisma.sql`CASE WHEN ${sqlDialect(db).jsonValid(Prisma.sql`s."config"`)} THEN s."config" ->> 'quizId' END = ${quizId}`;
}

/** How many attempts this learner has made at the quiz (all versions of a builder quiz; every session of a file quiz). */
export async function attemptsUsed(db: Db, learnerId: string, target: AttemptTarget): Promise<number> {
  const [row] = target.instructorQuizId
    ? await db.$queryRaw<{ n: number | bigint }[]>`
        SELECT COUNT(*) AS n FROM "StudySession" s JOIN "QuizVersion" v ON v."id" = s."quizVersionId"
        WHERE s."learnerId" = ${learnerId} AND v."instructorQuizId" = ${target.instructorQuizId}`
    : await db.$queryRaw<{ n: number | bigint }[]>`
        SELECT COUNT(*) AS n FROM "StudySession" s
        WHERE s."learnerId" = ${learnerId} AND s."mode" = 'quiz' AND s."quizVersionId" IS NULL AND ${configNamesQuiz(db, target.refQuizId)}`;
  return Number(row?.n ?? 0);
}

/** This learner's attempt at the quiz that is still running (not finished, time not run out), to continue rather than start again. */
export async function runningAttempt(db: Db, learnerId: string, target: AttemptTarget, now: Date): Promise<{ id: string; attempt: number | null } | null> {
  const unfinished = { learnerId, finishedAt: null };
  const open = await db.studySession.findMany({
    where: target.instructorQuizId
      ? { ...unfinished, quizVersion: { is: { instructorQuizId: target.instructorQuizId } } }
      : { ...unfinished, id: { in: await unfinishedFileQuizSessions(db, learnerId, target.refQuizId) } },
    orderBy: { createdAt: "desc" },
    select: { id: true, attempt: true, deadline: true },
    take: 20,
  });
  const running = open.find((session) => !pastDeadline(session.deadline, now));
  return running ? { id: running.id, attempt: running.attempt } : null;
}

/** The ids of this learner's latest unfinished sessions at a file quiz (Prisma cannot filter on a member of a Json column on SQLite). */
async function unfinishedFileQuizSessions(db: Db, learnerId: string, quizId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT s."id" FROM "StudySession" s
    WHERE s."learnerId" = ${learnerId} AND s."finishedAt" IS NULL AND s."mode" = 'quiz' AND s."quizVersionId" IS NULL AND ${configNamesQuiz(db, quizId)}
    ORDER BY s."createdAt" DESC LIMIT 20`;
  return rows.map((row) => row.id);
}

export interface StartOptions {
  /** The name the student gave at a shared quiz (already trimmed and checked), or null. */
  studentName: string | null;
  /** The attempt's own random seed: its questions when the quiz gives each student their own. */
  attemptSeed: number;
  context: QuestionContext;
  now: Date;
}

/** Refuses a start the quiz's dates do not allow (SessionError 409 with its code). */
export function checkWindow(target: AttemptTarget, now: Date): void {
  const refusal = windowRefusal(target.quiz.settings, now);
  if (refusal === "not-open") throw new SessionError("this quiz is not open yet", 409, "not-open");
  if (refusal === "closed") throw new SessionError("this quiz has closed", 409, "closed");
}

/**
 * A new attempt for this learner: planned from the quiz and a seed
 * (planQuiz), numbered, with its deadline when the quiz has a time limit.
 * The count and the insert are one transaction holding this learner's lock
 * (holdTransactionLock; on SQLite the write lock, held from its first
 * statement), so concurrent starts never pass the limit.
 */
export async function startAttempt(db: Db, learnerId: string, target: AttemptTarget, options: StartOptions): Promise<{ id: string; attempt: number }> {
  const { quiz } = target;
  checkWindow(target, options.now);
  const { refs } = planQuiz(quiz, target.refQuizId, quizSeed(quiz, options.attemptSeed), options.context);
  if (refs.length === 0) throw new SessionError("this quiz has no questions to ask", 409, "unavailable");
  const minutes = quiz.settings.timeLimitMinutes;
  const config = { mode: "quiz", quizId: target.refQuizId, ...(minutes ? { minutes } : {}) };
  return inTransaction(db, async (tx) => {
    await holdTransactionLock(tx, `learner:${learnerId}`);
    const used = await attemptsUsed(tx, learnerId, target);
    const allowed = quiz.settings.attempts;
    if (allowed !== undefined && used >= allowed) throw new SessionError(`all ${allowed} attempts at this quiz are used`, 409, "no-attempts-left");
    const session = await tx.studySession.create({
      data: {
        learnerId,
        mode: "quiz",
        config: jsonOf(config),
        questions: jsonOf(refs),
        createdAt: options.now,
        quizVersionId: target.quizVersionId,
        attempt: used + 1,
        studentName: options.studentName,
        deadline: minutes ? new Date(options.now.getTime() + minutes * 60_000) : null,
      },
      select: { id: true },
    });
    return { id: session.id, attempt: used + 1 };
  });
}

/** Runs `work` in a transaction of its own, or inside the one `db` already is (an idempotent write's). */
async function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  if ("$transaction" in db) return (db as PrismaClient).$transaction(work);
  return work(db);
}

/** A SessionError as a route answers it: the status, the message, and the rule's code when a rule refused. */
export function sessionErrorResponse(error: SessionError): NextResponse {
  return NextResponse.json({ error: error.message, ...(error.code ? { code: error.code } : {}) }, { status: error.status });
}

/** Live builder quizzes for the /quiz list: title, instructor and code of each. */
export async function liveSharedQuizzes(db: PrismaClient): Promise<{ code: string; title: BilingualText; instructorName: string | null; count: number }[]> {
  const rows = await db.instructorQuiz.findMany({
    where: { liveVersionId: { not: null }, archivedAt: null, code: { not: null } },
    orderBy: { updatedAt: "desc" },
    take: 50,
    select: { code: true, liveVersionId: true, instructor: { select: { name: true } } },
  });
  const quizzes = await Promise.all(rows.map(async (row) => ({ row, quiz: await loadVersionQuiz(db, row.liveVersionId!) })));
  return quizzes.flatMap(({ row, quiz }) =>
    quiz ? [{ code: row.code!, title: quiz.title, instructorName: row.instructor.name, count: quizQuestionCount(quiz) }] : [],
  );
}

/** Fixed questions and generated slots together: how many an attempt holds at most. */
export function quizQuestionCount(quiz: Pick<SourceQuiz, "questions" | "generated" | "captures">): number {
  const slots = [...quiz.generated, ...(quiz.captures ?? [])];
  return quiz.questions.length + slots.reduce((sum, slot) => sum + slot.count, 0);
}
