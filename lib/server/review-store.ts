import { applyGrade, formatInterval, GRADES, previewGrades, type GradeName, type SchedulingState } from "../srs/scheduler";
import type { PrismaClient } from "./prisma-client";

/*
 * Flashcard review for one learner: which card comes next, grading it with
 * FSRS, undoing the last grade. Every function takes the learner's id (never
 * from the request body) and `now`; the Prisma client is passed in so that
 * tests run on their own SQLite file.
 */

export interface ReviewCard {
  id: string;
  deckId: string;
  deckTitle: { zh: string; en: string };
  kind: string;
  front: { zh: string; en: string };
  back: { zh: string; en: string };
  keyPoints: { zh: string[]; en: string[] } | null;
  tags: string[];
  isNew: boolean;
  /** The interval each grade would give, formatted for the buttons ("1m", "10m", "4d"). */
  intervals: Record<GradeName, string>;
}

export interface ReviewStatus {
  card: ReviewCard | null;
  /** Cards due now, new cards still allowed today, and when the next learning card falls due if none is due now. */
  dueNow: number;
  newLeft: number;
  nextDueAt: string | null;
  reviewedToday: number;
}

export interface ReviewOptions {
  /** Minutes west of UTC, as Date.getTimezoneOffset() gives: where the learner's day starts. */
  timezoneOffset?: number;
  fuzz?: boolean;
}

type CardRow = {
  id: string;
  deckId: string;
  kind: string;
  frontZh: string;
  frontEn: string;
  backZh: string;
  backEn: string;
  keyPoints: string | null;
  tags: string;
  sourceLine: number;
  deck: { titleZh: string; titleEn: string };
};

const CARD_SELECT = {
  id: true,
  deckId: true,
  kind: true,
  frontZh: true,
  frontEn: true,
  backZh: true,
  backEn: true,
  keyPoints: true,
  tags: true,
  sourceLine: true,
  deck: { select: { titleZh: true, titleEn: true } },
} as const;

/** The start of the learner's day containing `now`. */
export function startOfDay(now: Date, timezoneOffset = 0): Date {
  const local = new Date(now.getTime() - timezoneOffset * 60_000);
  local.setUTCHours(0, 0, 0, 0);
  return new Date(local.getTime() + timezoneOffset * 60_000);
}

/** The scheduling fields of a stored CardState row (it also holds its keys). */
function toState(row: SchedulingState): SchedulingState {
  return {
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsedDays,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    lastReview: row.lastReview,
  };
}

function toReviewCard(row: CardRow, state: SchedulingState | null, now: Date, options: ReviewOptions): ReviewCard {
  const previews = previewGrades(state, now, { fuzz: options.fuzz });
  return {
    id: row.id,
    deckId: row.deckId,
    deckTitle: { zh: row.deck.titleZh, en: row.deck.titleEn },
    kind: row.kind,
    front: { zh: row.frontZh, en: row.frontEn },
    back: { zh: row.backZh, en: row.backEn },
    keyPoints: row.keyPoints ? (JSON.parse(row.keyPoints) as { zh: string[]; en: string[] }) : null,
    tags: JSON.parse(row.tags) as string[],
    isNew: state === null,
    intervals: Object.fromEntries(GRADES.map((grade) => [grade, formatInterval(now, previews[grade])])) as Record<GradeName, string>,
  };
}

/** New cards one deck at a time in turn, so that a first session sees every topic. */
function interleaveByDeck<T extends { deckId: string; sourceLine: number }>(cards: T[]): T[] {
  const decks = new Map<string, T[]>();
  for (const card of [...cards].sort((a, b) => a.sourceLine - b.sourceLine)) {
    if (!decks.has(card.deckId)) decks.set(card.deckId, []);
    decks.get(card.deckId)!.push(card);
  }
  const queues = [...decks.keys()].sort().map((id) => decks.get(id)!);
  const result: T[] = [];
  for (let round = 0; result.length < cards.length; round++) {
    for (const queue of queues) if (queue[round]) result.push(queue[round]!);
  }
  return result;
}

