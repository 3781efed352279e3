import { createHash } from "node:crypto";
import {
  PROGRESS_FILE_FORMAT,
  PROGRESS_FILE_VERSION,
  type ParsedProgressFile,
  type ProgressFile,
} from "../progress/progress-file";
import type { Prisma } from "./generated/prisma/client";
import type { PrismaClient } from "./prisma-client";
import { DISPLAY_NAME_MAX } from "./profile-store";

/*
 * Export and import of one learner's progress. Import merges and never
 * deletes: a review, answer or session is added unless this learner already
 * has it, and a card keeps whichever scheduling state was reviewed last.
 *
 * "Already has it" means the same id, or the same natural key (a card's
 * review at the same instant, a question answered at the same instant, a
 * session of the same mode started at the same instant): a file exported
 * after an earlier import carries the ids that import gave, and must still
 * add nothing. Ids are kept when free; an id taken by another learner on the
 * same server (the usual case: moving to a new browser) is replaced by one
 * derived from this learner and the original, so a second import finds it again.
 */

type Tx = Prisma.TransactionClient;

const DEFAULT_NEW_CARDS_PER_DAY = 20;

/*
 * The columns a file holds, named one by one: a column added to the schema
 * later must not slip into (or out of) version 1 of the format unnoticed.
 */
const CARD_STATE_FIELDS = {
  cardId: true, due: true, stability: true, difficulty: true, elapsedDays: true, scheduledDays: true,
  learningSteps: true, reps: true, lapses: true, state: true, lastReview: true,
} as const;
const REVIEW_FIELDS = {
  id: true, cardId: true, rating: true, state: true, due: true, stability: true, difficulty: true, elapsedDays: true,
  lastElapsedDays: true, scheduledDays: true, learningSteps: true, review: true, before: true, createdAt: true,
} as const;
const SESSION_FIELDS = { id: true, mode: true, config: true, questions: true, createdAt: true, finishedAt: true } as const;
const ANSWER_FIELDS = {
  id: true, sessionId: true, position: true, questionId: true, kind: true, topics: true, tests: true,
  correct: true, score: true, response: true, createdAt: true,
} as const;

