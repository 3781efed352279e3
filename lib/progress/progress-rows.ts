/*
 * The rows the progress statistics read, already shaped by the data layer
 * (JSON columns parsed, only the fields needed). Every function in
 * lib/progress is pure over these arrays, so it is tested without a database.
 */

/** ts-fsrs states as stored in CardState.state and ReviewLog.state. */
export const CARD_STATE = { new: 0, learning: 1, review: 2, relearning: 3 } as const;
/** ts-fsrs ratings as stored in ReviewLog.rating. */
export const RATING = { again: 1, hard: 2, good: 3, easy: 4 } as const;

export interface CardStateRow {
  cardId: string;
  due: Date;
  state: number;
  reps: number;
  lastReview: Date | null;
}

export interface ReviewRow {
  cardId: string;
  /** When the review happened. */
  review: Date;
  rating: number;
  /** The card's state before this review (ts-fsrs logs it so). */
  state: number;
}

export interface AnswerRow {
  createdAt: Date;
  correct: boolean;
  score: number;
  topics: string[];
  /** Transition keys "STATE|event" that the question tests. */
  tests: string[];
}

export interface ProgressRows {
  cardStates: CardStateRow[];
  reviews: ReviewRow[];
  answers: AnswerRow[];
}
