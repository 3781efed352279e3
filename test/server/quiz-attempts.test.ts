import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { checkContent, type QuizSettings } from "@/lib/content";
import { loadContentFiles } from "@/lib/content/load-content-files";
import { resolveQuestion, type LearnerResponse, type Question, type QuestionRef } from "@/lib/questions";
import { contentChecksum, storeContent } from "@/lib/server/content-store";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { loadQuestionSource, sourceForQuiz, type QuestionSource } from "@/lib/server/question-source";
import { fileQuizTarget, findSharedQuiz, runningAttempt, startAttempt, type AttemptTarget } from "@/lib/server/quiz-attempts";
import { answerQuestion, finishSession, recentSessions, sessionView } from "@/lib/server/quiz-store";
import { createTestDatabase } from "./test-database";
import { seedSharedQuiz } from "./shared-quiz-seed";

vi.mock("server-only", () => ({}));

/*
 * Issue 11: a shared quiz's rules hold on the server, whatever the page
 * does. Time is passed in (`now`), never waited for.
 */

const T0 = new Date("2026-12-03T09:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

let db: PrismaClient;
let source: QuestionSource;
let alice: string;
let bob: string;

beforeAll(async () => {
  ({ db } = createTestDatabase());
  const files = loadContentFiles("content");
  await storeContent(db, checkContent(files), contentChecksum(files));
  source = await loadQuestionSource(db);
  alice = (await db.learner.create({ data: { tokenHash: "alice" } })).id;
  bob = (await db.learner.create({ data: { tokenHash: "bob" } })).id;
});
afterAll(async () => {
  await db.$disconnect();
});

async function shared(settings: QuizSettings): Promise<AttemptTarget> {
  const { code } = await seedSharedQuiz(db, { settings });
  const found = await findSharedQuiz(db, code);
  if (found.status !== "live") throw new Error(`quiz ${code} is ${found.status}`);
  return found.target;
}

const start = (learnerId: string, target: AttemptTarget, now: Date, attemptSeed = 1) =>
  startAttempt(db, learnerId, target, { studentName: "Ada", attemptSeed, context: source.context, now });

/** The right answer to the session's question at `position`, made from its stored reference. */
async function rightAnswer(sessionId: string, position: number, base: QuestionSource = source): Promise<LearnerResponse> {
  const session = await db.studySession.findUniqueOrThrow({ where: { id: sessionId } });
  const config = session.config as { quizId?: string };
  const full = await sourceForQuiz(db, base, config.quizId);
  const question = resolveQuestion((session.questions as unknown as QuestionRef[])[position]!, full.context, full.quizzes) as Question;
  switch (question.input) {
    case "segment": {
      const a = question.answer as { flags: string; seq: number; ack: number | null };
      return { kind: "segment", flags: a.flags, seq: a.seq, ack: a.ack };
    }
    case "number":
      return { kind: "number", value: question.answer as number };
    case "order":
      return { kind: "order", order: question.answer as string[] };
    case "match":
      return { kind: "match", pairs: (question.answer as { pairs: Record<string, string> }).pairs };
    case "self-grade":
      return { kind: "self-grade", covered: question.keyPoints!.en.map((_, i) => i), text: "my answer" };
    default:
      return { kind: "choice", choice: String(question.answer) };
  }
}

describe("a shared quiz's attempt", () => {
  it("holds the published version's questions: fixed ones under version:<id>, then the generated slot", async () => {
    const target = await shared({});
    const { id, attempt } = await start(alice, target, T0);
    expect(attempt).toBe(1);
    const view = await sessionView(db, alice, id, source, T0);
    expect(view.questions.map((q) => q.question.id).slice(0, 2)).toEqual([`quiz:${target.refQuizId}:q1`, `quiz:${target.refQuizId}:q2`]);
    expect(view.questions).toHaveLength(3);
    expect(view).toMatchObject({ attempt: 1, studentName: "Ada", feedback: "each", feedbackShown: true, deadline: null, quizTitle: { en: "Class quiz" } });
    for (const { question } of view.questions) expect(question).not.toHaveProperty("answer");
  });

  it("an answer after the time limit (and its 2 s grace) is refused, nothing stored, and the attempt closed at its deadline", async () => {
    const target = await shared({ timeLimitMinutes: 1 });
    const { id } = await start(alice, target, T0);
    const deadline = at(60);
    expect((await sessionView(db, alice, id, source, T0)).deadline).toBe(deadline.toISOString());
    // Within the grace: still taken.
    expect(await answerQuestion(db, alice, id, 0, await rightAnswer(id, 0), source, at(61))).toMatchObject({ correct: true });
    await expect(answerQuestion(db, alice, id, 1, await rightAnswer(id, 1), source, at(63))).rejects.toMatchObject({ status: 409, code: "time-up" });
    expect(await db.answer.count({ where: { sessionId: id } })).toBe(1);
    expect((await db.studySession.findUniqueOrThrow({ where: { id } })).finishedAt).toEqual(deadline);
    // Closed for good: later answers are refused as finished, and the view says it ended at the deadline.
    await expect(answerQuestion(db, alice, id, 2, await rightAnswer(id, 2), source, at(64))).rejects.toMatchObject({ status: 409, code: "finished" });
    expect((await sessionView(db, alice, id, source, at(64))).finishedAt).toBe(deadline.toISOString());
  });

  it("a finish sent after the deadline ends the attempt at the deadline", async () => {
    const target = await shared({ timeLimitMinutes: 1 });
    const { id } = await start(alice, target, T0);
    await finishSession(db, alice, id, at(600));
    expect((await db.studySession.findUniqueOrThrow({ where: { id } })).finishedAt).toEqual(at(60));
  });

  it("two starts at once never pass the attempts limit", async () => {
    const target = await shared({ attempts: 1 });
    const results = await Promise.allSettled([start(bob, target, T0, 1), start(bob, target, T0, 2)]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: { status: 409, code: "no-attempts-left" } });
    expect(await db.studySession.count({ where: { learnerId: bob, quizVersion: { is: { instructorQuizId: target.instructorQuizId! } } } })).toBe(1);
    // Alice's attempts are her own.
    expect(await start(alice, target, T0)).toMatchObject({ attempt: 1 });
  });

  it("attempts are numbered per learner, and a running one is offered to continue", async () => {
    const target = await shared({ attempts: 3, timeLimitMinutes: 5 });
    const first = await start(alice, target, T0);
    expect(await runningAttempt(db, alice, target, at(60))).toMatchObject({ id: first.id, attempt: 1 });
    expect(await runningAttempt(db, alice, target, at(5 * 60 + 3))).toBeNull();
    expect(await runningAttempt(db, bob, target, at(60))).toBeNull();
    expect(await start(alice, target, at(400))).toMatchObject({ attempt: 2 });
  });

  it("a quiz not open yet, or closed, refuses starts and answers", async () => {
    const target = await shared({ opens: "2026-12-03T10:00:00+01:00", closes: "2026-12-03T12:00:00+01:00" });
    await expect(start(alice, target, new Date("2026-12-03T08:59:59Z"))).rejects.toMatchObject({ status: 409, code: "not-open" });
    await expect(start(alice, target, new Date("2026-12-03T11:00:00Z"))).rejects.toMatchObject({ status: 409, code: "closed" });
    expect(await db.studySession.count({ where: { learnerId: alice, quizVersionId: target.quizVersionId } })).toBe(0);
    const { id } = await start(alice, target, new Date("2026-12-03T10:30:00Z"));
    await expect(answerQuestion(db, alice, id, 0, await rightAnswer(id, 0), source, new Date("2026-12-03T11:00:01Z"))).rejects.toMatchObject({ status: 409, code: "closed" });
    expect(await db.answer.count({ where: { sessionId: id } })).toBe(0);
  });

  it('feedback "end": the reply and the view say only that answers are recorded until the attempt ends', async () => {
    const target = await shared({ feedback: "end" });
    const { id } = await start(alice, target, T0);
    const wrong: LearnerResponse = { kind: "choice", choice: "true" };
    const reply = await answerQuestion(db, alice, id, 0, wrong, source, at(5));
    expect(reply).toEqual({ recorded: true, response: wrong });
    // The same answer sent again is answered from the record, still withheld.
    expect(await answerQuestion(db, alice, id, 0, wrong, source, at(6))).toEqual({ recorded: true, response: wrong });
    const during = await sessionView(db, alice, id, source, at(7));
    expect(during.feedbackShown).toBe(false);
    expect(during.questions[0]).toMatchObject({ answered: true, result: null });
    expect(JSON.stringify(during)).not.toMatch(/"correct"|"expected"|"explanation"|"score"/);
    expect((await recentSessions(db, alice, 50, source, at(7))).find((session) => session.id === id)?.score).toBeNull();
    await finishSession(db, alice, id, at(8));
    const after = await sessionView(db, alice, id, source, at(9));
    expect(after.feedbackShown).toBe(true);
    expect(after.questions[0]!.result).toMatchObject({ correct: false });
  });

  it('feedback "after-close": nothing until the close date has passed, even once the attempt is finished', async () => {
    const closes = "2026-12-03T10:00:00Z";
    const target = await shared({ feedback: "after-close", closes });
    const { id } = await start(alice, target, T0);
    expect(await answerQuestion(db, alice, id, 0, await rightAnswer(id, 0), source, at(5))).toMatchObject({ recorded: true });
    await finishSession(db, alice, id, at(10));
    const before = await sessionView(db, alice, id, source, at(20));
    expect(before).toMatchObject({ feedback: "after-close", feedbackShown: false, resultsAt: closes });
    expect(before.questions[0]!.result).toBeNull();
    const after = await sessionView(db, alice, id, source, new Date("2026-12-03T10:00:01Z"));
    expect(after.feedbackShown).toBe(true);
    expect(after.questions[0]!.result).toMatchObject({ correct: true });
  });

  it("another learner can neither read nor answer an attempt (404)", async () => {
    const target = await shared({});
    const { id } = await start(alice, target, T0);
    await expect(sessionView(db, bob, id, source, T0)).rejects.toMatchObject({ status: 404 });
    await expect(answerQuestion(db, bob, id, 0, { kind: "choice", choice: "false" }, source, T0)).rejects.toMatchObject({ status: 404 });
    await expect(finishSession(db, bob, id, T0)).rejects.toMatchObject({ status: 404 });
    expect(await db.answer.count({ where: { sessionId: id } })).toBe(0);
  });

  it("an unpublished or archived quiz is not live; codes ignore case and surrounding space", async () => {
    const hidden = await seedSharedQuiz(db, { live: false });
    expect(await findSharedQuiz(db, hidden.code)).toEqual({ status: "unavailable" });
    const archived = await seedSharedQuiz(db, { archived: true });
    expect(await findSharedQuiz(db, archived.code)).toEqual({ status: "unavailable" });
    const live = await seedSharedQuiz(db, { code: "Ab12Cd" });
    expect(await findSharedQuiz(db, "  aB12cD ")).toMatchObject({ status: "live", code: "Ab12Cd", instructorName: "Ms Example" });
    expect(await findSharedQuiz(db, "nope")).toEqual({ status: "missing" });
    expect(await findSharedQuiz(db, "<script>")).toEqual({ status: "missing" });
    expect(live.versionId).toBeTruthy();
  });
});

