import { z } from "zod";
import { MAX_QUIZ_QUESTIONS, QUIZ_TOPICS, type BilingualText, type FeedbackTime, type QuizSettings } from "../content";
import {
  availableKinds,
  checkAnswer,
  generateQuestion,
  interviewPlan,
  learnerResponseSchema,
  planQuiz,
  QUESTION_KINDS,
  quizSeed,
  questionRefSchema,
  Random,
  type AnswerResult,
  type Choice,
  type LearnerResponse,
  type Question,
  type QuestionKind,
  type QuestionRef,
} from "../questions";
import { Prisma } from "./generated/prisma/client";
import type { Db, PrismaClient } from "./prisma-client";
import { jsonOf } from "./json-column";
import { stringList } from "./progress-data";
import { sourceForQuiz, sourceQuestion, type QuestionSource } from "./question-source";
import { effectiveFinish, feedbackShown, pastDeadline, windowRefusal, type Refusal } from "./quiz-rules";
import { newRowId } from "./row-id";
import { jsonParameter, jsonText, parseJsonText } from "./sql-dialect";

/*
 * Quizzes and interviews for one learner: which questions a session holds,
 * checking answers on the server (the browser never has the answer before it
 * is given), and what each session came to. The learner id always comes from
 * the cookie; a session of someone else's is simply not found.
 */

export const SESSION_MODES = ["quiz", "interview"] as const;

export const sessionConfigSchema = z.strictObject({
  mode: z.enum(SESSION_MODES, { error: "mode must be quiz or interview" }).default("quiz"),
  topics: z.array(z.enum(QUIZ_TOPICS, { error: `topics must be from: ${QUIZ_TOPICS.join(", ")}` })).max(QUIZ_TOPICS.length).default([]),
  length: z.number({ error: "length must be a number" }).int().min(3, "at least 3 questions").max(40, "at most 40 questions").default(10),
  weakSpots: z.boolean().default(false),
  quizId: z.string().min(1).max(200).optional(),
  kinds: z.array(z.enum(QUESTION_KINDS)).min(1).optional(),
  minutes: z.number().int().min(3, "at least 3 minutes").max(90, "at most 90 minutes").optional(),
});
export type SessionConfig = z.infer<typeof sessionConfigSchema>;

/** A stored session's settings: what a learner may ask for, and what an attempt at a quiz is given (any time limit, any number of questions). */
const storedConfigSchema = sessionConfigSchema.extend({
  length: z.number().int().min(1).max(MAX_QUIZ_QUESTIONS).default(10),
  minutes: z.number().int().min(1).max(600).optional(),
});

/** What the browser may see of a question before it is answered. */
export interface PublicQuestion {
  id: string;
  kind: string;
  prompt: BilingualText;
  input: Question["input"];
  choices: Choice[] | null;
  matchTargets?: Choice[];
  keyPoints?: { zh: string[]; en: string[] };
  /** Only for trace-gap: the diagram to show, with its blank. */
  trace?: Question["trace"];
  topics: string[];
}

export interface AnswerView extends AnswerResult {
  explanation: BilingualText;
  trace?: Question["trace"];
  response: LearnerResponse;
}

/** The reply to an answer while the quiz's feedback rule withholds results: it was recorded, nothing more. */
export interface RecordedAnswer {
  recorded: true;
  response: LearnerResponse;
}
export type AnswerReply = AnswerView | RecordedAnswer;

export interface SessionView {
  id: string;
  mode: (typeof SESSION_MODES)[number];
  config: SessionConfig;
  createdAt: string;
  /** When the session ended: finished, or its time limit run out. */
  finishedAt: string | null;
  /** `result` is null until answered, and while the feedback rule withholds it (`answered` still says it was). */
  questions: { position: number; question: PublicQuestion; answered: boolean; result: AnswerView | null }[];
  /** An attempt at a quiz: when its time runs out (ISO), else null. */
  deadline: string | null;
  /** When the quiz shows results (quizzes without settings, and practice: after each question). */
  feedback: FeedbackTime;
  /** Whether results are shown now; false while the feedback rule withholds them. */
  feedbackShown: boolean;
  /** For feedback after the close date: that date (ISO). */
  resultsAt: string | null;
  /** For an attempt at a quiz: which attempt of this learner's it is, and the name they gave at a shared quiz. */
  attempt: number | null;
  studentName: string | null;
  quizTitle: BilingualText | null;
}

