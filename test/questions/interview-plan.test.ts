import { describe, expect, it } from "vitest";
import { checkContent } from "@/lib/content";
import { loadContentFiles } from "@/lib/content/load-content-files";
import { contextFromContent, generateQuestion, interviewPlan, Random, resolveQuestion } from "@/lib/questions";

/*
 * Interview mode and the why kind draw from every why card in content, and
 * evenly: over many seeds no card comes up more than twice as often as
 * another. Seeds are fixed, so the counts are the same on every run.
 */
const context = contextFromContent(checkContent(loadContentFiles("content")));
const cardIds = context.whyCards.map((card) => card.id);

function spread(counts: Map<string, number>) {
  const values = cardIds.map((id) => counts.get(id) ?? 0);
  return { unseen: cardIds.filter((id) => !counts.get(id)), min: Math.min(...values), max: Math.max(...values) };
}

describe("interview mode", () => {
  const ROUNDS = 5;
  const sessions = Math.ceil((cardIds.length * 60) / ROUNDS);

  it(`over ${sessions} interviews of ${ROUNDS} rounds, every why card is asked, none more than twice as often as another`, () => {
    const counts = new Map<string, number>();
    for (let seed = 1; seed <= sessions; seed++) {
      for (const ref of interviewPlan(context, ROUNDS, new Random(seed))) {
        if (ref.source === "card" && ref.part === "question") counts.set(ref.cardId, (counts.get(ref.cardId) ?? 0) + 1);
      }
    }
    const { unseen, min, max } = spread(counts);
    expect(unseen).toEqual([]);
    expect(max).toBeLessThanOrEqual(2 * min);
  });

  it("each round is a why card and its follow-up: the card's own, with key points in both languages, or a machine question", () => {
    const plan = interviewPlan(context, 8, new Random(42));
    expect(plan).toHaveLength(16);
    for (let i = 0; i < plan.length; i += 2) {
      const asked = plan[i]!;
      expect(asked).toMatchObject({ source: "card", part: "question" });
      const card = context.whyCards.find((candidate) => asked.source === "card" && candidate.id === asked.cardId)!;
      const followUp = resolveQuestion(plan[i + 1]!, context, [])!;
      if (card.followUp) {
        expect(plan[i + 1]).toEqual({ source: "card", cardId: card.id, part: "follow-up" });
        expect(followUp.prompt).toEqual(card.followUp.prompt);
        expect(followUp.keyPoints!.zh.length).toBeGreaterThan(0);
        expect(followUp.keyPoints!.en.length).toBe(followUp.keyPoints!.zh.length);
      } else {
        expect(followUp.kind).not.toBe("why");
      }
    }
  });

  it("no card repeats within one interview", () => {
    for (let seed = 1; seed <= 50; seed++) {
      const asked = interviewPlan(context, 10, new Random(seed)).filter((ref) => ref.source === "card" && ref.part === "question");
      expect(new Set(asked.map((ref) => (ref.source === "card" ? ref.cardId : ""))).size).toBe(asked.length);
    }
  });

  it("a reference to a card that is gone from content resolves to nothing, not to an error", () => {
    expect(resolveQuestion({ source: "card", cardId: "no-such-card", part: "question" }, context, [])).toBeNull();
  });
});

describe("the why kind", () => {
  const seeds = cardIds.length * 60;

  it(`over ${seeds} seeds, every why card is drawn, none more than twice as often as another`, () => {
    const counts = new Map<string, number>();
    for (let seed = 0; seed < seeds; seed++) {
      const card = generateQuestion("why", seed, context).params.card as string;
      counts.set(card, (counts.get(card) ?? 0) + 1);
    }
    const { unseen, min, max } = spread(counts);
    expect(unseen).toEqual([]);
    expect(max).toBeLessThanOrEqual(2 * min);
  });
});