/** Every row of one learner's; `learnerId` null (a first visit) gives a valid, empty file. */
export async function exportProgress(client: PrismaClient, learnerId: string | null, now: Date): Promise<ProgressFile> {
  const [learner, cardStates, reviews, sessions, answers] = learnerId
    ? await Promise.all([
        client.learner.findUnique({ where: { id: learnerId }, select: { displayName: true, newCardsPerDay: true } }),
        client.cardState.findMany({ where: { learnerId }, select: CARD_STATE_FIELDS, orderBy: { cardId: "asc" } }),
        client.reviewLog.findMany({ where: { learnerId }, select: REVIEW_FIELDS, orderBy: [{ review: "asc" }, { id: "asc" }] }),
        client.studySession.findMany({ where: { learnerId }, select: SESSION_FIELDS, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
        client.answer.findMany({ where: { learnerId }, select: ANSWER_FIELDS, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
      ])
    : [null, [], [], [], []];
  return {
    format: PROGRESS_FILE_FORMAT,
    version: PROGRESS_FILE_VERSION,
    exportedAt: now.toISOString(),
    learner: { displayName: learner?.displayName ?? null, newCardsPerDay: learner?.newCardsPerDay ?? DEFAULT_NEW_CARDS_PER_DAY },
    cardStates: cardStates.map((state) => ({ ...state, due: state.due.toISOString(), lastReview: state.lastReview?.toISOString() ?? null })),
    reviews: reviews.map((review) => ({
      ...review,
      due: review.due.toISOString(),
      review: review.review.toISOString(),
      createdAt: review.createdAt.toISOString(),
    })),
    sessions: sessions.map((session) => ({
      ...session,
      createdAt: session.createdAt.toISOString(),
      finishedAt: session.finishedAt?.toISOString() ?? null,
    })),
    answers: answers.map((answer) => ({ ...answer, createdAt: answer.createdAt.toISOString() })),
  };
}

export interface ImportCounts {
  sessions: number;
  answers: number;
  reviews: number;
  cardStates: number;
}

export interface ImportResult {
  /** Rows this learner did not have. */
  added: ImportCounts;
  /** Card states replaced because the file's was reviewed later. */
  updatedCardStates: number;
  /** Rows already present (or, for cards, a state at least as recent). */
  unchanged: ImportCounts;
  /** Profile fields taken from the file: only those still at their defaults here. */
  settings: ("displayName" | "newCardsPerDay")[];
}

export async function importProgress(client: PrismaClient, learnerId: string, file: ParsedProgressFile): Promise<ImportResult> {
  return client.$transaction(
    async (tx) => {
      const sessions = await importSessions(tx, learnerId, file.sessions);
      const answers = await importAnswers(tx, learnerId, file.answers, sessions.ids);
      const reviews = await importReviews(tx, learnerId, file.reviews);
      const cards = await importCardStates(tx, learnerId, file.cardStates);
      const settings = await importSettings(tx, learnerId, file.learner);
      return {
        added: { sessions: sessions.added, answers: answers.added, reviews: reviews.added, cardStates: cards.added },
        updatedCardStates: cards.updated,
        unchanged: {
          sessions: file.sessions.length - sessions.added,
          answers: file.answers.length - answers.added,
          reviews: file.reviews.length - reviews.added,
          cardStates: cards.unchanged,
        },
        settings,
      };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}

/** The id a row from the file gets here: its own when free, else one derived from this learner and it. */
function derivedId(learnerId: string, id: string): string {
  return `i${createHash("sha256").update(`${learnerId}\0${id}`).digest("hex").slice(0, 24)}`;
}

const CHUNK = 500;

/** Which of `ids` exist at all, for any learner (SQLite limits the parameters of one query, hence chunks). */
async function takenIds(ids: string[], find: (chunk: string[]) => Promise<{ id: string }[]>): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < ids.length; i += CHUNK) for (const row of await find(ids.slice(i, i + CHUNK))) taken.add(row.id);
  return taken;
}

/**
 * Splits file rows into those this learner has (by id or natural key) and
 * new ones with the id each will get. `mine` maps both ids and natural keys
 * of this learner's rows to their ids.
 */
function plan<T extends { id: string }>(
  learnerId: string,
  rows: readonly T[],
  mine: ReadonlyMap<string, string>,
  naturalKey: (row: T) => string,
  taken: ReadonlySet<string>,
): { existing: Map<string, string>; fresh: { row: T; id: string }[] } {
  const existing = new Map<string, string>();
  const fresh: { row: T; id: string }[] = [];
  for (const row of rows) {
    const found = mine.get(`id:${row.id}`) ?? mine.get(`id:${derivedId(learnerId, row.id)}`) ?? mine.get(`key:${naturalKey(row)}`);
    if (found) existing.set(row.id, found);
    else fresh.push({ row, id: taken.has(row.id) ? derivedId(learnerId, row.id) : row.id });
  }
  return { existing, fresh };
}

function index<T extends { id: string }>(rows: readonly T[], naturalKey: (row: T) => string): Map<string, string> {
  const map = new Map<string, string>();
  for (const row of rows) map.set(`id:${row.id}`, row.id).set(`key:${naturalKey(row)}`, row.id);
  return map;
}

type FileSession = ParsedProgressFile["sessions"][number];
type FileAnswer = ParsedProgressFile["answers"][number];
type FileReview = ParsedProgressFile["reviews"][number];
type FileCardState = ParsedProgressFile["cardStates"][number];

const sessionKey = (s: { mode: string; createdAt: Date }) => `${s.mode}|${s.createdAt.toISOString()}`;
const answerKey = (a: { questionId: string; createdAt: Date }) => `${a.questionId}|${a.createdAt.toISOString()}`;
const reviewKey = (r: { cardId: string; review: Date }) => `${r.cardId}|${r.review.toISOString()}`;

/** Adds new sessions; returns the id here of every session in the file, for the answers that point at them. */
async function importSessions(tx: Tx, learnerId: string, sessions: readonly FileSession[]) {
  const mine = index(await tx.studySession.findMany({ where: { learnerId }, select: { id: true, mode: true, createdAt: true } }), sessionKey);
  const taken = await takenIds(sessions.map((s) => s.id), (ids) => tx.studySession.findMany({ where: { id: { in: ids } }, select: { id: true } }));
  const { existing, fresh } = plan(learnerId, sessions, mine, sessionKey, taken);
  if (fresh.length > 0) await tx.studySession.createMany({ data: fresh.map(({ row, id }) => ({ ...row, id, learnerId })) });
  const ids = new Map(existing);
  for (const { row, id } of fresh) ids.set(row.id, id);
  return { ids, added: fresh.length };
}

async function importAnswers(tx: Tx, learnerId: string, answers: readonly FileAnswer[], sessionIds: ReadonlyMap<string, string>) {
  const mine = index(await tx.answer.findMany({ where: { learnerId }, select: { id: true, questionId: true, createdAt: true } }), answerKey);
  const taken = await takenIds(answers.map((a) => a.id), (ids) => tx.answer.findMany({ where: { id: { in: ids } }, select: { id: true } }));
  const { fresh } = plan(learnerId, answers, mine, answerKey, taken);
  if (fresh.length > 0) {
    await tx.answer.createMany({
      data: fresh.map(({ row, id }) => ({ ...row, id, learnerId, sessionId: row.sessionId === null ? null : (sessionIds.get(row.sessionId) ?? null) })),
    });
  }
  return { added: fresh.length };
}

async function importReviews(tx: Tx, learnerId: string, reviews: readonly FileReview[]) {
  const mine = index(await tx.reviewLog.findMany({ where: { learnerId }, select: { id: true, cardId: true, review: true } }), reviewKey);
  const taken = await takenIds(reviews.map((r) => r.id), (ids) => tx.reviewLog.findMany({ where: { id: { in: ids } }, select: { id: true } }));
  const { fresh } = plan(learnerId, reviews, mine, reviewKey, taken);
  // createdAt orders undo (the latest grade given here); a file without it falls back to the review time.
  if (fresh.length > 0) {
    await tx.reviewLog.createMany({ data: fresh.map(({ row, id }) => ({ ...row, id, learnerId, createdAt: row.createdAt ?? row.review })) });
  }
  return { added: fresh.length };
}

/** A card keeps the state with the later lastReview; a never-reviewed state (null) is the earliest; a tie keeps ours. */
async function importCardStates(tx: Tx, learnerId: string, states: readonly FileCardState[]) {
  const mine = new Map((await tx.cardState.findMany({ where: { learnerId }, select: { cardId: true, lastReview: true } })).map((s) => [s.cardId, s.lastReview]));
  const time = (date: Date | null | undefined) => date?.getTime() ?? Number.NEGATIVE_INFINITY;
  const added = states.filter((state) => !mine.has(state.cardId));
  const updated = states.filter((state) => mine.has(state.cardId) && time(state.lastReview) > time(mine.get(state.cardId)));
  if (added.length > 0) await tx.cardState.createMany({ data: added.map((state) => ({ ...state, learnerId })) });
  for (const { cardId, ...state } of updated) {
    await tx.cardState.update({ where: { learnerId_cardId: { learnerId, cardId } }, data: state });
  }
  return { added: added.length, updated: updated.length, unchanged: states.length - added.length - updated.length };
}

async function importSettings(tx: Tx, learnerId: string, settings: ParsedProgressFile["learner"]): Promise<ImportResult["settings"]> {
  const learner = await tx.learner.findUniqueOrThrow({ where: { id: learnerId }, select: { displayName: true, newCardsPerDay: true } });
  const data: { displayName?: string; newCardsPerDay?: number } = {};
  const name = [...(settings.displayName?.trim() ?? "")].slice(0, DISPLAY_NAME_MAX).join("");
  if (learner.displayName === null && name) data.displayName = name;
  if (learner.newCardsPerDay === DEFAULT_NEW_CARDS_PER_DAY && settings.newCardsPerDay !== DEFAULT_NEW_CARDS_PER_DAY) {
    data.newCardsPerDay = settings.newCardsPerDay;
  }
  if (Object.keys(data).length > 0) await tx.learner.update({ where: { id: learnerId }, data });
  return Object.keys(data) as ImportResult["settings"];
}
