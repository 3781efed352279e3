import { cardMarkdown } from "../content/card-markdown";
import type { RichNode } from "../content/rich-node";
import { schedulingStateJsonSchema } from "../progress/progress-file";
import { applyGrade, formatInterval, GRADES, previewGrades, type GradeName, type SchedulingState } from "../srs/scheduler";
import { Prisma } from "./generated/prisma/client";
import { atomically, type Db } from "./prisma-client";
import { newRowId } from "./row-id";
import { stringList } from "./progress-data";
import { jsonParameter, jsonText, parseJsonText, sqlDialect } from "./sql-dialect";

/*
 * Flashcard review for one learner: which card comes next, grading it with
 * FSRS, undoing the last grade. Every function takes the learner's id (never
 * from the request body) and `now`; the Prisma client is passed in so that
 * tests run on a database of their own.
 */

export interface ReviewCard {
  id: string;
  deckId: string;
  deckTitle: { zh: string; en: string };
  kind: string;
  /** The card's Markdown, parsed here: the page draws it without a Markdown parser of its own. */
  front: { zh: RichNode[]; en: RichNode[] };
  back: { zh: RichNode[]; en: RichNode[] };
  keyPoints: { zh: string[]; en: string[] } | null;
  tags: string[];
  isNew: boolean;
  /** The interval each grade would give, formatted for the buttons ("1m", "10m", "4d"). */
  intervals: Record<GradeName, string>;
}

export interface ReviewStatus {
  card: ReviewCard | null;
  /** The cards after `card`, in the order they come: the page shows the next one without waiting for the server. */
  upcoming: ReviewCard[];
  /** Cards due now, counted up to DUE_COUNT_LIMIT (then dueNowCapped), new cards still allowed today, and when the next learning card falls due if none is due now. */
  dueNow: number;
  dueNowCapped: boolean;
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
  /** JSON text (jsonText): raw statements read Json columns as text on both databases. */
  keyPoints: string | null;
  tags: string;
  sourceLine: number;
  titleZh: string;
  titleEn: string;
};

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
    deckTitle: { zh: row.titleZh, en: row.titleEn },
    kind: row.kind,
    front: { zh: cardMarkdown(row.frontZh), en: cardMarkdown(row.frontEn) },
    back: { zh: cardMarkdown(row.backZh), en: cardMarkdown(row.backEn) },
    // Written by the content load from checked content files (lib/server/content-store.ts).
    keyPoints: (parseJsonText(row.keyPoints) as { zh: string[]; en: string[] } | undefined) ?? null,
    tags: stringList(parseJsonText(row.tags)),
    isNew: state === null,
    intervals: Object.fromEntries(GRADES.map((grade) => [grade, formatInterval(now, previews[grade])])) as Record<GradeName, string>,
  };
}

/*
 * The queue is read with joins, never with a list of ids: a learner's card
 * states and the content's cards both grow without bound, and an `IN (…)`
 * of either runs into SQLite's limit on bound parameters (P2029 from about
 * 1,000 ids). Every query below binds a fixed handful of values.
 *
 * Each one also reads a bounded number of rows, whatever the learner's
 * history: the due queue walks CardState_queue_idx in the order cards come
 * and stops after a few; what is due now is counted up to DUE_COUNT_LIMIT
 * (counting 50,000 overdue cards on every grade took longer than the rest of
 * the grade together); today's reviews are a range of an index.
 */

/** Cards the review page holds beyond the one it shows. */
export const UPCOMING = 3;
/** "100+ due" says all a learner needs to know; counting further costs time on every grade. */
export const DUE_COUNT_LIMIT = 100;

type CardRowWithState = CardRow & Partial<SchedulingState>;

const CARD_COLUMNS = Prisma.sql`c."id", c."deckId", c."kind", c."frontZh", c."frontEn", c."backZh", c."backEn",
  ${jsonText(Prisma.sql`c."keyPoints"`)} AS "keyPoints", ${jsonText(Prisma.sql`c."tags"`)} AS "tags", c."sourceLine", d."titleZh", d."titleEn"`;
const STATE_COLUMNS = Prisma.sql`s."due", s."stability", s."difficulty", s."elapsedDays", s."scheduledDays", s."learningSteps", s."reps", s."lapses", s."state", s."lastReview"`;