export class SessionError extends Error {
  override name = "SessionError";
  constructor(
    message: string,
    readonly status: 400 | 404 | 409,
    /** For a quiz rule that refused: which one (the page words it in the learner's language). */
    readonly code?: Refusal,
  ) {
    super(message);
  }
}

function publicQuestion(question: Question): PublicQuestion {
  return {
    id: question.id,
    kind: question.kind,
    prompt: question.prompt,
    input: question.input,
    choices: question.choices,
    ...(question.matchTargets ? { matchTargets: question.matchTargets } : {}),
    ...(question.keyPoints ? { keyPoints: question.keyPoints } : {}),
    ...(question.trace?.blank ? { trace: question.trace } : {}),
    topics: question.topics,
  };
}

// ---- choosing questions ----

interface History {
  /** Accuracy by transition key and by kind, from the learner's answers. */
  byTest: Map<string, { right: number; total: number }>;
  byKind: Map<string, { right: number; total: number }>;
}

async function learnerHistory(db: PrismaClient, learnerId: string): Promise<History> {
  const answers = await db.answer.findMany({ where: { learnerId }, select: { kind: true, tests: true, correct: true }, orderBy: { createdAt: "desc" }, take: 2000 });
  const history: History = { byTest: new Map(), byKind: new Map() };
  const add = (map: Map<string, { right: number; total: number }>, key: string, correct: boolean) => {
    const entry = map.get(key) ?? { right: 0, total: 0 };
    entry.total++;
    if (correct) entry.right++;
    map.set(key, entry);
  };
  for (const answer of answers) {
    add(history.byKind, answer.kind, answer.correct);
    for (const key of stringList(answer.tests)) add(history.byTest, key, answer.correct);
  }
  return history;
}

/** How much a question would exercise what the learner gets wrong (unseen transitions count as half known). */
function weakness(question: Question, history: History): number {
  const miss = (entry?: { right: number; total: number }) => (entry ? 1 - (entry.right + 1) / (entry.total + 2) : 0.5);
  const tests = question.tests.filter((key) => !key.startsWith("scenario:"));
  const byTest = tests.length === 0 ? 0.5 : Math.max(...tests.map((key) => miss(history.byTest.get(key))));
  return byTest + miss(history.byKind.get(question.kind));
}

function generatedRefs(config: SessionConfig, source: QuestionSource, random: Random, history: History | null): QuestionRef[] {
  const kinds = (config.kinds ?? availableKinds(source.context)).filter((kind) => availableKinds(source.context).includes(kind));
  const pool: { ref: QuestionRef; question: Question }[] = [];
  const wanted = config.weakSpots ? config.length * 8 : config.length;
  const order = random.shuffle(kinds);
  for (let attempt = 0; pool.length < wanted && attempt < wanted * 40; attempt++) {
    const kind = order[attempt % order.length]!;
    const seed = random.uint32();
    const question = generateQuestion(kind, seed, source.context);
    if (config.topics.length > 0 && !question.topics.some((topic) => (config.topics as string[]).includes(topic))) continue;
    pool.push({ ref: { source: "generated", kind, seed }, question });
  }
  const chosen = history
    ? pool
        .map((entry, index) => ({ ...entry, score: weakness(entry.question, history) + index * 1e-6 }))
        .sort((a, b) => b.score - a.score)
        .slice(0, config.length)
    : pool.slice(0, config.length);
  // Kept for when the session is shown and answered, which would otherwise make each question again.
  for (const entry of chosen) sourceQuestion(source, entry.ref, entry.question);
  return chosen.map((entry) => entry.ref);
}

