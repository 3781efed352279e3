import "server-only";
import { z } from "zod";
import { quizFileSchema, type BilingualText, type QuizFile } from "../content";
import {
  learnerResponseSchema,
  questionRefSchema,
  resolveQuestion,
  type LearnerResponse,
  type Question,
  type QuestionRef,
} from "../questions";
import { responseText } from "../questions/response-text";
import { wrongAnswerMeaning } from "../questions/wrong-answer-meaning";
import { Prisma } from "./generated/prisma/client";
import type { PrismaClient } from "./prisma-client";
import { quizContext, versionSourceQuiz, type QuestionSource } from "./question-source";
import { jsonText, parseJsonText, sqlDialect, type SqlDialect } from "./sql-dialect";

/*
 * An instructor's view of who took their quiz and what the class got wrong.
 * Everything that grows with the number of students is counted in the database
 * (GROUP BY over the quiz's attempts, joined through QuizVersion, never an IN
 * list of ids); what comes back to JavaScript is one page of students and one
 * row per question, transition and scenario, so the page costs about the same
 * for 10 students as for 1,000. A quiz that is not this instructor's is not
 * found, exactly as one that does not exist.
 */

export const RESULTS_PAGE_SIZE = 50;
export const RESULT_SORTS = ["name", "score", "time"] as const;
export type ResultSort = (typeof RESULT_SORTS)[number];

/** The page's query string, read at the edge: anything unknown falls back to the first page by name. */
export const resultsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  sort: z.enum(RESULT_SORTS).catch("name"),
  attempt: z.string().max(40).regex(/^[a-z0-9]+$/).optional().catch(undefined),
});
export type ResultsQuery = z.infer<typeof resultsQuerySchema>;

export interface QuizVersionInfo {
  id: string;
  /** 1 for the first publish. */
  number: number;
  createdAt: string;
}

export interface StudentRow {
  attemptId: string;
  name: string;
  attempt: number;
  version: number;
  startedAt: string;
  finishedAt: string | null;
  /** From the start to the finish or, unfinished, to the last answer. */
  seconds: number;
  timedOut: boolean;
  answered: number;
  questions: number;
  /** Sum of scores over the attempt's question count, 0..1. */
  score: number;
}

export interface WrongAnswer {
  count: number;
  answer: BilingualText;
  meaning: BilingualText;
}

export interface QuestionRow {
  /** "fixed:<question id>" or "generated:<kind>". */
  key: string;
  generated: boolean;
  kind: string;
  /** The prompt of a fixed question; for generated ones, null (the kind names them). */
  prompt: BilingualText | null;
  right: number;
  total: number;
  wrong: WrongAnswer[];
}

export interface AccuracyRow {
  key: string;
  right: number;
  total: number;
}

export interface QuizResults {
  quiz: {
    id: string;
    title: BilingualText;
    code: string | null;
    open: boolean;
    opens: string | null;
    closes: string | null;
    versions: QuizVersionInfo[];
  };
  summary: { attempts: number; students: number; finished: number; meanScore: number | null };
  students: { rows: StudentRow[]; page: number; pages: number; total: number; sort: ResultSort };
  questions: QuestionRow[];
  transitions: AccuracyRow[];
  scenarios: AccuracyRow[];
}

export interface AttemptAnswer {
  position: number;
  kind: string;
  prompt: BilingualText | null;
  answered: boolean;
  correct: boolean;
  score: number;
  answer: BilingualText | null;
  meaning: BilingualText | null;
}

interface OwnedQuiz {
  id: string;
  definition: QuizFile | null;
  code: string | null;
  liveVersionId: string | null;
  archivedAt: Date | null;
  versions: { id: string; createdAt: Date; definition: QuizFile | null }[];
}

