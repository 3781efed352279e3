import { describe, expect, it } from "vitest";
import {
  checkAnswer,
  coverageReport,
  generateQuestion,
  generateQuestions,
  QUESTION_KINDS,
  type MatchAnswer,
  type Question,
  type QuestionKind,
  type SegmentAnswer,
} from "@/lib/questions";
import { parseState, transition, type TcpEvent, type TcpState, type TransitionContext } from "@/lib/tcp";
import { testContext } from "./question-context";
import { recheck, seenAnswer } from "./recheck";

const context = testContext();
const SEEDS_PER_KIND = 400;
const questionsOf = (kind: QuestionKind) => Array.from({ length: SEEDS_PER_KIND }, (_, i) => generateQuestion(kind, i * 7919 + 1, context));

/** The right answer as a learner would submit it. */
function rightResponse(question: Question) {
  switch (question.input) {
    case "segment": {
      const answer = question.answer as SegmentAnswer;
      return { kind: "segment" as const, flags: answer.flags.split("+").reverse().join("+"), seq: String(answer.seq), ack: answer.ack === null ? "" : String(answer.ack) };
    }
    case "number":
      return { kind: "number" as const, value: String(question.answer) };
    case "order":
      return { kind: "order" as const, order: question.answer as string[] };
    case "match":
      return { kind: "match" as const, pairs: (question.answer as MatchAnswer).pairs };
    case "self-grade":
      return { kind: "self-grade" as const, covered: question.keyPoints!.en.map((_, index) => index) };
    default:
      return { kind: "choice" as const, choice: String(question.answer) };
  }
}

describe.each(QUESTION_KINDS)("%s questions", (kind) => {
  const questions = questionsOf(kind);

  it(`${SEEDS_PER_KIND} questions: each answer is what the machine gives, recomputed independently`, () => {
    for (const question of questions) expect(seenAnswer(question), question.id).toEqual(recheck(question, question.profile, context));
  });

  it("the right answer is marked right", () => {
    for (const question of questions) expect(checkAnswer(question, rightResponse(question), context).correct, question.id).toBe(true);
  });

  it("no wrong choice is also right, and the answer is among the choices", () => {
    for (const question of questions.filter((q) => q.input === "choice")) {
      const ids = question.choices!.map((choice) => choice.id);
      expect(new Set(ids).size, question.id).toBe(ids.length);
      expect(ids, question.id).toContain(String(question.answer));
      for (const id of ids.filter((choice) => choice !== String(question.answer))) {
        expect(checkAnswer(question, { kind: "choice", choice: id }, context).correct, `${question.id} choice ${id}`).toBe(false);
        // A wrong state choice must really be wrong for the machine too.
        const state = parseState(id);
        const { state: from, event, context: given } = question.params as { state: TcpState; event: TcpEvent; context?: TransitionContext };
        if (state && kind === "next-state") expect(transition(from, event, given).to).not.toBe(state);
      }
    }
  });

  it("prompts and explanations exist in both languages, and Chinese prompts contain Chinese", () => {
    for (const question of questions) {
      for (const text of [question.prompt, question.explanation]) {
        expect(text.zh.length, question.id).toBeGreaterThan(0);
        expect(text.en.length, question.id).toBeGreaterThan(0);
      }
      if (kind !== "why") expect(question.prompt.zh, question.id).toMatch(/[\u4e00-\u9fff]/);
      // Regression: an ordinal object once leaked into the Chinese prompt as "[object Object]".
      const texts = [question.prompt, question.explanation, ...(question.choices ?? []).map((choice) => choice.label)];
      for (const text of texts) expect(`${text.zh} ${text.en}`, question.id).not.toMatch(/\[object Object\]|undefined|NaN/);
    }
  });

  it("is a pure function of its seed", () => {
    expect(generateQuestion(kind, 12345, context)).toEqual(generateQuestion(kind, 12345, context));
  });
});

describe("a mix of questions", () => {
  it("the same seed gives the same questions, another seed others", () => {
    const a = generateQuestions({ count: 50, seed: 42 }, context);
    expect(generateQuestions({ count: 50, seed: 42 }, context)).toEqual(a);
    expect(generateQuestions({ count: 50, seed: 43 }, context)).not.toEqual(a);
    expect(new Set(a.map((question) => question.kind)).size).toBe(QUESTION_KINDS.length);
  });
});

describe("coverage", () => {
  it("every arrow of RFC 9293's diagram is tested by some kind of question", () => {
    const rows = coverageReport(context, 200);
    const uncovered = rows.filter((row) => row.arrow && row.kinds.length === 0).map((row) => row.target);
    expect(uncovered).toEqual([]);
    expect(rows.filter((row) => row.arrow)).toHaveLength(21);
  });

  it("the notes' scenarios are each run by some kind of question", () => {
    const scenarios = coverageReport(context, 200).filter((row) => row.target.startsWith("scenario:"));
    const needed = ["open", "simultaneous-open", "close-client-first", "close-server-first", "close-combined", "simultaneous-close", "half-close", "lost-last-ack"];
    for (const name of needed) expect(scenarios.find((row) => row.target === `scenario:${name}`)?.kinds.length, name).toBeGreaterThan(0);
  });
});
