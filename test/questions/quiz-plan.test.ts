import { describe, expect, it } from "vitest";
import { quizFileSchema } from "@/lib/content";
import { generateQuestion, planQuiz, quizSeed, type QuestionRef } from "@/lib/questions";
import { testContext } from "./question-context";

const context = testContext();

function quiz(extra: Record<string, unknown>) {
  return quizFileSchema.parse({
    id: "plan-test",
    title: { zh: "测验", en: "Quiz" },
    questions: [
      { id: "q1", type: "next-state", prompt: { zh: "问", en: "Q" }, state: "LISTEN", event: "rcv SYN", answer: "SYN_RECEIVED" },
      { id: "q2", type: "true-false", prompt: { zh: "问", en: "Q" }, answer: true },
    ],
    ...extra,
  });
}

const generated = (refs: QuestionRef[]) => refs.filter((ref) => ref.source === "generated");

describe("planQuiz", () => {
  it("keeps fixed questions in written order, under the given quiz id, before the generated ones", () => {
    const plan = planQuiz(quiz({ generated: [{ kinds: ["next-state"], count: 3 }] }), "version:abc", 7, context);
    expect(plan.refs.slice(0, 2)).toEqual([
      { source: "quiz", quizId: "version:abc", questionId: "q1" },
      { source: "quiz", quizId: "version:abc", questionId: "q2" },
    ]);
    expect(generated(plan.refs)).toHaveLength(3);
    expect(plan.shortfalls).toEqual([]);
  });

  it("gives the same attempt for the same seed and another for another seed", () => {
    const definition = quiz({ generated: [{ count: 5 }], settings: { shuffle: true } });
    expect(planQuiz(definition, "q", 11, context)).toEqual(planQuiz(definition, "q", 11, context));
    expect(planQuiz(definition, "q", 12, context).refs).not.toEqual(planQuiz(definition, "q", 11, context).refs);
  });

  it("fills a slot only with its kinds, topics and profile, each question once", () => {
    const plan = planQuiz(quiz({ generated: [{ kinds: ["next-state", "sends"], topics: ["close"], count: 6, profile: "linux" }] }), "q", 3, context);
    const refs = generated(plan.refs);
    expect(refs).toHaveLength(6);
    const prompts = new Set<string>();
    for (const ref of refs) {
      if (ref.source !== "generated") continue;
      expect(["next-state", "sends"]).toContain(ref.kind);
      expect(ref.profile).toBe("linux");
      const question = generateQuestion(ref.kind, ref.seed, context, "linux");
      expect(question.topics).toContain("close");
      prompts.add(question.prompt.en);
    }
    expect(prompts.size).toBe(6);
  });

  it("reports a slot that cannot be filled instead of repeating questions", () => {
    const plan = planQuiz(quiz({ generated: [{ kinds: ["what-if"], topics: ["handshake"], count: 10 }] }), "q", 1, context);
    expect(plan.shortfalls).toHaveLength(1);
    expect(plan.shortfalls[0]!.got).toBeLessThan(10);
    expect(generated(plan.refs)).toHaveLength(plan.shortfalls[0]!.got);
  });

  it("shuffles the whole attempt only when the quiz says so", () => {
    const ordered = planQuiz(quiz({ generated: [{ count: 8 }] }), "q", 5, context).refs;
    expect(ordered[0]).toMatchObject({ source: "quiz", questionId: "q1" });
    const shuffled = Array.from({ length: 10 }, (_, seed) => planQuiz(quiz({ generated: [{ count: 8 }], settings: { shuffle: true } }), "q", seed, context).refs);
    expect(shuffled.some((refs) => refs[0]!.source !== "quiz" || (refs[0] as { questionId: string }).questionId !== "q1")).toBe(true);
  });
});

describe("quizSeed", () => {
  it("is the quiz's own number, the attempt's seed per student, or one derived from the id", () => {
    expect(quizSeed(quiz({ settings: { seed: 42 } }), 99)).toBe(42);
    expect(quizSeed(quiz({ settings: { seed: "per-student" } }), 99)).toBe(99);
    expect(quizSeed(quiz({}), 99)).toBe(quizSeed(quiz({}), 100));
  });
});
