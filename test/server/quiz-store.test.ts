import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkContent } from "@/lib/content";
import { loadContentFiles } from "@/lib/content/load-content-files";
import { generateQuestion, resolveQuestion, type LearnerResponse, type Question, type QuestionRef } from "@/lib/questions";
import { contentChecksum, storeContent } from "@/lib/server/content-store";
import type { PrismaClient } from "@/lib/server/prisma-client";
import { loadQuestionSource, sourceQuestion, type QuestionSource } from "@/lib/server/question-source";
import { answerQuestion, createSession, SessionError, sessionConfigSchema, sessionView, type AnswerReply, type AnswerView } from "@/lib/server/quiz-store";
import { createTestDatabase } from "./test-database";

const NOW = new Date("2026-11-21T10:00:00Z");

/** A reply with its verdict (these sessions have no quiz rule withholding it). */
function shown(reply: AnswerReply): AnswerView {
  if ("recorded" in reply) throw new Error("the verdict was withheld");
  return reply;
}

function rightResponse(question: Question): LearnerResponse {
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

describe("quizzes and interviews on a real SQLite file", () => {
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

  it("the question source comes from the database: 11 states, why cards, the instructors' quizzes", () => {
    expect(source.context.states).toHaveLength(11);
    expect(source.context.whyCards.length).toBeGreaterThan(5);
    expect(source.quizzes.map((quiz) => quiz.id)).toContain("handshake-basics");
  });

  it("a session of every kind hides answers until each is answered, then records the answer once", async () => {
    const config = sessionConfigSchema.parse({ length: 11, kinds: ["next-state", "segment", "sends", "order", "match", "which-side", "what-if", "true-false", "trace-gap", "why", "seq-arith"] });
    const id = await createSession(db, alice, config, source, 7);
    const view = await sessionView(db, alice, id, source);
    expect(view.questions).toHaveLength(11);
    expect(new Set(view.questions.map((q) => q.question.kind)).size).toBe(11);
    for (const { question } of view.questions) {
      expect(question).not.toHaveProperty("answer");
      expect(question).not.toHaveProperty("explanation");
    }
    const refs = (await db.studySession.findUniqueOrThrow({ where: { id } })).questions as unknown as QuestionRef[];
    for (const [position, ref] of refs.entries()) {
      const question = resolveQuestion(ref, source.context, source.quizzes)!;
      const result = shown(await answerQuestion(db, alice, id, position, rightResponse(question), source, NOW));
      expect(result.correct, question.id).toBe(true);
      expect(result.explanation.en.length).toBeGreaterThan(0);
    }
    const again = shown(await answerQuestion(db, alice, id, 0, { kind: "choice", choice: "definitely-wrong" }, source, NOW));
    expect(again.correct).toBe(true);
    expect(await db.answer.count({ where: { sessionId: id } })).toBe(11);
    const answered = await sessionView(db, alice, id, source);
    expect(answered.questions.every((q) => q.result?.correct)).toBe(true);
  });

  it("a question is made once per content: planned, shown and answered, it is the same one", async () => {
    const ref = { source: "generated", kind: "trace-gap", seed: 12345 } as const;
    const made = sourceQuestion(source, ref);
    expect(made).toEqual(resolveQuestion(ref, source.context, source.quizzes));
    expect(sourceQuestion(source, ref)).toBe(made);
    expect(sourceQuestion(source, { ...ref, profile: "linux" })).not.toBe(made);
  });

  it("a wrong answer is recorded as wrong with what the machine says", async () => {
    const id = await createSession(db, alice, sessionConfigSchema.parse({ length: 3, kinds: ["next-state"] }), source, 11);
    const view = await sessionView(db, alice, id, source);
    const first = view.questions[0]!.question;
    const stored = await db.studySession.findUniqueOrThrow({ where: { id } });
    const answer = resolveQuestion((stored.questions as unknown as QuestionRef[])[0]!, source.context, source.quizzes)!.answer;
    const wrong = first.choices!.find((choice) => choice.id !== answer)!;
    const result = shown(await answerQuestion(db, alice, id, 0, { kind: "choice", choice: wrong.id }, source, NOW));
    expect(result).toMatchObject({ correct: false, score: 0 });
    expect(result.feedback.en).toMatch(/Here the machine gives [A-Z_0-9]+\./);
    expect(await db.answer.findFirst({ where: { sessionId: id, position: 0 } })).toMatchObject({ correct: false, kind: "next-state" });
  });

  it("an instructor's quiz keeps its questions in order", async () => {
    const id = await createSession(db, alice, sessionConfigSchema.parse({ quizId: "handshake-basics" }), source, 1);
    const view = await sessionView(db, alice, id, source);
    const quiz = source.quizzes.find((q) => q.id === "handshake-basics")!;
    expect(view.questions.map((q) => q.question.id)).toEqual(quiz.questions.map((q) => `quiz:handshake-basics:${q.id}`));
    await expect(createSession(db, alice, sessionConfigSchema.parse({ quizId: "nope" }), source, 1)).rejects.toMatchObject({ status: 404 });
  });

  it("an interview alternates why cards and the interviewer's follow-ups, read from the database", async () => {
    expect(source.context.whyCards.some((card) => card.followUp)).toBe(true);
    const id = await createSession(db, alice, sessionConfigSchema.parse({ mode: "interview", length: 6, minutes: 10 }), source, 3);
    const questions = (await sessionView(db, alice, id, source)).questions.map((q) => q.question);
    expect(questions).toHaveLength(6);
    for (let i = 0; i < questions.length; i += 2) {
      const card = source.context.whyCards.find((candidate) => candidate.front.en === questions[i]!.prompt.en);
      expect(card, questions[i]!.prompt.en).toBeDefined();
      expect(questions[i]!).toMatchObject({ kind: "why", input: "self-grade" });
      const followUp = questions[i + 1]!;
      if (card!.followUp) {
        expect(followUp).toMatchObject({ kind: "why", input: "self-grade", prompt: card!.followUp.prompt });
      } else {
        expect(followUp.kind).not.toBe("why");
      }
    }
  });

  it("weak spots favour the transitions the learner gets wrong", async () => {
    // Bob has missed FIN_WAIT_1 + rcv FIN three times.
    for (let i = 0; i < 3; i++) {
      await db.answer.create({ data: { learnerId: bob, questionId: `x${i}`, kind: "next-state", topics: [], tests: ["FIN_WAIT_1|rcv FIN"], correct: false, score: 0, response: {} } });
    }
    const id = await createSession(db, bob, sessionConfigSchema.parse({ length: 5, weakSpots: true, kinds: ["next-state", "sends"] }), source, 5);
    const refs = (await db.studySession.findUniqueOrThrow({ where: { id } })).questions as { kind: "next-state"; seed: number }[];
    const tests = refs.flatMap((ref: { kind: "next-state"; seed: number }) => generateQuestion(ref.kind, ref.seed, source.context).tests);
    expect(tests).toContain("FIN_WAIT_1|rcv FIN");
  });

  it("another learner's session is not found, to read or to answer", async () => {
    const id = await createSession(db, alice, sessionConfigSchema.parse({ length: 3 }), source, 9);
    await expect(sessionView(db, bob, id, source)).rejects.toMatchObject({ name: "SessionError", status: 404 });
    await expect(answerQuestion(db, bob, id, 0, { kind: "choice", choice: "x" }, source, NOW)).rejects.toBeInstanceOf(SessionError);
    expect(await db.answer.count({ where: { sessionId: id } })).toBe(0);
  });

  it("an answer of the wrong shape is a 400 and nothing is recorded", async () => {
    const id = await createSession(db, alice, sessionConfigSchema.parse({ length: 3, kinds: ["seq-arith"] }), source, 13);
    await expect(answerQuestion(db, alice, id, 0, { kind: "order", order: [] }, source, NOW)).rejects.toMatchObject({ status: 400 });
    await expect(answerQuestion(db, alice, id, 99, { kind: "number", value: 1 }, source, NOW)).rejects.toMatchObject({ status: 404 });
    expect(await db.answer.count({ where: { sessionId: id } })).toBe(0);
  });
});
