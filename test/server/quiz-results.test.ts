import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { checkContent } from "@/lib/content";
import { loadContentFiles } from "@/lib/content/load-content-files";
import type { LearnerResponse, Question } from "@/lib/questions";
import { contentChecksum, storeContent } from "@/lib/server/content-store";
import { jsonOf } from "@/lib/server/json-column";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { loadQuestionSource, type QuestionSource } from "@/lib/server/question-source";
import { createTestDatabase } from "./test-database";
import { resultsQuiz, rightResponse, seedResults, type SeededResults } from "./results-seed";

vi.mock("server-only", () => ({}));
const { attemptAnswers, quizResults, resultsExport, resultsQuerySchema, RESULTS_PAGE_SIZE } = await import("@/lib/server/quiz-results");

const NOW = new Date();
const query = (extra: Record<string, unknown> = {}) => resultsQuerySchema.parse(extra);

/*
 * Four students on three fixed questions (LISTEN + rcv SYN: next state, what
 * is sent; a plain choice) and one generated next-state question each:
 *   Ann  right, right, right, right
 *   Bo   FIN_WAIT_1, ACK, right, right
 *   Cy   FIN_WAIT_1, right, (blank), right
 *   Di   SYN_SENT, right, right, wrong
 */
const PLAN: Record<number, (string | null)[]> = {
  0: ["right", "right", "right", "right"],
  1: ["FIN_WAIT_1", "ACK", "right", "right"],
  2: ["FIN_WAIT_1", "right", null, "right"],
  3: ["SYN_SENT", "right", "right", "wrong"],
};
const NAMES = ["Ann", "Bo", "Cy", "Di"];

function planned(student: number, position: number, question: Question): LearnerResponse | null {
  const step = PLAN[student]![position];
  if (step === null || step === undefined) return null;
  if (step === "right") return rightResponse(question);
  if (step === "wrong") return { kind: "choice", choice: question.choices!.find((choice) => choice.id !== question.answer)!.id };
  return { kind: "choice", choice: step };
}

