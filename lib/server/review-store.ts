import { schedulingStateJsonSchema } from "../progress/progress-file";
import { applyGrade, formatInterval, GRADES, previewGrades, type GradeName, type SchedulingState } from "../srs/scheduler";
import { atomically, type Db } from "./prisma-client";

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

/**
 * The scheduling fields of a stored CardState row (it also holds its keys),
 * as the scheduler may be handed them at `now`. A last review later than
 * `now` (a state imported from a machine whose clock ran ahead, or this
 * server's clock set back) counts as a review just now: ts-fsrs refuses a
 * negative elapsed time, and the card could not be graded until then.
 */
export function schedulableState(row: SchedulingState, now: Date): SchedulingState {
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
    lastReview: row.lastReview && row.lastReview.getTime() > now.getTime() ? now : row.lastReview,
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

/*
 * The queue is read with joins, never with a list of ids: a learner's card
 * states and the content's cards both grow without bound, and an `IN (…)`
 * of either runs into SQLite's limit on bound parameters (P2029 from about
 * 1,000 ids). Every query below binds at most three values.
 */

type StateRow = SchedulingState & { cardId: string };

/** The learner's next due card that is still in the content: cards in (re)learning first, their steps are minutes long. */
async function firstDueState(db: Db, learnerId: string, now: Date): Promise<StateRow | null> {
  const rows = await db.$queryRaw<StateRow[]>`
    SELECT s.cardId, s.due, s.stability, s.difficulty, s.elapsedDays, s.scheduledDays, s.learningSteps, s.reps, s.lapses, s.state, s.lastReview
    FROM CardState s JOIN Card c ON c.id = s.cardId AND c.active = 1
    WHERE s.learnerId = ${learnerId} AND s.due <= ${now}
    ORDER BY s.state DESC, s.due ASC, s.cardId ASC
    LIMIT 1`;
  return rows[0] ?? null;
}

async function countDue(db: Db, learnerId: string, now: Date): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint | number }[]>`
    SELECT COUNT(*) AS n FROM CardState s JOIN Card c ON c.id = s.cardId AND c.active = 1
    WHERE s.learnerId = ${learnerId} AND s.due <= ${now}`;
  return Number(row?.n ?? 0);
}

async function nextDueLater(db: Db, learnerId: string, now: Date): Promise<Date | null> {
  const [row] = await db.$queryRaw<{ due: Date }[]>`
    SELECT s.due FROM CardState s JOIN Card c ON c.id = s.cardId AND c.active = 1
    WHERE s.learnerId = ${learnerId} AND s.due > ${now}
    ORDER BY s.due ASC LIMIT 1`;
  return row?.due ?? null;
}

/**
 * The next new card: the first deck (by id) that still has a card this
 * learner has never graded, and its first card in file order.
 */
async function firstNewCardId(db: Db, learnerId: string): Promise<string | null> {
  const [row] = await db.$queryRaw<{ id: string }[]>`
    SELECT c.id FROM Card c
    WHERE c.active = 1 AND NOT EXISTS (SELECT 1 FROM CardState s WHERE s.learnerId = ${learnerId} AND s.cardId = c.id)
    ORDER BY c.deckId ASC, c.sourceLine ASC, c.id ASC
    LIMIT 1`;
  return row?.id ?? null;
}

export async function reviewStatus(db: Db, learnerId: string, now: Date, options: ReviewOptions = {}): Promise<ReviewStatus> {
  const dayStart = startOfDay(now, options.timezoneOffset);
  const [learner, due, dueCount, nextLater, introducedToday, reviewedToday] = await Promise.all([
    db.learner.findUnique({ where: { id: learnerId }, select: { newCardsPerDay: true } }),
    firstDueState(db, learnerId, now),
    countDue(db, learnerId, now),
    nextDueLater(db, learnerId, now),
    db.reviewLog.count({ where: { learnerId, review: { gte: dayStart }, before: null } }),
    db.reviewLog.count({ where: { learnerId, review: { gte: dayStart } } }),
  ]);
  const limit = learner?.newCardsPerDay ?? 20;
  const newLeft = Math.max(0, limit - introducedToday);
  const base = { dueNow: dueCount, newLeft, reviewedToday, nextDueAt: nextLater?.toISOString() ?? null };

  if (due) {
    const row = await db.card.findUnique({ where: { id: due.cardId }, select: CARD_SELECT });
    if (row) return { ...base, card: toReviewCard(row, schedulableState(due, now), now, options) };
  }
  if (newLeft > 0) {
    const id = await firstNewCardId(db, learnerId);
    const row = id ? await db.card.findUnique({ where: { id }, select: CARD_SELECT }) : null;
    if (row) return { ...base, card: toReviewCard(row, null, now, options) };
  }
  return { ...base, card: null };
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

/** True when `cardId` is a card in the content, which a learner may grade. */
export async function isReviewableCard(db: Db, cardId: string): Promise<boolean> {
  return (await db.card.count({ where: { id: cardId, active: true } })) > 0;
}

/** Grades a card for this learner at `now` with FSRS, keeping the state before for undo. */
export async function gradeCard(db: Db, learnerId: string, cardId: string, grade: GradeName, now: Date, options: ReviewOptions = {}): Promise<void> {
  if (!(await isReviewableCard(db, cardId))) throw new ReviewError(`no card "${cardId}"`, 404);
  const existing = await db.cardState.findUnique({ where: { learnerId_cardId: { learnerId, cardId } } });
  const before = existing ? schedulableState(existing, now) : null;
  const { after, review } = applyGrade(before, grade, now, { fuzz: options.fuzz });
  await atomically(db, [
    db.cardState.upsert({
      where: { learnerId_cardId: { learnerId, cardId } },
      create: { learnerId, cardId, ...after },
      update: after,
    }),
    db.reviewLog.create({ data: { learnerId, cardId, ...review, before: before ? JSON.stringify(before) : null } }),
  ]);
}

/**
 * Takes back this learner's most recent grade: the card's state returns to
 * what it was (and is created again if it went missing; an imported review
 * need not come with its card's state). Returns the card's id.
 */
export async function undoLastReview(db: Db, learnerId: string): Promise<string> {
  const last = await db.reviewLog.findFirst({ where: { learnerId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  if (!last) throw new ReviewError("nothing to undo", 409);
  const where = { learnerId_cardId: { learnerId, cardId: last.cardId } };
  let restore = null;
  if (last.before !== null) {
    const before = schedulingStateJsonSchema.safeParse(parseJson(last.before));
    if (!before.success) throw new ReviewError("the last grade cannot be undone: the state before it was not kept readable", 409);
    restore = before.data;
  }
  await atomically(db, [
    restore
      ? db.cardState.upsert({ where, create: { learnerId, cardId: last.cardId, ...restore }, update: restore })
      : db.cardState.deleteMany({ where: { learnerId, cardId: last.cardId } }),
    db.reviewLog.delete({ where: { id: last.id } }),
  ]);
  return last.cardId;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One card for this learner, with intervals at `now`: what undo shows again. */
export async function reviewCardFor(db: Db, learnerId: string, cardId: string, now: Date, options: ReviewOptions = {}): Promise<ReviewCard | null> {
  const row = await db.card.findUnique({ where: { id: cardId }, select: CARD_SELECT });
  if (!row) return null;
  const state = await db.cardState.findUnique({ where: { learnerId_cardId: { learnerId, cardId } } });
  return toReviewCard(row, state ? schedulableState(state, now) : null, now, options);
}