/**
 * The learner's next due cards that are still in the content: relearning
 * first, then review and learning cards, each oldest due first. Named index:
 * left to itself SQLite takes (learnerId, due) for the range and sorts every
 * due card (150 ms for 50,000) to return four.
 */
async function dueCards(db: Db, learnerId: string, now: Date, take: number): Promise<CardRowWithState[]> {
  return db.$queryRaw<CardRowWithState[]>`
    SELECT ${CARD_COLUMNS}, ${STATE_COLUMNS}
    FROM "CardState" s ${sqlDialect(db).indexedBy("CardState_queue_idx")} JOIN "Card" c ON c."id" = s."cardId" AND c."active" = TRUE JOIN "Deck" d ON d."id" = c."deckId"
    WHERE s."learnerId" = ${learnerId} AND s."due" <= ${now}
    ORDER BY s."state" DESC, s."due" ASC, s."cardId" ASC
    LIMIT ${take}`;
}

/** The next new cards: decks by id, cards in file order, skipping those this learner has graded. */
async function newCards(db: Db, learnerId: string, take: number): Promise<CardRow[]> {
  return db.$queryRaw<CardRow[]>`
    SELECT ${CARD_COLUMNS}
    FROM "Card" c JOIN "Deck" d ON d."id" = c."deckId"
    WHERE c."active" = TRUE AND NOT EXISTS (SELECT 1 FROM "CardState" s WHERE s."learnerId" = ${learnerId} AND s."cardId" = c."id")
    ORDER BY c."deckId" ASC, c."sourceLine" ASC, c."id" ASC
    LIMIT ${take}`;
}

type Counts = { newCardsPerDay: unknown; dueNow: unknown; nextDueAt: Date | string | null; reviewedToday: unknown; introducedToday: unknown };

/** The day's counts in one statement. */
async function counts(db: Db, learnerId: string, now: Date, dayStart: Date): Promise<Counts> {
  const [row] = await db.$queryRaw<Counts[]>`
    SELECT
      (SELECT "newCardsPerDay" FROM "Learner" WHERE "id" = ${learnerId}) AS "newCardsPerDay",
      (SELECT COUNT(*) FROM (SELECT 1 FROM "CardState" s JOIN "Card" c ON c."id" = s."cardId" AND c."active" = TRUE
        WHERE s."learnerId" = ${learnerId} AND s."due" <= ${now} LIMIT ${DUE_COUNT_LIMIT + 1}) AS due) AS "dueNow",
      (SELECT s."due" FROM "CardState" s JOIN "Card" c ON c."id" = s."cardId" AND c."active" = TRUE
        WHERE s."learnerId" = ${learnerId} AND s."due" > ${now} ORDER BY s."due" ASC LIMIT 1) AS "nextDueAt",
      (SELECT COUNT(*) FROM "ReviewLog" WHERE "learnerId" = ${learnerId} AND "review" >= ${dayStart}) AS "reviewedToday",
      (SELECT COUNT(*) FROM "ReviewLog" WHERE "learnerId" = ${learnerId} AND "review" >= ${dayStart} AND "before" IS NULL) AS "introducedToday"`;
  return row!;
}

export async function reviewStatus(db: Db, learnerId: string, now: Date, options: ReviewOptions = {}): Promise<ReviewStatus> {
  const take = 1 + UPCOMING;
  const [day, due] = await Promise.all([counts(db, learnerId, now, startOfDay(now, options.timezoneOffset)), dueCards(db, learnerId, now, take)]);
  const dueNow = Number(day.dueNow);
  const newLeft = Math.max(0, Number(day.newCardsPerDay ?? 20) - Number(day.introducedToday));
  const fresh = due.length < take && newLeft > 0 ? await newCards(db, learnerId, Math.min(newLeft, take - due.length)) : [];
  const [card = null, ...upcoming] = [
    ...due.map((row) => toReviewCard(row, schedulableState(row as SchedulingState, now), now, options)),
    ...fresh.map((row) => toReviewCard(row, null, now, options)),
  ];
  return {
    card,
    upcoming,
    dueNow: Math.min(dueNow, DUE_COUNT_LIMIT),
    dueNowCapped: dueNow > DUE_COUNT_LIMIT,
    newLeft,
    reviewedToday: Number(day.reviewedToday),
    nextDueAt: day.nextDueAt === null ? null : new Date(day.nextDueAt).toISOString(),
  };
}