function interviewRefs(config: SessionConfig, source: QuestionSource, random: Random): QuestionRef[] {
  return interviewPlan(source.context, Math.floor(config.length / 2), random);
}

/** A file quiz's questions for an attempt (planQuiz): its fixed questions and generated slots, from the quiz's seed or, per student, the attempt's. */
function quizRefs(quizId: string, source: QuestionSource, seed: number): QuestionRef[] {
  const quiz = source.quizzes.find((candidate) => candidate.id === quizId);
  if (!quiz) throw new SessionError(`no quiz "${quizId}"`, 404);
  return planQuiz(quiz, quizId, quizSeed(quiz, seed), source.context).refs;
}

// ---- sessions ----

export async function createSession(db: PrismaClient, learnerId: string, config: SessionConfig, source: QuestionSource, seed: number): Promise<string> {
  return storeSession(db, learnerId, config, await planSession(db, learnerId, config, source, seed));
}

/**
 * The questions a new session would hold, or a SessionError saying why there
 * are none; writes nothing, so a refused request stores nothing. A learner
 * not yet known (null) has no history for weak spots.
 */
export async function planSession(db: PrismaClient, learnerId: string | null, config: SessionConfig, source: QuestionSource, seed: number): Promise<QuestionRef[]> {
  const random = new Random(seed);
  let refs: QuestionRef[];
  if (config.quizId) refs = quizRefs(config.quizId, source, seed);
  else if (config.mode === "interview") {
    if (source.context.whyCards.length === 0) throw new SessionError("interview mode needs why cards in content", 409);
    refs = interviewRefs(config, source, random);
  } else refs = generatedRefs(config, source, random, config.weakSpots && learnerId ? await learnerHistory(db, learnerId) : null);
  if (refs.length === 0) throw new SessionError("no questions match these topics", 400);
  return refs;
}

export async function storeSession(db: Db, learnerId: string, config: SessionConfig, refs: QuestionRef[]): Promise<string> {
  const session = await db.studySession.create({
    data: { learnerId, mode: config.mode, config: jsonOf(config), questions: jsonOf(refs) },
    select: { id: true },
  });
  return session.id;
}

async function ownSession(db: Db, learnerId: string, sessionId: string) {
  const session = await db.studySession.findFirst({ where: { id: sessionId, learnerId } });
  if (!session) throw new SessionError("no such session", 404);
  return session;
}

/*
 * Stored JSON is read defensively: a value of another shape (written by an
 * older version, imported, or by hand) makes its session unreadable (409),
 * never a 500 and never a page that fails for good.
 */
const refsSchema = z.array(questionRefSchema);

function refsOf(session: { questions: unknown }): QuestionRef[] {
  const refs = refsSchema.safeParse(session.questions);
  if (!refs.success) throw new SessionError("this session's questions cannot be read", 409);
  return refs.data;
}

function configOf(session: { config: unknown }): SessionConfig {
  const config = storedConfigSchema.safeParse(session.config);
  if (!config.success) throw new SessionError("this session's settings cannot be read", 409);
  return config.data;
}

/** A recorded answer as the checker takes it, or null when it no longer fits its question. */
function storedResponse(question: Question, stored: unknown): LearnerResponse | null {
  const response = learnerResponseSchema.safeParse(stored);
  return response.success && responseFits(question, response.data) ? response.data : null;
}

/** After answering, the trace is shown whole: a trace-gap question's blank is filled in. */
function answerView(question: Question, result: AnswerResult, response: LearnerResponse): AnswerView {
  const trace = question.trace
    ? {
        scenario: question.trace.scenario,
        lose: question.trace.lose,
        isn: question.trace.isn,
        ...(question.trace.delay ? { delay: question.trace.delay } : {}),
        ...(question.trace.profile ? { profile: question.trace.profile } : {}),
      }
    : null;
  return { ...result, explanation: question.explanation, ...(trace ? { trace } : {}), response };
}