export async function reviewStatus(db: PrismaClient, learnerId: string, now: Date, options: ReviewOptions = {}): Promise<ReviewStatus> {
  const dayStart = startOfDay(now, options.timezoneOffset);
  const active = await activeCardIds(db);
  const [learner, due, dueCount, nextLater, studied, introducedToday, reviewedToday] = await Promise.all([
    db.learner.findUnique({ where: { id: learnerId }, select: { newCardsPerDay: true } }),
    db.cardState.findFirst({
      where: { learnerId, due: { lte: now }, cardId: { in: active } },
      // Cards in (re)learning first: their steps are minutes long.
      orderBy: [{ state: "desc" }, { due: "asc" }],
    }),
    db.cardState.count({ where: { learnerId, due: { lte: now }, cardId: { in: active } } }),
    db.cardState.findFirst({ where: { learnerId, due: { gt: now } }, orderBy: { due: "asc" }, select: { due: true } }),
    db.cardState.findMany({ where: { learnerId }, select: { cardId: true } }),
    db.reviewLog.count({ where: { learnerId, review: { gte: dayStart }, before: null } }),
    db.reviewLog.count({ where: { learnerId, review: { gte: dayStart } } }),
  ]);
  const limit = learner?.newCardsPerDay ?? 20;
  const newLeft = Math.max(0, limit - introducedToday);
  const base = { dueNow: dueCount, newLeft, reviewedToday, nextDueAt: nextLater?.due.toISOString() ?? null };

  if (due) {
    const row = await db.card.findUnique({ where: { id: due.cardId }, select: CARD_SELECT });
    if (row) return { ...base, card: toReviewCard(row, toState(due), now, options) };
  }
  if (newLeft > 0) {
    const seen = new Set(studied.map((state) => state.cardId));
    const candidates = await db.card.findMany({ where: { active: true, id: { notIn: [...seen] } }, select: CARD_SELECT });
    const next = interleaveByDeck(candidates)[0];
    if (next) return { ...base, card: toReviewCard(next, null, now, options) };
  }
  return { ...base, card: null };
}

async function activeCardIds(db: PrismaClient): Promise<string[]> {
  return (await db.card.findMany({ where: { active: true }, select: { id: true } })).map((card) => card.id);
}

export class ReviewError extends Error {
  override name = "ReviewError";
  constructor(
    message: string,
    readonly status: 404 | 409,
  ) {
    super(message);
  }
}

/** Grades a card for this learner at `now` with FSRS, keeping the state before for undo. */
export async function gradeCard(db: PrismaClient, learnerId: string, cardId: string, grade: GradeName, now: Date, options: ReviewOptions = {}): Promise<void> {
  const card = await db.card.findFirst({ where: { id: cardId, active: true }, select: { id: true } });
  if (!card) throw new ReviewError(`no card "${cardId}"`, 404);
  const existing = await db.cardState.findUnique({ where: { learnerId_cardId: { learnerId, cardId } } });
  const before = existing ? toState(existing) : null;
  const { after, review } = applyGrade(before, grade, now, { fuzz: options.fuzz });
  await db.$transaction([
    db.cardState.upsert({
      where: { learnerId_cardId: { learnerId, cardId } },
      create: { learnerId, cardId, ...after },
      update: after,
    }),
    db.reviewLog.create({ data: { learnerId, cardId, ...review, before: before ? JSON.stringify(before) : null } }),
  ]);
}

/** Takes back this learner's most recent grade: the card's state returns to what it was. Returns the card's id. */
export async function undoLastReview(db: PrismaClient, learnerId: string): Promise<string> {
  const last = await db.reviewLog.findFirst({ where: { learnerId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  if (!last) throw new ReviewError("nothing to undo", 409);
  const before = last.before ? (JSON.parse(last.before) as Record<string, unknown>) : null;
  await db.$transaction([
    before
      ? db.cardState.update({
          where: { learnerId_cardId: { learnerId, cardId: last.cardId } },
          data: revive(before),
        })
      : db.cardState.delete({ where: { learnerId_cardId: { learnerId, cardId: last.cardId } } }),
    db.reviewLog.delete({ where: { id: last.id } }),
  ]);
  return last.cardId;
}

/** JSON turned dates into strings; bring them back. */
function revive(state: Record<string, unknown>): SchedulingState {
  return {
    ...(state as unknown as SchedulingState),
    due: new Date(state.due as string),
    lastReview: state.lastReview ? new Date(state.lastReview as string) : null,
  };
}

/** One card for this learner, with intervals at `now`: what undo shows again. */
export async function reviewCardFor(db: PrismaClient, learnerId: string, cardId: string, now: Date, options: ReviewOptions = {}): Promise<ReviewCard | null> {
  const row = await db.card.findUnique({ where: { id: cardId }, select: CARD_SELECT });
  if (!row) return null;
  const state = await db.cardState.findUnique({ where: { learnerId_cardId: { learnerId, cardId } } });
  return toReviewCard(row, state ? toState(state) : null, now, options);
}