/** `status` with `card` shown first (undo brings back the card it took the grade from), the rest after it. */
export function showingFirst(status: ReviewStatus, card: ReviewCard | null): ReviewStatus {
  if (!card) return status;
  const rest = [status.card, ...status.upcoming].filter((other): other is ReviewCard => other !== null && other.id !== card.id);
  return { ...status, card, upcoming: rest.slice(0, UPCOMING) };
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
  const rows = await db.$queryRaw<unknown[]>`SELECT 1 FROM "Card" WHERE "id" = ${cardId} AND "active" = TRUE`;
  return rows.length > 0;
}

type GradedCard = { id: string } & { [K in keyof SchedulingState]: SchedulingState[K] | null };

/** Grades a card for this learner at `now` with FSRS, keeping the state before for undo. */
export async function gradeCard(db: Db, learnerId: string, cardId: string, grade: GradeName, now: Date, options: ReviewOptions = {}): Promise<void> {
  // The card (only while it is in the content) and this learner's state of it, in one statement.
  const [existing] = await db.$queryRaw<GradedCard[]>`
    SELECT c."id", ${STATE_COLUMNS}
    FROM "Card" c LEFT JOIN "CardState" s ON s."learnerId" = ${learnerId} AND s."cardId" = c."id"
    WHERE c."id" = ${cardId} AND c."active" = TRUE`;
  if (!existing) throw new ReviewError(`no card "${cardId}"`, 404);
  const before = existing.due === null ? null : schedulableState(existing as SchedulingState, now);
  const { after: a, review: r } = applyGrade(before, grade, now, { fuzz: options.fuzz });
  // Raw statements: Prisma's upsert and create took 18 ms together here, these two take one.
  await atomically(db, [
    db.$executeRaw`
      INSERT INTO "CardState" ("learnerId", "cardId", "due", "stability", "difficulty", "elapsedDays", "scheduledDays", "learningSteps", "reps", "lapses", "state", "lastReview")
      VALUES (${learnerId}, ${cardId}, ${a.due}, ${a.stability}, ${a.difficulty}, ${a.elapsedDays}, ${a.scheduledDays}, ${a.learningSteps}, ${a.reps}, ${a.lapses}, ${a.state}, ${a.lastReview})
      ON CONFLICT ("learnerId", "cardId") DO UPDATE SET "due" = excluded."due", "stability" = excluded."stability", "difficulty" = excluded."difficulty",
        "elapsedDays" = excluded."elapsedDays", "scheduledDays" = excluded."scheduledDays", "learningSteps" = excluded."learningSteps", "reps" = excluded."reps",
        "lapses" = excluded."lapses", "state" = excluded."state", "lastReview" = excluded."lastReview"`,
    db.$executeRaw`
      INSERT INTO "ReviewLog" ("id", "learnerId", "cardId", "rating", "state", "due", "stability", "difficulty", "elapsedDays", "lastElapsedDays", "scheduledDays", "learningSteps", "review", "before", "createdAt")
      VALUES (${newRowId()}, ${learnerId}, ${cardId}, ${r.rating}, ${r.state}, ${r.due}, ${r.stability}, ${r.difficulty}, ${r.elapsedDays}, ${r.lastElapsedDays},
        ${r.scheduledDays}, ${r.learningSteps}, ${r.review}, ${before ? jsonParameter(db, before) : null}, ${new Date()})`,
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
    const before = schedulingStateJsonSchema.safeParse(last.before);
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

/** One card for this learner, with intervals at `now`: what undo shows again. */
export async function reviewCardFor(db: Db, learnerId: string, cardId: string, now: Date, options: ReviewOptions = {}): Promise<ReviewCard | null> {
  const [row] = await db.$queryRaw<(CardRow & { [K in keyof SchedulingState]: SchedulingState[K] | null })[]>`
    SELECT ${CARD_COLUMNS}, ${STATE_COLUMNS}
    FROM "Card" c JOIN "Deck" d ON d."id" = c."deckId" LEFT JOIN "CardState" s ON s."learnerId" = ${learnerId} AND s."cardId" = c."id"
    WHERE c."id" = ${cardId}`;
  if (!row) return null;
  return toReviewCard(row, row.due === null ? null : schedulableState(row as SchedulingState, now), now, options);
}