/** What the quiz's rules say about a session now: its quiz (if any), its settings, when it ended, whether results are shown. */
function rulesOf(source: QuestionSource, config: SessionConfig, row: { finishedAt: Date | null; deadline: Date | null }, now: Date) {
  const quiz = config.quizId ? source.quizzes.find((candidate) => candidate.id === config.quizId) : undefined;
  const settings: QuizSettings = quiz?.settings ?? {};
  const ended = effectiveFinish(row.finishedAt, row.deadline, now);
  return { quiz, settings, ended, shown: feedbackShown(settings, ended !== null, now) };
}

/** A session's questions and what may be seen of its answers now: results only when the quiz's feedback rule allows. */
export async function sessionView(db: Db, learnerId: string, sessionId: string, base: QuestionSource, now: Date = new Date()): Promise<SessionView> {
  const session = await ownSession(db, learnerId, sessionId);
  const config = configOf(session);
  const source = await sourceForQuiz(db, base, config.quizId);
  const rules = rulesOf(source, config, session, now);
  const answers = await db.answer.findMany({ where: { sessionId, learnerId } });
  const questions = refsOf(session).flatMap((ref, position) => {
    const question = sourceQuestion(source, ref);
    if (!question) return [];
    const stored = answers.find((answer) => answer.position === position);
    const response = stored ? storedResponse(question, stored.response) : null;
    const result = response && rules.shown ? answerView(question, checkAnswer(question, response, source.context), response) : null;
    return [{ position, question: publicQuestion(question), answered: response !== null, result }];
  });
  return {
    id: session.id,
    mode: session.mode as SessionView["mode"],
    config,
    createdAt: session.createdAt.toISOString(),
    finishedAt: rules.ended?.toISOString() ?? null,
    questions,
    deadline: session.deadline?.toISOString() ?? null,
    feedback: rules.settings.feedback ?? "each",
    feedbackShown: rules.shown,
    resultsAt: rules.settings.feedback === "after-close" ? (rules.settings.closes ?? null) : null,
    attempt: session.attempt,
    studentName: session.studentName,
    quizTitle: rules.quiz?.title ?? null,
  };
}