describe("a file quiz's attempt", () => {
  it("a quiz with a generated slot gets the same questions for the same seed, and its own per student", async () => {
    const quiz = source.quizzes.find((candidate) => candidate.id === "interview-mixed")!;
    expect(quiz.generated).toEqual([{ count: 2, kinds: ["next-state", "seq-arith"], topics: ["close", "seq-ack"] }]);
    const refsOf = async (target: AttemptTarget, seed: number) => {
      const { id } = await start(alice, target, T0, seed);
      return (await db.studySession.findUniqueOrThrow({ where: { id } })).questions as { source: string }[];
    };
    const one = fileQuizTarget(quiz);
    const first = await refsOf(one, 1);
    expect(first).toHaveLength(quiz.questions.length + 2);
    expect(first.filter((ref) => ref.source === "generated")).toHaveLength(2);
    // One seed for everyone (none written): every attempt is the same.
    expect(await refsOf(one, 99)).toEqual(first);
    const perStudent = fileQuizTarget({ ...quiz, settings: { seed: "per-student" } });
    expect(await refsOf(perStudent, 7)).toEqual(await refsOf(perStudent, 7));
    expect(await refsOf(perStudent, 8)).not.toEqual(await refsOf(perStudent, 7));
  });

  it("keeps the same rules, read from the stored quiz: attempts counted per learner per quiz id, a time limit, feedback at the end", async () => {
    const basics = await db.quiz.findUniqueOrThrow({ where: { id: "handshake-basics" } });
    const { updatedAt: _, ...row } = basics;
    // Its Json fields as read: JSON, so JSON to write.
    await db.quiz.create({ data: { ...row, id: "timed-basics", settings: { attempts: 1, timeLimitMinutes: 2, feedback: "end" } } as Prisma.QuizUncheckedCreateInput });
    // A new content load, as `npm start` makes after a file changes: the source is read again.
    await db.contentLoad.create({ data: { checksum: "timed-basics", files: 1, notes: 0, cards: 0, quizzes: 1, claims: 0 } });
    const reloaded = await loadQuestionSource(db);
    const target = fileQuizTarget(reloaded.quizzes.find((candidate) => candidate.id === "timed-basics")!);
    const { id } = await startAttempt(db, bob, target, { studentName: null, attemptSeed: 1, context: reloaded.context, now: T0 });
    await expect(startAttempt(db, bob, target, { studentName: null, attemptSeed: 2, context: reloaded.context, now: T0 })).rejects.toMatchObject({
      status: 409,
      code: "no-attempts-left",
    });
    expect(await answerQuestion(db, bob, id, 0, await rightAnswer(id, 0, reloaded), reloaded, at(10))).toMatchObject({ recorded: true });
    await expect(answerQuestion(db, bob, id, 1, await rightAnswer(id, 1, reloaded), reloaded, at(123))).rejects.toMatchObject({ code: "time-up" });
    expect(await db.answer.count({ where: { sessionId: id } })).toBe(1);
  });
});
