import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from "ts-fsrs";

/*
 * SynAck's one door to ts-fsrs. Every function takes `now`: scheduling is a
 * pure function of the card, the grade and the time, so tests need no clock.
 */

export const GRADES = ["again", "hard", "good", "easy"] as const;
export type GradeName = (typeof GRADES)[number];

const RATINGS: Record<GradeName, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

/** A card's scheduling state as SynAck stores it (ts-fsrs Card, camel-cased). */
export interface SchedulingState {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  /** 0 new, 1 learning, 2 review, 3 relearning. */
  state: number;
  lastReview: Date | null;
}

export interface ReviewRecord {
  rating: number;
  state: number;
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  lastElapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  review: Date;
}

export interface SchedulerOptions {
  /** Spread intervals a little so that cards learned together do not fall due together (Anki does). Off in tests. */
  fuzz?: boolean;
}

/** Same-day learning steps of 1 and 10 minutes, then days, as Anki's defaults. */
function createScheduler(fuzz: boolean) {
  return fsrs(
    generatorParameters({
      enable_fuzz: fuzz,
      enable_short_term: true,
      learning_steps: ["1m", "10m"],
      relearning_steps: ["10m"],
      request_retention: 0.9,
    }),
  );
}

// Made once: a scheduler holds only its parameters (fuzz is seeded from the card and the time), and building one costs more than a grade.
const SCHEDULERS = { fuzz: createScheduler(true), exact: createScheduler(false) };

function scheduler(options: SchedulerOptions = {}) {
  return options.fuzz ? SCHEDULERS.fuzz : SCHEDULERS.exact;
}

function toCard(state: SchedulingState | null, now: Date): Card {
  if (!state) return createEmptyCard(now);
  return {
    due: state.due,
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: state.elapsedDays,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: state.state,
    ...(state.lastReview ? { last_review: state.lastReview } : {}),
  };
}

function fromCard(card: Card): SchedulingState {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}

/** The state after grading a card (null: a new card) at `now`, and the review to log. */
export function applyGrade(
  before: SchedulingState | null,
  grade: GradeName,
  now: Date,
  options: SchedulerOptions = {},
): { after: SchedulingState; review: ReviewRecord } {
  const { card, log } = scheduler(options).next(toCard(before, now), now, RATINGS[grade]);
  return {
    after: fromCard(card),
    review: {
      rating: log.rating,
      state: log.state,
      due: log.due,
      stability: log.stability,
      difficulty: log.difficulty,
      elapsedDays: log.elapsed_days,
      lastElapsedDays: log.last_elapsed_days,
      scheduledDays: log.scheduled_days,
      learningSteps: log.learning_steps,
      review: log.review,
    },
  };
}

/** When each grade would bring the card back: shown on the grade buttons. */
export function previewGrades(before: SchedulingState | null, now: Date, options: SchedulerOptions = {}): Record<GradeName, Date> {
  const preview = scheduler(options).repeat(toCard(before, now), now);
  return {
    again: preview[Rating.Again].card.due,
    hard: preview[Rating.Hard].card.due,
    good: preview[Rating.Good].card.due,
    easy: preview[Rating.Easy].card.due,
  };
}

/** The probability of recalling the card at `now` (0 to 1), or null for a new card. */
export function retrievability(state: SchedulingState | null, now: Date): number | null {
  if (!state || state.state === 0) return null;
  return scheduler().get_retrievability(toCard(state, now), now, false);
}

/** "1m", "10m", "3h", "4d", "1.5mo", "2y": an interval as the grade buttons show it. */
export function formatInterval(from: Date, to: Date): string {
  const minutes = Math.max(1, Math.round((to.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = minutes / 60;
  if (hours < 24) return `${Math.round(hours)}h`;
  const days = hours / 24;
  if (days < 30) return `${Math.round(days)}d`;
  if (days < 365) return `${(days / 30).toFixed(1).replace(/\.0$/, "")}mo`;
  return `${(days / 365).toFixed(1).replace(/\.0$/, "")}y`;
}
