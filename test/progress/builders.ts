import type { AnswerRow, CardStateRow, ReviewRow } from "@/lib/progress/progress-rows";

/** Rows for the pure statistics, with only what a test cares about spelled out. */
export const at = (iso: string) => new Date(iso);

export function review(time: string, overrides: Partial<ReviewRow> = {}): ReviewRow {
  return { cardId: "c1", review: at(time), rating: 3, state: 2, ...overrides };
}

export function answer(correct: boolean, tests: string[] = [], topics: string[] = [], time = "2025-03-01T12:00:00Z"): AnswerRow {
  return { createdAt: at(time), correct, score: correct ? 1 : 0, topics, tests };
}

export function cardState(due: string, overrides: Partial<CardStateRow> = {}): CardStateRow {
  return { cardId: "c1", due: at(due), state: 2, reps: 3, lastReview: at("2025-02-01T00:00:00Z"), ...overrides };
}