describe("an instructor's quiz results", () => {
  let db: PrismaClient;
  let source: QuestionSource;
  let seeded: SeededResults;
  let big: SeededResults;
  let other: string;

  beforeAll(async () => {
    ({ db } = createTestDatabase());
    const files = loadContentFiles("content");
    await storeContent(db, checkContent(files), contentChecksum(files));
    source = await loadQuestionSource(db);
    seeded = await seedResults(db, source.context, { students: 4, name: (n) => NAMES[n]!, answer: planned, quiz: resultsQuiz(3, 1) });
    big = await seedResults(db, source.context, { students: 120, quiz: resultsQuiz(1, 0) });
    other = (await db.instructor.create({ data: { email: "other@example.edu", passwordHash: "unused" } })).id;
  });

  afterAll(async () => {
    await db?.$disconnect();
  });

  it("counts attempts, students and the mean score in the database", async () => {
    const results = (await quizResults(db, seeded.instructorId, seeded.quizId, query(), source, NOW))!;
    expect(results.summary).toEqual({ attempts: 4, students: 4, finished: 4, meanScore: expect.any(Number) });
    // Scores: 4/4, 2/4, 2/4, 2/4 → mean 0.625.
    expect(results.summary.meanScore).toBeCloseTo(0.625, 6);
    expect(results.quiz.open).toBe(true);
    expect(results.quiz.versions.map((version) => version.number)).toEqual([1]);
  });

  it("gives each student's score, answered count and time, by name", async () => {
    const { rows, total, pages } = (await quizResults(db, seeded.instructorId, seeded.quizId, query(), source, NOW))!.students;
    expect(total).toBe(4);
    expect(pages).toBe(1);
    expect(rows.map((row) => [row.name, row.score, row.answered, row.questions, row.version])).toEqual([
      ["Ann", 1, 4, 4, 1],
      ["Bo", 0.5, 4, 4, 1],
      ["Cy", 0.5, 3, 4, 1],
      ["Di", 0.5, 4, 4, 1],
    ]);
    // Seeded: 20 s + (student % 7) s per answer, finished 5 s after the last.
    expect(rows[0]!.seconds).toBe(4 * 20 + 5);
    expect(rows[1]!.seconds).toBe(4 * 21 + 5);
    expect(rows.every((row) => !row.timedOut)).toBe(true);
  });

  it("counts each fixed question right of total, with its most common wrong answers and what they mean", async () => {
    const { questions } = (await quizResults(db, seeded.instructorId, seeded.quizId, query(), source, NOW))!;
    const [nextState, sends, choice, generated] = questions;
    expect(nextState).toMatchObject({ generated: false, kind: "next-state", right: 1, total: 4 });
    expect(nextState!.prompt?.en).toBe("LISTEN gets a SYN: next state?");
    expect(nextState!.wrong.map((wrong) => [wrong.answer.en, wrong.count])).toEqual([
      ["FIN_WAIT_1", 2],
      ["SYN_SENT", 1],
    ]);
    expect(nextState!.wrong[0]!.meaning.en).toContain("No event takes LISTEN to FIN_WAIT_1");
    expect(sends).toMatchObject({ kind: "sends", right: 3, total: 4 });
    expect(sends!.wrong[0]!.meaning.en).toMatch(/^Sending ACK: the peer, in SYN_SENT/);
    expect(choice).toMatchObject({ kind: "choice", right: 3, total: 3, wrong: [] });
    expect(generated).toMatchObject({ key: "generated:next-state", generated: true, prompt: null, right: 3, total: 4 });
    expect(generated!.wrong).toHaveLength(1);
  });

  it("gives the class's accuracy by transition and by scenario, the same as adding up the stored answers", async () => {
    const results = (await quizResults(db, seeded.instructorId, seeded.quizId, query(), source, NOW))!;
    const stored = await db.answer.findMany({ where: { sessionId: { in: seeded.attemptIds } }, select: { tests: true, correct: true } });
    const expected = new Map<string, { right: number; total: number }>();
    for (const answer of stored) {
      for (const key of answer.tests as string[]) {
        const entry = expected.get(key) ?? { right: 0, total: 0 };
        entry.total++;
        if (answer.correct) entry.right++;
        expected.set(key, entry);
      }
    }
    const transitions = new Map(results.transitions.map((row) => [row.key, { right: row.right, total: row.total }]));
    expect(transitions.get("LISTEN|rcv SYN")!.total).toBeGreaterThanOrEqual(8);
    for (const [key, entry] of expected) {
      if (key.startsWith("scenario:")) expect(results.scenarios.find((row) => row.key === key.slice(9))).toMatchObject(entry);
      else expect(transitions.get(key)).toEqual(entry);
    }
    expect(results.transitions.length + results.scenarios.length).toBe(expected.size);
  });

  it("pages students 50 at a time and sorts by score or time", async () => {
    const first = (await quizResults(db, big.instructorId, big.quizId, query(), source, NOW))!.students;
    const third = (await quizResults(db, big.instructorId, big.quizId, query({ page: "3" }), source, NOW))!.students;
    expect(first.rows).toHaveLength(RESULTS_PAGE_SIZE);
    expect([first.pages, third.page, third.rows.length]).toEqual([3, 3, 20]);
    expect(first.rows[0]!.name).toBe("Student 0000");
    expect(third.rows.at(-1)!.name).toBe("Student 0119");
    const byScore = (await quizResults(db, big.instructorId, big.quizId, query({ sort: "score" }), source, NOW))!.students.rows;
    expect(byScore.map((row) => row.score)).toEqual([...byScore.map((row) => row.score)].sort((a, b) => b - a));
    // Student n answers its one question wrong when n % 3 == 0: 40 of 120 score 0, listed last by score.
    const last = (await quizResults(db, big.instructorId, big.quizId, query({ sort: "score", page: 3 }), source, NOW))!.students.rows;
    expect(last.every((row) => row.score === 0)).toBe(true);
    const byTime = (await quizResults(db, big.instructorId, big.quizId, query({ sort: "time" }), source, NOW))!.students.rows;
    expect(byTime.map((row) => row.seconds)).toEqual([...byTime.map((row) => row.seconds)].sort((a, b) => a - b));
  });

  it("reads a bad page or sort as the first page by name", () => {
    expect(query({ page: "-3", sort: "evil" })).toMatchObject({ page: 1, sort: "name" });
    expect(query({ page: "2", attempt: "../x" })).toMatchObject({ page: 2, attempt: undefined });
  });

  it("shows one attempt's answers with what the wrong ones mean", async () => {
    const detail = (await attemptAnswers(db, seeded.instructorId, seeded.quizId, seeded.attemptIds[2]!, source))!;
    expect(detail.name).toBe("Cy");
    expect(detail.answers.map((answer) => [answer.answered, answer.correct])).toEqual([
      [true, false],
      [true, true],
      [false, false],
      [true, true],
    ]);
    expect(detail.answers[0]!.answer?.en).toBe("FIN_WAIT_1");
    expect(detail.answers[0]!.meaning?.en).toContain("No event takes LISTEN to FIN_WAIT_1");
    expect(detail.answers[2]!.prompt?.en).toBe("Why three segments?");
  });

  it("another instructor, or an attempt of another quiz, is not found", async () => {
    expect(await quizResults(db, other, seeded.quizId, query(), source, NOW)).toBeNull();
    expect(await quizResults(db, seeded.instructorId, "no-such-quiz", query(), source, NOW)).toBeNull();
    expect(await attemptAnswers(db, other, seeded.quizId, seeded.attemptIds[0]!, source)).toBeNull();
    expect(await attemptAnswers(db, seeded.instructorId, seeded.quizId, big.attemptIds[0]!, source)).toBeNull();
    expect(await resultsExport(db, other, seeded.quizId, source)).toBeNull();
  });

  it("a quiz past its close date, or unpublished, is closed", async () => {
    const later = new Date(NOW.getTime() + 3_600_000);
    const definition = jsonOf({ ...resultsQuiz(1, 0), settings: { closes: NOW.toISOString().replace("Z", "+00:00") } });
    await db.quizVersion.update({ where: { id: big.versionId }, data: { definition } });
    expect((await quizResults(db, big.instructorId, big.quizId, query(), source, later))!.quiz.open).toBe(false);
    await db.instructorQuiz.update({ where: { id: seeded.quizId }, data: { liveVersionId: null } });
    expect((await quizResults(db, seeded.instructorId, seeded.quizId, query(), source, NOW))!.quiz.open).toBe(false);
    await db.instructorQuiz.update({ where: { id: seeded.quizId }, data: { liveVersionId: seeded.versionId } });
  });
});