/** A date read by a raw statement: SQLite hands back what was stored (ISO text or milliseconds). */
function dateOf(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const date = new Date(typeof value === "bigint" ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Checks and records an answer. A question is answered once: a second
 * submission returns the first result, so a double click loses nothing.
 * The quiz's rules hold here, not only in the page: nothing is stored once
 * the attempt is finished, its time has run out (the attempt is then closed
 * at its deadline) or the quiz has closed; and the reply carries no verdict
 * while the feedback rule withholds it.
 */
export async function answerQuestion(
  db: Db,
  learnerId: string,
  sessionId: string,
  position: number,
  response: LearnerResponse,
  base: QuestionSource,
  now: Date,
): Promise<AnswerReply> {
  // The session (only this learner's) and any answer already given at this position, in one statement.
  const [session] = await db.$queryRaw<{ questions: string; config: string; deadline: unknown; finishedAt: unknown; earlier: string | null }[]>`
    SELECT ${jsonText(Prisma.sql`s."questions"`)} AS "questions", ${jsonText(Prisma.sql`s."config"`)} AS "config", s."deadline", s."finishedAt",
      (SELECT ${jsonText(Prisma.sql`a."response"`)} FROM "Answer" a WHERE a."sessionId" = s."id" AND a."learnerId" = ${learnerId} AND a."position" = ${position} LIMIT 1) AS "earlier"
    FROM "StudySession" s WHERE s."id" = ${sessionId} AND s."learnerId" = ${learnerId}`;
  if (!session) throw new SessionError("no such session", 404);
  const config = configOf({ config: parseJsonText(session.config) });
  const source = await sourceForQuiz(db, base, config.quizId);
  const ref = refsOf({ questions: parseJsonText(session.questions) })[position];
  if (!ref) throw new SessionError(`this session has no question ${position}`, 404);
  const question = sourceQuestion(source, ref);
  if (!question) throw new SessionError("this question is no longer in the content", 409);
  const deadline = dateOf(session.deadline);
  const finishedAt = dateOf(session.finishedAt);
  const rules = rulesOf(source, config, { finishedAt, deadline }, now);
  const reply = (result: AnswerResult, given: LearnerResponse): AnswerReply =>
    rules.shown ? answerView(question, result, given) : { recorded: true, response: given };
  if (session.earlier !== null) {
    const stored = storedResponse(question, parseJsonText(session.earlier));
    if (!stored) throw new SessionError("this question's recorded answer cannot be read", 409);
    return reply(checkAnswer(question, stored, source.context), stored);
  }
  if (finishedAt) throw new SessionError("this attempt is finished: the answer was not recorded", 409, "finished");
  if (pastDeadline(deadline, now)) {
    await db.studySession.updateMany({ where: { id: sessionId, finishedAt: null }, data: { finishedAt: deadline } });
    throw new SessionError("time is up: the answer was not recorded", 409, "time-up");
  }
  const window = windowRefusal(rules.settings, now);
  if (window === "closed") throw new SessionError("the quiz has closed: the answer was not recorded", 409, "closed");
  if (window === "not-open") throw new SessionError("the quiz is not open yet", 409, "not-open");
  if (!responseFits(question, response)) throw new SessionError(`a ${question.input} question takes a ${question.input} answer`, 400);
  const result = checkAnswer(question, response, source.context);
  // A raw statement: Prisma's create of this row cost several times the rest of the answer.
  const json = (value: object) => jsonParameter(db, value);
  await db.$executeRaw`
    INSERT INTO "Answer" ("id", "learnerId", "sessionId", "position", "questionId", "kind", "topics", "tests", "correct", "score", "response", "createdAt")
    VALUES (${newRowId()}, ${learnerId}, ${sessionId}, ${position}, ${question.id}, ${question.kind}, ${json(question.topics)},
      ${json(question.tests)}, ${result.correct}, ${result.score}, ${json(response)}, ${now})`;
  return reply(result, response);
}

function responseFits(question: Question, response: LearnerResponse): boolean {
  if (question.input === "choice") return response.kind === "choice" || response.kind === "state" || response.kind === "flags";
  return response.kind === question.input;
}

/** Ends the session now, or at its deadline when that came first (a finish sent after the time ran out). */
export async function finishSession(db: PrismaClient, learnerId: string, sessionId: string, now: Date): Promise<void> {
  const session = await ownSession(db, learnerId, sessionId);
  const end = session.deadline && session.deadline < now ? session.deadline : now;
  if (!session.finishedAt) await db.studySession.update({ where: { id: sessionId }, data: { finishedAt: end } });
}

/**
 * Recent sessions of this learner, newest first, with their scores: null
 * while a quiz's feedback rule withholds results (needs `base` to know the
 * quiz's rules; without it, every attempt at a quiz hides its score).
 */
export async function recentSessions(db: PrismaClient, learnerId: string, take = 10, base?: QuestionSource, now: Date = new Date()) {
  const sessions = await db.studySession.findMany({
    where: { learnerId },
    orderBy: { createdAt: "desc" },
    take,
    include: { answers: { select: { score: true } } },
  });
  return Promise.all(
    sessions.map(async (session) => ({
      id: session.id,
      mode: session.mode,
      createdAt: session.createdAt.toISOString(),
      finishedAt: effectiveFinish(session.finishedAt, session.deadline, now)?.toISOString() ?? null,
      questions: questionCount(session.questions),
      answered: session.answers.length,
      score: (await resultsShown(db, session, base, now)) ? session.answers.reduce((sum, answer) => sum + answer.score, 0) : null,
    })),
  );
}

async function resultsShown(db: Db, session: { config: unknown; finishedAt: Date | null; deadline: Date | null }, base: QuestionSource | undefined, now: Date): Promise<boolean> {
  const config = storedConfigSchema.safeParse(session.config);
  if (!config.success || !config.data.quizId) return true;
  if (!base) return false;
  return rulesOf(await sourceForQuiz(db, base, config.data.quizId), config.data, session, now).shown;
}

function questionCount(questions: unknown): number {
  return Array.isArray(questions) ? questions.length : 0;
}