/** A stored definition (a Json column) read with the quiz file schema; null when it does not fit. */
function parseDefinition(value: unknown): QuizFile | null {
  const parsed = quizFileSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

async function ownedQuiz(db: PrismaClient, instructorId: string, quizId: string): Promise<OwnedQuiz | null> {
  const quiz = await db.instructorQuiz.findFirst({
    where: { id: quizId, instructorId },
    select: { id: true, definition: true, code: true, liveVersionId: true, archivedAt: true, versions: { select: { id: true, createdAt: true, definition: true }, orderBy: { createdAt: "asc" } } },
  });
  if (!quiz) return null;
  return {
    ...quiz,
    definition: parseDefinition(quiz.definition),
    versions: quiz.versions.map((version) => ({ ...version, definition: parseDefinition(version.definition) })),
  };
}

/** The source of questions with each version of this quiz added as "version:<id>", as an attempt's refs name them. */
export function withVersions(source: QuestionSource, versions: { id: string; definition: QuizFile | null }[]): QuestionSource {
  // Already read with the quiz file schema by ownedQuiz: not written out and parsed again.
  const added = versions.flatMap((version) => (version.definition ? [versionSourceQuiz(version.id, version.definition)] : []));
  return { context: source.context, quizzes: [...added, ...source.quizzes] };
}

/** withVersions, with the instructor's uploads that any version (or the draft) names added to the context, so capture questions resolve. */
async function resultsSource(db: PrismaClient, instructorId: string, source: QuestionSource, quiz: OwnedQuiz): Promise<QuestionSource> {
  const full = withVersions(source, quiz.versions);
  const captures = [quiz.definition, ...quiz.versions.map((version) => version.definition)].flatMap((definition) => definition?.captures ?? []);
  return { ...full, context: await quizContext(db, full.context, { captures }, instructorId) };
}

/** Whether students can take the quiz now: published, not archived, inside its dates. */
function isOpen(quiz: OwnedQuiz, now: Date): boolean {
  if (!quiz.liveVersionId || quiz.archivedAt) return false;
  const settings = quiz.versions.find((version) => version.id === quiz.liveVersionId)?.definition?.settings;
  if (settings?.opens && Date.parse(settings.opens) > now.getTime()) return false;
  if (settings?.closes && Date.parse(settings.closes) <= now.getTime()) return false;
  return true;
}

const num = (value: number | bigint | null | undefined): number => Number(value ?? 0);
const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** The attempts of this quiz, as a subquery every statement below starts from. */
const attemptsOf = (quizId: string) =>
  Prisma.sql`SELECT s.* FROM "StudySession" s JOIN "QuizVersion" v ON v."id" = s."quizVersionId" WHERE v."instructorQuizId" = ${quizId}`;

/**
 * The grouping key of an answer: a fixed question by its id, generated ones by kind (each student gets their own).
 * The prefix compared exactly: LIKE ignores case on SQLite and not on PostgreSQL.
 */
const questionKey = Prisma.sql`CASE WHEN substr(a."questionId", 1, 13) = 'quiz:version:' THEN 'fixed:' || a."questionId" ELSE 'generated:' || a."kind" END`;

/** Right answers among a group's: SUM of a boolean is SQLite's (0 and 1), not PostgreSQL's. */
const rightAnswers = Prisma.sql`SUM(CASE WHEN a."correct" THEN 1 ELSE 0 END)`;

function order(sort: ResultSort, sql: SqlDialect): Prisma.Sql {
  const name = sql.asciiLower(Prisma.sql`"name"`);
  if (sort === "score") return Prisma.sql`ORDER BY "score" DESC, ${name}, "attempt"`;
  if (sort === "time") return Prisma.sql`ORDER BY "seconds", ${name}, "attempt"`;
  return Prisma.sql`ORDER BY ${name}, "attempt", "startedAt"`;
}

interface StudentRaw {
  id: string;
  name: string | null;
  attempt: number | bigint | null;
  quizVersionId: string;
  startedAt: string | Date;
  finishedAt: string | Date | null;
  deadline: string | Date | null;
  questions: number | bigint;
  answered: number | bigint;
  score: number;
  seconds: number;
}

async function studentPage(db: PrismaClient, quizId: string, query: ResultsQuery, total: number): Promise<StudentRaw[]> {
  const pages = Math.max(1, Math.ceil(total / RESULTS_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const sql = sqlDialect(db);
  return db.$queryRaw<StudentRaw[]>`
    WITH attempts AS (${attemptsOf(quizId)}),
    "rows" AS (
      SELECT t."id", COALESCE(t."studentName", '') AS "name", t."attempt", t."quizVersionId", t."createdAt" AS "startedAt", t."finishedAt", t."deadline",
        ${sql.jsonArrayLength(Prisma.sql`t."questions"`)} AS "questions",
        (SELECT COUNT(*) FROM "Answer" a WHERE a."sessionId" = t."id") AS "answered",
        (SELECT COALESCE(SUM(a."score"), 0) FROM "Answer" a WHERE a."sessionId" = t."id") AS "total",
        (SELECT MAX(a."createdAt") FROM "Answer" a WHERE a."sessionId" = t."id") AS "lastAt"
      FROM attempts t)
    SELECT "id", "name", "attempt", "quizVersionId", "startedAt", "finishedAt", "deadline", "questions", "answered",
      CASE WHEN "questions" > 0 THEN "total" * 1.0 / "questions" ELSE 0 END AS "score",
      ${sql.secondsBetween(Prisma.sql`COALESCE("finishedAt", "lastAt", "startedAt")`, Prisma.sql`"startedAt"`)} AS "seconds"
    FROM "rows"
    ${order(query.sort, sql)}
    LIMIT ${RESULTS_PAGE_SIZE} OFFSET ${(page - 1) * RESULTS_PAGE_SIZE}`;
}

/** The class's results for one of this instructor's quizzes, or null when it is not theirs (or not there). */
export async function quizResults(db: PrismaClient, instructorId: string, quizId: string, query: ResultsQuery, source: QuestionSource, now: Date): Promise<QuizResults | null> {
  const quiz = await ownedQuiz(db, instructorId, quizId);
  if (!quiz) return null;
  const sql = sqlDialect(db);
  const questionCount = sql.jsonArrayLength(Prisma.sql`t."questions"`);
  const [summaryRows, questionRows, wrongRows, testRows] = await Promise.all([
    db.$queryRaw<{ attempts: number | bigint; students: number | bigint; finished: number | bigint; meanScore: number | null }[]>`
      WITH attempts AS (${attemptsOf(quizId)})
      SELECT COUNT(*) AS "attempts", COUNT(DISTINCT t."learnerId") AS "students", COUNT(t."finishedAt") AS "finished",
        AVG(CASE WHEN ${questionCount} > 0 THEN (SELECT COALESCE(SUM(a."score"), 0) FROM "Answer" a WHERE a."sessionId" = t."id") * 1.0 / ${questionCount} END) AS "meanScore"
      FROM attempts t`,
    db.$queryRaw<{ qkey: string; kind: string; right: number | bigint; total: number | bigint }[]>`
      WITH attempts AS (${attemptsOf(quizId)})
      SELECT ${questionKey} AS "qkey", MIN(a."kind") AS "kind", ${rightAnswers} AS "right", COUNT(*) AS "total"
      FROM "Answer" a JOIN attempts t ON t."id" = a."sessionId"
      GROUP BY "qkey"`,
    // The three most common wrong answers of each group; generated ones also by question, since the same
    // answer means something else in another student's question.
    db.$queryRaw<{ qkey: string; n: number | bigint; sessionId: string; position: number | bigint; response: string; questions: string }[]>`
      WITH attempts AS (${attemptsOf(quizId)}),
      wrong AS (
        SELECT ${questionKey} AS "qkey", a."questionId", a."response", COUNT(*) AS "n", MIN(a."id") AS "sample"
        FROM "Answer" a JOIN attempts t ON t."id" = a."sessionId"
        WHERE a."correct" = FALSE
        GROUP BY "qkey", a."questionId", a."response"),
      ranked AS (SELECT wrong.*, ROW_NUMBER() OVER (PARTITION BY "qkey" ORDER BY "n" DESC, "sample") AS "rank" FROM wrong)
      SELECT r."qkey", r."n", a."sessionId", a."position", ${jsonText(Prisma.sql`a."response"`)} AS "response", ${jsonText(Prisma.sql`s."questions"`)} AS "questions"
      FROM ranked r JOIN "Answer" a ON a."id" = r."sample" JOIN "StudySession" s ON s."id" = a."sessionId"
      WHERE r."rank" <= 3
      ORDER BY r."qkey", r."rank"`,
    db.$queryRaw<{ key: string; right: number | bigint; total: number | bigint }[]>`
      WITH attempts AS (${attemptsOf(quizId)})
      SELECT k."value" AS "key", ${rightAnswers} AS "right", COUNT(*) AS "total"
      FROM "Answer" a JOIN attempts t ON t."id" = a."sessionId", ${sql.jsonArrayStrings(Prisma.sql`a."tests"`, "k")}
      WHERE ${sql.jsonValid(Prisma.sql`a."tests"`)}
      GROUP BY k."value"
      ORDER BY k."value"`,
  ]);
  const summary = summaryRows[0];
  const attempts = num(summary?.attempts);
  const raw = await studentPage(db, quizId, query, attempts);
  const versionNumber = new Map(quiz.versions.map((version, index) => [version.id, index + 1]));
  const full = await resultsSource(db, instructorId, source, quiz);
  const resolve = questionResolver(full);
  const live = quiz.versions.find((version) => version.id === quiz.liveVersionId)?.definition ?? quiz.definition;
  const pages = Math.max(1, Math.ceil(attempts / RESULTS_PAGE_SIZE));
  const wrongByKey = new Map<string, WrongAnswer[]>();
  for (const row of wrongRows) {
    const response = parseResponse(parseJsonText(row.response));
    const ref = refsOf(parseJsonText(row.questions))[num(row.position)] ?? null;
    const question = ref ? resolve(ref) : null;
    if (!response) continue;
    const list = wrongByKey.get(row.qkey) ?? [];
    list.push({
      count: num(row.n),
      answer: responseText(response, question),
      meaning: question ? wrongAnswerMeaning(question, response, full.context) : { zh: "", en: "" },
    });
    wrongByKey.set(row.qkey, list);
  }
  return {
    quiz: {
      id: quiz.id,
      title: live?.title ?? { zh: quiz.id, en: quiz.id },
      code: quiz.code,
      open: isOpen(quiz, now),
      opens: live?.settings?.opens ?? null,
      closes: live?.settings?.closes ?? null,
      versions: quiz.versions.map((version, index) => ({ id: version.id, number: index + 1, createdAt: version.createdAt.toISOString() })),
    },
    summary: { attempts, students: num(summary?.students), finished: num(summary?.finished), meanScore: summary?.meanScore == null ? null : Number(summary.meanScore) },
    students: {
      rows: raw.map((row) => studentRow(row, versionNumber, now)),
      page: Math.min(query.page, pages),
      pages,
      total: attempts,
      sort: query.sort,
    },
    questions: questionTable(questionRows, wrongByKey, quiz),
    // Scenario runs and capture questions ("capture:<type>") test no one transition of Figure 5.
    transitions: testRows.filter((row) => !row.key.startsWith("scenario:") && !row.key.startsWith("capture:")).map((row) => ({ key: row.key, right: num(row.right), total: num(row.total) })),
    scenarios: testRows
      .filter((row) => row.key.startsWith("scenario:"))
      .map((row) => ({ key: row.key.slice("scenario:".length), right: num(row.right), total: num(row.total) })),
  };
}

function studentRow(row: StudentRaw, versionNumber: Map<string, number>, now: Date): StudentRow {
  const finishedAt = iso(row.finishedAt);
  const deadline = row.deadline === null ? null : new Date(row.deadline);
  const timedOut = deadline !== null && (finishedAt ? Date.parse(finishedAt) >= deadline.getTime() : now >= deadline);
  return {
    attemptId: row.id,
    name: row.name ?? "",
    attempt: num(row.attempt) || 1,
    version: versionNumber.get(row.quizVersionId) ?? 0,
    startedAt: iso(row.startedAt)!,
    finishedAt,
    seconds: Math.max(0, Math.round(Number(row.seconds) || 0)),
    timedOut,
    answered: num(row.answered),
    questions: num(row.questions),
    score: Number(row.score) || 0,
  };
}

/** Fixed questions in the order the latest version asks them, then generated kinds by name. */
function questionTable(rows: { qkey: string; kind: string; right: number | bigint; total: number | bigint }[], wrong: Map<string, WrongAnswer[]>, quiz: OwnedQuiz): QuestionRow[] {
  const prompts = new Map<string, { prompt: BilingualText; order: number; version: number }>();
  quiz.versions.forEach((version, versionIndex) =>
    version.definition?.questions.forEach((item, index) => prompts.set(`fixed:quiz:version:${version.id}:${item.id}`, { prompt: item.prompt, order: index, version: versionIndex })),
  );
  const table = rows.map((row): QuestionRow & { order: number } => {
    const generated = row.qkey.startsWith("generated:");
    const known = prompts.get(row.qkey);
    return {
      key: row.qkey,
      generated,
      kind: row.kind,
      prompt: generated ? null : (known?.prompt ?? null),
      right: num(row.right),
      total: num(row.total),
      wrong: wrong.get(row.qkey) ?? [],
      order: generated ? 1e9 : (known ? known.order * 1000 + known.version : 1e8),
    };
  });
  return table.sort((a, b) => a.order - b.order || a.key.localeCompare(b.key)).map(({ order: _order, ...row }) => row);
}

const refsSchema = z.array(questionRefSchema);

/** A session's stored question refs; none when they do not fit the schema. */
function refsOf(value: unknown): QuestionRef[] {
  const parsed = refsSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}

function parseResponse(value: unknown): LearnerResponse | null {
  const parsed = learnerResponseSchema.safeParse(value);
  return parsed.success ? (parsed.data as LearnerResponse) : null;
}

/** Questions by ref, each made once per call. */
export function questionResolver(source: QuestionSource): (ref: QuestionRef) => Question | null {
  const made = new Map<string, Question | null>();
  return (ref) => {
    const key = JSON.stringify(ref);
    if (!made.has(key)) {
      let question: Question | null = null;
      try {
        question = resolveQuestion(ref, source.context, source.quizzes);
      } catch {
        question = null;
      }
      made.set(key, question);
    }
    return made.get(key)!;
  };
}

/** One attempt's answers, question by question, when the attempt belongs to this instructor's quiz. */
export async function attemptAnswers(db: PrismaClient, instructorId: string, quizId: string, attemptId: string, source: QuestionSource): Promise<{ name: string; attempt: number; answers: AttemptAnswer[] } | null> {
  const quiz = await ownedQuiz(db, instructorId, quizId);
  if (!quiz) return null;
  const session = await db.studySession.findFirst({
    where: { id: attemptId, quizVersion: { instructorQuizId: quiz.id } },
    select: { studentName: true, attempt: true, questions: true, answers: { select: { position: true, kind: true, correct: true, score: true, response: true } } },
  });
  if (!session) return null;
  const full = await resultsSource(db, instructorId, source, quiz);
  const resolve = questionResolver(full);
  const byPosition = new Map(session.answers.map((answer) => [answer.position, answer]));
  const answers = refsOf(session.questions).map((ref, position): AttemptAnswer => {
    const question = resolve(ref);
    const stored = byPosition.get(position);
    const response = stored ? parseResponse(stored.response) : null;
    return {
      position,
      kind: question?.kind ?? stored?.kind ?? (ref.source === "generated" ? ref.kind : "?"),
      prompt: question?.prompt ?? null,
      answered: Boolean(stored),
      correct: stored?.correct ?? false,
      score: stored?.score ?? 0,
      answer: response ? responseText(response, question) : null,
      meaning: response && question && stored && !stored.correct ? wrongAnswerMeaning(question, response, full.context) : null,
    };
  });
  return { name: session.studentName ?? "", attempt: session.attempt ?? 1, answers };
}

/** Every attempt with every answer, for the CSV: fixed questions are made once per version; generated answers are written as given. */
export async function resultsExport(db: PrismaClient, instructorId: string, quizId: string, source: QuestionSource) {
  const quiz = await ownedQuiz(db, instructorId, quizId);
  if (!quiz) return null;
  const full = await resultsSource(db, instructorId, source, quiz);
  const resolve = questionResolver(full);
  const versionNumber = new Map(quiz.versions.map((version, index) => [version.id, index + 1]));
  const sessions = await db.studySession.findMany({
    where: { quizVersion: { instructorQuizId: quiz.id } },
    orderBy: [{ studentName: "asc" }, { attempt: "asc" }, { createdAt: "asc" }],
    select: { studentName: true, attempt: true, quizVersionId: true, createdAt: true, finishedAt: true, questions: true, answers: { select: { position: true, correct: true, score: true, response: true, createdAt: true } } },
  });
  const rows = sessions.map((session) => {
    const refs = refsOf(session.questions);
    const last = session.answers.reduce<Date | null>((latest, answer) => (!latest || answer.createdAt > latest ? answer.createdAt : latest), null);
    const end = session.finishedAt ?? last ?? session.createdAt;
    const byPosition = new Map(session.answers.map((answer) => [answer.position, answer]));
    return {
      name: session.studentName ?? "",
      attempt: session.attempt ?? 1,
      version: versionNumber.get(session.quizVersionId ?? "") ?? 0,
      startedAt: session.createdAt.toISOString(),
      finishedAt: session.finishedAt?.toISOString() ?? null,
      seconds: Math.max(0, Math.round((end.getTime() - session.createdAt.getTime()) / 1000)),
      score: refs.length === 0 ? 0 : session.answers.reduce((sum, answer) => sum + answer.score, 0) / refs.length,
      answers: refs.map((ref, position) => {
        const stored = byPosition.get(position);
        if (!stored) return null;
        const response = parseResponse(stored.response);
        const question = ref.source === "quiz" ? resolve(ref) : null;
        const given = JSON.stringify(stored.response);
        return { correct: stored.correct, text: response ? responseText(response, question) : { zh: given, en: given } };
      }),
    };
  });
  return { quizId: quiz.id, title: (quiz.definition ?? quiz.versions.at(-1)?.definition)?.title ?? { zh: quiz.id, en: quiz.id }, rows };
}

