/*
 * The rows the progress statistics read, already shaped by the data layer
 * (JSON columns parsed, only the fields needed). Every function in
 * lib/progress is pure over these arrays, so it is tested without a database.
 */

/** ts-fsrs states as stored in CardState.state and ReviewLog.state. */
export const CARD_STATE = { new: 0, learning: 1, review: 2, relearning: 3 } as const;
/** ts-fsrs ratings as stored in ReviewLog.rating. */
export const RATING = { again: 1, hard: 2, good: 3, easy: 4 } as const;

/*
 * A row may stand for several alike: the data layer groups a learner's
 * reviews and card states by 15-minute slot in the database (`count` of
 * them, the slot's start for the time), so that a history of 100,000 reviews
 * reaches these functions as a few thousand rows. Every time zone's offset
 * is a whole number of quarter hours, so a slot never straddles a local day.
 */

export interface CardStateRow {
  cardId?: string;
  due: Date;
  state: number;
  reps: number;
  lastReview: Date | null;
  /** States this row stands for; 1 when absent. */
  count?: number;
}

export interface ReviewRow {
  cardId?: string;
  /** When the review happened. */
  review: Date;
  rating: number;
  /** The card's state before this review (ts-fsrs logs it so). */
  state: number;
  /** Reviews this row stands for; 1 when absent. */
  count?: number;
}

export interface AnswerRow {
  createdAt: Date;
  correct: boolean;
  score: number;
  topics: string[];
  /** Transition keys "STATE|event" that the question tests. */
  tests: string[];
  /** Answers this row stands for; 1 when absent. */
  count?: number;
}

export interface ProgressRows {
  cardStates: CardStateRow[];
  reviews: ReviewRow[];
  answers: AnswerRow[];
  /** Cards reviewed at least once, when the database counted them (grouped rows carry no card ids). */
  cardsStudied?: number;
}

/** How many rows `row` stands for. */
export const countOf = (row: { count?: number }) => row.count ?? 1;

export const total = (rows: readonly { count?: number }[]) => rows.reduce((sum, row) => sum + countOf(row), 0);
